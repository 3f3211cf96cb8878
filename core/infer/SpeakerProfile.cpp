#include "core/infer/SpeakerProfile.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/audio/AudioReader.h"
#include "core/audio/Resampler.h"
#include "core/common/AtomicFile.h"
#include "core/dsp/FeatureExtractor.h"
#include "core/infer/SpeechGate.h"
#include "core/model/ModelBundle.h"

namespace emo {

namespace {

std::vector<std::string> kindNames(const ModelBundle& model) {
  std::vector<std::string> names;
  for (FeatureKind k : model.featureKinds()) names.push_back(featureName(k));
  return names;
}

/// Stacked model input of one recording and its count of gated speech frames.
Result<std::pair<Matrix, int>> framesOf(const ModelBundle& model, const AudioBuffer& audio, const StreamParams& gp) {
  const FeatureParams& fp = model.featureParams();
  std::vector<float> x = audio.samples;
  if (audio.sampleRate != fp.sampleRate) {
    Result<std::vector<float>> r = resample(audio.samples, audio.sampleRate, fp.sampleRate);
    if (!r) return Error{r.error()};
    x = std::move(r.value());
  }
  std::vector<FeatureKind> kinds = model.featureKinds();
  kinds.push_back(FeatureKind::Rms);
  FeatureExtractor fx(fp);
  const FeatureSet fs = fx.compute(x.data(), x.size(), kinds);
  Result<Matrix> stacked = stackModelInput(fs, model.featureKinds());
  if (!stacked) return Error{stacked.error()};
  const int speech = fs.frames > 0 ? SpeechGate::countSpeech(fs.get(FeatureKind::Rms), gp.gateDb, gp.noiseMarginDb,
                                                            double(fp.hopLength) / fp.sampleRate)
                                   : 0;
  return std::make_pair(std::move(stacked.value()), speech);
}

}  // namespace

std::string SpeakerProfile::toJson() const {
  nlohmann::json j;
  j["format"] = "emoscope-speaker-profile";
  j["version"] = 1;
  j["name"] = name;
  j["model_type"] = modelType;
  j["feature_kinds"] = featureKinds;
  j["feature_params"] = nlohmann::json::parse(featureParamsJson);
  j["speech_seconds"] = speechSeconds;
  j["stats"] = nlohmann::json::parse(stats.toJson());
  return j.dump(1);
}

Result<SpeakerProfile> SpeakerProfile::fromJson(const std::string& text) {
  const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return fail("not a speaker profile (invalid JSON)");
  SpeakerProfile p;
  try {
    if (!j.contains("stats") || !j.contains("feature_kinds") || !j.contains("feature_params"))
      return fail("not a speaker profile (missing stats, feature_kinds or feature_params)");
    p.name = j.value("name", std::string());
    p.modelType = j.value("model_type", std::string());
    p.featureKinds = j.at("feature_kinds").get<std::vector<std::string>>();
    Result<FeatureParams> fp = FeatureParams::fromJson(j.at("feature_params").dump());
    if (!fp) return fail("speaker profile: " + fp.error());
    p.featureParamsJson = fp->toJson();
    p.speechSeconds = j.value("speech_seconds", 0.0);
  } catch (const std::exception& e) {
    return fail(std::string("speaker profile: ") + e.what());
  }
  Result<NormStats> stats = NormStats::fromJson(j.at("stats").dump());
  if (!stats) return fail("speaker profile: " + stats.error());
  p.stats = std::move(stats.value());
  return p;
}

SpeakerStatsAccumulator::SpeakerStatsAccumulator(const ModelBundle& model, StreamParams gate)
    : model_(model), gate_(gate) {}

Status SpeakerStatsAccumulator::add(const AudioBuffer& recording) {
  if (recording.samples.empty()) return success();
  auto r = framesOf(model_, recording, gate_);
  if (!r) return Error{r.error()};
  moments_.add(r->first);
  speechFrames_ += r->second;
  return success();
}

double SpeakerStatsAccumulator::speechSeconds() const {
  const FeatureParams& fp = model_.featureParams();
  return double(speechFrames_) * fp.hopLength / fp.sampleRate;
}

NormStats SpeakerStatsAccumulator::stats() const { return moments_.stats(); }

Result<NormStats> speakerStatsOfFiles(const ModelBundle& model, const std::vector<std::string>& files,
                                      const StreamParams& gate) {
  SpeakerStatsAccumulator speech(model, gate);  // one file in memory at a time
  ReadOptions ro;
  ro.targetRate = model.featureParams().sampleRate;
  for (const std::string& f : files)
    if (Result<AudioBuffer> a = readAudioMono(f, ro))
      if (Status ok = speech.add(a.value()); !ok) return Error{ok.error()};
  if (speech.speechSeconds() < kMinCalibrationSpeechSeconds) {
    char msg[160];
    std::snprintf(msg, sizeof msg, "the files hold only %.1f s of speech; a speaker's statistics need %.0f s",
                  speech.speechSeconds(), kMinCalibrationSpeechSeconds);
    return fail(msg);
  }
  return speech.stats();
}

Result<SpeakerProfile> makeSpeakerProfile(const std::string& name, const ModelBundle& model,
                                          const std::vector<AudioBuffer>& recordings, const StreamParams& gate) {
  SpeakerStatsAccumulator acc(model, gate);
  for (const AudioBuffer& a : recordings)
    if (Status ok = acc.add(a); !ok) return Error{ok.error()};
  const double speechSeconds = acc.speechSeconds();
  if (speechSeconds < kMinCalibrationSpeechSeconds) {
    char msg[200];
    std::snprintf(msg, sizeof msg,
                  "only %.1f s of speech were found in the calibration recording (%.0f s needed); "
                  "speak louder or closer to the microphone and record again",
                  speechSeconds, kMinCalibrationSpeechSeconds);
    return fail(msg);
  }
  SpeakerProfile p;
  p.name = name;
  p.modelType = model.modelType();
  p.featureKinds = kindNames(model);
  p.featureParamsJson = model.featureParams().toJson();
  p.speechSeconds = speechSeconds;
  p.stats = acc.stats();
  return p;
}

Status checkProfileForModel(const SpeakerProfile& profile, const ModelBundle& model) {
  if (profile.featureKinds != kindNames(model))
    return fail("speaker profile \"" + profile.name + "\" was made for a model with other input features; calibrate again");
  Result<FeatureParams> fp = FeatureParams::fromJson(profile.featureParamsJson);
  if (!fp || *fp != model.featureParams())
    return fail("speaker profile \"" + profile.name + "\" was made with other feature parameters; calibrate again");
  if (profile.stats.dim() != model.info().inputDim)
    return fail("speaker profile \"" + profile.name + "\" has " + std::to_string(profile.stats.dim()) +
                " columns, the model needs " + std::to_string(model.info().inputDim));
  return success();
}

Status saveSpeakerProfile(const std::string& path, const SpeakerProfile& profile) {
  std::error_code ec;
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  if (ec) return fail("cannot create the profile folder " + parent.string() + ": " + ec.message());
  return writeFileAtomically(path, profile.toJson());
}

Result<SpeakerProfile> loadSpeakerProfile(const std::string& path) {
  Result<std::string> text = readFileBytes(path);
  if (!text) return Error{text.error()};
  Result<SpeakerProfile> p = SpeakerProfile::fromJson(*text);
  if (!p) return fail(path + ": " + p.error());
  return p;
}

Result<NormStats> loadProfileStatsForModel(const std::string& path, const ModelBundle& model) {
  Result<SpeakerProfile> p = loadSpeakerProfile(path);
  if (!p) return Error{p.error()};
  if (Status ok = checkProfileForModel(*p, model); !ok) return Error{ok.error()};
  return p->stats;
}

std::string defaultProfileFolder() {
  if (const char* dir = std::getenv("EMO_PROFILE_DIR"); dir && *dir) return dir;
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) return std::string(xdg) + "/emoscope/profiles";
  const char* home = std::getenv("HOME");
  return std::string(home && *home ? home : ".") + "/.local/share/emoscope/profiles";
}

std::vector<std::string> listSpeakerProfiles(const std::string& folder) {
  const std::string suffix = profileSuffix();
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
    const std::string f = entry.path().filename().string();
    if (entry.is_regular_file(ec) && f.size() > suffix.size() &&
        f.compare(f.size() - suffix.size(), suffix.size(), suffix) == 0)
      names.push_back(f.substr(0, f.size() - suffix.size()));
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string profilePath(const std::string& nameOrPath) {
  const bool isPath = nameOrPath.find('/') != std::string::npos ||
                      (nameOrPath.size() > 5 && nameOrPath.compare(nameOrPath.size() - 5, 5, ".json") == 0);
  return isPath ? nameOrPath : defaultProfileFolder() + "/" + nameOrPath + profileSuffix();
}

}  // namespace emo
