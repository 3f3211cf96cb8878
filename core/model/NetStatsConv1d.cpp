// stats_conv1d (seeds 000/002): the utterance-statistics vector (masked mean, std, min and max of
// every input column over time) read as a one-channel sequence by Conv1D blocks with max pooling,
// then adaptive pooling, a dense layer, dropout and the classifier.
#include "core/model/Networks.h"

namespace emo {
namespace {

struct StatsConv1dImpl : EmoNetImpl {
  explicit StatsConv1dImpl(const ModelSpec& s) {
    int in = 1;
    for (int i = 0; i < s.layers; ++i) {
      convs.push_back(register_module("conv" + std::to_string(i),
                                      torch::nn::Conv1d(torch::nn::Conv1dOptions(in, s.channels, 5).padding(2))));
      bns.push_back(register_module("bn" + std::to_string(i), torch::nn::BatchNorm1d(s.channels)));
      in = s.channels;
    }
    pool = register_module("pool", torch::nn::AdaptiveAvgPool1d(16));
    dense = register_module("dense", torch::nn::Linear(s.channels * 16, s.hidden));
    drop = register_module("drop", torch::nn::Dropout(s.dropout));
    out = register_module("out", torch::nn::Linear(s.hidden, s.numClasses));
  }

  torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& lengths) override {
    const int64_t T = x.size(1);
    auto m = net::validMask(lengths, T).unsqueeze(2);  // [B, T, 1]
    auto mf = m.to(x.dtype());
    auto n = lengths.to(x.dtype()).unsqueeze(1);
    auto mean = (x * mf).sum(1) / n;
    auto var = ((x - mean.unsqueeze(1)).pow(2) * mf).sum(1) / n;
    auto sd = torch::sqrt(var + 1e-6);
    auto mx = x.masked_fill(~m, -1e30).amax(1);
    auto mn = x.masked_fill(~m, 1e30).amin(1);
    auto h = torch::cat({mean, sd, mn, mx}, 1).unsqueeze(1);  // [B, 1, 4D]
    for (size_t i = 0; i < convs.size(); ++i) h = torch::max_pool1d(torch::relu(bns[i](convs[i](h))), 2);
    h = pool(h).flatten(1);
    return out(drop(torch::relu(dense(h))));
  }

  std::vector<torch::nn::Conv1d> convs;
  std::vector<torch::nn::BatchNorm1d> bns;
  torch::nn::AdaptiveAvgPool1d pool{nullptr};
  torch::nn::Linear dense{nullptr}, out{nullptr};
  torch::nn::Dropout drop{nullptr};
};

}  // namespace

EmoNetPtr makeStatsConv1d(const ModelSpec& spec) { return std::make_shared<StatsConv1dImpl>(spec); }

}  // namespace emo
