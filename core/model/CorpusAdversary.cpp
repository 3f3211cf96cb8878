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

CorpusAdversaryImpl::CorpusAdversaryImpl(int embeddingDim, int numCorpora, int hidden) {
  hiddenLayer = register_module("hidden", torch::nn::Linear(embeddingDim, hidden));
  out = register_module("out", torch::nn::Linear(hidden, numCorpora));
}

torch::Tensor CorpusAdversaryImpl::forward(const torch::Tensor& embedding, double lambda) {
  return out(torch::relu(hiddenLayer(gradientReversal(embedding, lambda))));
}

}  // namespace emo
