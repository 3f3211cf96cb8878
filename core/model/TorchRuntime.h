#pragma once
// Process-wide libtorch settings: thread count and compute device. Without an explicit thread
// count Debian's libtorch runs on one thread; call setComputeThreads() once at start-up (the CLI
// and GUI do). Device choice: CUDA when this build's libtorch has it, a GPU is present and the
// user allows it; otherwise CPU. Any thread, but set threads before starting work.
#include <string>

#include "core/common/Result.h"

namespace emo {

/// Sets intra-op threads, and OpenBLAS's own pool when present (0 = all cores). Returns the count
/// in effect. The first call also tells glibc's allocator to keep freed memory for reuse instead
/// of returning it to the system after every tensor (training twice as fast; TorchRuntime.cpp).
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
  int index = 0;     ///< CUDA device index (cuda only)
  std::string name;  ///< "CPU" or "CUDA:0 (NVIDIA H100 ...)" for display
};

/// The device to use; allowGpu=false forces CPU.
ComputeDevice chooseComputeDevice(bool allowGpu = true);
/// Whether this build's libtorch can use CUDA and a GPU is visible.
bool cudaAvailable();
/// Whether this build's libtorch was compiled with CUDA at all (a GPU may still be absent).
bool cudaBuilt();
/// CUDA devices visible (0 on a CPU build or a machine without a GPU).
int cudaDeviceCount();

/// A device request as the user writes it (--device, the Train tab, "device" in training JSON).
struct DeviceRequest {
  enum class Kind { Auto, Cpu, Cuda };
  Kind kind = Kind::Auto;
  int index = -1;  ///< cuda:N; -1 = "cuda" without an index (device 0)
};

/// Parses "auto", "cpu", "cuda" or "cuda:N" (case-insensitive). Syntax only: says nothing about
/// whether this machine has the device.
Result<DeviceRequest> parseDeviceRequest(const std::string& text);
/// The device a request means here: auto = CUDA device 0 when the build and the machine have it,
/// else CPU; cpu = CPU; cuda[:N] = that GPU, or an Error saying why not (a CPU-only build of
/// libtorch, no GPU visible, or N out of range).
Result<ComputeDevice> resolveComputeDevice(const std::string& text);

}  // namespace emo
