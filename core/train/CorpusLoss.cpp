#include "core/train/CorpusLoss.h"

#include <algorithm>
#include <limits>

namespace emo::train_detail {

Result<CorpusLabelSets> corpusLabelSets(const TrainSet& set, int K, const std::string& loss, bool perCorpus) {
  int C = static_cast<int>(std::max(set.corpora.size(), set.corpusClassMask.size()));
  if (set.corpora.empty() && set.corpusClassMask.empty())
    for (const auto& s : set.samples) C = std::max(C, s.corpusIndex + 1);
  C = std::max(C, 1);
  if (!set.corpusClassMask.empty() && static_cast<int>(set.corpusClassMask.size()) != C)
    return fail("training data: " + std::to_string(set.corpusClassMask.size()) + " corpus class masks for " +
                std::to_string(C) + " corpora");
  std::vector<std::vector<uint8_t>> mask = set.corpusClassMask;
  if (mask.empty()) mask.assign(C, std::vector<uint8_t>(K, 1));
  for (int c = 0; c < C; ++c)
    if (static_cast<int>(mask[c].size()) != K)
      return fail("training data: the class mask of corpus " + std::to_string(c) + " has " +
                  std::to_string(mask[c].size()) + " entries, the model has " + std::to_string(K) + " classes");
  std::vector<std::vector<double>> counts(C, std::vector<double>(K, 0.0));
  for (const auto& s : set.samples) {
    if (s.corpusIndex < 0 || s.corpusIndex >= C)
      return fail("training data: corpus index " + std::to_string(s.corpusIndex) + " out of range");
    if (s.label < 0 || s.label >= K || !mask[s.corpusIndex][s.label]) {
      const std::string corpus = s.corpusIndex < static_cast<int>(set.corpora.size()) ? set.corpora[s.corpusIndex]
                                                                                      : std::to_string(s.corpusIndex);
      return fail("training data: a clip of corpus " + corpus + " has label " + std::to_string(s.label) +
                  ", which that corpus's label set does not contain");
    }
    counts[s.corpusIndex][s.label] += 1;
  }
  if (!perCorpus) {  // one pooled label set: all classes, pooled counts in every row
    std::vector<double> pooled(K, 0.0);
    for (const auto& row : counts)
      for (int k = 0; k < K; ++k) pooled[k] += row[k];
    counts.assign(C, pooled);
    mask.assign(C, std::vector<uint8_t>(K, 1));
  }
  CorpusLabelSets out;
  out.allowed = torch::zeros({C, K}, torch::kBool);
  out.weights = torch::ones({C, K});
  auto a = out.allowed.accessor<bool, 2>();
  auto w = out.weights.accessor<float, 2>();
  for (int c = 0; c < C; ++c) {
    double n = 0;
    int present = 0;
    for (int k = 0; k < K; ++k) {
      a[c][k] = mask[c][k] != 0;
      n += counts[c][k];
      present += counts[c][k] > 0;
    }
    if (loss == "ce") continue;
    for (int k = 0; k < K; ++k) w[c][k] = counts[c][k] > 0 ? static_cast<float>(n / (present * counts[c][k])) : 0.0f;
  }
  return out;
}

torch::Tensor maskedLoss(const torch::Tensor& logits, const torch::Tensor& targets, const torch::Tensor& allowed,
                         const torch::Tensor& weights, const TrainParams& p) {
  const int64_t copies = logits.size(0) / targets.size(0);
  const torch::Tensor y = copies > 1 ? targets.repeat({copies}) : targets;
  const torch::Tensor ok = copies > 1 ? allowed.repeat({copies, 1}) : allowed;
  const torch::Tensor w = copies > 1 ? weights.repeat({copies}) : weights;
  const auto logp = torch::log_softmax(logits.masked_fill(ok.logical_not(), -std::numeric_limits<float>::infinity()), 1);
  const auto logpy = logp.gather(1, y.unsqueeze(1)).squeeze(1);
  torch::Tensor per;
  if (p.loss == "focal") {
    per = -torch::pow(1 - logpy.exp(), p.focalGamma) * logpy;
  } else {
    const double eps = p.labelSmoothing;
    const auto allowedCount = ok.sum(1).to(logits.scalar_type());
    // Excluded classes hold -inf; zeroing them keeps the sum finite and their gradient zero.
    per = -(1 - eps) * logpy - eps * logp.masked_fill(ok.logical_not(), 0).sum(1) / allowedCount;
  }
  return (per * w).sum() / w.sum();
}

}  // namespace emo::train_detail
