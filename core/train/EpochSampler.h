#pragma once
// EpochSampler: each epoch's batches of sample indices for the Trainer, deterministic for
// (seed, epoch) and identical on every process, so data-parallel ranks each take a disjoint
// share of one shared order. Modes: plain shuffle; class oversampling (clips drawn with
// probability ~ 1 / class count); corpus-balanced (a corpus drawn in fixed proportions, then a
// clip of it, so a large corpus of few speakers does not outweigh the others). Optional length
// bucketing: batches of clips of similar frame counts, each batch with one crop length, so
// padding costs (almost) nothing. Torch-free. Construct once per run; batches() is const and
// may be called from any thread.
//
//   emo::EpochSampler sampler(trainSet, emo::SamplerOptions::from(params));
//   for (const emo::SampledBatch& b : sampler.batches(epoch, rank, worldSize)) { ... }
#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

#include "core/train/TrainParams.h"
#include "core/train/TrainSet.h"

namespace emo {

/// Which clips an epoch draws: each once in random order, rare classes more often
/// (probability ~ 1 / class count), or corpora in fixed shares and then clips of each.
enum class SamplingMode { Shuffle, Class, Corpus };

struct SamplerOptions {
  SamplingMode mode = SamplingMode::Shuffle;  ///< see SamplingMode
  bool bucketByLength = false;   ///< batches of clips of similar length, one crop length per batch
  int batchSize = 32;            ///< clips per batch (per rank)
  int cropMinFrames = 200;       ///< bucketing: each batch's crop length is drawn from [cropMin, cropMax]
  int cropMaxFrames = 300;
  float corpusAlpha = 0.0f;      ///< corpus mode: corpus c drawn with probability ~ clips_c^alpha (0 = equal)
  uint64_t seed = 42;            ///< with the epoch number, all randomness of the order

  /// The sampling fields of a (validated) TrainParams; "oversample" = SamplingMode::Class.
  static SamplerOptions from(const TrainParams& p);
};

struct SampledBatch {
  std::vector<size_t> indices;  ///< into TrainSet::samples
  int cropFrames = 0;           ///< crop length for every clip of the batch (bucketing); 0 = each clip its own
  size_t position = 0;          ///< position of its first clip in the epoch's drawn order (crops are seeded by
                                ///< position, so a clip is cropped alike whatever rank or batch size takes it)
};

class EpochSampler {
 public:
  /// Reads the clips' frame counts, labels and corpus indices (the set is not kept).
  EpochSampler(const TrainSet& set, SamplerOptions options);

  /// The batches of `epoch` (1-based) that `rank` of `worldSize` processes trains on: every
  /// worldSize-th batch of one order shared by all ranks, starting at batch `rank`. With
  /// worldSize > 1 the order is cut to a multiple of worldSize batches so every rank takes as
  /// many steps. A last batch of a single clip is dropped (BatchNorm needs two). The epoch has
  /// as many clips as the set in every mode.
  std::vector<SampledBatch> batches(int epoch, int rank = 0, int worldSize = 1) const;

  const SamplerOptions& options() const { return options_; }

 private:
  std::vector<size_t> drawOrder(std::mt19937_64& rng) const;

  SamplerOptions options_;
  std::vector<int> frames_;                    ///< per sample: frames of its clean features
  std::vector<int> labels_;
  std::vector<std::vector<size_t>> byCorpus_;  ///< sample indices per corpus index
};

}  // namespace emo
