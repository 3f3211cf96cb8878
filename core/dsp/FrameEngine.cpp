#include "core/dsp/FrameEngine.h"

#include <fftw3.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstring>
#include <mutex>

#include "core/dsp/FrameKernels.h"
#include "core/dsp/RealFft.h"
#include "core/dsp/SparseFilterbank.h"
#include "core/dsp/YinPitch.h"

namespace emo {
namespace {

// FFTW's planner is not thread-safe: every plan creation and destruction takes this lock.
std::mutex& fftwPlannerMutex() {
  static std::mutex m;
  return m;
}

constexpr double kPi = 3.14159265358979323846;

}  // namespace

struct FrameEngine::Impl {
  int nFft = 0, bins = 0, winBegin = 0, winEnd = 0;
  float* fftIn = nullptr;
  fftwf_complex* fftOut = nullptr;
  fftwf_plan plan = nullptr;                 // FFTW single precision: sizes RealFft does not take
  std::unique_ptr<RealFft> fft;              // double precision: power-of-two sizes (librosa parity)
  std::vector<double> windowD, frameD, specRe, specIm;
  std::vector<float> window, freqs, power, mag, mel, logmel, scratch;
  SparseFilterbank melFb;
  std::vector<float> chromaT;  // bins x nChroma (transposed, dense: the Gaussians never reach 0)
  std::vector<float> dctT;     // nMels x nMfcc (transposed DCT-II ortho)
  std::vector<double> acc;     // delta accumulators (nMfcc)
  std::vector<float> facc;     // MFCC / chroma accumulators
  std::vector<double> delta1, delta2;
  YinPitch yin;
  explicit Impl(const FeatureParams& p) : yin(p) {}
};

FrameEngine::FrameEngine(const FeatureParams& p) : p_(p), d_(std::make_unique<Impl>(p)) {
  Impl& d = *d_;
  d.nFft = p.nFft;
  d.bins = p.bins();
  d.window = paddedHannWindow(p);
  d.winBegin = 0;
  while (d.winBegin < d.nFft && d.window[d.winBegin] == 0.0f) ++d.winBegin;
  d.winEnd = d.nFft;
  while (d.winEnd > d.winBegin && d.window[d.winEnd - 1] == 0.0f) --d.winEnd;
  if (RealFft::supports(d.nFft)) {
    d.fft = std::make_unique<RealFft>(d.nFft);
    d.frameD.assign(d.nFft, 0.0);
    d.specRe.resize(d.bins);
    d.specIm.resize(d.bins);
    d.windowD.resize(d.nFft);
    const int left = (p.nFft - p.winLength) / 2;
    for (int i = 0; i < d.nFft; ++i) {
      const int j = i - left;
      d.windowD[i] = j >= 0 && j < p.winLength ? 0.5 - 0.5 * std::cos(2.0 * kPi * j / p.winLength) : 0.0;
    }
  } else {
    std::lock_guard<std::mutex> lock(fftwPlannerMutex());
    d.fftIn = fftwf_alloc_real(d.nFft);
    d.fftOut = fftwf_alloc_complex(d.bins);
    d.plan = fftwf_plan_dft_r2c_1d(d.nFft, d.fftIn, d.fftOut, FFTW_ESTIMATE);
    std::fill(d.fftIn, d.fftIn + d.nFft, 0.0f);
  }
  d.freqs = fftFrequencies(p);
  d.power.resize(d.bins);
  d.mag.resize(d.bins);
  d.mel.resize(p.nMels);
  d.logmel.resize(p.nMels);
  d.scratch.resize(std::max({p.winLength, p.f0FrameLength, p.nFft}) + 1);
  d.melFb = SparseFilterbank::fromDense(slaneyMelFilterbank(p));
  const Matrix chroma = chromaFilterbank(p);
  d.chromaT.resize(size_t(d.bins) * p.nChroma);
  for (int k = 0; k < d.bins; ++k)
    for (int c = 0; c < p.nChroma; ++c) d.chromaT[size_t(k) * p.nChroma + c] = chroma.at(c, k);
  d.dctT.resize(size_t(p.nMfcc) * p.nMels);
  for (int k = 0; k < p.nMfcc; ++k) {
    const double scale = k == 0 ? std::sqrt(1.0 / p.nMels) : std::sqrt(2.0 / p.nMels);
    for (int n = 0; n < p.nMels; ++n)
      d.dctT[size_t(n) * p.nMfcc + k] = static_cast<float>(scale * std::cos(kPi * k * (2 * n + 1) / (2.0 * p.nMels)));
  }
  d.acc.resize(std::max(p.nMfcc, p.nChroma));
  d.facc.resize(std::max(p.nMfcc, p.nChroma));
  // Savitzky-Golay derivative weights (librosa.feature.delta, mode='interp').
  const int h = p.deltaWidth / 2;
  double s2 = 0.0, s4 = 0.0;
  for (int k = -h; k <= h; ++k) {
    s2 += double(k) * k;
    s4 += double(k) * k * k * k;
  }
  const double w = p.deltaWidth;
  for (int k = -h; k <= h; ++k) {
    d.delta1.push_back(k / s2);
    d.delta2.push_back(2.0 * (w * k * k - s2) / (w * s4 - s2 * s2));
  }
}

FrameEngine::~FrameEngine() {
  if (!d_ || !d_->plan) return;
  std::lock_guard<std::mutex> lock(fftwPlannerMutex());
  fftwf_destroy_plan(d_->plan);
  fftwf_free(d_->fftIn);
  fftwf_free(d_->fftOut);
}

long long FrameEngine::frameCount(long long n) const {
  if (n < 0) return 0;
  if (p_.center) return 1 + n / p_.hopLength;
  return n >= p_.nFft ? 1 + (n - p_.nFft) / p_.hopLength : 0;
}

long long FrameEngine::frameCenter(long long t) const {
  return t * p_.hopLength + (p_.center ? 0 : p_.nFft / 2);
}

int FrameEngine::leftExtent(bool withF0) const {
  int e = std::max(p_.nFft / 2, p_.winLength / 2);
  return withF0 ? std::max(e, p_.f0FrameLength / 2) : e;
}

int FrameEngine::rightExtent(bool withF0) const {
  int e = std::max(p_.nFft - p_.nFft / 2, p_.winLength - p_.winLength / 2);
  return withF0 ? std::max(e, p_.f0FrameLength - p_.f0FrameLength / 2) : e;
}

int FrameEngine::columns(FeatureKind kind) const {
  switch (kind) {
    case FeatureKind::PowerSpec: return p_.bins();
    case FeatureKind::MelPower:
    case FeatureKind::LogMelDb: return p_.nMels;
    case FeatureKind::Mfcc:
    case FeatureKind::MfccDelta:
    case FeatureKind::MfccDelta2: return p_.nMfcc;
    case FeatureKind::Chroma: return p_.nChroma;
    case FeatureKind::F0: return 2;
    default: return 1;
  }
}

namespace {

// Copies samples [start, start+len) of s into dst; outside [0, length) zeros or edge values.
inline void fetch(const SignalView& s, long long start, int len, float* dst, bool edge) {
  if (start >= 0 && start + len <= s.length) {
    std::memcpy(dst, s.data + (start - s.base), sizeof(float) * len);
    return;
  }
  for (int i = 0; i < len; ++i) {
    const long long j = start + i;
    if (j < 0) dst[i] = edge ? s.first : 0.0f;
    else if (j >= s.length) dst[i] = edge ? s.last : 0.0f;
    else dst[i] = s.data[j - s.base];
  }
}

}  // namespace

using namespace kernels;

void FrameEngine::compute(const SignalView& s, long long t, const FrameRows& o) {
  Impl& d = *d_;
  const long long c = frameCenter(t);
  const bool spectral = o.power || o.mel || o.logmel || o.mfcc || o.centroid || o.bandwidth || o.chroma;
  if (spectral) {
    float* tmp = d.scratch.data();
    const int len = d.winEnd - d.winBegin;
    fetch(s, c - d.nFft / 2 + d.winBegin, len, tmp, false);
    float* P = d.power.data();
    if (d.fft) {
      double* in = d.frameD.data() + d.winBegin;
      const double* w = d.windowD.data() + d.winBegin;
      for (int i = 0; i < len; ++i) in[i] = w[i] * tmp[i];
      d.fft->forward(d.frameD.data(), d.specRe.data(), d.specIm.data());
      const double* re = d.specRe.data();
      const double* im = d.specIm.data();
      for (int k = 0; k < d.bins; ++k) P[k] = static_cast<float>(re[k] * re[k] + im[k] * im[k]);
    } else {
      float* in = d.fftIn + d.winBegin;
      const float* w = d.window.data() + d.winBegin;
      for (int i = 0; i < len; ++i) in[i] = w[i] * tmp[i];
      fftwf_execute(d.plan);
      const fftwf_complex* X = d.fftOut;
      for (int k = 0; k < d.bins; ++k) P[k] = X[k][0] * X[k][0] + X[k][1] * X[k][1];
    }
    if (o.power) std::memcpy(o.power, P, sizeof(float) * d.bins);
  }
  if (o.mel || o.logmel || o.mfcc) {
    d.melFb.apply(d.power.data(), d.mel.data());
    if (o.mel) std::memcpy(o.mel, d.mel.data(), sizeof(float) * p_.nMels);
    if (o.logmel || o.mfcc) {
      float* L = d.logmel.data();
      for (int m = 0; m < p_.nMels; ++m) L[m] = 10.0f * std::log10(std::max(p_.amin, d.mel[m]));
      if (p_.topDb > 0.0f) {  // per-frame top_db floor (streamable)
        const float floor = *std::max_element(L, L + p_.nMels) - p_.topDb;
        for (int m = 0; m < p_.nMels; ++m) L[m] = std::max(L[m], floor);
      }
      if (o.logmel) std::memcpy(o.logmel, L, sizeof(float) * p_.nMels);
      if (o.mfcc) {
        // Row-by-row accumulation (vectorises across coefficients; each sum is in mel order).
        accumulateRows(d.dctT.data(), L, p_.nMels, p_.nMfcc, d.facc.data());
        std::memcpy(o.mfcc, d.facc.data(), sizeof(float) * p_.nMfcc);
      }
    }
  }
  if (o.centroid || o.bandwidth) {
    float* M = d.mag.data();
    magnitude(d.power.data(), M, d.bins);
    double sum = 0.0, fsum = 0.0;
    dualSum(M, d.freqs.data(), d.bins, &sum, &fsum);
    const double norm = sum >= FLT_MIN ? sum : 1.0;  // librosa leaves tiny frames unnormalised
    const double centroid = fsum / norm;
    if (o.centroid) *o.centroid = static_cast<float>(centroid);
    if (o.bandwidth) {
      *o.bandwidth = static_cast<float>(std::sqrt(spreadSum(M, d.freqs.data(), d.bins, centroid) / norm));
    }
  }
  if (o.chroma) {
    accumulateRows(d.chromaT.data(), d.power.data(), d.bins, p_.nChroma, d.facc.data());
    std::memcpy(o.chroma, d.facc.data(), sizeof(float) * p_.nChroma);
    float mx = 0.0f;
    for (int i = 0; i < p_.nChroma; ++i) mx = std::max(mx, std::fabs(o.chroma[i]));
    if (mx >= FLT_MIN)
      for (int i = 0; i < p_.nChroma; ++i) o.chroma[i] /= mx;
  }
  if (o.zcr || o.rms) {
    const int n = p_.winLength;
    float* x = d.scratch.data();
    if (o.zcr) {
      fetch(s, c - n / 2, n, x, true);
      *o.zcr = static_cast<float>(double(signChanges(x, n)) / n);
    }
    if (o.rms) {
      fetch(s, c - n / 2, n, x, false);
      *o.rms = static_cast<float>(std::sqrt(sumSquares(x, n) / n));
    }
  }
  if (o.f0) {
    const int n = p_.f0FrameLength;
    float* x = d.scratch.data();
    fetch(s, c - n / 2, n, x, false);
    d.yin.estimate(x, o.f0);
  }
}

void FrameEngine::delta(const Matrix& mfcc, long long firstFrame, long long t, long long T, int order,
                        float* out) const {
  const int h = p_.deltaWidth / 2;
  const int cols = mfcc.cols;
  if (T < p_.deltaWidth) {
    std::fill(out, out + cols, 0.0f);
    return;
  }
  const long long centre = std::clamp<long long>(t, h, T - 1 - h);
  const std::vector<double>& w = order == 1 ? d_->delta1 : d_->delta2;
  double* acc = d_->acc.data();
  std::fill(acc, acc + cols, 0.0);
  for (int k = -h; k <= h; ++k) {  // tap by tap over contiguous rows (vectorises across columns)
    const float* row = mfcc.row(static_cast<int>(centre + k - firstFrame));
    const double wk = w[k + h];
    for (int j = 0; j < cols; ++j) acc[j] += wk * row[j];
  }
  for (int j = 0; j < cols; ++j) out[j] = static_cast<float>(acc[j]);
}

std::vector<FeatureKind> withDependencies(const std::vector<FeatureKind>& kinds) {
  auto wants = [&](FeatureKind k) { return std::find(kinds.begin(), kinds.end(), k) != kinds.end(); };
  std::vector<FeatureKind> out;
  for (FeatureKind k : allFeatureKinds()) {
    bool need = wants(k);
    if (k == FeatureKind::Mfcc) need = need || wants(FeatureKind::MfccDelta) || wants(FeatureKind::MfccDelta2);
    if (need) out.push_back(k);
  }
  return out;
}

}  // namespace emo
