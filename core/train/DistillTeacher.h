#pragma once
// Internal to core/train (includes torch): the teacher of knowledge distillation (Distillation.h),
// a saved bundle checked against the student and wrapped so that it reads the student's own
// training crops. The teacher must see what it saw in its own training: the same labels (in the
// same order), feature kinds, feature parameters and normalisation mode; anything else is refused
// with a message naming the difference. The statistics may differ (the teacher was trained on
// other clips): a crop normalised with the student's statistics is mapped, per column, to the
// teacher's normalisation of the same frames. One training thread at a time.
#include <torch/torch.h>

#include "core/common/Result.h"
#include "core/model/ModelBundle.h"
#include "core/model/Networks.h"

namespace emo::train_detail {

struct DistillTeacher {
  EmoNetPtr net;                       ///< the bundle's network, in eval mode (shared with the bundle)
  torch::Device device{torch::kCPU};   ///< where its weights are
  torch::Tensor scale, offset;         ///< [D]: teacher input = student input * scale + offset (valid frames)

  /// Teacher probabilities [B, K] (eval mode, no gradient, temperature 1) of a student batch
  /// x [B, T, D] with lengths [B], returned on x's device.
  torch::Tensor probabilities(const torch::Tensor& x, const torch::Tensor& lengths) const;
};

/// Checks that `teacher` reads the same input as a student described by `student` (labels,
/// feature kinds and parameters, input columns, normalisation mode) and builds the mapping.
Result<DistillTeacher> makeDistillTeacher(const ModelInfo& student, const ModelBundle& teacher);

}  // namespace emo::train_detail
