#include "core/model/CorpusAdversary.h"

#include <cmath>

namespace emo {
namespace {

struct GradientReversal : torch::autograd::Function<GradientReversal> {
  static torch::Tensor forward(torch::autograd::AutogradContext* ctx, const torch::Tensor& x, double lambda) {
    ctx->saved_data["lambda"] = lambda;
    return x.view_as(x);
  }
  static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx,
                                                 torch::autograd::variable_list grad) {
    return {grad[0] * -ctx->saved_data["lambda"].toDouble(), torch::Tensor()};
  }
};

}  // namespace

torch::Tensor gradientReversal(const torch::Tensor& x, double lambda) { return GradientReversal::apply(x, lambda); }

double adversaryRamp(double progress, double scale) {
  const double p = std::min(1.0, std::max(0.0, progress));
  return scale * (2.0 / (1.0 + std::exp(-10.0 * p)) - 1.0);
}

CorpusAdversaryImpl::CorpusAdversaryImpl(int embeddingDim, int numCorpora, int hidden, int members) {
  for (int m = 0; m < members; ++m) {
    const std::string suffix = m == 0 ? "" : std::to_string(m);  // one member: the names of before
    hiddenLayer.push_back(register_module("hidden" + suffix, torch::nn::Linear(embeddingDim, hidden)));
    out.push_back(register_module("out" + suffix, torch::nn::Linear(hidden, numCorpora)));
  }
}

torch::Tensor CorpusAdversaryImpl::forward(const torch::Tensor& embedding, double lambda) {
  const torch::Tensor reversed = gradientReversal(embedding, lambda);
  if (hiddenLayer.size() == 1) return out[0](torch::relu(hiddenLayer[0](reversed)));
  const auto perMember = reversed.chunk(static_cast<int64_t>(hiddenLayer.size()), 0);
  std::vector<torch::Tensor> logits;
  for (size_t m = 0; m < hiddenLayer.size(); ++m) logits.push_back(out[m](torch::relu(hiddenLayer[m](perMember[m]))));
  return torch::cat(logits, 0);
}

}  // namespace emo
