#pragma once
// Internal to core/train (includes torch): the loss of one training step. The emotion loss of
// CorpusLoss (each clip over its corpus's labels, optional mixup within a corpus), optionally
// mixed with distillation from a teacher (DistillTeacher.h) as A * T^2 * KL(teacher_T ||
// student_T) + (1 - A) * loss, both restricted to the clip's corpus labels; plus, optionally, the
// corpus-adversarial branch (CorpusAdversary.h): a corpus classifier on the pooled embedding
// through gradient reversal, whose cross-entropy is added so the classifier learns to tell the
// corpora apart while the encoder receives that gradient reversed and scaled. One training thread.
#include <torch/torch.h>

#include <random>

#include "core/model/CorpusAdversary.h"
#include "core/train/DistillTeacher.h"
#include "core/train/TrainBatch.h"

namespace emo::train_detail {

/// The optional training-only parts of a step (none by default: the plain emotion loss).
struct StepHeads {
  CorpusAdversaryImpl* adversary = nullptr;  ///< corpus classifier on the pooled embedding (null = off)
  double reversal = 0;                       ///< gradient reversal factor into the encoder (adversaryRamp)
  const DistillTeacher* teacher = nullptr;   ///< soft targets (null = off); weight and T from TrainParams
};

struct StepLoss {
  torch::Tensor total;      ///< what backward() runs on: emotion + adversary
  torch::Tensor emotion;    ///< the emotion loss (with a teacher: A * distillation + (1 - A) * CE)
  torch::Tensor adversary;  ///< the corpus classifier's cross-entropy (undefined without one)
};

/// Forward pass and loss of one batch (the network in whatever mode the caller set).
StepLoss stepLoss(EmoNetImpl& net, const TrainBatch& b, const TrainParams& p, std::mt19937_64& rng,
                  const StepHeads& heads = {});

}  // namespace emo::train_detail
