#include "core/model/TorchRuntime.h"

#include <torch/torch.h>

#include <thread>

namespace emo {

int setComputeThreads(int threads) {
  if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  torch::set_num_threads(threads);
  return torch::get_num_threads();
}

int computeThreads() { return torch::get_num_threads(); }

bool cudaAvailable() {
  try {
    return torch::cuda::is_available();
  } catch (...) {
    return false;
  }
}

ComputeDevice chooseComputeDevice(bool allowGpu) {
  if (allowGpu && cudaAvailable()) return {true, "CUDA:0"};
  return {false, "CPU"};
}

}  // namespace emo
