#pragma once
// The CLI side of data-parallel training (train/cv --distributed) and of --device: the options,
// and joining the job the launcher's environment describes (DistributedEnv, GradientSync).
// Main thread.
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "core/train/GradientSync.h"

namespace emo::cli {

struct DistributedArgs {
  bool enabled = false;     ///< --distributed: one rank of a job started by torchrun/srun/a Job
  int timeoutSeconds = 300; ///< --dist-timeout: rendezvous and every collective (a dead rank is seen at once)
};

void addDistributedOptions(CLI::App& cmd, DistributedArgs& a);

/// Checks --device (Error text printed as "emoscope-cli COMMAND: ...") and, with --distributed,
/// joins the job: a GPU run uses cuda:LOCAL_RANK unless an index was given (device is updated).
/// Returns the sync (the local no-op without --distributed), or nullptr after printing why not.
std::unique_ptr<GradientSync> cliJoinJob(const DistributedArgs& a, std::string& device, const std::string& command);

}  // namespace emo::cli
