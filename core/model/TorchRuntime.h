#pragma once
// Process-wide libtorch settings: thread count and compute device. Without an explicit thread
// count Debian's libtorch runs on one thread; call setComputeThreads() once at start-up (the CLI
// and GUI do). Device choice: CUDA when this build's libtorch has it, a GPU is present and the
// user allows it; otherwise CPU. Any thread, but set threads before starting work.
#include <string>

namespace emo {

/// Sets intra-op threads, and OpenBLAS's own pool when present (0 = all cores). Returns the count
/// in effect.
int setComputeThreads(int threads);
int computeThreads();

/// Sets the compute threads for one job (a training run) and restores the previous count when it
/// ends, so the app's one-thread live inference is not left with a training-sized pool.
class ScopedComputeThreads {
 public:
  explicit ScopedComputeThreads(int threads) : previous_(computeThreads()) { setComputeThreads(threads); }
  ~ScopedComputeThreads() { setComputeThreads(previous_); }
  ScopedComputeThreads(const ScopedComputeThreads&) = delete;
  ScopedComputeThreads& operator=(const ScopedComputeThreads&) = delete;

 private:
  int previous_;
};

struct ComputeDevice {
  bool cuda = false;
  std::string name;  ///< "CPU" or "CUDA:0 (NVIDIA H100 ...)" for display
};

/// The device to use; allowGpu=false forces CPU.
ComputeDevice chooseComputeDevice(bool allowGpu = true);
/// Whether this build's libtorch can use CUDA and a GPU is visible.
bool cudaAvailable();

}  // namespace emo
