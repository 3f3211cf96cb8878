#pragma once
// FeatureDataset: labelled clips from one or more dataset folders / CSV manifests, mapped onto a
// label schema, with the model-input frame features of each clip (stacked kinds, not normalised)
// and optionally augmented copies (waveform effects from the Augmenter, features recomputed).
// Features come through the FeatureCache, so a second run skips extraction. With
// DataOptions::streamFeatures each clip's matrices go to a spool file as they are computed
// (FeatureStore.h) and memory no longer grows with the corpus. Loading runs on the calling thread
// plus `threads - 1` workers; the result is a plain value (copies share a streamed spool).
//
//   emo::DataOptions o; o.sources = {"/work/shared/data/ravdess"};
//   auto ds = emo::loadFeatureDataset(o);
#include <map>
#include <string>
#include <vector>

#include "core/common/Matrix.h"
#include "core/common/Progress.h"
#include "core/common/Result.h"
#include "core/data/Clip.h"
#include "core/data/LabelVocabulary.h"
#include "core/dsp/FeatureParams.h"
#include "core/dsp/FeatureSet.h"
#include "core/train/FeatureStore.h"

namespace emo {

struct DataOptions {
  std::vector<std::string> sources;   ///< dataset folders or CSV manifests
  std::string adapter = "auto";       ///< dataset adapter (DatasetScanner.h)
  std::string schema = "ravdess8";    ///< label schema name or mapping file
  FeatureParams featureParams;        ///< extraction parameters
  std::vector<FeatureKind> kinds{FeatureKind::LogMelDb};  ///< stacked model input
  std::string augment = "none";       ///< augmentation preset (AugmentParams::preset), e.g. light+voice
  int augmentCopies = 2;              ///< augmented copies per clip when augment != none
  uint64_t seed = 42;                 ///< augmentation randomness
  int threads = 2;                    ///< extraction threads
  std::string cacheDir;               ///< feature cache folder ("" = default); also holds the spool
  bool streamFeatures = false;        ///< keep features in a spool file, read per batch (false = in memory)
  ProgressFn progress;                ///< (clips done, total, path)
  const CancelFlag* cancel = nullptr;
};

struct FeatureDataset {
  LabelSchema schema;
  std::vector<Clip> clips;                      ///< kept clips (label within the schema)
  std::vector<int> labels;                      ///< class index per clip
  FeatureStore features;                        ///< per clip: [0] clean, then augmented copies
  std::map<std::string, int> dropped;           ///< canonical labels the schema dropped, with counts
  int skippedFiles = 0;                         ///< files the scanner skipped

  /// {"corpora": {...}, "speakers": [...], "per_class": {...}, "clips": n} over `subset` (all if empty).
  std::string summaryJson(const std::vector<int>& subset = {}) const;
};

Result<FeatureDataset> loadFeatureDataset(const DataOptions& options);

/// Default input kinds for a model type: LogMelDb for most; Mfcc + MfccDelta for cnn_lstm and
/// tim_net; the seed set for stats_conv1d.
std::vector<FeatureKind> defaultKindsFor(const std::string& modelType);

}  // namespace emo
