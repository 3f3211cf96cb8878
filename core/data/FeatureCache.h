#pragma once
// FeatureCache: frame features on disk, keyed by the audio file's content hash, the feature
// parameters (JSON) and the requested kinds, so a second run over the same data skips
// extraction; a changed file or changed parameters miss and recompute. Entries are written
// atomically; a corrupt or truncated entry is ignored and recomputed. Several threads may call
// getOrCompute at once (distinct or equal keys).
#include <atomic>
#include <functional>
#include <string>
#include <vector>

#include "core/common/Result.h"
#include "core/dsp/FeatureParams.h"
#include "core/dsp/FeatureSet.h"

namespace emo {

class FeatureCache {
 public:
  /// folder "" = the default: $EMO_CACHE_DIR, else $XDG_CACHE_HOME/emoscope/features, else
  /// ~/.cache/emoscope/features. Created on first write.
  explicit FeatureCache(std::string folder = "");
  const std::string& folder() const { return folder_; }

  using Compute = std::function<Result<FeatureSet>()>;
  /// The cached features for (audio content, params, kinds, recipe), or compute() stored then
  /// returned. `recipe` distinguishes other preprocessing (e.g. "loudnorm-v1"). A failed write
  /// (full disk) still returns the computed features.
  Result<FeatureSet> getOrCompute(const std::string& audioPath, const FeatureParams& params,
                                  const std::vector<FeatureKind>& kinds, const std::string& recipe,
                                  const Compute& compute);
  long long hits() const { return hits_.load(); }
  long long misses() const { return misses_.load(); }

  /// 64-bit content hash of a file (FNV-1a/xxhash-style), used for keys and duplicate detection.
  static Result<uint64_t> hashFile(const std::string& path);

 private:
  std::string folder_;
  std::atomic<long long> hits_{0};
  std::atomic<long long> misses_{0};
};

}  // namespace emo
