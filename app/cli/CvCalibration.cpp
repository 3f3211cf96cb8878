#include "CvCalibration.h"

#include <filesystem>
#include <set>

#include "core/common/AtomicFile.h"
#include "core/dsp/FeatureSet.h"
#include "core/model/ModelBundle.h"

namespace emo::cli {
namespace {

// Options a cv run and the shipped training may set differently for the same recipe.
const std::set<std::string> kFreeOptions{"seed", "threads", "device", "validation_fraction", "keep", "patience"};

std::string featureList(const ModelInfo& info) {
  std::string s;
  for (FeatureKind k : info.featureKinds) s += (s.empty() ? "" : ",") + featureName(k);
  return s;
}

// Each way the cv run's configuration differs from the bundle's recipe, "; "-separated.
std::string recipeDifferences(const nlohmann::json& config, const ModelInfo& info) {
  std::string diff;
  auto add = [&](const std::string& key, const nlohmann::json& cv, const nlohmann::json& bundle) {
    diff += (diff.empty() ? "" : "; ") + key + " " + cv.dump() + " in the cv run, " + bundle.dump() + " in the model";
  };
  if (config.value("model_type", std::string()) != info.modelType)
    add("model_type", config.value("model_type", nlohmann::json()), info.modelType);
  if (config.value("features", std::string()) != featureList(info))
    add("features", config.value("features", nlohmann::json()), featureList(info));
  if (info.hyperparameters.is_object())
    for (const auto& [key, value] : info.hyperparameters.items())
      if (!kFreeOptions.count(key) && config.contains(key) && config[key] != value) add(key, config[key], value);
  return diff;
}

}  // namespace

Result<CvCalibration> readCvCalibration(const std::string& path, const ModelBundle& bundle) {
  auto text = readFileBytes(path);
  if (!text) return Error{text.error()};
  const nlohmann::json cv = nlohmann::json::parse(text.value(), nullptr, false);
  if (cv.is_discarded() || !cv.is_object() || !cv.contains("calibration_crossfit") || !cv.contains("config"))
    return fail(path + ": not a cv results JSON with a cross-fitted calibration (run cv --json with 2 or more folds)");
  if (cv.value("group", std::string()) != "speaker")
    return fail(path + ": the calibration must come from speaker-grouped folds (cv --group speaker), not --group " +
                cv.value("group", std::string()));
  if (const std::string diff = recipeDifferences(cv["config"], bundle.info()); !diff.empty())
    return fail(path + ": not this model's recipe: " + diff);
  const nlohmann::json& crossfit = cv["calibration_crossfit"];
  const nlohmann::json& fit = crossfit["out_of_fold"];
  CvCalibration c;
  c.temperature = fit.value("temperature", 1.0);
  c.uncertainBelow = fit.value("uncertain_below", 0.0);
  if (!(c.temperature > 0) || !(c.uncertainBelow >= 0 && c.uncertainBelow < 1))
    return fail(path + ": calibration_crossfit.out_of_fold holds no valid temperature and threshold");
  c.record = fit;
  c.record["source"] = "cross-fitted on the out-of-fold predictions of cv --group speaker";
  c.record["cv_results"] = std::filesystem::path(path).filename().string();
  c.record["folds"] = cv["folds"].size();
  c.record["crossfit_ece"] = crossfit.value("ece", 0.0);
  c.record["crossfit_ece_std"] = crossfit.value("ece_std", 0.0);
  return c;
}

}  // namespace emo::cli
