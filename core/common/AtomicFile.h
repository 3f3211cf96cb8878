#pragma once
// Atomic file writes: the content goes to a temporary file in the same folder, is flushed and
// fsync'ed, then renamed over the target. A crash or a full disk leaves the previous file intact.
// Used for models, annotations, recordings and profiles. Any thread (distinct targets).
#include <functional>
#include <string>

#include "core/common/Result.h"

namespace emo {

/// Writes `bytes` to `path` atomically. On failure the old file (if any) is untouched and the
/// message says what failed ("disk full", "permission denied", ...).
Status writeFileAtomically(const std::string& path, const std::string& bytes);

/// Atomic write through a callback that fills a temporary path (for libraries that write files
/// themselves, e.g. libsndfile or torch::save). The callback returns its own Status.
Status writeViaTemporary(const std::string& path,
                         const std::function<Status(const std::string& tempPath)>& writer);

/// Reads a whole file; a clear error if missing or unreadable. `maxBytes` guards against huge files.
Result<std::string> readFileBytes(const std::string& path, size_t maxBytes = 512u << 20);

}  // namespace emo
