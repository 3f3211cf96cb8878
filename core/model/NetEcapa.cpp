// ecapa: ECAPA-TDNN style (Desplanques et al. 2020), sized for live use. A Conv1D stem (k 5),
// `layers` SE-Res2Net blocks over time (1x1 conv, Res2 group of k-3 convs with dilation 2, 3,
// 4, ..., 1x1 conv, squeeze-excitation, residual), multi-layer feature aggregation (the blocks'
// outputs concatenated, 1x1 conv), attentive statistics pooling with global context (weighted
// mean and std over valid frames), an embedding layer and the classifier. The pooled statistics
// and the embedding are LayerNorm-ed where ECAPA uses BatchNorm, so a training batch of one clip
// works and a clip's output never depends on the others in its batch. No stride,
// so every frame is kept; every layer re-zeroes padded frames and all pooling is masked.
// Spec fields: channels = C (block width), heads = Res2 scale (C divisible by it), layers =
// blocks, hidden = embedding size (the attention bottleneck is hidden / 2).
#include "core/model/Networks.h"

namespace emo {
namespace {

namespace nn = torch::nn;

// Conv1d (same length, dilated) -> ReLU -> BatchNorm -> mask, as in ECAPA.
struct TdnnImpl : nn::Module {
  TdnnImpl(int in, int out, int kernel, int dilation) {
    conv = register_module("conv", nn::Conv1d(nn::Conv1dOptions(in, out, kernel).dilation(dilation).padding(dilation * (kernel / 2))));
    bn = register_module("bn", nn::BatchNorm1d(out));
  }
  torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& lengths) {
    return net::maskCT(bn(torch::relu(conv(x))), lengths);
  }
  nn::Conv1d conv{nullptr};
  nn::BatchNorm1d bn{nullptr};
};
TORCH_MODULE(Tdnn);

// Squeeze-excitation over channels, the squeeze a masked mean over time.
struct SqueezeExciteImpl : nn::Module {
  SqueezeExciteImpl(int channels, int bottleneck) {
    down = register_module("down", nn::Linear(channels, bottleneck));
    up = register_module("up", nn::Linear(bottleneck, channels));
  }
  torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& lengths) {
    auto s = torch::sigmoid(up(torch::relu(down(net::maskedMeanCT(x, lengths)))));  // [B, C]
    return x * s.unsqueeze(2);
  }
  nn::Linear down{nullptr}, up{nullptr};
};
TORCH_MODULE(SqueezeExcite);

// SE-Res2Net block: 1x1 -> Res2 (scale groups; group i > 0 gets conv(x_i + y_{i-1})) -> 1x1 -> SE, + input.
struct SeRes2BlockImpl : nn::Module {
  SeRes2BlockImpl(int channels, int scale, int dilation, int bottleneck) : scale(scale) {
    const int width = channels / scale;
    pre = register_module("pre", Tdnn(channels, channels, 1, 1));
    for (int i = 1; i < scale; ++i) convs.push_back(register_module("res2_" + std::to_string(i), Tdnn(width, width, 3, dilation)));
    post = register_module("post", Tdnn(channels, channels, 1, 1));
    se = register_module("se", SqueezeExcite(channels, bottleneck));
  }
  torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& lengths) {
    auto parts = pre->forward(x, lengths).chunk(scale, 1);
    std::vector<torch::Tensor> outs{parts[0]};
    torch::Tensor prev;
    for (int i = 1; i < scale; ++i) {
      prev = convs[static_cast<size_t>(i - 1)]->forward(i == 1 ? parts[1] : parts[static_cast<size_t>(i)] + prev, lengths);
      outs.push_back(prev);
    }
    auto y = post->forward(torch::cat(outs, 1), lengths);
    return se->forward(y, lengths) + x;
  }
  int scale;
  Tdnn pre{nullptr}, post{nullptr};
  std::vector<Tdnn> convs;
  SqueezeExcite se{nullptr};
};
TORCH_MODULE(SeRes2Block);

struct EcapaImpl : EmoNetImpl {
  explicit EcapaImpl(const ModelSpec& s) : embedding(s.hidden) {
    const int C = s.channels;
    stem = register_module("stem", Tdnn(s.inputDim, C, 5, 1));
    for (int i = 0; i < s.layers; ++i)
      blocks.push_back(register_module("block" + std::to_string(i), SeRes2Block(C, s.heads, i + 2, std::max(8, C / 4))));
    const int M = C * s.layers;  // aggregated width
    mfa = register_module("mfa", Tdnn(M, M, 1, 1));
    // Attention over frames from [h, mean, std] (global context), one weight per channel.
    const int bottleneck = std::max(1, s.hidden / 2);
    att = register_module("att", nn::Conv1d(nn::Conv1dOptions(3 * M, bottleneck, 1)));
    attOut = register_module("att_out", nn::Conv1d(nn::Conv1dOptions(bottleneck, M, 1)));
    poolNorm = register_module("pool_norm", nn::LayerNorm(nn::LayerNormOptions({2 * M})));
    embed = register_module("embed", nn::Linear(2 * M, s.hidden));
    embedNorm = register_module("embed_norm", nn::LayerNorm(nn::LayerNormOptions({s.hidden})));
    drop = register_module("drop", nn::Dropout(s.dropout));
    out = register_module("out", nn::Linear(s.hidden, s.numClasses));
  }

  // Weighted mean and std over valid frames: w [B, C, T] sums to 1 over valid frames.
  static std::pair<torch::Tensor, torch::Tensor> weightedStats(const torch::Tensor& h, const torch::Tensor& w) {
    auto mean = (h * w).sum(2);
    auto var = ((h * h) * w).sum(2) - mean * mean;
    return {mean, torch::sqrt(var.clamp_min(1e-5))};
  }

  torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& lengths) override {
    return forwardWithEmbedding(x, lengths).second;
  }
  int embeddingDim() const override { return embedding; }

  std::pair<torch::Tensor, torch::Tensor> forwardWithEmbedding(const torch::Tensor& x, const torch::Tensor& lengths) override {
    const auto& L = lengths;
    auto h = stem->forward(net::maskCT(x.transpose(1, 2), L), L);  // [B, C, T]
    std::vector<torch::Tensor> levels;
    for (auto& b : blocks) {
      h = b->forward(h, L);
      levels.push_back(h);
    }
    h = mfa->forward(torch::cat(levels, 1), L);  // [B, M, T]
    const int64_t T = h.size(2);
    auto valid = net::validMask(L, T).unsqueeze(1);  // [B, 1, T]
    auto uniform = valid.to(h.dtype()) / L.to(h.dtype()).clamp_min(1).view({-1, 1, 1});
    auto [gMean, gStd] = weightedStats(h, uniform);
    auto context = torch::cat({h, gMean.unsqueeze(2).expand_as(h), gStd.unsqueeze(2).expand_as(h)}, 1);
    auto score = attOut(torch::tanh(att(context)));  // [B, M, T]
    auto w = torch::softmax(score.masked_fill(~valid, -1e9), 2);
    auto [mean, std] = weightedStats(h, w);
    auto e = embedNorm(embed(poolNorm(torch::cat({mean, std}, 1))));
    return {e, out(drop(e))};
  }

  int embedding;
  Tdnn stem{nullptr}, mfa{nullptr};
  std::vector<SeRes2Block> blocks;
  nn::Conv1d att{nullptr}, attOut{nullptr};
  nn::LayerNorm poolNorm{nullptr}, embedNorm{nullptr};
  nn::Linear embed{nullptr}, out{nullptr};
  nn::Dropout drop{nullptr};
};

}  // namespace

EmoNetPtr makeEcapa(const ModelSpec& spec) { return std::make_shared<EcapaImpl>(spec); }

}  // namespace emo
