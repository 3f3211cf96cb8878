// Ensemble: spec.members networks of one type, initialised independently (each draws its own
// initial weights from the global torch generator in turn) and trained side by side on the same
// batches, each on its own loss; prediction averages their class probabilities. Averaging several
// independently initialised networks reduces the variance of what any one of them learned from a
// few speakers.
#include <stdexcept>

#include "core/model/Networks.h"

namespace emo {
namespace {

struct EnsembleImpl : EmoNetImpl {
  explicit EnsembleImpl(const ModelSpec& spec) {
    ModelSpec one = spec;
    one.members = 1;
    for (int i = 0; i < spec.members; ++i) {
      auto made = makeNetwork(one);
      if (!made) throw std::runtime_error(made.error());
      members.push_back(register_module("member" + std::to_string(i), made.value()));
    }
  }

  torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& lengths) override {
    std::vector<torch::Tensor> outs;
    for (auto& m : members) outs.push_back(m->forward(x, lengths));
    if (is_training()) return torch::cat(outs, 0);  // [members * B, K]
    const auto meanProbs = torch::softmax(torch::stack(outs), 2).mean(0);  // [B, K]
    return torch::log(meanProbs.clamp_min(1e-30));
  }

  // Training: every member's pooled embedding and logits, stacked along the batch as forward()
  // stacks the logits (for the corpus adversary, one head per member).
  std::pair<torch::Tensor, torch::Tensor> forwardWithEmbedding(const torch::Tensor& x, const torch::Tensor& lengths) override {
    if (!is_training() || embeddingDim() <= 0) return {torch::Tensor(), forward(x, lengths)};
    std::vector<torch::Tensor> embeddings, logits;
    for (auto& m : members) {
      auto [e, l] = m->forwardWithEmbedding(x, lengths);
      embeddings.push_back(e);
      logits.push_back(l);
    }
    return {torch::cat(embeddings, 0), torch::cat(logits, 0)};
  }
  int embeddingDim() const override { return members.front()->embeddingDim(); }

  std::vector<EmoNetPtr> members;
};

}  // namespace

EmoNetPtr makeEnsemble(const ModelSpec& spec) { return std::make_shared<EnsembleImpl>(spec); }

}  // namespace emo
