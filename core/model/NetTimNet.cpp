// tim_net (seed 004, after TIM-Net, Ye et al. 2023): a 1x1 input projection, then temporal-aware
// blocks of dilated causal convolutions (kernel 2, dilation 1, 2, 4, ...) gated by a sigmoid,
// run on the sequence and on its time reversal. After every block both directions are pooled
// (masked mean) and summed; a learned softmax weighting fuses the scales before the classifier.
#include "core/model/Networks.h"

namespace emo {
namespace {

struct TabImpl : torch::nn::Module {  // one temporal-aware block
  TabImpl(int c, int dilation, float dropout) : d(dilation) {
    conv1 = register_module("conv1", torch::nn::Conv1d(torch::nn::Conv1dOptions(c, c, 2).dilation(d)));
    conv2 = register_module("conv2", torch::nn::Conv1d(torch::nn::Conv1dOptions(c, c, 2).dilation(d)));
    bn1 = register_module("bn1", torch::nn::BatchNorm1d(c));
    bn2 = register_module("bn2", torch::nn::BatchNorm1d(c));
    drop = register_module("drop", torch::nn::Dropout(dropout));
  }
  torch::Tensor causal(torch::nn::Conv1d& c, const torch::Tensor& x) {
    return c(torch::constant_pad_nd(x, {d, 0}));
  }
  torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& L) {
    auto h = drop(torch::relu(bn1(causal(conv1, x))));
    h = net::maskCT(h, L);
    h = drop(torch::relu(bn2(causal(conv2, h))));
    return net::maskCT(x * torch::sigmoid(h), L);
  }
  int d;
  torch::nn::Conv1d conv1{nullptr}, conv2{nullptr};
  torch::nn::BatchNorm1d bn1{nullptr}, bn2{nullptr};
  torch::nn::Dropout drop{nullptr};
};
TORCH_MODULE(Tab);

struct TimNetImpl : EmoNetImpl {
  explicit TimNetImpl(const ModelSpec& s) {
    proj = register_module("proj", torch::nn::Conv1d(torch::nn::Conv1dOptions(s.inputDim, s.channels, 1)));
    for (int i = 0; i < s.layers; ++i) {
      fwd.push_back(register_module("fwd" + std::to_string(i), Tab(s.channels, 1 << i, s.dropout * 0.3f)));
      bwd.push_back(register_module("bwd" + std::to_string(i), Tab(s.channels, 1 << i, s.dropout * 0.3f)));
    }
    scaleWeights = register_parameter("scale_weights", torch::zeros({s.layers}));
    drop = register_module("drop", torch::nn::Dropout(s.dropout));
    out = register_module("out", torch::nn::Linear(s.channels, s.numClasses));
  }

  torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& L) override {
    auto h = net::maskCT(proj(x.transpose(1, 2)), L);
    auto f = h;
    auto b = net::reverseValidCT(h, L);
    std::vector<torch::Tensor> scales;
    for (size_t i = 0; i < fwd.size(); ++i) {
      f = fwd[i]->forward(f, L);
      b = bwd[i]->forward(b, L);
      scales.push_back(net::maskedMeanCT(f + b, L));
    }
    auto stacked = torch::stack(scales, 1);  // [B, n, C]
    auto w = torch::softmax(scaleWeights, 0).view({1, -1, 1});
    return out(drop((stacked * w).sum(1)));
  }

  torch::nn::Conv1d proj{nullptr};
  std::vector<Tab> fwd, bwd;
  torch::Tensor scaleWeights;
  torch::nn::Dropout drop{nullptr};
  torch::nn::Linear out{nullptr};
};

}  // namespace

EmoNetPtr makeTimNet(const ModelSpec& spec) { return std::make_shared<TimNetImpl>(spec); }

}  // namespace emo
