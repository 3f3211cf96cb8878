// crnn_attn (own design): strided Conv1D blocks over per-utterance/speaker-normalised frames
// (T/2 per block), a bidirectional GRU run packed, then masked attention pooling concatenated
// with the masked mean, dropout and a linear classifier.
#include "core/model/Networks.h"

namespace emo {
namespace {

struct CrnnAttnImpl : EmoNetImpl {
  explicit CrnnAttnImpl(const ModelSpec& s) : embedding(4 * s.hidden) {
    int in = s.inputDim;
    for (int i = 0; i < s.layers; ++i) {
      blocks.push_back(register_module("block" + std::to_string(i), net::ConvBlock(in, s.channels, i == 0 ? 5 : 3, 2)));
      in = s.channels;
    }
    gru = register_module("gru", torch::nn::GRU(torch::nn::GRUOptions(in, s.hidden).batch_first(true).bidirectional(true)));
    att = register_module("att", torch::nn::Linear(2 * s.hidden, s.hidden));
    attV = register_module("attV", torch::nn::Linear(torch::nn::LinearOptions(s.hidden, 1).bias(false)));
    drop = register_module("drop", torch::nn::Dropout(s.dropout));
    out = register_module("out", torch::nn::Linear(4 * s.hidden, s.numClasses));
  }

  torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& lengths) override {
    return forwardWithEmbedding(x, lengths).second;
  }
  int embeddingDim() const override { return embedding; }

  std::pair<torch::Tensor, torch::Tensor> forwardWithEmbedding(const torch::Tensor& x, const torch::Tensor& lengthsIn) override {
    auto L = lengthsIn.clone();
    auto h = net::maskCT(x.transpose(1, 2), L);
    for (auto& b : blocks) h = b->forward(h, L);
    h = h.transpose(1, 2);  // [B, T', C]
    const int64_t T = h.size(1);
    auto packed = torch::nn::utils::rnn::pack_padded_sequence(h, L.cpu(), true, false);
    auto res = gru->forward_with_packed_input(packed);
    auto seq = std::get<0>(torch::nn::utils::rnn::pad_packed_sequence(std::get<0>(res), true, 0.0, T));
    auto mask = net::validMask(L, T);                       // [B, T']
    auto score = attV(torch::tanh(att(seq))).squeeze(2);   // [B, T']
    score = score.masked_fill(~mask, -1e9);
    auto w = torch::softmax(score, 1).unsqueeze(2);
    auto pooled = (seq * w).sum(1);
    auto mf = mask.unsqueeze(2).to(seq.dtype());
    auto mean = (seq * mf).sum(1) / L.to(seq.dtype()).unsqueeze(1);
    auto e = torch::cat({pooled, mean}, 1);
    return {e, out(drop(e))};
  }

  int embedding;
  std::vector<net::ConvBlock> blocks;
  torch::nn::GRU gru{nullptr};
  torch::nn::Linear att{nullptr}, attV{nullptr}, out{nullptr};
  torch::nn::Dropout drop{nullptr};
};

}  // namespace

EmoNetPtr makeCrnnAttn(const ModelSpec& spec) { return std::make_shared<CrnnAttnImpl>(spec); }

}  // namespace emo
