#include "core/model/ModelInfo.h"

#include <algorithm>
#include <cmath>

#include "core/common/JsonInt.h"
#include "core/model/ModelSpec.h"

namespace emo {

bool isUncertain(const ModelInfo& info, const std::vector<float>& probs) {
  return !probs.empty() && *std::max_element(probs.begin(), probs.end()) < info.uncertainBelow;
}

int featureKindColumns(FeatureKind kind, const FeatureParams& p) {
  switch (kind) {
    case FeatureKind::PowerSpec: return p.bins();
    case FeatureKind::MelPower:
    case FeatureKind::LogMelDb:
    case FeatureKind::Pcen: return p.nMels;
    case FeatureKind::Mfcc:
    case FeatureKind::MfccDelta:
    case FeatureKind::MfccDelta2: return p.nMfcc;
    case FeatureKind::Chroma: return p.nChroma;
    case FeatureKind::F0: return 2;
    default: return 1;
  }
}

std::string ModelInfo::toJson() const {
  nlohmann::json kinds = nlohmann::json::array();
  for (FeatureKind k : featureKinds) kinds.push_back(featureName(k));
  nlohmann::json j;
  j["format_version"] = formatVersion;
  j["model_type"] = modelType;
  j["labels"] = labels;
  j["schema"] = schema;
  j["feature_params"] = nlohmann::json::parse(featureParams.toJson());
  j["feature_kinds"] = kinds;
  j["input_dim"] = inputDim;
  j["normalisation"] = {{"mode", normModeName(normMode)}, {"mean", normStats.mean}, {"std", normStats.std}};
  j["architecture"] = architecture;
  j["hyperparameters"] = hyperparameters;
  j["training_data"] = trainingData;
  j["metrics"] = metrics;
  j["parameters"] = parameterCount;
  j["weights_file"] = weightsFile;
  j["weights_fnv1a64"] = std::to_string(weightsHash);
  j["weights_bytes"] = weightsBytes;
  j["created"] = created;
  j["calibration"] = {{"temperature", temperature}, {"uncertain_below", uncertainBelow}};
  return j.dump(2);
}

Result<ModelInfo> ModelInfo::fromJson(const std::string& text) {
  ModelInfo m;
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const std::exception& e) {
    return fail(std::string("not valid JSON: ") + e.what());
  }
  if (!j.is_object()) return fail("expected a JSON object");
  try {
    for (const char* key : {"format_version", "model_type", "labels", "feature_params", "feature_kinds", "input_dim",
                            "normalisation", "architecture", "weights_file"})
      if (!j.contains(key)) return fail(std::string("missing key '") + key + "'");
    m.formatVersion = jsonInt<int>(j.at("format_version"), "format_version");
    if (m.formatVersion != kFormatVersion)
      return fail("format_version " + std::to_string(m.formatVersion) + " is not supported (this build reads " +
                  std::to_string(kFormatVersion) + ")");
    m.modelType = j.at("model_type").get<std::string>();
    m.labels = j.at("labels").get<std::vector<std::string>>();
    if (m.labels.size() < 2) return fail("'labels' needs at least 2 classes");
    m.schema = j.value("schema", std::string());
    auto fp = FeatureParams::fromJson(j.at("feature_params").dump());
    if (!fp) return fail("feature_params: " + fp.error());
    if (auto ok = fp->validate(); !ok) return fail("feature_params: " + ok.error());
    m.featureParams = fp.value();
    int cols = 0;
    for (const auto& name : j.at("feature_kinds").get<std::vector<std::string>>()) {
      auto k = featureKindFromName(name);
      if (!k) return fail("feature_kinds: " + k.error());
      m.featureKinds.push_back(k.value());
      cols += featureKindColumns(k.value(), m.featureParams);
    }
    if (m.featureKinds.empty()) return fail("'feature_kinds' is empty");
    m.inputDim = jsonInt<int>(j.at("input_dim"), "input_dim");
    if (m.inputDim != cols)
      return fail("input_dim " + std::to_string(m.inputDim) + " does not match the feature kinds (" + std::to_string(cols) +
                  " columns)");
    const auto& n = j.at("normalisation");
    auto mode = normModeFromName(n.value("mode", std::string()));
    if (!mode) return fail("normalisation: " + mode.error());
    m.normMode = mode.value();
    auto stats = NormStats::fromJson(n.dump());
    if (!stats) return Error{stats.error()};
    m.normStats = stats.value();
    if (m.normStats.dim() != m.inputDim)
      return fail("normalisation statistics have " + std::to_string(m.normStats.dim()) + " columns, input_dim is " +
                  std::to_string(m.inputDim));
    m.architecture = j.at("architecture");
    // A TorchScript module carries its own architecture; its output size is checked at load.
    if (m.modelType != "torchscript") {
      auto spec = ModelSpec::fromJson(m.architecture.dump());
      if (!spec) return Error{spec.error()};
      if (spec->type != m.modelType)
        return fail("architecture type '" + spec->type + "' does not match model_type '" + m.modelType + "'");
      if (spec->numClasses != static_cast<int>(m.labels.size()))
        return fail("architecture has " + std::to_string(spec->numClasses) + " outputs but there are " +
                    std::to_string(m.labels.size()) + " labels");
      if (spec->inputDim != m.inputDim)
        return fail("architecture input_dim " + std::to_string(spec->inputDim) + " does not match input_dim " +
                    std::to_string(m.inputDim));
    }
    m.hyperparameters = j.value("hyperparameters", nlohmann::json::object());
    m.trainingData = j.value("training_data", nlohmann::json::object());
    m.metrics = j.value("metrics", nlohmann::json::object());
    m.parameterCount = j.contains("parameters") ? jsonInt<long long>(j.at("parameters"), "parameters") : 0;
    m.weightsFile = j.at("weights_file").get<std::string>();
    if (m.weightsFile.empty() || m.weightsFile.find('/') != std::string::npos || m.weightsFile.find("..") != std::string::npos)
      return fail("weights_file must be a plain file name inside the bundle");
    m.weightsHash = std::stoull(j.value("weights_fnv1a64", std::string("0")));
    m.weightsBytes = j.contains("weights_bytes") ? jsonInt<long long>(j.at("weights_bytes"), "weights_bytes") : 0;
    m.created = j.value("created", std::string());
    if (j.contains("calibration")) {  // absent in bundles made before calibration: T = 1, never uncertain
      const auto& c = j.at("calibration");
      if (!c.is_object()) return fail("'calibration' must be an object");
      m.temperature = c.value("temperature", 1.0);
      m.uncertainBelow = c.value("uncertain_below", 0.0);
      if (!(m.temperature > 0 && std::isfinite(m.temperature)))
        return fail("calibration.temperature must be a positive number");
      if (!(m.uncertainBelow >= 0 && m.uncertainBelow <= 1)) return fail("calibration.uncertain_below must be in [0, 1]");
    }
  } catch (const std::exception& e) {
    return fail(std::string("invalid field: ") + e.what());
  }
  return m;
}

}  // namespace emo
