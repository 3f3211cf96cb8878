#pragma once
// Trainer: trains a network (ModelSpec in info.architecture) on a TrainSet and returns a model
// bundle. AdamW/Adam with weight decay, gradient clipping, class-weighted or focal loss, label
// smoothing, each clip's loss over its corpus's label set only (CorpusLoss), epochs drawn by an
// EpochSampler (shuffle, class oversampling or corpus-balanced; optional length bucketing),
// random crops (2-3 s by default, down to 0.5 s), optional SpecAugment and mixup, an optional
// corpus-adversarial branch and distillation from a teacher bundle (TrainStep.h), early stopping
// on a speaker-disjoint validation set's UA (keeping the best epoch's weights), ReduceLROnPlateau,
// a temperature and "uncertain" threshold fitted on the validation set (Calibration),
// a fixed seed, an explicit thread count, progress/cancel callbacks, and a checkpoint (model +
// optimizer + epoch + best weights + schedule state) written atomically after every epoch so a
// cancelled or killed run resumes where it stopped. Runs on the calling thread; one run per
// Trainer call; callbacks run on that thread.
//
//   emo::TrainResult r = emo::Trainer::train(info, trainSet, &validationSet, params).value();
//   r.bundle->save("my-model");
#include <functional>
#include <memory>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/common/Progress.h"
#include "core/common/Result.h"
#include "core/model/ModelBundle.h"
#include "core/train/Calibration.h"
#include "core/train/TrainParams.h"
#include "core/train/TrainSet.h"

namespace emo {

class GradientSync;

struct EpochLog {
  int epoch = 0;          ///< 1-based
  double trainLoss = 0;
  double valUa = -1;      ///< -1 without a validation set
  double valWa = -1;
  double lr = 0;
  double seconds = 0;     ///< wall time of the epoch (training + validation)
};

struct TrainResult {
  std::shared_ptr<ModelBundle> bundle;  ///< best epoch's weights (the last without validation)
  int epochsRun = 0;                    ///< epochs completed in total (including resumed ones)
  int bestEpoch = 0;
  double bestValUa = -1;
  double secondsPerEpoch = 0;           ///< mean over the epochs this call ran
  bool stoppedEarly = false;
  std::vector<EpochLog> history;
  CalibrationFit calibration;           ///< fitted on the validation set (clips = 0: none, T = 1)
  nlohmann::json historyJson() const;
};

struct TrainCallbacks {
  ProgressFn progress;                            ///< (epoch done, epochs, "epoch 3: loss ...")
  const CancelFlag* cancel = nullptr;             ///< polled between batches; returns Error("cancelled")
  std::function<void(const EpochLog&)> onEpoch;   ///< after each epoch
  GradientSync* sync = nullptr;                   ///< data-parallel job this run is one rank of (null = alone)
};

class Trainer {
 public:
  /// info: labels, features, normalisation, architecture (a ModelSpec JSON); the trainer fills in
  /// hyperparameters and the parameter count. validation may be null (no early stopping).
  /// teacher: the bundle to distil from when params.distillWeight > 0 (required then, refused
  /// otherwise, and refused unless it reads the same input as `info`: DistillTeacher.h).
  /// params.corpusAdversary > 0 trains a corpus classifier beside the network (TrainStep.h);
  /// only the network goes into the bundle.
  static Result<TrainResult> train(const ModelInfo& info, const TrainSet& train, const TrainSet* validation,
                                   const TrainParams& params, const TrainCallbacks& callbacks = {},
                                   const ModelBundle* teacher = nullptr);
  /// Probabilities (at the bundle's temperature) for every sample of `set`, normalised as the set
  /// says (its stats per sample), clips longer than maxFrames centre-cropped (0 = whole clips).
  static Result<std::vector<std::vector<float>>> predictSet(const ModelBundle& bundle, const TrainSet& set,
                                                            int maxFrames = 0);
};

}  // namespace emo
