#pragma once
// Internal to core/train (includes torch): checkpoint files and batched forward passes.
#include <torch/torch.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/model/Networks.h"
#include "core/train/Trainer.h"

namespace emo::train_detail {

/// Everything a run needs to continue.
struct CheckpointState {
  int epoch = 0;              ///< epochs completed
  int bestEpoch = 0;
  double bestValUa = -1;
  int badEpochs = 0;          ///< since the best
  int lrBadEpochs = 0;        ///< since the last improvement or lr cut
  double lr = 0;
  std::vector<EpochLog> history;
  std::string fingerprint;    ///< architecture + hyperparameters; a resume must match
};

/// Writes dir/ckpt atomically (a complete folder replaces the previous one).
Status saveCheckpoint(const std::string& dir, const CheckpointState& state, EmoNetImpl& net,
                      torch::optim::Optimizer& optimizer, const std::vector<torch::Tensor>& bestWeights);
/// True with state filled when dir holds a checkpoint; Error if it exists but is unusable.
Result<bool> loadCheckpoint(const std::string& dir, CheckpointState& state, EmoNetImpl& net,
                            torch::optim::Optimizer& optimizer, std::vector<torch::Tensor>& bestWeights);

/// Copies of all parameters and buffers (in named order), and their restoration.
std::vector<torch::Tensor> snapshot(EmoNetImpl& net);
void restore(EmoNetImpl& net, const std::vector<torch::Tensor>& weights);

/// Eval-mode probabilities, softmax(logits / temperature), of n inputs in batches of inputs of
/// similar length (sorted by `rows`): input(i) makes input i (normalised) when its batch is
/// run, so only one batch of inputs is in memory at a time.
std::vector<std::vector<float>> predictEach(EmoNetImpl& net, const std::vector<int>& rows,
                                            const std::function<Matrix(size_t)>& input, int batch = 16,
                                            double temperature = 1.0);
/// predictEach over a set's clean clips, normalised and centre-cropped to maxFrames as
/// TrainSet::normalised does (a streamed set is read one batch at a time).
std::vector<std::vector<float>> predictTrainSet(EmoNetImpl& net, const TrainSet& set, int maxFrames, int batch = 16,
                                                double temperature = 1.0);
/// predictEach over inputs already in memory.
std::vector<std::vector<float>> predictNormalised(EmoNetImpl& net, const std::vector<Matrix>& inputs, int batch = 16,
                                                  double temperature = 1.0);

nlohmann::json epochToJson(const EpochLog& e);
EpochLog epochFromJson(const nlohmann::json& j);

}  // namespace emo::train_detail
