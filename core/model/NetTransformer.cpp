// transformer (seed 002): two strided Conv1D blocks (T/4) to the model width, sinusoidal
// positions, a small transformer encoder with a key padding mask, masked mean pooling,
// dropout and the classifier.
#include "core/model/Networks.h"

#include <cmath>

namespace emo {
namespace {

struct TransformerImpl : EmoNetImpl {
  explicit TransformerImpl(const ModelSpec& s) : width(s.hidden) {
    b1 = register_module("block0", net::ConvBlock(s.inputDim, s.channels, 5, 2));
    b2 = register_module("block1", net::ConvBlock(s.channels, s.hidden, 3, 2));
    for (int i = 0; i < s.layers; ++i) {
      auto opt = torch::nn::TransformerEncoderLayerOptions(s.hidden, s.heads).dim_feedforward(2 * s.hidden).dropout(s.dropout * 0.5);
      enc.push_back(register_module("enc" + std::to_string(i), torch::nn::TransformerEncoderLayer(opt)));
    }
    drop = register_module("drop", torch::nn::Dropout(s.dropout));
    out = register_module("out", torch::nn::Linear(s.hidden, s.numClasses));
  }

  torch::Tensor positions(int64_t T, const torch::Tensor& like) const {
    auto pos = torch::arange(T, like.options()).unsqueeze(1);
    auto i = torch::arange(0, width, 2, like.options());
    auto div = torch::exp(i * (-std::log(10000.0) / width));
    auto pe = torch::zeros({T, width}, like.options());
    pe.index_put_({torch::indexing::Slice(), torch::indexing::Slice(0, torch::indexing::None, 2)}, torch::sin(pos * div));
    pe.index_put_({torch::indexing::Slice(), torch::indexing::Slice(1, torch::indexing::None, 2)}, torch::cos(pos * div));
    return pe;
  }

  torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& lengthsIn) override {
    auto L = lengthsIn.clone();
    auto h = net::maskCT(x.transpose(1, 2), L);
    h = b1->forward(h, L);
    h = b2->forward(h, L);                          // [B, W, T']
    const int64_t T = h.size(2);
    auto seq = h.permute({2, 0, 1}) + positions(T, h).unsqueeze(1);  // [T', B, W]
    auto pad = ~net::validMask(L, T);               // true = padding
    for (auto& layer : enc) seq = layer->forward(seq, {}, pad);
    auto pooled = net::maskedMeanCT(seq.permute({1, 2, 0}), L);
    return out(drop(pooled));
  }

  int width;
  net::ConvBlock b1{nullptr}, b2{nullptr};
  std::vector<torch::nn::TransformerEncoderLayer> enc;
  torch::nn::Dropout drop{nullptr};
  torch::nn::Linear out{nullptr};
};

}  // namespace

EmoNetPtr makeTransformer(const ModelSpec& spec) { return std::make_shared<TransformerImpl>(spec); }

}  // namespace emo
