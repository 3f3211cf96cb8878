#pragma once
// BabblePool: background babble made of real speech. It holds a few dozen clips of the training
// set, spread over its speakers, each scaled to unit RMS; make() mixes several of them, each
// from a speaker other than the clip being augmented, into "many people talking" of any length.
// There is no noise corpus in ../shared/data; this is real audio (acted speech), not a
// synthetic model. Built once, then read-only: make() may run on several threads at once.
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "core/common/Result.h"
#include "core/data/Clip.h"

namespace emo {

struct BabbleClip {
  std::string speaker;         ///< Clip::speaker of the source clip
  std::vector<float> samples;  ///< mono at the pool's rate, unit RMS
};

class BabblePool {
 public:
  BabblePool() = default;
  explicit BabblePool(std::vector<BabbleClip> clips);

  /// Reads up to `maxClips` of `clips` at `sampleRate`, round robin over speakers in a seeded
  /// random order (so every speaker contributes before any gives a second clip). Error if a
  /// chosen file cannot be read or fewer than two speakers are present.
  static Result<BabblePool> fromClips(const std::vector<Clip>& clips, int sampleRate, int maxClips, uint64_t seed);

  size_t size() const { return clips_.size(); }
  /// Hash of the chosen files' paths (fromClips), for cache keys of babbled features; 0 otherwise.
  uint64_t fingerprint() const { return fingerprint_; }
  const std::vector<BabbleClip>& clips() const { return clips_; }

  /// `n` samples of `talkers` clips summed, each from a different speaker other than
  /// `excludeSpeaker` where the pool has enough (else speakers repeat, never the excluded one),
  /// each read from a random offset and looped. Empty when no clip of another speaker exists.
  std::vector<float> make(size_t n, int talkers, const std::string& excludeSpeaker, std::mt19937_64& rng) const;

 private:
  std::vector<BabbleClip> clips_;
  uint64_t fingerprint_ = 0;
};

}  // namespace emo
