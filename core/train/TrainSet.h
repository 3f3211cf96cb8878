#pragma once
// TrainSet: training or evaluation data for the Trainer: per clip the stacked, NOT yet
// normalised frame features (frames x inputDim) with optional augmented variants, the class
// index and which NormStats normalise it (per speaker in "speaker" mode). The features are
// either a sample's own `variants` (sets built by hand) or clip `clip` of `store` (sets built
// from a FeatureDataset: nothing copied, a streamed store is read per crop). Read them through
// variantCount/frames/cols/rows, which serve both. A plain value; any thread (read-only while a
// Trainer uses it).
#include <cstdint>
#include <string>
#include <vector>

#include "core/common/Matrix.h"
#include "core/model/NormStats.h"
#include "core/train/FeatureStore.h"

namespace emo {

struct TrainSample {
  std::vector<Matrix> variants;  ///< [0] = clean features; others = augmented copies (empty: see clip)
  int clip = -1;                 ///< with variants empty: the clip's index in TrainSet::store
  int label = -1;                ///< class index
  int statsIndex = 0;            ///< index into TrainSet::stats
  std::string speaker;           ///< for reports and speaker statistics
  int corpusIndex = 0;  ///< index into TrainSet::corpora
};

struct TrainSet {
  std::vector<TrainSample> samples;
  NormMode mode = NormMode::Utterance;
  std::vector<NormStats> stats;  ///< [0] = the model's stats (global/utterance); speaker mode: one per speaker
  std::vector<std::string> corpora;  ///< corpus names, indexed by TrainSample::corpusIndex
  std::vector<std::vector<uint8_t>> corpusClassMask;  ///< per corpus: 1 for each model class that corpus uses (size K); empty = every class everywhere
  const FeatureStore* store = nullptr;  ///< features of samples with a clip index; must outlive the set's use

  int variantCount(size_t index) const;         ///< clean + augmented copies
  int frames(size_t index, int variant = 0) const;
  int cols(size_t index) const;
  /// Rows [begin, end) of a variant (end < 0: all); from a streamed store only these are read.
  Matrix rows(size_t index, int variant, int begin = 0, int end = -1) const;
  /// A clip's clean features, normalised as the model will see them (optionally centre-cropped).
  Matrix normalised(size_t index, int maxFrames = 0) const;
};

}  // namespace emo
