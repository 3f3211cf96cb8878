#include "core/train/DistillTeacher.h"

#include "core/model/BundleImpl.h"

namespace emo::train_detail {
namespace {

std::string joined(const std::vector<std::string>& items) {
  std::string s;
  for (const auto& i : items) s += (s.empty() ? "" : ", ") + i;
  return s.empty() ? "none" : s;
}

std::vector<std::string> kindNames(const std::vector<FeatureKind>& kinds) {
  std::vector<std::string> names;
  for (FeatureKind k : kinds) names.push_back(featureName(k));
  return names;
}

}  // namespace

torch::Tensor DistillTeacher::probabilities(const torch::Tensor& x, const torch::Tensor& lengths) const {
  torch::NoGradGuard noGrad;
  const auto valid = net::validMask(lengths, x.size(1)).unsqueeze(2).to(x.scalar_type());  // padding stays 0
  const auto input = ((x * scale.to(x.device()) + offset.to(x.device())) * valid).to(device);
  return torch::softmax(net->forward(input, lengths.to(device)), 1).to(x.device());
}

Result<DistillTeacher> makeDistillTeacher(const ModelInfo& student, const ModelBundle& teacher) {
  const ModelInfo& t = teacher.info();
  const std::string refused = "teacher bundle refused: ";
  if (t.labels != student.labels)
    return fail(refused + "its labels (" + joined(t.labels) + ") are not the student's (" + joined(student.labels) +
                "); train both with the same --schema");
  if (t.featureKinds != student.featureKinds)
    return fail(refused + "its features (" + joined(kindNames(t.featureKinds)) + ") are not the student's (" +
                joined(kindNames(student.featureKinds)) + "); train the student with the teacher's --features");
  if (!(t.featureParams == student.featureParams))
    return fail(refused + "its feature parameters (frame, mel bands, ...) differ from the student's; train the "
                "student with the teacher's --feature-preset");
  if (t.inputDim != student.inputDim)
    return fail(refused + "it reads " + std::to_string(t.inputDim) + " input columns, the student " +
                std::to_string(student.inputDim));
  if (t.normMode != student.normMode)
    return fail(refused + "its normalisation is '" + normModeName(t.normMode) + "', the student's '" +
                normModeName(student.normMode) + "'; train the student with --norm " + normModeName(t.normMode));
  auto statsFrom = [](const ModelInfo& i) {
    return i.trainingData.is_object() ? i.trainingData.value("speaker_stats_from", std::string("all")) : std::string("all");
  };
  if (t.normMode == NormMode::Speaker && statsFrom(t) != statsFrom(student))
    return fail(refused + "its speaker statistics come from '" + statsFrom(t) + "' clips, the student's from '" +
                statsFrom(student) + "'; use the same --speaker-stats");
  if (t.normStats.dim() != t.inputDim || student.normStats.dim() != student.inputDim)
    return fail(refused + "normalisation statistics missing");
  DistillTeacher d;
  d.net = teacher.impl().net;
  d.device = teacher.impl().device;
  d.net->eval();
  const int D = t.inputDim;
  std::vector<float> scale(D, 1.0f), offset(D, 0.0f);
  for (int c = 0; c < D; ++c) {
    switch (t.normMode) {
      case NormMode::Global:  // (x - mu_s) / sd_s  ->  (x - mu_t) / sd_t
        scale[c] = student.normStats.std[c] / t.normStats.std[c];
        offset[c] = (student.normStats.mean[c] - t.normStats.mean[c]) / t.normStats.std[c];
        break;
      case NormMode::Utterance:  // the crop's own mean for both; only the spread differs
        scale[c] = student.normStats.std[c] / t.normStats.std[c];
        break;
      case NormMode::Speaker:  // the speaker's own statistics for both, as at inference
        break;
    }
  }
  d.scale = torch::tensor(scale);
  d.offset = torch::tensor(offset);
  return d;
}

}  // namespace emo::train_detail
