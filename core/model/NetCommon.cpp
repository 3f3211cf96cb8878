// Shared network pieces: masks, masked pooling, conv blocks, and the factory.
#include "core/model/Networks.h"

namespace emo {
namespace net {

torch::Tensor validMask(const torch::Tensor& lengths, int64_t T) {
  auto t = torch::arange(T, torch::TensorOptions().dtype(torch::kLong).device(lengths.device()));
  return t.unsqueeze(0) < lengths.unsqueeze(1);
}

torch::Tensor maskCT(const torch::Tensor& x, const torch::Tensor& lengths) {
  auto m = validMask(lengths, x.size(2)).unsqueeze(1).to(x.dtype());
  return x * m;
}

torch::Tensor maskedMeanCT(const torch::Tensor& x, const torch::Tensor& lengths) {
  auto m = validMask(lengths, x.size(2)).unsqueeze(1).to(x.dtype());
  return (x * m).sum(2) / lengths.to(x.dtype()).clamp_min(1).unsqueeze(1);
}

torch::Tensor convLengths(const torch::Tensor& lengths, int k, int s, int p) {
  return (torch::floor_divide(lengths + 2 * p - k, s) + 1).clamp_min(1);
}

torch::Tensor reverseValidCT(const torch::Tensor& x, const torch::Tensor& lengths) {
  const int64_t T = x.size(2);
  auto t = torch::arange(T, torch::TensorOptions().dtype(torch::kLong).device(x.device())).unsqueeze(0);
  auto L = lengths.unsqueeze(1);
  auto idx = torch::where(t < L, L - 1 - t, t);  // [B, T]
  idx = idx.unsqueeze(1).expand({x.size(0), x.size(1), T});
  return x.gather(2, idx);
}

ConvBlockImpl::ConvBlockImpl(int in, int out, int kernel, int stride) : k(kernel), s(stride), p(kernel / 2) {
  conv = register_module("conv", torch::nn::Conv1d(torch::nn::Conv1dOptions(in, out, kernel).stride(stride).padding(p)));
  bn = register_module("bn", torch::nn::BatchNorm1d(out));
}

torch::Tensor ConvBlockImpl::forward(const torch::Tensor& x, torch::Tensor& lengths) {
  auto y = torch::relu(bn(conv(x)));
  lengths = convLengths(lengths, k, s, p);
  // Padding in the batch may leave more frames than the longest clip needs; keep the count.
  return maskCT(y, lengths);
}

}  // namespace net

long long parameterCount(const torch::nn::Module& module) {
  long long n = 0;
  for (const auto& p : module.parameters())
    if (p.requires_grad()) n += p.numel();
  return n;
}

Result<EmoNetPtr> makeNetwork(const ModelSpec& spec) {
  if (auto ok = spec.validate(); !ok) return Error{ok.error()};
  try {
    if (spec.members > 1) return makeEnsemble(spec);
    if (spec.type == "stats_conv1d") return makeStatsConv1d(spec);
    if (spec.type == "cnn_lstm") return makeCnnLstm(spec);
    if (spec.type == "tim_net") return makeTimNet(spec);
    if (spec.type == "transformer") return makeTransformer(spec);
    if (spec.type == "crnn_attn") return makeCrnnAttn(spec);
    if (spec.type == "ecapa") return makeEcapa(spec);
  } catch (const std::exception& e) {
    return fail("cannot build model '" + spec.type + "': " + e.what());
  }
  return fail("unknown model type '" + spec.type + "'");
}

}  // namespace emo
