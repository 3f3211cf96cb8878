#pragma once
// GradientSync: what makes one training loop data-parallel. After every backward pass the
// trainer hands its network's gradients here; in a job of W processes each gradient becomes the
// mean over all W ranks' samples of that step, so every rank takes the same optimiser step and
// the copies stay identical. The trainer never asks whether it runs alone: the local
// implementation (one process) leaves everything as it is.
//
// The c10d implementation is PyTorch's own runtime, from C++: a c10d::TCPStore rendezvous (rank
// 0 serves it), then ProcessGroupGloo over TCP (CPU tensors) or ProcessGroupNCCL (CUDA builds,
// GPU tensors). Every collective has a timeout; a rank that dies closes its sockets and the others
// fail at their next collective (at once, or after the timeout if it hangs) with a message that
// says so. Never a hang.
//
//   auto env = emo::DistributedEnv::fromEnvironment().value();
//   auto sync = emo::connectGradientSync(env, device, 300).value();   // blocks until all ranks joined
//   callbacks.sync = sync.get();                                        // Trainer::train(...)
//
// Calls must come in the same order on every rank (collectives). One thread: the training thread.
#include <memory>
#include <string>

#include "core/common/Result.h"
#include "core/model/TorchRuntime.h"
#include "core/train/DistributedEnv.h"

namespace torch::nn {
class Module;
}

namespace emo {

class GradientSync {
 public:
  virtual ~GradientSync() = default;
  virtual int rank() const = 0;
  virtual int worldSize() const = 0;
  /// "single process" or "gloo: rank 1 of 2 (torchrun), rendezvous 127.0.0.1:29500"
  virtual std::string describe() const = 0;

  /// Sets every rank's parameters and buffers to rank 0's (after initialisation or a resume).
  virtual Status broadcastState(torch::nn::Module& net) = 0;
  /// After backward: replaces every gradient by the sample-weighted mean over the ranks (each
  /// rank's gradient is the mean over its `samples`; a rank with no batch this step passes 0 and
  /// its gradients are ignored). Returns the same weighted mean of `loss`: the step's loss over
  /// the global batch.
  virtual Result<double> averageGradients(torch::nn::Module& net, double loss, int samples) = 0;
  /// Floating-point buffers (BatchNorm running statistics) averaged over the ranks, so every
  /// copy validates, checkpoints and saves the same model.
  virtual Status averageBuffers(torch::nn::Module& net) = 0;
  /// Checks that `value` is the same on every rank (e.g. the epoch a resume starts from); the
  /// Error names `what` and the lowest and highest values.
  virtual Status requireSame(const std::string& what, double value) = 0;
};

/// One process alone: every call is a no-op.
std::unique_ptr<GradientSync> makeLocalGradientSync();

/// Joins the job `env` describes: rendezvous at env.masterAddr:env.masterPort (rank 0 serves the
/// store and waits for the others), then a process group for `device` (NCCL for CUDA where the
/// build has it, else Gloo over TCP with one thread). `timeoutSeconds` bounds the rendezvous and
/// every collective. Error (with the address and the reason) if the job cannot be formed, or if
/// this build of libtorch lacks c10d.
Result<std::unique_ptr<GradientSync>> connectGradientSync(const DistributedEnv& env, const ComputeDevice& device,
                                                         int timeoutSeconds);

/// Whether this build can run data-parallel training (c10d with Gloo headers found at build time).
bool distributedTrainingBuilt();

}  // namespace emo
