#include "core/dsp/FrameEngine.h"

#include <fftw3.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstring>
#include <mutex>

#include "core/dsp/FftwPlanner.h"
#include "core/dsp/FrameKernels.h"
#include "core/dsp/SparseFilterbank.h"
#include "core/dsp/YinPitch.h"

namespace emo {
namespace {

constexpr double kPi = 3.14159265358979323846;

}  // namespace

struct FrameEngine::Impl {
  int nFft = 0, bins = 0, winBegin = 0, winEnd = 0;
  int chromaCols = 0, mfccCols = 0;  // nChroma / nMfcc rounded up to 8 (zero weight columns)
  double* fftIn = nullptr;           // nFft, zero outside [winBegin, winEnd); FFTW-aligned
  fftw_complex* fftOut = nullptr;    // bins
  fftw_plan plan = nullptr;          // r2c, double precision (librosa's STFT is float64)
  std::vector<double> windowD;
  std::vector<float> freqs, mag, scratch;
  std::vector<float> power, mel, logmel, cols;  // kMaxBlock rows each (power: bins, mel: nMels, cols: padded)
  SparseFilterbank melFb;
  std::vector<float> chromaT;  // bins x chromaCols (transposed, dense: the Gaussians never reach 0)
  std::vector<float> dctT;     // nMels x mfccCols (transposed DCT-II ortho)
  std::vector<double> acc;     // delta accumulators (nMfcc)
  std::vector<const float*> taps;  // delta: the deltaWidth rows of one frame
  std::vector<double> delta1, delta2;
  YinPitch yin;
  explicit Impl(const FeatureParams& p) : yin(p) {}
};

namespace {

int roundUp8(int n) { return (n + 7) / 8 * 8; }

}  // namespace

FrameEngine::FrameEngine(const FeatureParams& p) : p_(p), d_(std::make_unique<Impl>(p)) {
  Impl& d = *d_;
  d.nFft = p.nFft;
  d.bins = p.bins();
  const std::vector<float> window = paddedHannWindow(p);
  d.winBegin = 0;
  while (d.winBegin < d.nFft && window[d.winBegin] == 0.0f) ++d.winBegin;
  d.winEnd = d.nFft;
  while (d.winEnd > d.winBegin && window[d.winEnd - 1] == 0.0f) --d.winEnd;
  d.windowD.resize(d.nFft);
  const int left = (p.nFft - p.winLength) / 2;
  for (int i = 0; i < d.nFft; ++i) {
    const int j = i - left;
    d.windowD[i] = j >= 0 && j < p.winLength ? 0.5 - 0.5 * std::cos(2.0 * kPi * j / p.winLength) : 0.0;
  }
  {
    // FFTW_ESTIMATE: a deterministic plan made in microseconds. FFTW_MEASURE was 12 % faster per
    // transform but took ~1 s to plan and picked a different plan in each process (so features
    // would differ in the last bits from run to run).
    std::lock_guard<std::mutex> lock(fftwPlannerMutex());
    d.fftIn = fftw_alloc_real(d.nFft);
    d.fftOut = fftw_alloc_complex(d.bins);
    d.plan = fftw_plan_dft_r2c_1d(d.nFft, d.fftIn, d.fftOut, FFTW_ESTIMATE | FFTW_PRESERVE_INPUT);
  }
  std::fill(d.fftIn, d.fftIn + d.nFft, 0.0);
  d.freqs = fftFrequencies(p);
  d.mag.resize(d.bins);
  d.chromaCols = roundUp8(p.nChroma);
  d.mfccCols = roundUp8(p.nMfcc);
  d.power.resize(size_t(kMaxBlock) * d.bins);
  d.mel.resize(size_t(kMaxBlock) * p.nMels);
  d.logmel.resize(size_t(kMaxBlock) * p.nMels);
  d.cols.resize(size_t(kMaxBlock) * std::max(d.chromaCols, d.mfccCols));
  d.scratch.resize(std::max({p.winLength, p.f0FrameLength, p.nFft}) + 1);
  d.melFb = SparseFilterbank::fromDense(slaneyMelFilterbank(p));
  const Matrix chroma = chromaFilterbank(p);
  d.chromaT.assign(size_t(d.bins) * d.chromaCols, 0.0f);
  for (int k = 0; k < d.bins; ++k)
    for (int c = 0; c < p.nChroma; ++c) d.chromaT[size_t(k) * d.chromaCols + c] = chroma.at(c, k);
  d.dctT.assign(size_t(d.mfccCols) * p.nMels, 0.0f);
  for (int k = 0; k < p.nMfcc; ++k) {
    const double scale = k == 0 ? std::sqrt(1.0 / p.nMels) : std::sqrt(2.0 / p.nMels);
    for (int n = 0; n < p.nMels; ++n)
      d.dctT[size_t(n) * d.mfccCols + k] =
          static_cast<float>(scale * std::cos(kPi * k * (2 * n + 1) / (2.0 * p.nMels)));
  }
  d.acc.resize(p.nMfcc);
  d.taps.resize(p.deltaWidth);
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
  fftw_destroy_plan(d_->plan);
  fftw_free(d_->fftIn);
  fftw_free(d_->fftOut);
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

void FrameEngine::computeBlock(const SignalView& s, long long t0, int count, const FrameRows& o) {
  Impl& d = *d_;
  count = std::clamp(count, 0, kMaxBlock);
  const int nMels = p_.nMels, nMfcc = p_.nMfcc, nChroma = p_.nChroma, bins = d.bins;
  // Row i of a block output, or nullptr.
  auto row = [](float* base, int i, int cols) { return base ? base + size_t(i) * cols : nullptr; };
  const bool spectral = o.power || o.mel || o.logmel || o.mfcc || o.centroid || o.bandwidth || o.chroma;
  if (spectral) {
    const int len = d.winEnd - d.winBegin;
    for (int i = 0; i < count; ++i) {
      const long long start = frameCenter(t0 + i) - d.nFft / 2 + d.winBegin;
      const float* x = d.scratch.data();
      if (start >= 0 && start + len <= s.length) x = s.data + (start - s.base);
      else fetch(s, start, len, d.scratch.data(), false);  // padded at an edge
      windowToDouble(x, d.windowD.data() + d.winBegin, len, d.fftIn + d.winBegin);
      fftw_execute(d.plan);
      float* P = d.power.data() + size_t(i) * bins;
      powerSpectrum(&d.fftOut[0][0], bins, P);
      if (o.power) std::memcpy(row(o.power, i, bins), P, sizeof(float) * bins);
    }
  }
  if (o.mel || o.logmel || o.mfcc) {
    d.melFb.applyBatch(d.power.data(), bins, count, d.mel.data(), nMels);
    for (int i = 0; i < count; ++i) {
      float* M = d.mel.data() + size_t(i) * nMels;
      if (o.mel) std::memcpy(row(o.mel, i, nMels), M, sizeof(float) * nMels);
      if (!o.logmel && !o.mfcc) continue;
      float* L = d.logmel.data() + size_t(i) * nMels;
      powerToDb(M, nMels, p_.amin, L);
      if (p_.topDb > 0.0f) {  // per-frame top_db floor (streamable)
        const float floor = *std::max_element(L, L + nMels) - p_.topDb;
        for (int m = 0; m < nMels; ++m) L[m] = std::max(L[m], floor);
      }
      if (o.logmel) std::memcpy(row(o.logmel, i, nMels), L, sizeof(float) * nMels);
    }
    if (o.mfcc) {
      // Mel-major accumulation (vectorises across coefficients; each sum is in mel order).
      float* C = d.cols.data();
      accumulateRowsBatch(d.dctT.data(), d.logmel.data(), nMels, nMels, d.mfccCols, count, C, d.mfccCols);
      for (int i = 0; i < count; ++i)
        std::memcpy(row(o.mfcc, i, nMfcc), C + size_t(i) * d.mfccCols, sizeof(float) * nMfcc);
    }
  }
  if (o.centroid || o.bandwidth) {
    for (int i = 0; i < count; ++i) {
      float* M = d.mag.data();
      magnitude(d.power.data() + size_t(i) * bins, M, bins);
      double sum = 0.0, fsum = 0.0;
      dualSum(M, d.freqs.data(), bins, &sum, &fsum);
      const double norm = sum >= FLT_MIN ? sum : 1.0;  // librosa leaves tiny frames unnormalised
      const double centroid = fsum / norm;
      if (o.centroid) o.centroid[i] = static_cast<float>(centroid);
      if (o.bandwidth)
        o.bandwidth[i] = static_cast<float>(std::sqrt(spreadSum(M, d.freqs.data(), bins, centroid) / norm));
    }
  }
  if (o.chroma) {
    float* C = d.cols.data();
    accumulateRowsBatch(d.chromaT.data(), d.power.data(), bins, bins, d.chromaCols, count, C, d.chromaCols);
    for (int i = 0; i < count; ++i) {
      const float* c = C + size_t(i) * d.chromaCols;
      float* out = row(o.chroma, i, nChroma);
      float mx = 0.0f;
      for (int k = 0; k < nChroma; ++k) mx = std::max(mx, std::fabs(c[k]));
      for (int k = 0; k < nChroma; ++k) out[k] = mx >= FLT_MIN ? c[k] / mx : c[k];
    }
  }
  if (o.zcr || o.rms || o.f0) {
    float* x = d.scratch.data();
    for (int i = 0; i < count; ++i) {
      const long long c = frameCenter(t0 + i);
      const int n = p_.winLength;
      if (o.zcr) {
        fetch(s, c - n / 2, n, x, true);
        o.zcr[i] = static_cast<float>(double(signChanges(x, n)) / n);
      }
      if (o.rms) {
        fetch(s, c - n / 2, n, x, false);
        o.rms[i] = static_cast<float>(std::sqrt(sumSquares(x, n) / n));
      }
      if (o.f0) {
        const int nf = p_.f0FrameLength;
        fetch(s, c - nf / 2, nf, x, false);
        d.yin.estimate(x, o.f0 + size_t(i) * 2);
      }
    }
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
  const float** rows = d_->taps.data();
  for (int k = -h; k <= h; ++k) rows[k + h] = mfcc.row(static_cast<int>(centre + k - firstFrame));
  weightedRowSum(rows, w.data(), 2 * h + 1, cols, d_->acc.data(), out);
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
