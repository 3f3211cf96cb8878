#pragma once
// Internal to core/model and core/train (includes torch): knowledge distillation (Hinton et al.
// 2015) from a teacher's class probabilities (e.g. the ensemble's mean probabilities, computed
// once per clip with ModelBundle::predict) to a live-sized student. Pure functions; any thread.
#include <torch/torch.h>

namespace emo {

/// Teacher probabilities [B, K] softened at temperature T: p^(1/T), renormalised (the softmax of
/// log p / T). Rows of zeros stay uniform; T = 1 returns the probabilities (renormalised).
torch::Tensor softenProbabilities(const torch::Tensor& teacherProbs, double temperature);

/// T^2 * KL(teacher_T || student_T), averaged over the batch: the soft-target loss, scaled by T^2
/// so its gradients keep their size as T changes. `mask` [B, K] (optional, bool) restricts both
/// distributions to the labels a clip's corpus uses (false = not used; each row needs one true).
torch::Tensor distillationLoss(const torch::Tensor& studentLogits, const torch::Tensor& teacherProbs,
                               double temperature, const torch::Tensor& mask = {});

}  // namespace emo
