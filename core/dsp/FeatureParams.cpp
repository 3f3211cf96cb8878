// FeatureParams: validation, JSON round trip and presets.
#include "core/dsp/FeatureParams.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/common/AtomicFile.h"

namespace emo {
namespace {

using nlohmann::json;

// One entry per field: how to write it and how to read it (with a type check).
struct Field {
  std::function<void(const FeatureParams&, json&)> put;
  std::function<Status(FeatureParams&, const json&)> get;
};

template <class T>
Field intField(const char* key, T FeatureParams::*member) {
  return {[=](const FeatureParams& p, json& j) { j[key] = p.*member; },
          [=](FeatureParams& p, const json& v) -> Status {
            if (!v.is_number_integer()) return fail(std::string("'") + key + "' must be an integer");
            // No llabs(): it is undefined for the JSON integer -9223372036854775808.
            if (v.is_number_unsigned() ? v.get<unsigned long long>() > 1000000000ULL
                                       : v.get<long long>() > 1000000000LL || v.get<long long>() < -1000000000LL)
              return fail(std::string("'") + key + "' is out of range");
            p.*member = v.get<T>();
            return success();
          }};
}

Field floatField(const char* key, float FeatureParams::*member) {
  return {[=](const FeatureParams& p, json& j) { j[key] = p.*member; },
          [=](FeatureParams& p, const json& v) -> Status {
            if (!v.is_number()) return fail(std::string("'") + key + "' must be a number");
            if (std::fabs(v.get<double>()) > 3.0e38) return fail(std::string("'") + key + "' is out of range");
            p.*member = v.get<float>();
            return success();
          }};
}

Field boolField(const char* key, bool FeatureParams::*member) {
  return {[=](const FeatureParams& p, json& j) { j[key] = p.*member; },
          [=](FeatureParams& p, const json& v) -> Status {
            if (!v.is_boolean()) return fail(std::string("'") + key + "' must be true or false");
            p.*member = v.get<bool>();
            return success();
          }};
}

const std::vector<std::pair<std::string, Field>>& fields() {
  static const std::vector<std::pair<std::string, Field>> f = {
      {"sampleRate", intField("sampleRate", &FeatureParams::sampleRate)},
      {"nFft", intField("nFft", &FeatureParams::nFft)},
      {"winLength", intField("winLength", &FeatureParams::winLength)},
      {"hopLength", intField("hopLength", &FeatureParams::hopLength)},
      {"center", boolField("center", &FeatureParams::center)},
      {"nMels", intField("nMels", &FeatureParams::nMels)},
      {"fmin", floatField("fmin", &FeatureParams::fmin)},
      {"fmax", floatField("fmax", &FeatureParams::fmax)},
      {"amin", floatField("amin", &FeatureParams::amin)},
      {"topDb", floatField("topDb", &FeatureParams::topDb)},
      {"nMfcc", intField("nMfcc", &FeatureParams::nMfcc)},
      {"deltaWidth", intField("deltaWidth", &FeatureParams::deltaWidth)},
      {"nChroma", intField("nChroma", &FeatureParams::nChroma)},
      {"tuning", floatField("tuning", &FeatureParams::tuning)},
      {"f0Min", floatField("f0Min", &FeatureParams::f0Min)},
      {"f0Max", floatField("f0Max", &FeatureParams::f0Max)},
      {"f0FrameLength", intField("f0FrameLength", &FeatureParams::f0FrameLength)},
      {"yinThreshold", floatField("yinThreshold", &FeatureParams::yinThreshold)},
  };
  return f;
}

std::string num(double v) {
  std::ostringstream s;
  s << v;
  return s.str();
}

}  // namespace

Status FeatureParams::validate() const {
  auto bad = [](const std::string& m) -> Status { return fail("feature parameters: " + m); };
  if (sampleRate < 1000 || sampleRate > 384000) return bad("sampleRate " + num(sampleRate) + " outside 1000..384000 Hz");
  if (nFft < 16 || nFft > 65536) return bad("nFft " + num(nFft) + " outside 16..65536");
  if (nFft % 2 != 0) return bad("nFft " + num(nFft) + " must be even");
  if (winLength < 2 || winLength > nFft) return bad("winLength " + num(winLength) + " must be in 2..nFft (" + num(nFft) + ")");
  if (hopLength < 1) return bad("hopLength " + num(hopLength) + " must be positive");
  if (nMels < 1 || nMels > 1024) return bad("nMels " + num(nMels) + " outside 1..1024");
  if (!(fmin >= 0.0f)) return bad("fmin " + num(fmin) + " must be >= 0");
  if (!std::isfinite(fmax)) return bad("fmax must be finite");
  if (effectiveFmax() > sampleRate / 2.0f) return bad("fmax " + num(fmax) + " above Nyquist (" + num(sampleRate / 2.0) + " Hz)");
  if (!(fmin < effectiveFmax())) return bad("fmin " + num(fmin) + " must be below fmax " + num(effectiveFmax()));
  if (!(amin > 0.0f) || !std::isfinite(amin)) return bad("amin " + num(amin) + " must be positive");
  if (!(topDb >= 0.0f)) return bad("topDb " + num(topDb) + " must be >= 0 (0 disables)");
  if (nMfcc < 1 || nMfcc > nMels) return bad("nMfcc " + num(nMfcc) + " must be in 1..nMels (" + num(nMels) + ")");
  if (deltaWidth < 3 || deltaWidth % 2 == 0) return bad("deltaWidth " + num(deltaWidth) + " must be odd and >= 3");
  if (nChroma < 1 || nChroma > 120) return bad("nChroma " + num(nChroma) + " outside 1..120");
  if (!(tuning >= -0.5f && tuning <= 0.5f)) return bad("tuning " + num(tuning) + " outside -0.5..0.5 bins");
  if (!(f0Min > 0.0f) || !(f0Max > f0Min) || f0Max > sampleRate / 2.0f)
    return bad("f0 range " + num(f0Min) + ".." + num(f0Max) + " Hz must satisfy 0 < f0Min < f0Max <= Nyquist");
  const double longestPeriod = std::ceil(sampleRate / double(f0Min));
  if (f0FrameLength < 2 * longestPeriod + 2 || f0FrameLength > 1 << 16)
    return bad("f0FrameLength " + num(f0FrameLength) + " must hold two periods of f0Min (>= " + num(2 * longestPeriod + 2) +
               ") and be at most 65536");
  if (!(yinThreshold > 0.0f && yinThreshold < 1.0f)) return bad("yinThreshold " + num(yinThreshold) + " must be in (0, 1)");
  return success();
}

std::string FeatureParams::toJson() const {
  json j = json::object();
  for (const auto& [key, field] : fields()) field.put(*this, j);
  return j.dump(2);
}

Result<FeatureParams> FeatureParams::fromJson(const std::string& text) {
  json j;
  try {
    j = json::parse(text);
  } catch (const std::exception& e) {
    return fail(std::string("feature parameters: not valid JSON (") + e.what() + ")");
  }
  if (!j.is_object()) return fail("feature parameters: expected a JSON object");
  FeatureParams p;
  for (auto it = j.begin(); it != j.end(); ++it) {
    const Field* field = nullptr;
    for (const auto& [key, f] : fields())
      if (key == it.key()) field = &f;
    if (!field) return fail("feature parameters: unknown key '" + it.key() + "'");
    Status s = field->get(p, it.value());
    if (!s) return fail("feature parameters: " + s.error());
  }
  return p;
}

Result<FeatureParams> FeatureParams::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(path + ": cannot open feature parameter file");
  std::stringstream ss;
  ss << in.rdbuf();
  auto p = fromJson(ss.str());
  if (!p) return fail(path + ": " + p.error());
  return p;
}

Status FeatureParams::save(const std::string& path) const {
  return writeFileAtomically(path, toJson() + "\n");
}

std::vector<std::string> FeatureParams::presetNames() { return {"default", "mfcc13", "logmel80", "wideband"}; }

Result<FeatureParams> FeatureParams::preset(const std::string& name) {
  FeatureParams p;
  if (name == "default") return p;
  if (name == "mfcc13") {
    p.nMfcc = 13;
    p.nMels = 40;
    return p;
  }
  if (name == "logmel80") {
    p.nMels = 80;
    return p;
  }
  if (name == "wideband") {
    p.nFft = 1024;
    p.winLength = 512;
    p.nMels = 128;
    return p;
  }
  std::string names;
  for (const auto& n : presetNames()) names += (names.empty() ? "" : ", ") + n;
  return fail("unknown feature preset '" + name + "' (known: " + names + ")");
}

bool FeatureParams::operator==(const FeatureParams& o) const {
  return sampleRate == o.sampleRate && nFft == o.nFft && winLength == o.winLength &&
         hopLength == o.hopLength && center == o.center && nMels == o.nMels && fmin == o.fmin &&
         fmax == o.fmax && amin == o.amin && topDb == o.topDb && nMfcc == o.nMfcc &&
         deltaWidth == o.deltaWidth && nChroma == o.nChroma && tuning == o.tuning &&
         f0Min == o.f0Min && f0Max == o.f0Max && f0FrameLength == o.f0FrameLength &&
         yinThreshold == o.yinThreshold;
}

}  // namespace emo
