#pragma once
// Internal to core/model and core/train (includes torch): the networks behind ModelSpec types.
// Every network takes x [B, T, D] (zero beyond each length) and lengths [B] (int64, >= 1) and
// returns logits [B, K]. Padding never changes a clip's output: each layer re-zeroes padded
// frames, recurrent layers run packed, attention and pooling are masked. One network instance
// is used by one thread at a time for training; for inference (eval mode, NoGradGuard) several
// threads may call forward at once.
#include <torch/torch.h>

#include <memory>

#include "core/common/Result.h"
#include "core/model/ModelSpec.h"

namespace emo {

struct EmoNetImpl : torch::nn::Module {
  virtual ~EmoNetImpl() = default;
  virtual torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& lengths) = 0;
  /// {pooled utterance embedding [B, embeddingDim()] the classifier reads, logits [B, K]} in one
  /// pass, for training-only heads (CorpusAdversary.h). Networks without one return an undefined
  /// embedding (and embeddingDim() 0).
  virtual std::pair<torch::Tensor, torch::Tensor> forwardWithEmbedding(const torch::Tensor& x, const torch::Tensor& lengths) {
    return {torch::Tensor(), forward(x, lengths)};
  }
  virtual int embeddingDim() const { return 0; }
};
using EmoNetPtr = std::shared_ptr<EmoNetImpl>;

/// Builds the network of a spec (validated first).
Result<EmoNetPtr> makeNetwork(const ModelSpec& spec);
/// model_type of bundles whose weights file is a TorchScript module (see NetTorchScript.cpp).
inline const char* kTorchScriptModelType = "torchscript";
/// Loads a TorchScript module as a network; `parameters` receives its parameter count.
Result<EmoNetPtr> loadTorchScriptNetwork(const std::string& path, long long* parameters);
/// Saves a network made by loadTorchScriptNetwork.
Status saveTorchScriptNetwork(EmoNetImpl& net, const std::string& path);
/// Trainable parameter count.
long long parameterCount(const torch::nn::Module& module);

namespace net {
/// [B, T] bool, true at valid frames.
torch::Tensor validMask(const torch::Tensor& lengths, int64_t T);
/// Zeroes frames beyond lengths; x is [B, C, T] (channels first).
torch::Tensor maskCT(const torch::Tensor& x, const torch::Tensor& lengths);
/// Masked mean over time of [B, C, T] -> [B, C].
torch::Tensor maskedMeanCT(const torch::Tensor& x, const torch::Tensor& lengths);
/// Output lengths of a conv: floor((L + 2p - k) / s) + 1 (at least 1).
torch::Tensor convLengths(const torch::Tensor& lengths, int k, int s, int p);
/// Reverses each sequence's valid part along time; x [B, C, T].
torch::Tensor reverseValidCT(const torch::Tensor& x, const torch::Tensor& lengths);

/// Conv1d -> BatchNorm -> ReLU -> mask, with stride; channels first.
struct ConvBlockImpl : torch::nn::Module {
  ConvBlockImpl(int in, int out, int kernel, int stride);
  torch::Tensor forward(const torch::Tensor& x, torch::Tensor& lengths);
  torch::nn::Conv1d conv{nullptr};
  torch::nn::BatchNorm1d bn{nullptr};
  int k, s, p;
};
TORCH_MODULE(ConvBlock);
}  // namespace net

// Factories, one per file.
EmoNetPtr makeStatsConv1d(const ModelSpec& spec);
EmoNetPtr makeCnnLstm(const ModelSpec& spec);
EmoNetPtr makeTimNet(const ModelSpec& spec);
EmoNetPtr makeTransformer(const ModelSpec& spec);
EmoNetPtr makeCrnnAttn(const ModelSpec& spec);
EmoNetPtr makeEcapa(const ModelSpec& spec);
/// spec.members copies of spec's network (each with members = 1). In training mode forward()
/// returns every member's logits stacked along the batch ([members * B, K], member-major: the
/// trainer repeats the targets); in eval mode the log of the members' mean probabilities [B, K].
EmoNetPtr makeEnsemble(const ModelSpec& spec);

}  // namespace emo
