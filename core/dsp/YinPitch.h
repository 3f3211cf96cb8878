#pragma once
// YinPitch: fundamental frequency of one frame by YIN (de Cheveigné & Kawahara 2002): difference
// function, cumulative-mean normalisation, first dip under the threshold refined to its local
// minimum and by parabolic interpolation. A frame with no dip under the threshold (noise) or with
// no energy is unvoiced (f0 0).
//
// The difference function d(tau) = sum_{j<w} (x[j] - x[j+tau])^2 is computed as
// E(head) + E(x[tau..tau+w)) - 2 r(tau): the energies from prefix sums of x^2, the
// cross-correlation r of the frame's head x[0..w) with the frame by FFTW (two r2c transforms and
// one c2r of fftLength(), double precision), as librosa.yin does. That is ~8x fewer operations
// than the lag-by-lag sum at the default parameters.
//
// Owns FFTW plans and buffers: one per thread (plans are made under fftwPlannerMutex()).
#include <memory>

#include "core/dsp/FeatureParams.h"

namespace emo {

class YinPitch {
 public:
  explicit YinPitch(const FeatureParams& p);
  ~YinPitch();
  YinPitch(const YinPitch&) = delete;
  YinPitch& operator=(const YinPitch&) = delete;

  /// Frame length the estimator expects (params.f0FrameLength).
  int frameLength() const { return frameLength_; }
  /// out[0] = f0 in Hz (0 when unvoiced), out[1] = 1 voiced / 0 unvoiced.
  void estimate(const float* frame, float* out);

  /// Largest lag the difference function is computed for (the search's longest period + 1, for
  /// the parabolic interpolation).
  static int lastLag(const FeatureParams& p);
  /// Transform length for the cross-correlation: the smallest power of two >= f0FrameLength (the
  /// lags of interest never wrap, since the head plus the last lag spans the frame).
  static int fftLength(const FeatureParams& p);

 private:
  struct Buffers;
  int sampleRate_, frameLength_, tauMin_, tauMax_;
  double threshold_;
  std::unique_ptr<Buffers> b_;
};

}  // namespace emo
