#pragma once
// YinPitch: fundamental frequency of one frame by YIN (de Cheveigné & Kawahara 2002): difference
// function, cumulative-mean normalisation, first dip under the threshold refined to its local
// minimum and by parabolic interpolation. A frame with no dip under the threshold (noise) or with
// no energy is unvoiced (f0 0). Reuses its buffers: one per thread.
#include <vector>

#include "core/dsp/FeatureParams.h"

namespace emo {

class YinPitch {
 public:
  explicit YinPitch(const FeatureParams& p);
  /// Frame length the estimator expects (params.f0FrameLength).
  int frameLength() const { return frameLength_; }
  /// out[0] = f0 in Hz (0 when unvoiced), out[1] = 1 voiced / 0 unvoiced.
  void estimate(const float* frame, float* out);

 private:
  int sampleRate_, frameLength_, tauMin_, tauMax_;
  double threshold_;
  std::vector<double> diff_, cmnd_;
};

}  // namespace emo
