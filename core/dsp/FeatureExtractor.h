#pragma once
// FeatureExtractor: whole-signal features with librosa parity (see FeatureParams.h for the exact
// definitions). FFTW plans are made once per extractor and reused. One extractor per thread;
// several extractors may run at once on different threads.
//
// Framing: every feature of frame t is centred on sample t*hop (t*hop + nFft/2 when !center).
// STFT, RMS and F0 windows are zero padded outside the signal, ZCR repeats the end samples
// (librosa). The FFT is double precision for power-of-two nFft (librosa parity to ~1e-5 dB),
// FFTW single precision otherwise. Deltas of a signal with fewer frames than deltaWidth are 0
// (librosa raises an error there).
//
//   emo::FeatureExtractor fx(emo::FeatureParams{});
//   emo::FeatureSet f = fx.compute(samples.data(), samples.size(), emo::seedFeatureKinds());
//   const emo::Matrix& mfcc = f.get(emo::FeatureKind::Mfcc);   // frames x 40
#include <memory>
#include <vector>

#include "core/dsp/FeatureParams.h"
#include "core/dsp/FeatureSet.h"

namespace emo {

class FeatureExtractor {
 public:
  explicit FeatureExtractor(const FeatureParams& params);
  ~FeatureExtractor();
  FeatureExtractor(FeatureExtractor&&) noexcept;
  FeatureExtractor& operator=(FeatureExtractor&&) noexcept;

  const FeatureParams& params() const;
  /// params().validate() at construction. With invalid parameters the extractor computes
  /// nothing: compute() returns a FeatureSet of 0 frames.
  const Status& status() const;
  /// Frames for n samples: 1 + n / hop when centred.
  int frameCount(size_t n) const;
  /// Computes the requested kinds (and whatever they depend on) for n samples at params().sampleRate.
  FeatureSet compute(const float* samples, size_t n, const std::vector<FeatureKind>& kinds);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Per-utterance statistics of each column: mean, std, skewness, kurtosis (excess, Fisher),
/// min, max -> 6 * cols values, grouped by statistic ([means..., stds..., ...]). Population
/// moments (ddof 0); a constant column gives skew = kurtosis = 0. Empty input: zeros.
std::vector<float> utteranceStatistics(const Matrix& frames);

}  // namespace emo
