#pragma once
// Internal to core/train (includes torch): one training step's input built from a sampled batch:
// random crops of random variants (normalised, optional SpecAugment), padded into a tensor, with
// targets, each clip's allowed classes and loss weight (CorpusLoss), and mixup partners from the
// same corpus. Built on the CPU; to() moves it. Any thread (on its own values).
#include <torch/torch.h>

#include <random>
#include <vector>

#include "core/train/CorpusLoss.h"
#include "core/train/EpochSampler.h"

namespace emo::train_detail {

struct TrainBatch {
  torch::Tensor x;        ///< [B, T, D] padded crops
  torch::Tensor lengths;  ///< [B] int64 frames of each crop
  torch::Tensor targets;  ///< [B] int64 class indices
  torch::Tensor allowed;  ///< [B, K] bool: the classes each clip's corpus uses
  torch::Tensor weights;  ///< [B] float loss weight of each clip
  std::vector<int> corpus;  ///< corpus index of each clip

  TrainBatch to(const torch::Device& device) const;
};

/// A random crop of a random variant of set.samples[index], normalised as the set says, with
/// optional SpecAugment masks. cropFrames > 0: that length (clips shorter stay whole and are
/// padded in the batch); 0: a length drawn from [cropMin, cropMax].
Matrix trainingCrop(const TrainSet& set, size_t index, const TrainParams& p, int cropFrames, std::mt19937_64& rng);

/// The crops of `batch` in `epoch`: each clip's variant and crop drawn from its own generator,
/// seeded by (p.seed, epoch, its position in the epoch's order), so data-parallel ranks and a
/// single process with the same global batch crop every clip alike.
TrainBatch makeTrainBatch(const TrainSet& set, const SampledBatch& batch, const CorpusLabelSets& labelSets,
                          const TrainParams& p, int epoch);

/// Mixup partners: a random permutation of each corpus's rows within the batch (a clip alone
/// in its corpus is its own partner), so a mixed clip's two targets are both in its label set.
torch::Tensor sameCorpusPartners(const std::vector<int>& corpus, std::mt19937_64& rng);

/// Mixup weight: lam ~ Beta(alpha, alpha), folded to >= 0.5 so the first clip of a pair dominates.
double mixupWeight(float alpha, std::mt19937_64& rng);

}  // namespace emo::train_detail
