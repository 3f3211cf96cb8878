#pragma once
// Experiment: the steps the CLI and the GUI's Train tab share on a loaded FeatureDataset:
// train a model bundle on some clips (with a speaker-disjoint validation hold-out for early
// stopping), evaluate a bundle on clips, and k-fold cross-validation over given folds. Runs on
// the calling thread; callbacks run on it too.
//
//   auto ds = emo::loadFeatureDataset(data).value();
//   auto folds = emo::speakerGroupedKFold(ds.clips, 5, 42).value();
//   auto cv = emo::crossValidate(ds, data, folds, options);      // cv->json has wa, ua, ...
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/data/SpeakerSplits.h"
#include "core/model/ModelSpec.h"
#include "core/train/FeatureDataset.h"
#include "core/train/Metrics.h"
#include "core/train/Trainer.h"

namespace emo {

struct ExperimentOptions {
  ModelSpec spec;                        ///< type and sizes; input_dim and num_classes come from the data
  NormMode norm = NormMode::Utterance;   ///< input normalisation
  TrainParams train;                     ///< optimiser, loss, epochs, ...
  /// Speaker mode: "" = a speaker's statistics come from all of its clips (no labels used);
  /// a label (e.g. "neutral") = only from its clips of that label, as the app's calibration
  /// recording, and never from the clip normalised (recorded in the bundle's training data).
  std::string speakerReference;
  /// Cross-validation only: also score each fold's model under standardTestConditions() (gain
  /// +-12 dB, noise at 20/10 dB SNR) and, for speaker-normalised models, with per-speaker
  /// calibration from neutral clips (TestConditions.h). Results in CvReport::json["conditions"].
  bool testConditions = false;
  /// Distillation teacher (TrainParams::distillWeight > 0; null = none): every fold distils from
  /// the same bundle, which must read the same input as the student (DistillTeacher.h).
  std::shared_ptr<const ModelBundle> teacher;
};

/// Trains on `trainIdx` (indices into ds). Feature parameters/kinds are recorded from `data`.
Result<TrainResult> trainOnClips(const FeatureDataset& ds, const DataOptions& data, const std::vector<int>& trainIdx,
                                 const ExperimentOptions& options, const TrainCallbacks& callbacks = {});

struct Evaluation {
  EvalMetrics metrics;                   ///< over the model's labels
  std::vector<std::vector<float>> probs; ///< per evaluated clip
  std::vector<int> truth;                ///< class index (model order) per evaluated clip
  std::vector<int> clips;                ///< dataset index (into ds.clips) per evaluated clip
  bool restricted = false;               ///< the data held only some of the model's labels
  EvalMetrics restrictedMetrics;         ///< prediction restricted to those labels
  nlohmann::json toJson() const;         ///< metrics JSON (+ "restricted": {...})
};

/// Evaluates a bundle on `idx` (all clips if empty). Labels are matched by name; clips whose
/// label the model lacks are skipped. Speaker-mode models use each test speaker's own stats
/// (from the clips the model's training took them from: all, or one label's).
Result<Evaluation> evaluateOnClips(const ModelBundle& bundle, const FeatureDataset& ds, const std::vector<int>& idx = {},
                                   int maxFrames = 1000);

struct CvReport {
  std::vector<EvalMetrics> folds;
  std::vector<double> secondsPerEpoch;   ///< per fold
  std::vector<int> epochs;               ///< epochs run per fold
  long long parameters = 0;
  nlohmann::json json;                   ///< aggregateFolds(...) + model_type, parameters, timing
};

/// Trains and tests once per fold; test clips may be restricted to `testCorpora` (empty = all).
/// json["per_corpus"] scores each tested corpus over its own labels (CorpusScores.h). With
/// leave-one-corpus-out folds (Fold::heldOutCorpus), the headline ua/wa are the mean over held-out
/// corpora of those restricted scores and the all-label scores move to json["unrestricted"].
Result<CvReport> crossValidate(const FeatureDataset& ds, const DataOptions& data, const std::vector<Fold>& folds,
                               const ExperimentOptions& options, const TrainCallbacks& callbacks = {},
                               const std::vector<std::string>& testCorpora = {});

}  // namespace emo
