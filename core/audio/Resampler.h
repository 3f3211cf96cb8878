#pragma once
// Streaming sample-rate converter on libsoxr (high quality). Feed blocks of any size; output
// is continuous across blocks; flush() drains the tail at end of stream. One per stream; not
// thread-safe. A rate equal on both sides passes samples through unchanged.
#include <memory>
#include <vector>

#include "core/common/Result.h"

namespace emo {

class Resampler {
 public:
  /// Error for rates outside 1 Hz..768 kHz.
  static Result<Resampler> create(double inputRate, double outputRate);
  Resampler(Resampler&&) noexcept;
  Resampler& operator=(Resampler&&) noexcept;
  ~Resampler();

  /// Appends resampled output for `n` input samples to `out`.
  void process(const float* in, size_t n, std::vector<float>& out);
  /// Appends the remaining output at end of stream. A second flush() adds nothing; process()
  /// after flush() starts a new stream (as if reset() had been called).
  void flush(std::vector<float>& out);
  /// Forgets all history: the next process() starts a new stream.
  void reset();
  double inputRate() const;
  double outputRate() const;

 private:
  Resampler();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// One-shot convenience: whole buffer from inputRate to outputRate.
Result<std::vector<float>> resample(const std::vector<float>& in, double inputRate, double outputRate);

}  // namespace emo
