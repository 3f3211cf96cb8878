#include "core/train/TrainStep.h"

#include "core/model/Distillation.h"

namespace emo::train_detail {

StepLoss stepLoss(EmoNetImpl& net, const TrainBatch& b, const TrainParams& p, std::mt19937_64& rng,
                  const StepHeads& heads) {
  // With mixup, each crop mixed with one of the same corpus (padding mixes with padding), so the
  // corpus label and the label set of a mixed crop are its own.
  torch::Tensor x = b.x, lengths = b.lengths, perm;
  double lam = 1;
  if (p.mixup > 0) {
    lam = mixupWeight(p.mixup, rng);
    perm = sameCorpusPartners(b.corpus, rng).to(b.x.device());
    x = lam * b.x + (1 - lam) * b.x.index_select(0, perm);
    lengths = torch::max(b.lengths, b.lengths.index_select(0, perm));
  }
  torch::Tensor embedding, logits;
  if (heads.adversary) std::tie(embedding, logits) = net.forwardWithEmbedding(x, lengths);
  else logits = net.forward(x, lengths);
  torch::Tensor ce = maskedLoss(logits, b.targets, b.allowed, b.weights, p);
  if (p.mixup > 0)
    ce = lam * ce + (1 - lam) * maskedLoss(logits, b.targets.index_select(0, perm), b.allowed,
                                           b.weights.index_select(0, perm), p);
  StepLoss out;
  out.emotion = ce;
  if (heads.teacher && p.distillWeight > 0) {
    // Soft targets of the very crops the student sees; an ensemble student's members stacked
    // along the batch each learn from them. `allowed` is all true with label mask "none".
    const int64_t copies = logits.size(0) / b.targets.size(0);
    torch::Tensor soft = heads.teacher->probabilities(x, lengths), allowed = b.allowed;
    if (copies > 1) {
      soft = soft.repeat({copies, 1});
      allowed = allowed.repeat({copies, 1});
    }
    out.emotion = p.distillWeight * distillationLoss(logits, soft, p.distillTemperature, allowed) +
                  (1 - p.distillWeight) * ce;
  }
  out.total = out.emotion;
  if (heads.adversary) {
    std::vector<int64_t> corpus(b.corpus.begin(), b.corpus.end());
    torch::Tensor target = torch::tensor(corpus, torch::kLong).to(logits.device());
    const int64_t members = embedding.size(0) / target.size(0);  // an ensemble stacks its members
    if (members > 1) target = target.repeat({members});
    out.adversary = torch::nn::functional::cross_entropy(heads.adversary->forward(embedding, heads.reversal), target);
    out.total = out.total + out.adversary;
  }
  return out;
}

}  // namespace emo::train_detail
