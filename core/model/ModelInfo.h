#pragma once
// ModelInfo: the parsed model.json of a model bundle: what the model predicts, how its input is
// computed and normalised, how it was built and trained, and how well it did. A plain value;
// any thread. Written and validated by ModelBundle (see ModelBundle.h).
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/common/Result.h"
#include "core/dsp/FeatureParams.h"
#include "core/dsp/FeatureSet.h"
#include "core/model/NormStats.h"

namespace emo {

struct ModelInfo {
  static constexpr int kFormatVersion = 1;  ///< the only model.json version this build reads

  int formatVersion = kFormatVersion;     ///< "format_version"
  std::string modelType;                  ///< "model_type": the name --model-type takes
  std::vector<std::string> labels;        ///< "labels": output classes in model order
  std::string schema;                     ///< "schema": label schema name ("ravdess8", ...)
  FeatureParams featureParams;            ///< "feature_params"
  std::vector<FeatureKind> featureKinds;  ///< "feature_kinds": stacked in this order
  int inputDim = 0;                       ///< "input_dim": sum of the kinds' column counts
  NormMode normMode = NormMode::Utterance;///< "normalisation.mode"
  NormStats normStats;                    ///< "normalisation.mean/std"
  nlohmann::json architecture;            ///< "architecture": ModelSpec JSON
  nlohmann::json hyperparameters;         ///< "hyperparameters": TrainParams JSON
  nlohmann::json trainingData;            ///< "training_data": corpora, speakers, counts
  nlohmann::json metrics;                 ///< "metrics": evaluation results (may be empty)
  long long parameterCount = 0;           ///< "parameters"
  std::string weightsFile = "model.pt";   ///< "weights_file", relative to the bundle folder
  unsigned long long weightsHash = 0;     ///< "weights_fnv1a64": content hash of the weights file
  long long weightsBytes = 0;             ///< "weights_bytes"
  std::string created;                    ///< "created": UTC ISO 8601
  double temperature = 1.0;               ///< "calibration.temperature": probabilities = softmax(logits / T); > 0
  double uncertainBelow = 0.0;            ///< "calibration.uncertain_below": a top probability below this is
                                          ///< shown as "uncertain" (0 = never); in [0, 1]

  std::string toJson() const;
  /// Validates every field (version, types, sizes: labels non-empty, stats dim = input_dim,
  /// input_dim = columns of the kinds under feature_params, architecture matches labels/input).
  static Result<ModelInfo> fromJson(const std::string& json);
};

/// Whether a prediction (probabilities as the bundle gives them, i.e. at info.temperature) is
/// too unsure to show as a label: its top probability is below info.uncertainBelow.
bool isUncertain(const ModelInfo& info, const std::vector<float>& probs);

/// Column count of a kind under params (e.g. LogMelDb -> nMels, F0 -> 2).
int featureKindColumns(FeatureKind kind, const FeatureParams& params);

}  // namespace emo
