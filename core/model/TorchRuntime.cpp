#include "core/model/TorchRuntime.h"

#include <ATen/detail/CUDAHooksInterface.h>
#include <dlfcn.h>
#include <malloc.h>
#include <torch/torch.h>

#include <algorithm>
#include <cctype>
#include <mutex>
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

/// glibc hands a freed block above its mmap threshold (adaptive, at most 32 MiB) and a free heap
/// top above trim_threshold back to the system. Autograd frees every step's activations and
/// allocates the same sizes again in the next, so each step faulted its pages in anew: perf put
/// 17 % of a crnn_attn training run in the kernel's page-fault path. Keeping freed memory for
/// reuse ran the same training, bit for bit, in half the time (docs/PERFORMANCE.md, "Training
/// loop"). Peak memory is what the program uses at most either way; what it freed stays mapped for
/// the next step instead (an explicit malloc_trim still returns it).
void keepFreedMemoryForReuse() {
#ifdef __GLIBC__
  static std::once_flag once;
  std::call_once(once, [] {
    mallopt(M_MMAP_THRESHOLD, 32 << 20);  // blocks up to 32 MiB come from the heap and are reused
    mallopt(M_TRIM_THRESHOLD, 1 << 30);   // free heap top kept up to 1 GiB
  });
#endif
}

}  // namespace

int setComputeThreads(int threads) {
  keepFreedMemoryForReuse();
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

bool cudaBuilt() {
  try {  // the CPU-only stub throws ("Cannot query CUDART version without ATen_cuda library")
    return at::detail::getCUDAHooks().versionCUDART() > 0;
  } catch (...) {
    return false;
  }
}

int cudaDeviceCount() {
  try {
    return cudaAvailable() ? static_cast<int>(torch::cuda::device_count()) : 0;
  } catch (...) {
    return 0;
  }
}

ComputeDevice chooseComputeDevice(bool allowGpu) {
  if (allowGpu && cudaAvailable()) return {true, 0, "CUDA:0"};
  return {false, 0, "CPU"};
}

Result<DeviceRequest> parseDeviceRequest(const std::string& textIn) {
  std::string text = textIn;
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  const std::string usage = "device must be auto, cpu, cuda or cuda:N, not '" + textIn + "'";
  DeviceRequest r;
  if (text == "auto" || text.empty()) return r;
  if (text == "cpu") {
    r.kind = DeviceRequest::Kind::Cpu;
    return r;
  }
  if (text.rfind("cuda", 0) != 0) return fail(usage);
  r.kind = DeviceRequest::Kind::Cuda;
  if (text.size() == 4) return r;
  if (text[4] != ':' || text.size() == 5 || text.size() > 8) return fail(usage);
  for (size_t i = 5; i < text.size(); ++i)
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return fail(usage);
  r.index = std::stoi(text.substr(5));
  return r;
}

Result<ComputeDevice> resolveComputeDevice(const std::string& text) {
  auto request = parseDeviceRequest(text);
  if (!request) return Error{request.error()};
  if (request->kind == DeviceRequest::Kind::Cpu) return ComputeDevice{false, 0, "CPU"};
  const int count = cudaDeviceCount();
  if (request->kind == DeviceRequest::Kind::Auto)
    return count > 0 ? ComputeDevice{true, 0, "CUDA:0"} : ComputeDevice{false, 0, "CPU"};
  if (!cudaBuilt())
    return fail("device '" + text + "': this build of EmoScope uses a CPU-only libtorch; build against a CUDA "
                "libtorch (CMAKE_PREFIX_PATH, see docs/CLUSTER.md) or use --device cpu");
  if (count == 0)
    return fail("device '" + text + "': libtorch has CUDA but no GPU is visible (driver, CUDA_VISIBLE_DEVICES?); "
                "use --device cpu");
  const int index = std::max(0, request->index);
  if (index >= count)
    return fail("device '" + text + "': only " + std::to_string(count) + " GPU(s) visible (cuda:0.." +
                std::to_string(count - 1) + ")");
  return ComputeDevice{true, index, "CUDA:" + std::to_string(index)};
}

}  // namespace emo
