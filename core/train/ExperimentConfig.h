#pragma once
// ExperimentConfig: the user-facing options of train / cv / evaluate (CLI flags, GUI fields) as
// plain strings and numbers, and their resolution into DataOptions + ExperimentOptions and
// folds. One place decides the defaults per model type. A plain value; any thread.
#include <string>
#include <vector>

#include "core/common/Result.h"
#include "core/data/Split.h"
#include "core/train/Experiment.h"
#include "core/train/FeatureDataset.h"

namespace emo {

struct ExperimentConfig {
  std::vector<std::string> data;     ///< --data: dataset folders or CSV manifests
  std::string adapter = "auto";      ///< --adapter
  std::string schema = "ravdess8";   ///< --schema
  std::string modelType = "crnn_attn"; ///< --model-type
  std::string features = "";         ///< --features: comma-separated kinds ("" = default for the model type)
  std::string featurePreset = "default"; ///< --feature-preset (FeatureParams::preset)
  std::string norm = "";             ///< --norm global|utterance|speaker ("" = model default)
  std::string speakerStats = "all";  ///< --speaker-stats all|LABEL (ExperimentOptions::speakerReference)
  std::string augment = "none";      ///< --augment none|light|voice|robust or joined by '+' (AugmentParams::preset)
  int augmentCopies = 2;             ///< --augment-copies
  int epochs = 40;                   ///< --epochs
  int batchSize = 32;                ///< --batch-size
  float lr = 2e-3f;                  ///< --lr
  float weightDecay = 1e-2f;         ///< --weight-decay
  float dropout = -1;                ///< --dropout (-1 = model default)
  int channels = 0;                  ///< --channels (0 = model default)
  int hidden = 0;                    ///< --hidden (0 = model default)
  int layers = 0;                    ///< --layers (0 = model default)
  int members = 1;                   ///< --members: ensemble size (networks trained side by side)
  std::string loss = "weighted";     ///< --loss ce|weighted|focal
  bool oversample = false;           ///< --oversample
  std::string sampling = "shuffle";  ///< --sampling shuffle|class|corpus (TrainParams::sampling)
  std::string labelMask = "corpus";  ///< --label-mask corpus|none (TrainParams::labelMask)
  float corpusAlpha = 0.0f;          ///< --corpus-alpha (TrainParams::corpusAlpha)
  bool bucketByLength = false;       ///< --bucket-by-length (TrainParams::bucketByLength)
  int cropMinFrames = 200;           ///< --crop-min-frames (TrainParams::cropMinFrames)
  int cropMaxFrames = 300;           ///< --crop-max-frames
  bool specAugment = false;          ///< --spec-augment (on by default with --augment robust)
  int patience = 10;                 ///< --patience
  std::string keep = "best";         ///< --keep best|last
  std::string calibrationWeighting = "corpus"; ///< --calibration-weighting corpus|clip
  std::string lrSchedule = "plateau"; ///< --lr-schedule plateau|cosine
  float mixup = 0.0f;                ///< --mixup ALPHA (0 = off)
  float corpusAdversary = 0.0f;      ///< --corpus-adversary W (TrainParams::corpusAdversary; 0 = off)
  float ownStatsShare = 0.0f;        ///< --own-stats-share P (TrainParams::ownStatsShare; --norm speaker only)
  std::string teacher;               ///< --teacher BUNDLE: distil from this bundle ("" = none)
  float distillWeight = 0.0f;        ///< --distill-weight A (TrainParams::distillWeight; > 0 with --teacher)
  float distillTemperature = 2.0f;   ///< --distill-temperature T
  float validationFraction = 0.15f;  ///< --validation-fraction
  int threads = 1;                   ///< --threads (1: see TrainParams::threads)
  std::string device = "auto";       ///< --device auto|cpu|cuda[:N] (TrainParams::device)
  uint64_t seed = 42;                ///< --seed
  std::string checkpoint;            ///< --checkpoint DIR
  bool resume = false;               ///< --resume
  std::string group = "speaker";     ///< --group speaker|corpus (cv): pooled speaker folds or leave-one-corpus-out
  std::string split = "speaker";     ///< --split speaker|loso|random
  int folds = 5;                     ///< --folds
  std::vector<std::string> testSpeakers; ///< --test-speakers
  std::vector<std::string> testCorpora;  ///< --test-corpus: folds over these corpora's speakers; other corpora always train
  std::string cacheDir;              ///< --cache-dir
  bool streamFeatures = false;       ///< --stream-features (DataOptions::streamFeatures)
  bool testConditions = false;       ///< --test-conditions (cv): gain/noise robustness + calibration

  /// Validates and converts (experimentOptions loads the --teacher bundle). Errors name the option.
  Result<DataOptions> dataOptions() const;
  Result<ExperimentOptions> experimentOptions() const;
  /// The evaluation protocol these options describe (group, split, folds, seed, test speakers/corpora).
  Split evaluationSplit() const;
  /// evaluationSplit().makeFolds(clips): speaker k-fold, leave-one-speaker-out, explicit test
  /// speakers, random, or leave-one-corpus-out.
  Result<std::vector<Fold>> makeFolds(const std::vector<Clip>& clips) const;
  /// A short description of the whole configuration (for reports and model.json): data sources
  /// by name only (dataSourceNames), never the paths of the machine that trained.
  std::string toJson() const;
};

/// The last path component of each source ("/data/ravdess/" -> "ravdess", "x/set.csv" -> "set.csv").
std::vector<std::string> dataSourceNames(const std::vector<std::string>& sources);

/// The configuration the shipped model was trained with (scripts/train-default.sh passes exactly
/// these options; core.train.recipe checks the script against it): the Train tab's "Shipped
/// recipe" button fills the form with it. Data, output and threads are not part of it.
ExperimentConfig shippedRecipe();

}  // namespace emo
