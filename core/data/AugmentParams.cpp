// AugmentParams: JSON round trip, validation and presets.
#include <tuple>

#include <nlohmann/json.hpp>

#include "core/data/Augmenter.h"

namespace emo {
namespace {

using nlohmann::json;

Status validate(const AugmentParams& p) {
  auto bad = [](const std::string& what) { return fail("augmentation parameters: " + what); };
  if (!(p.probability >= 0.0f && p.probability <= 1.0f)) return bad("probability must be in [0, 1]");
  if (!(p.gainDbMin <= p.gainDbMax)) return bad("gainDbMin must not exceed gainDbMax");
  if (!(p.snrDbMin <= p.snrDbMax)) return bad("snrDbMin must not exceed snrDbMax");
  if (!(p.babbleSnrDbMin <= p.babbleSnrDbMax)) return bad("babbleSnrDbMin must not exceed babbleSnrDbMax");
  if (!(p.rt60Min > 0.0f && p.rt60Min <= p.rt60Max && p.rt60Max <= 3.0f))
    return bad("reverberation time must satisfy 0 < rt60Min <= rt60Max <= 3 s");
  if (!(p.drrDbMin <= p.drrDbMax)) return bad("drrDbMin must not exceed drrDbMax");
  if (!(p.maxShiftSeconds >= 0.0f && p.maxShiftSeconds <= 10.0f)) return bad("maxShiftSeconds must be in [0, 10]");
  if (!(p.speedMin > 0.0f && p.speedMin <= p.speedMax && p.speedMax <= 4.0f))
    return bad("speed range must satisfy 0 < speedMin <= speedMax <= 4");
  if (!(p.pitchSemitones >= 0.0f && p.pitchSemitones <= 24.0f)) return bad("pitchSemitones must be in [0, 24]");
  if (p.freqMasks < 0 || p.freqMaskWidth < 0 || p.timeMasks < 0 || p.timeMaskWidth < 0)
    return bad("mask counts and widths must not be negative");
  return success();
}

}  // namespace

std::string AugmentParams::toJson() const {
  json j = {{"probability", probability}, {"gain", gain},           {"gainDbMin", gainDbMin},
            {"gainDbMax", gainDbMax},     {"noise", noise},         {"snrDbMin", snrDbMin},
            {"snrDbMax", snrDbMax},       {"brownNoise", brownNoise}, {"babble", babble},
            {"babbleSnrDbMin", babbleSnrDbMin}, {"babbleSnrDbMax", babbleSnrDbMax},
            {"timeShift", timeShift}, {"maxShiftSeconds", maxShiftSeconds},
            {"speed", speed},             {"speedMin", speedMin},   {"speedMax", speedMax},
            {"pitch", pitch},             {"pitchSemitones", pitchSemitones},
            {"bandLimit", bandLimit},     {"reverb", reverb},       {"rt60Min", rt60Min},
            {"rt60Max", rt60Max},         {"drrDbMin", drrDbMin},   {"drrDbMax", drrDbMax},
            {"channel", channel},         {"codec", codec},         {"specAugment", specAugment},
            {"freqMasks", freqMasks},     {"freqMaskWidth", freqMaskWidth},
            {"timeMasks", timeMasks},     {"timeMaskWidth", timeMaskWidth}};
  return j.dump(2);
}

Result<AugmentParams> AugmentParams::fromJson(const std::string& text) {
  AugmentParams p;
  try {
    const json j = json::parse(text);
    if (!j.is_object()) return fail("augmentation parameters: expected a JSON object");
    for (const auto& item : j.items()) {
      // Plain references, not a structured binding: lambdas may not capture those before C++20
      // (clang refuses; the fuzz and sanitizer builds use clang).
      const std::string& key = item.key();
      const json& value = item.value();
      auto num = [&](float& f) {
        if (!value.is_number()) throw std::invalid_argument("'" + key + "' must be a number");
        f = value.get<float>();
      };
      auto integer = [&](int& i) {
        if (!value.is_number_integer()) throw std::invalid_argument("'" + key + "' must be an integer");
        i = value.get<int>();
      };
      auto flag = [&](bool& b) {
        if (!value.is_boolean()) throw std::invalid_argument("'" + key + "' must be true or false");
        b = value.get<bool>();
      };
      if (key == "probability") num(p.probability);
      else if (key == "gain") flag(p.gain);
      else if (key == "gainDbMin") num(p.gainDbMin);
      else if (key == "gainDbMax") num(p.gainDbMax);
      else if (key == "noise") flag(p.noise);
      else if (key == "snrDbMin") num(p.snrDbMin);
      else if (key == "snrDbMax") num(p.snrDbMax);
      else if (key == "brownNoise") flag(p.brownNoise);
      else if (key == "babble") flag(p.babble);
      else if (key == "babbleSnrDbMin") num(p.babbleSnrDbMin);
      else if (key == "babbleSnrDbMax") num(p.babbleSnrDbMax);
      else if (key == "timeShift") flag(p.timeShift);
      else if (key == "maxShiftSeconds") num(p.maxShiftSeconds);
      else if (key == "speed") flag(p.speed);
      else if (key == "speedMin") num(p.speedMin);
      else if (key == "speedMax") num(p.speedMax);
      else if (key == "pitch") flag(p.pitch);
      else if (key == "pitchSemitones") num(p.pitchSemitones);
      else if (key == "bandLimit") flag(p.bandLimit);
      else if (key == "reverb") flag(p.reverb);
      else if (key == "rt60Min") num(p.rt60Min);
      else if (key == "rt60Max") num(p.rt60Max);
      else if (key == "drrDbMin") num(p.drrDbMin);
      else if (key == "drrDbMax") num(p.drrDbMax);
      else if (key == "channel") flag(p.channel);
      else if (key == "codec") flag(p.codec);
      else if (key == "specAugment") flag(p.specAugment);
      else if (key == "freqMasks") integer(p.freqMasks);
      else if (key == "freqMaskWidth") integer(p.freqMaskWidth);
      else if (key == "timeMasks") integer(p.timeMasks);
      else if (key == "timeMaskWidth") integer(p.timeMaskWidth);
      else throw std::invalid_argument("unknown key '" + key + "'");
    }
  } catch (const std::exception& e) {
    return fail(std::string("augmentation parameters: ") + e.what());
  }
  if (Status ok = validate(p); !ok) return Error{ok.error()};
  return p;
}

namespace {

// One named preset (no '+').
Result<AugmentParams> singlePreset(const std::string& name) {
  AugmentParams p;
  if (name == "none") return p;
  if (name == "light") {
    p.gain = p.noise = p.timeShift = true;
    p.gainDbMin = -6.0f;
    p.gainDbMax = 6.0f;
    p.snrDbMin = 15.0f;
    return p;
  }
  if (name == "voice") {  // other voices: speaking rate and vocal pitch, no channel effects
    p.speed = p.pitch = true;
    return p;
  }
  if (name == "robust") {
    p.gain = p.noise = p.timeShift = p.speed = p.pitch = p.bandLimit = p.reverb = p.specAugment = true;
    return p;
  }
  // Single effects (robust's parts keep robust's ranges).
  if (name == "gain") p.gain = true;
  else if (name == "noise") p.noise = p.brownNoise = true;
  else if (name == "babble") p.babble = true;
  else if (name == "shift") p.timeShift = true;
  else if (name == "speed") p.speed = true;
  else if (name == "pitch") p.pitch = true;
  else if (name == "bandlimit") p.bandLimit = true;
  else if (name == "band") p.channel = true;
  else if (name == "reverb3") p.reverb = true;
  else if (name == "reverb") std::tie(p.reverb, p.drrDbMin, p.drrDbMax) = std::tuple(true, 0.0f, 12.0f);
  else if (name == "codec") p.codec = true;
  else if (name == "specaug") p.specAugment = true;
  else
    return fail("unknown augmentation preset '" + name +
                "' (none, light, voice, robust, gain, noise, babble, shift, speed, pitch, bandlimit, band, reverb, "
                "reverb3, codec, specaug, or several joined by '+')");
  return p;
}

// Adds q's enabled effects, with q's ranges, to p.
void addEffects(AugmentParams& p, const AugmentParams& q) {
  if (q.gain) std::tie(p.gain, p.gainDbMin, p.gainDbMax) = std::tuple(true, q.gainDbMin, q.gainDbMax);
  if (q.noise) std::tie(p.noise, p.snrDbMin, p.snrDbMax, p.brownNoise) = std::tuple(true, q.snrDbMin, q.snrDbMax, q.brownNoise);
  if (q.babble) std::tie(p.babble, p.babbleSnrDbMin, p.babbleSnrDbMax) = std::tuple(true, q.babbleSnrDbMin, q.babbleSnrDbMax);
  if (q.timeShift) std::tie(p.timeShift, p.maxShiftSeconds) = std::tuple(true, q.maxShiftSeconds);
  if (q.speed) std::tie(p.speed, p.speedMin, p.speedMax) = std::tuple(true, q.speedMin, q.speedMax);
  if (q.pitch) std::tie(p.pitch, p.pitchSemitones) = std::tuple(true, q.pitchSemitones);
  p.bandLimit = p.bandLimit || q.bandLimit;
  if (q.reverb)
    std::tie(p.reverb, p.rt60Min, p.rt60Max, p.drrDbMin, p.drrDbMax) = std::tuple(true, q.rt60Min, q.rt60Max, q.drrDbMin, q.drrDbMax);
  p.channel = p.channel || q.channel;
  p.codec = p.codec || q.codec;
  if (q.specAugment)
    std::tie(p.specAugment, p.freqMasks, p.freqMaskWidth, p.timeMasks, p.timeMaskWidth) =
        std::tuple(true, q.freqMasks, q.freqMaskWidth, q.timeMasks, q.timeMaskWidth);
}

}  // namespace

Result<AugmentParams> AugmentParams::preset(const std::string& name) {
  AugmentParams p;
  std::size_t start = 0;
  while (true) {
    const std::size_t plus = name.find('+', start);
    auto one = singlePreset(name.substr(start, plus == std::string::npos ? std::string::npos : plus - start));
    if (!one) return one;
    addEffects(p, one.value());
    if (plus == std::string::npos) return p;
    start = plus + 1;
  }
}

}  // namespace emo
