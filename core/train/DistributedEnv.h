#pragma once
// DistributedEnv: where this process sits in a data-parallel training job, read from the
// environment the standard launchers set: torchrun (MASTER_ADDR, MASTER_PORT, WORLD_SIZE, RANK,
// LOCAL_RANK) or Slurm's srun (SLURM_PROCID, SLURM_NTASKS, SLURM_LOCALID, and the first host of
// SLURM_JOB_NODELIST as the rendezvous host unless MASTER_ADDR is set). A plain value; any thread.
//
//   auto env = emo::DistributedEnv::fromEnvironment();   // Error names the missing variable
//   if (env) std::cerr << env->describe() << "\n";        // "rank 1 of 4 (slurm), rendezvous node01:29500"
#include <functional>
#include <string>
#include <vector>

#include "core/common/Result.h"

namespace emo {

struct DistributedEnv {
  static constexpr int kDefaultPort = 29500;  ///< torchrun's default MASTER_PORT

  std::string masterAddr;       ///< rendezvous host: rank 0 serves the c10d::TCPStore there
  int masterPort = kDefaultPort; ///< rendezvous TCP port
  int worldSize = 1;            ///< processes in the job
  int rank = 0;                 ///< this process, 0..worldSize-1 (rank 0 writes checkpoints and bundles)
  int localRank = 0;            ///< this process among those on its node (its GPU in CUDA runs)
  std::string launcher;         ///< "torchrun" or "slurm": which variables were read

  /// Reads the variables through `lookup` (getenv by default; tests pass a map). torchrun's
  /// variables win when both sets are present.
  static Result<DistributedEnv> fromEnvironment(const std::function<const char*(const char*)>& lookup = {});
  /// "rank 1 of 4 (slurm), rendezvous node01:29500"
  std::string describe() const;
};

/// Expands a Slurm host list ("node[01-04,07],gpu-a[1-2]x,login") into host names, keeping each
/// range's zero padding; several bracket groups in one name multiply out. Error on bad syntax.
Result<std::vector<std::string>> expandSlurmHostList(const std::string& list);

}  // namespace emo
