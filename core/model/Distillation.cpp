#include "core/model/Distillation.h"

namespace emo {

torch::Tensor softenProbabilities(const torch::Tensor& teacherProbs, double temperature) {
  return torch::softmax(torch::log(teacherProbs.clamp_min(1e-12)) / temperature, 1);
}

torch::Tensor distillationLoss(const torch::Tensor& studentLogits, const torch::Tensor& teacherProbs,
                               double temperature, const torch::Tensor& mask) {
  auto teacherLog = torch::log(teacherProbs.clamp_min(1e-12)) / temperature;
  auto studentLog = studentLogits / temperature;
  if (mask.defined()) {
    teacherLog = teacherLog.masked_fill(~mask, -1e9);
    studentLog = studentLog.masked_fill(~mask, -1e9);
  }
  const auto t = torch::log_softmax(teacherLog, 1), s = torch::log_softmax(studentLog, 1);
  const auto kl = (t.exp() * (t - s)).sum(1);  // masked labels: exp(t) = 0, contribute 0
  return kl.mean() * (temperature * temperature);
}

}  // namespace emo
