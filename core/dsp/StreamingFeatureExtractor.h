#pragma once
// StreamingFeatureExtractor: the same frames as FeatureExtractor::compute, produced
// incrementally from audio pushed in blocks of any size (a live microphone). Each frame is
// computed once. Frame t needs samples up to t*hop + nFft/2; delta features wait for
// deltaWidth/2 more frames. finish() flushes the end (zero padding, edge deltas), after which
// the concatenated output equals whole-signal extraction exactly. One per stream; not
// thread-safe.
#include <memory>
#include <vector>

#include "core/dsp/FeatureParams.h"
#include "core/dsp/FeatureSet.h"

namespace emo {

class StreamingFeatureExtractor {
 public:
  StreamingFeatureExtractor(const FeatureParams& params, const std::vector<FeatureKind>& kinds);
  ~StreamingFeatureExtractor();
  StreamingFeatureExtractor(StreamingFeatureExtractor&&) noexcept;
  StreamingFeatureExtractor& operator=(StreamingFeatureExtractor&&) noexcept;

  /// Adds samples (at params().sampleRate). Returns the frames that became final (may be 0 rows).
  FeatureSet push(const float* samples, size_t n);
  /// End of stream: returns the remaining frames.
  FeatureSet finish();
  /// Forget everything; the next push starts a new stream.
  void reset();
  /// Frames emitted so far.
  long long framesEmitted() const;
  /// params.validate() at construction; with invalid parameters push/finish return 0 frames.
  const Status& status() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace emo
