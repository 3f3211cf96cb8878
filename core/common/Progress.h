#pragma once
// Callbacks long core operations take: progress reports and a cancel flag. They are called on the
// thread that runs the operation; a GUI forwards them through queued signals.
#include <atomic>
#include <functional>
#include <string>

namespace emo {

/// done of total units finished; `what` names the current item (a file, an epoch).
using ProgressFn = std::function<void(long long done, long long total, const std::string& what)>;

/// Shared cancel flag: the caller sets it, the operation polls it and returns early with
/// an Error("cancelled").
using CancelFlag = std::atomic<bool>;

}  // namespace emo
