#include "core/dsp/YinPitch.h"

#include <algorithm>
#include <cmath>

namespace emo {

YinPitch::YinPitch(const FeatureParams& p)
    : sampleRate_(p.sampleRate),
      frameLength_(p.f0FrameLength),
      tauMin_(std::max(2, static_cast<int>(std::floor(p.sampleRate / double(p.f0Max))))),
      tauMax_(std::min(p.f0FrameLength / 2 - 2, static_cast<int>(std::ceil(p.sampleRate / double(p.f0Min))))),
      threshold_(p.yinThreshold),
      diff_(tauMax_ + 2, 0.0),
      cmnd_(tauMax_ + 2, 1.0) {}

void YinPitch::estimate(const float* x, float* out) {
  out[0] = 0.0f;
  out[1] = 0.0f;
  const int maxTau = tauMax_ + 1;  // one more for interpolation
  const int w = frameLength_ - maxTau;
  double energy = 0.0;
  for (int j = 0; j < frameLength_; ++j) energy += double(x[j]) * x[j];
  if (energy < 1e-10 * frameLength_) return;  // digital silence (below -100 dBFS)
  diff_[0] = 0.0;
  for (int tau = 1; tau <= maxTau; ++tau) {
    double d = 0.0;
    const float* a = x;
    const float* b = x + tau;
    for (int j = 0; j < w; ++j) {
      const double e = double(a[j]) - double(b[j]);
      d += e * e;
    }
    diff_[tau] = d;
  }
  cmnd_[0] = 1.0;
  double running = 0.0;
  for (int tau = 1; tau <= maxTau; ++tau) {
    running += diff_[tau];
    cmnd_[tau] = running > 0.0 ? diff_[tau] * tau / running : 1.0;
  }
  int best = -1;
  for (int tau = tauMin_; tau <= tauMax_; ++tau) {
    if (cmnd_[tau] < threshold_) {
      while (tau + 1 <= tauMax_ && cmnd_[tau + 1] < cmnd_[tau]) ++tau;
      best = tau;
      break;
    }
  }
  if (best < 0) return;
  double shift = 0.0;  // parabola through (best-1, best, best+1)
  const double a = cmnd_[best - 1], b = cmnd_[best], c = cmnd_[best + 1];
  const double denom = a - 2.0 * b + c;
  if (denom > 0.0) shift = std::clamp(0.5 * (a - c) / denom, -1.0, 1.0);
  out[0] = static_cast<float>(sampleRate_ / (best + shift));
  out[1] = 1.0f;
}

}  // namespace emo
