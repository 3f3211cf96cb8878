// GradientSync implementations: the local no-op, and c10d (TCPStore + ProcessGroupGloo/NCCL).
// EMO_HAVE_C10D_GLOO / EMO_HAVE_C10D_NCCL come from core/CMakeLists.txt (gloo/nccl headers found).
#include "core/train/GradientSync.h"

#include <torch/torch.h>

#include <chrono>

#if EMO_HAVE_C10D_GLOO
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#endif
#if EMO_HAVE_C10D_NCCL
#include <torch/csrc/distributed/c10d/ProcessGroupNCCL.hpp>
#endif

namespace emo {

namespace {

class LocalGradientSync final : public GradientSync {
 public:
  int rank() const override { return 0; }
  int worldSize() const override { return 1; }
  std::string describe() const override { return "single process"; }
  Status broadcastState(torch::nn::Module&) override { return success(); }
  Result<double> averageGradients(torch::nn::Module&, double loss, int) override { return loss; }
  Status averageBuffers(torch::nn::Module&) override { return success(); }
  Status requireSame(const std::string&, double) override { return success(); }
};

#if EMO_HAVE_C10D_GLOO

std::string firstLine(const std::string& s) { return s.substr(0, s.find('\n')); }

bool isLoopback(const std::string& host) { return host == "localhost" || host.rfind("127.", 0) == 0 || host == "::1"; }

/// Process groups share allreduce/broadcast signatures (ProcessGroup in 1.13, Backend in 2.x).
template <class Group>
class C10dGradientSync final : public GradientSync {
 public:
  C10dGradientSync(c10::intrusive_ptr<c10d::Store> store, c10::intrusive_ptr<Group> group, std::string backend,
                   const DistributedEnv& env, torch::Device device, int timeoutSeconds)
      : store_(std::move(store)), group_(std::move(group)), backend_(std::move(backend)), env_(env), device_(device),
        timeout_(timeoutSeconds) {}

  int rank() const override { return env_.rank; }
  int worldSize() const override { return env_.worldSize; }
  std::string describe() const override { return backend_ + ": " + env_.describe(); }

  Status broadcastState(torch::nn::Module& net) override {
    return guarded("broadcasting rank 0's weights", [&] {
      torch::NoGradGuard noGrad;
      for (auto& t : tensorsOf(net, true)) {
        std::vector<at::Tensor> one{t.detach().to(device_)};
        c10d::BroadcastOptions opts;
        opts.rootRank = 0;
        group_->broadcast(one, opts)->wait();
        if (one[0].data_ptr() != t.data_ptr()) t.detach().copy_(one[0]);  // staged through another device
      }
    });
  }

  Result<double> averageGradients(torch::nn::Module& net, double loss, int samples) override {
    double out = 0;
    Status ok = guarded("averaging gradients", [&] {
      torch::NoGradGuard noGrad;
      auto params = net.parameters();
      std::vector<torch::Tensor> pieces;
      pieces.reserve(params.size() + 1);
      const auto opts = torch::TensorOptions().dtype(torch::kFloat).device(device_);
      for (auto& p : params) {
        const auto& g = p.grad();
        pieces.push_back(g.defined() && samples > 0 ? (g.detach().reshape({-1}).to(device_, torch::kFloat) * double(samples))
                                                    : torch::zeros({p.numel()}, opts));
      }
      pieces.push_back(torch::tensor({float(loss * samples), float(samples)}, opts));
      std::vector<at::Tensor> flat{torch::cat(pieces)};
      group_->allreduce(flat)->wait();
      const auto& f = flat[0];
      const double total = f[-1].item<double>();
      if (total <= 0) throw std::runtime_error("no rank had a batch in this step");
      int64_t offset = 0;
      for (auto& p : params) {
        auto avg = (f.narrow(0, offset, p.numel()).view(p.sizes()) / total).to(p.device(), p.scalar_type());
        offset += p.numel();
        if (p.grad().defined())
          p.mutable_grad().copy_(avg);
        else
          p.mutable_grad() = avg.clone();  // a rank without a batch
      }
      out = f[-2].item<double>() / total;
    });
    if (!ok) return Error{ok.error()};
    return out;
  }

  Status averageBuffers(torch::nn::Module& net) override {
    return guarded("averaging BatchNorm statistics", [&] {
      torch::NoGradGuard noGrad;
      std::vector<torch::Tensor> buffers;
      for (auto& b : net.buffers())
        if (b.is_floating_point()) buffers.push_back(b);
      if (buffers.empty()) return;
      std::vector<torch::Tensor> pieces;
      for (auto& b : buffers) pieces.push_back(b.detach().reshape({-1}).to(device_, torch::kFloat));
      std::vector<at::Tensor> flat{torch::cat(pieces)};
      group_->allreduce(flat)->wait();
      int64_t offset = 0;
      for (auto& b : buffers) {
        b.copy_((flat[0].narrow(0, offset, b.numel()).view(b.sizes()) / double(env_.worldSize)).to(b.device(), b.scalar_type()));
        offset += b.numel();
      }
    });
  }

  Status requireSame(const std::string& what, double value) override {
    double lo = 0, hi = 0;
    Status ok = guarded("comparing " + what, [&] {
      std::vector<at::Tensor> t{torch::tensor({value, -value}, torch::TensorOptions().dtype(torch::kDouble).device(device_))};
      c10d::AllreduceOptions opts;
      opts.reduceOp = c10d::ReduceOp::MAX;
      group_->allreduce(t, opts)->wait();
      hi = t[0][0].item<double>();
      lo = -t[0][1].item<double>();
    });
    if (!ok) return ok;
    if (lo != hi)
      return fail("distributed training: the ranks disagree on " + what + " (from " + std::to_string(lo) + " to " +
                  std::to_string(hi) + ")");
    return success();
  }

 private:
  static std::vector<torch::Tensor> tensorsOf(torch::nn::Module& net, bool withBuffers) {
    std::vector<torch::Tensor> out = net.parameters();
    if (withBuffers)
      for (auto& b : net.buffers()) out.push_back(b);
    return out;
  }

  template <class Fn>
  Status guarded(const std::string& step, Fn&& fn) {
    try {
      fn();
      return success();
    } catch (const std::exception& e) {
      return fail("distributed training, rank " + std::to_string(env_.rank) + " of " + std::to_string(env_.worldSize) +
                  ": " + step + " failed: " + firstLine(e.what()) +
                  " (another rank has died, hung or failed; collectives time out after " + std::to_string(timeout_) +
                  " s)");
    }
  }

  c10::intrusive_ptr<c10d::Store> store_;
  c10::intrusive_ptr<Group> group_;
  std::string backend_;
  DistributedEnv env_;
  torch::Device device_;
  int timeout_;
};

#endif  // EMO_HAVE_C10D_GLOO

}  // namespace

std::unique_ptr<GradientSync> makeLocalGradientSync() { return std::make_unique<LocalGradientSync>(); }

bool distributedTrainingBuilt() {
#if EMO_HAVE_C10D_GLOO
  return true;
#else
  return false;
#endif
}

Result<std::unique_ptr<GradientSync>> connectGradientSync(const DistributedEnv& env, [[maybe_unused]] const ComputeDevice& device,
                                                         int timeoutSeconds) {
  if (timeoutSeconds < 1) return fail("distributed training: the timeout must be at least 1 s");
  if (env.worldSize == 1 && env.rank == 0) return makeLocalGradientSync();
#if EMO_HAVE_C10D_GLOO
  const std::chrono::milliseconds timeout(1000LL * timeoutSeconds);
  const std::string where = env.masterAddr + ":" + std::to_string(env.masterPort);
  auto rendezvousFailed = [&](const std::string& step, const std::exception& e) {
    return fail("distributed training, rank " + std::to_string(env.rank) + ": rendezvous at " + where + " failed (" +
                step + "): " + firstLine(e.what()) + " (within " + std::to_string(timeoutSeconds) + " s; are all " +
                std::to_string(env.worldSize) + " ranks started, and can they reach " + where + "?)");
  };
  c10::intrusive_ptr<c10d::Store> store;
  try {
    c10d::TCPStoreOptions so;
    so.port = static_cast<std::uint16_t>(env.masterPort);
    so.isServer = env.rank == 0;
    so.numWorkers = static_cast<size_t>(env.worldSize);
    so.waitWorkers = true;
    so.timeout = timeout;
    store = c10::make_intrusive<c10d::TCPStore>(env.masterAddr, so);
  } catch (const std::exception& e) {
    return rendezvousFailed("store", e);
  }
  try {
#if EMO_HAVE_C10D_NCCL
    if (device.cuda) {
      auto opts = c10d::ProcessGroupNCCL::Options::create();
      opts->timeout = timeout;
      auto group = c10::make_intrusive<c10d::ProcessGroupNCCL>(store, env.rank, env.worldSize, opts);
      return std::unique_ptr<GradientSync>(std::make_unique<C10dGradientSync<c10d::ProcessGroupNCCL>>(
          store, group, "nccl", env, torch::Device(torch::kCUDA, static_cast<c10::DeviceIndex>(device.index)),
          timeoutSeconds));
    }
#endif
    auto opts = c10d::ProcessGroupGloo::Options::create(timeout);
    if (isLoopback(env.masterAddr))
      opts->devices.push_back(c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1"));
    else if (const char* ifname = std::getenv("GLOO_SOCKET_IFNAME"); ifname && *ifname)
      opts->devices.push_back(c10d::ProcessGroupGloo::createDeviceForInterface(ifname));
    else
      opts->devices.push_back(c10d::ProcessGroupGloo::createDefaultDevice());
    opts->threads = 1;
    auto group = c10::make_intrusive<c10d::ProcessGroupGloo>(store, env.rank, env.worldSize, opts);
    // Gloo reduces CPU tensors: a CUDA run without NCCL stages the buffers through the CPU.
    return std::unique_ptr<GradientSync>(std::make_unique<C10dGradientSync<c10d::ProcessGroupGloo>>(
        store, group, "gloo", env, torch::Device(torch::kCPU), timeoutSeconds));
  } catch (const std::exception& e) {
    return rendezvousFailed("process group", e);
  }
#else
  return fail("distributed training is not available in this build: libtorch's c10d Gloo headers were not found "
              "at build time (Debian: apt-get install libgloo-dev, then re-run cmake)");
#endif
}

}  // namespace emo
