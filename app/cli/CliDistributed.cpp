#include "CliDistributed.h"

#include <iostream>

namespace emo::cli {

void addDistributedOptions(CLI::App& cmd, DistributedArgs& a) {
  cmd.add_flag("--distributed", a.enabled,
               "Data-parallel training: this process is one rank of a job whose launcher (torchrun, srun, a "
               "Kubernetes Job) set RANK/WORLD_SIZE/MASTER_ADDR/MASTER_PORT or SLURM_* variables; --batch-size is "
               "per rank, rank 0 writes the outputs");
  cmd.add_option("--dist-timeout", a.timeoutSeconds,
                 "Seconds a rank waits at the rendezvous or a gradient exchange before giving up (a rank that dies "
                 "is noticed at once)")
      ->check(CLI::Range(1, 86400));
}

std::unique_ptr<GradientSync> cliJoinJob(const DistributedArgs& a, std::string& device, const std::string& command) {
  auto chosen = resolveComputeDevice(device);
  if (!chosen) {
    std::cerr << "emoscope-cli " << command << ": " << chosen.error() << "\n";
    return nullptr;
  }
  if (!a.enabled) return makeLocalGradientSync();
  auto env = DistributedEnv::fromEnvironment();
  if (!env) {
    std::cerr << "emoscope-cli " << command << ": " << env.error() << "\n";
    return nullptr;
  }
  auto request = parseDeviceRequest(device);
  if (chosen->cuda && request && request->index < 0) {  // one GPU per rank on its node
    device = "cuda:" + std::to_string(env->localRank);
    chosen = resolveComputeDevice(device);
    if (!chosen) {
      std::cerr << "emoscope-cli " << command << ": rank " << env->rank << ": " << chosen.error() << "\n";
      return nullptr;
    }
  }
  std::cerr << "joining " << env->describe() << " on " << chosen->name << " (timeout " << a.timeoutSeconds << " s)\n";
  auto sync = connectGradientSync(env.value(), chosen.value(), a.timeoutSeconds);
  if (!sync) {
    std::cerr << "emoscope-cli " << command << ": " << sync.error() << "\n";
    return nullptr;
  }
  std::cerr << "joined: " << (*sync)->describe() << "\n";
  return std::move(sync.value());
}

}  // namespace emo::cli
