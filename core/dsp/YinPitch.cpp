#include "core/dsp/YinPitch.h"

#include <fftw3.h>

#include <algorithm>
#include <cmath>
#include <mutex>
#include <vector>

#include "core/dsp/FftwPlanner.h"

namespace emo {

/// FFTW arrays and plans of one estimator, plus the per-lag work vectors.
struct YinPitch::Buffers {
  int nFft = 0, bins = 0;
  double* frame = nullptr;        // nFft: the frame, zero padded
  double* head = nullptr;         // nFft: the frame's first w samples, zero padded
  fftw_complex* frameSpec = nullptr;
  fftw_complex* headSpec = nullptr;
  double* corr = nullptr;         // nFft: c2r output, corr[tau] = nFft * r(tau)
  fftw_plan forward = nullptr;    // r2c frame -> frameSpec (also run on head -> headSpec)
  fftw_plan inverse = nullptr;    // c2r headSpec -> corr
  std::vector<double> prefix;     // prefix[i] = sum_{j<i} x[j]^2
  std::vector<double> diff, cmnd;

  Buffers(int n, int lags) : nFft(n), bins(n / 2 + 1), prefix(size_t(n) + 1), diff(lags + 1), cmnd(lags + 1) {
    std::lock_guard<std::mutex> lock(fftwPlannerMutex());
    frame = fftw_alloc_real(nFft);
    head = fftw_alloc_real(nFft);
    corr = fftw_alloc_real(nFft);
    frameSpec = fftw_alloc_complex(bins);
    headSpec = fftw_alloc_complex(bins);
    // FFTW_ESTIMATE: deterministic plans, made in microseconds (see FrameEngine).
    forward = fftw_plan_dft_r2c_1d(nFft, frame, frameSpec, FFTW_ESTIMATE | FFTW_PRESERVE_INPUT);
    inverse = fftw_plan_dft_c2r_1d(nFft, headSpec, corr, FFTW_ESTIMATE);
    std::fill(frame, frame + nFft, 0.0);
    std::fill(head, head + nFft, 0.0);
  }
  ~Buffers() {
    std::lock_guard<std::mutex> lock(fftwPlannerMutex());
    fftw_destroy_plan(forward);
    fftw_destroy_plan(inverse);
    fftw_free(frame);
    fftw_free(head);
    fftw_free(corr);
    fftw_free(frameSpec);
    fftw_free(headSpec);
  }
};

int YinPitch::lastLag(const FeatureParams& p) {
  const int tauMax = std::min(p.f0FrameLength / 2 - 2, static_cast<int>(std::ceil(p.sampleRate / double(p.f0Min))));
  return tauMax + 1;
}

int YinPitch::fftLength(const FeatureParams& p) {
  int n = 1;
  while (n < p.f0FrameLength) n *= 2;
  return n;
}

YinPitch::YinPitch(const FeatureParams& p)
    : sampleRate_(p.sampleRate),
      frameLength_(p.f0FrameLength),
      tauMin_(std::max(2, static_cast<int>(std::floor(p.sampleRate / double(p.f0Max))))),
      tauMax_(lastLag(p) - 1),
      threshold_(p.yinThreshold),
      b_(std::make_unique<Buffers>(fftLength(p), lastLag(p))) {}

YinPitch::~YinPitch() = default;

void YinPitch::estimate(const float* x, float* out) {
  out[0] = 0.0f;
  out[1] = 0.0f;
  Buffers& b = *b_;
  const int maxTau = tauMax_ + 1;  // one more for interpolation
  const int w = frameLength_ - maxTau;
  b.prefix[0] = 0.0;
  for (int j = 0; j < frameLength_; ++j) {
    const double v = x[j];
    b.frame[j] = v;
    b.prefix[j + 1] = b.prefix[j] + v * v;
  }
  if (b.prefix[frameLength_] < 1e-10 * frameLength_) return;  // digital silence (below -100 dBFS)
  std::copy(b.frame, b.frame + w, b.head);  // head[w..nFft) stays zero

  // r(tau) = sum_{j<w} head[j] frame[j+tau] = IFFT(conj(H) F)[tau] / nFft; no wrap for tau <= maxTau.
  fftw_execute_dft_r2c(b.forward, b.frame, b.frameSpec);
  fftw_execute_dft_r2c(b.forward, b.head, b.headSpec);
  for (int k = 0; k < b.bins; ++k) {
    const double hr = b.headSpec[k][0], hi = b.headSpec[k][1];
    const double fr = b.frameSpec[k][0], fi = b.frameSpec[k][1];
    b.headSpec[k][0] = hr * fr + hi * fi;
    b.headSpec[k][1] = hr * fi - hi * fr;
  }
  fftw_execute(b.inverse);

  const double headEnergy = b.prefix[w];
  const double scale = 2.0 / b.nFft;
  b.diff[0] = 0.0;
  for (int tau = 1; tau <= maxTau; ++tau) {
    const double d = headEnergy + (b.prefix[tau + w] - b.prefix[tau]) - scale * b.corr[tau];
    b.diff[tau] = std::max(0.0, d);  // rounding can dip a perfect period's 0 below zero
  }
  b.cmnd[0] = 1.0;
  double running = 0.0;
  for (int tau = 1; tau <= maxTau; ++tau) {
    running += b.diff[tau];
    b.cmnd[tau] = running > 0.0 ? b.diff[tau] * tau / running : 1.0;
  }
  int best = -1;
  for (int tau = tauMin_; tau <= tauMax_; ++tau) {
    if (b.cmnd[tau] < threshold_) {
      while (tau + 1 <= tauMax_ && b.cmnd[tau + 1] < b.cmnd[tau]) ++tau;
      best = tau;
      break;
    }
  }
  if (best < 0) return;
  double shift = 0.0;  // parabola through (best-1, best, best+1)
  const double a = b.cmnd[best - 1], c0 = b.cmnd[best], c = b.cmnd[best + 1];
  const double denom = a - 2.0 * c0 + c;
  if (denom > 0.0) shift = std::clamp(0.5 * (a - c) / denom, -1.0, 1.0);
  out[0] = static_cast<float>(sampleRate_ / (best + shift));
  out[1] = 1.0f;
}

}  // namespace emo
