#pragma once
// TrainSet: in-memory training or evaluation data for the Trainer: per clip the stacked,
// NOT yet normalised frame features (frames x inputDim), optional augmented variants, the class
// index and which NormStats normalise it (per speaker in "speaker" mode). A plain value; any
// thread (read-only while a Trainer uses it).
#include <cstdint>
#include <string>
#include <vector>

#include "core/common/Matrix.h"
#include "core/model/NormStats.h"

namespace emo {

struct TrainSample {
  std::vector<Matrix> variants;  ///< [0] = clean features; others = augmented copies of the same clip
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

  /// A clip's clean features, normalised as the model will see them (optionally centre-cropped).
  Matrix normalised(size_t index, int maxFrames = 0) const;
};

}  // namespace emo
