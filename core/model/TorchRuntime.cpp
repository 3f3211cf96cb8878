#include "core/model/TorchRuntime.h"

#include <dlfcn.h>
#include <torch/torch.h>

#include <thread>

namespace emo {

namespace {

/// OpenBLAS (Debian's libtorch does its matrix products through libblas.so.3, which is OpenBLAS
/// with libopenblas0-pthread) keeps its own thread pool, sized to all cores and not governed by
/// torch::set_num_threads. Its idle workers spin in sched_yield between products, which cost the
/// live view ~0.5 of a core for 3 ms of inference every 0.1 s. Found by name at run time, so other
/// BLAS builds (reference BLAS, MKL) simply keep their own settings.
void setBlasThreads(int threads) {
  using SetThreads = void (*)(int);
  if (auto set = reinterpret_cast<SetThreads>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads"))) set(threads);
}

}  // namespace

int setComputeThreads(int threads) {
  if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  torch::set_num_threads(threads);
  setBlasThreads(threads);
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
