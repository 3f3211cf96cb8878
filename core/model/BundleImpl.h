#pragma once
// Internal to core/model and core/train (includes torch): what a ModelBundle holds, and the
// conversions between matrices and padded batches that training and inference share.
#include <torch/torch.h>

#include <functional>
#include <memory>
#include <ostream>
#include <vector>

#include "core/model/ModelBundle.h"
#include "core/model/Networks.h"

namespace emo {

struct ModelBundle::Impl {
  ModelInfo info;
  EmoNetPtr net;                       ///< in eval mode once inside a bundle
  torch::Device device{torch::kCPU};
  std::string deviceName = "CPU";
};

/// A bundle over a trained network (put into eval mode). info.parameterCount is filled in.
std::shared_ptr<ModelBundle> makeBundle(ModelInfo info, EmoNetPtr net);

/// Pads matrices (frames x D, already normalised) into x [B, T, D] and lengths [B].
void padBatch(const std::vector<const Matrix*>& inputs, torch::Tensor& x, torch::Tensor& lengths);

/// Serialises with libtorch into memory, then writes the bytes atomically. libtorch's own file
/// writers throw from a destructor when the disk is full, which terminates the process; going
/// through memory turns a full disk into an ordinary error and never leaves a partial file.
Status writeTorchFile(const std::string& path, const std::function<void(std::ostream&)>& serialise);

/// Weights as a flat archive of named parameters and buffers ('.' written as '__').
Status saveWeights(const torch::nn::Module& net, const std::string& path);
/// Loads weights saved by saveWeights; refuses missing or surplus tensors and shape mismatches.
Status loadWeights(torch::nn::Module& net, const std::string& path);

/// 64-bit FNV-1a hash of a file's bytes, and its size.
Result<std::pair<unsigned long long, long long>> hashWeightsFile(const std::string& path);

}  // namespace emo
