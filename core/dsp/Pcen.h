#pragma once
// Pcen: per-channel energy normalisation (Wang et al. 2017, "Trainable frontend for robust and
// far-field keyword spotting") of mel power frames, with librosa.pcen's definition and default
// parameters. Each mel band is divided by a causal running average of itself (automatic gain
// control per band, so a fixed microphone colouring or level largely cancels), then compressed:
//   M[t]   = (1 - b) M[t-1] + b S[t],   b = (sqrt(1 + 4 T^2) - 1) / (2 T^2),
//            T = timeConstant * sampleRate / hopLength (frames)
//   out[t] = bias^power * expm1(power * log1p(S[t] (eps + M[t])^-gain / bias))
//          = (S[t] / (eps + M[t])^gain + bias)^power - bias^power
// with S = mel power * inputScale. Differences from librosa.pcen, chosen on purpose:
//   - the smoother starts at the first frame's own value (M[-1] = S[0]), where librosa starts
//     from lfilter_zi = 1 (an input of 1 forever), which gives a start transient of ~T frames;
//   - the input is scaled by 2^31 as librosa's documentation does for float audio.
// The filter is causal, so streaming (one frame at a time) and whole-signal extraction give the
// same values. One filter per stream; not thread-safe.
#include <vector>

#include "core/dsp/FeatureParams.h"

namespace emo {

struct PcenParams {
  double gain = 0.98;          ///< alpha: exponent of the automatic gain control
  double bias = 2.0;           ///< delta: offset before compression
  double power = 0.5;          ///< r: compression exponent
  double timeConstant = 0.4;   ///< smoother time constant, seconds
  double eps = 1e-6;           ///< floor added to the smoothed energy
  double inputScale = 2147483648.0;  ///< S = mel power * inputScale (2^31, librosa's documented use)
};

class PcenFilter {
 public:
  /// `bands` mel bands at a frame rate of sampleRate / hopLength.
  PcenFilter(const FeatureParams& features, int bands, PcenParams params = {});
  /// b, the smoother's coefficient per frame.
  double smoothing() const { return b_; }
  /// The next frame: `mel` (bands values of mel power) to `out` (bands values). The first frame
  /// after construction or reset() initialises the smoother.
  void apply(const float* mel, float* out);
  void reset() { started_ = false; }

 private:
  PcenParams p_;
  double b_ = 0.0;
  bool started_ = false;
  std::vector<double> m_;
};

}  // namespace emo
