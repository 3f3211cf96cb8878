// cnn_lstm (seeds 000/003): Conv1D blocks over MFCC frames (T/2 per block), a bidirectional
// LSTM run packed, the final forward and backward states -> dropout -> linear classifier.
#include "core/model/Networks.h"

namespace emo {
namespace {

struct CnnLstmImpl : EmoNetImpl {
  explicit CnnLstmImpl(const ModelSpec& s) {
    int in = s.inputDim;
    for (int i = 0; i < s.layers; ++i) {
      blocks.push_back(register_module("block" + std::to_string(i), net::ConvBlock(in, s.channels, 5, 2)));
      in = s.channels;
    }
    lstm = register_module("lstm", torch::nn::LSTM(torch::nn::LSTMOptions(in, s.hidden).batch_first(true).bidirectional(true)));
    drop = register_module("drop", torch::nn::Dropout(s.dropout));
    out = register_module("out", torch::nn::Linear(2 * s.hidden, s.numClasses));
  }

  torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& lengthsIn) override {
    auto L = lengthsIn.clone();
    auto h = net::maskCT(x.transpose(1, 2), L);
    for (auto& b : blocks) h = b->forward(h, L);
    h = h.transpose(1, 2);
    auto packed = torch::nn::utils::rnn::pack_padded_sequence(h, L.cpu(), true, false);
    auto res = lstm->forward_with_packed_input(packed);
    auto hn = std::get<0>(std::get<1>(res));  // [2, B, H]
    auto last = torch::cat({hn[0], hn[1]}, 1);
    return out(drop(last));
  }

  std::vector<net::ConvBlock> blocks;
  torch::nn::LSTM lstm{nullptr};
  torch::nn::Dropout drop{nullptr};
  torch::nn::Linear out{nullptr};
};

}  // namespace

EmoNetPtr makeCnnLstm(const ModelSpec& spec) { return std::make_shared<CnnLstmImpl>(spec); }

}  // namespace emo
