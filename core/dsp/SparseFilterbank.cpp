#include "core/dsp/SparseFilterbank.h"

#include <algorithm>
#include <cmath>

namespace emo {
namespace {

constexpr double kPi = 3.14159265358979323846;

double hzToMelSlaney(double f) {
  const double fsp = 200.0 / 3.0, minLogHz = 1000.0, minLogMel = minLogHz / fsp;
  const double logstep = std::log(6.4) / 27.0;
  return f >= minLogHz ? minLogMel + std::log(f / minLogHz) / logstep : f / fsp;
}

double melToHzSlaney(double m) {
  const double fsp = 200.0 / 3.0, minLogHz = 1000.0, minLogMel = minLogHz / fsp;
  const double logstep = std::log(6.4) / 27.0;
  return m >= minLogMel ? minLogHz * std::exp(logstep * (m - minLogMel)) : fsp * m;
}

}  // namespace

SparseFilterbank SparseFilterbank::fromDense(const Matrix& dense) {
  SparseFilterbank fb;
  fb.rows = dense.rows;
  fb.bins = dense.cols;
  for (int r = 0; r < dense.rows; ++r) {
    const float* w = dense.row(r);
    int first = 0, last = dense.cols - 1;
    while (first < dense.cols && w[first] == 0.0f) ++first;
    while (last >= first && w[last] == 0.0f) --last;
    const int len = std::max(0, last - first + 1);
    fb.begin.push_back(len ? first : 0);
    fb.length.push_back(len);
    fb.offset.push_back(static_cast<int>(fb.weights.size()));
    fb.weights.insert(fb.weights.end(), w + first, w + first + len);
  }
  return fb;
}

void SparseFilterbank::applyBatch(const float* spectra, int stride, int frames, float* out, int outStride) const {
  int f = 0;
  for (; f + 4 <= frames; f += 4) {
    const float* x0 = spectra + size_t(f) * stride;
    const float* x1 = x0 + stride;
    const float* x2 = x1 + stride;
    const float* x3 = x2 + stride;
    float* o = out + size_t(f) * outStride;
    for (int r = 0; r < rows; ++r) {
      const float* w = weights.data() + offset[r];
      const int b = begin[r], n = length[r];
      float a0 = 0.0f, a1 = 0.0f, a2 = 0.0f, a3 = 0.0f;
      for (int i = 0; i < n; ++i) {
        const float wi = w[i];
        a0 += wi * x0[b + i];
        a1 += wi * x1[b + i];
        a2 += wi * x2[b + i];
        a3 += wi * x3[b + i];
      }
      o[r] = a0;
      o[outStride + r] = a1;
      o[2 * outStride + r] = a2;
      o[3 * outStride + r] = a3;
    }
  }
  for (; f < frames; ++f) apply(spectra + size_t(f) * stride, out + size_t(f) * outStride);
}

Matrix SparseFilterbank::toDense() const {
  Matrix m(rows, bins);
  for (int r = 0; r < rows; ++r)
    for (int i = 0; i < length[r]; ++i) m.at(r, begin[r] + i) = weights[offset[r] + i];
  return m;
}

void SparseFilterbank::apply(const float* spectrum, float* out) const {
  for (int r = 0; r < rows; ++r) {
    const float* w = weights.data() + offset[r];
    const float* s = spectrum + begin[r];
    const int n = length[r];
    float acc = 0.0f;
    for (int i = 0; i < n; ++i) acc += w[i] * s[i];
    out[r] = acc;
  }
}

std::vector<double> slaneyMelFrequencies(int count, double fmin, double fmax) {
  std::vector<double> hz(count);
  const double lo = hzToMelSlaney(fmin), hi = hzToMelSlaney(fmax);
  for (int i = 0; i < count; ++i) {
    const double m = count > 1 ? lo + (hi - lo) * i / (count - 1) : lo;  // np.linspace
    hz[i] = melToHzSlaney(m);
  }
  return hz;
}

Matrix slaneyMelFilterbank(const FeatureParams& p) {
  const int bins = p.bins();
  const std::vector<double> melF = slaneyMelFrequencies(p.nMels + 2, p.fmin, p.effectiveFmax());
  Matrix fb(p.nMels, bins);
  for (int i = 0; i < p.nMels; ++i) {
    const double fdiffLo = melF[i + 1] - melF[i], fdiffHi = melF[i + 2] - melF[i + 1];
    const double enorm = 2.0 / (melF[i + 2] - melF[i]);
    for (int k = 0; k < bins; ++k) {
      const double f = double(p.sampleRate) / 2.0 * k / (bins - 1);  // np.linspace(0, sr/2, bins)
      const double lower = -(melF[i] - f) / fdiffLo;
      const double upper = (melF[i + 2] - f) / fdiffHi;
      fb.at(i, k) = static_cast<float>(std::max(0.0, std::min(lower, upper)) * enorm);
    }
  }
  return fb;
}

Matrix chromaFilterbank(const FeatureParams& p) {
  const int nChroma = p.nChroma, nFft = p.nFft;
  const double a440 = 440.0 * std::pow(2.0, double(p.tuning) / nChroma);
  // frqbins over all nFft bins (bin 0 gets an extrapolated value), as librosa.filters.chroma.
  std::vector<double> frq(nFft), width(nFft);
  for (int k = 1; k < nFft; ++k) {
    const double f = double(p.sampleRate) * k / nFft;
    frq[k] = nChroma * std::log2(f / (a440 / 16.0));
  }
  frq[0] = frq[1] - 1.5 * nChroma;
  for (int k = 0; k + 1 < nFft; ++k) width[k] = std::max(frq[k + 1] - frq[k], 1.0);
  width[nFft - 1] = 1.0;
  const double half = std::nearbyint(nChroma / 2.0);
  std::vector<double> w(static_cast<size_t>(nChroma) * nFft);
  for (int k = 0; k < nFft; ++k) {
    double norm2 = 0.0;
    for (int c = 0; c < nChroma; ++c) {
      const double d0 = frq[k] - c + half + 10.0 * nChroma;
      const double d = d0 - std::floor(d0 / nChroma) * nChroma - half;  // np.remainder
      const double x = 2.0 * d / width[k];
      const double v = std::exp(-0.5 * x * x);
      w[size_t(c) * nFft + k] = v;
      norm2 += v * v;
    }
    const double len = std::sqrt(norm2);
    const double octWeight = std::exp(-0.5 * std::pow((frq[k] / nChroma - 5.0) / 2.0, 2.0));
    for (int c = 0; c < nChroma; ++c) {
      double& v = w[size_t(c) * nFft + k];
      if (len >= 2.2250738585072014e-308) v /= len;
      v *= octWeight;
    }
  }
  const int shift = 3 * (nChroma / 12);  // base_c: np.roll(wts, -shift, axis=0)
  Matrix fb(nChroma, p.bins());
  for (int c = 0; c < nChroma; ++c) {
    const int src = ((c + shift) % nChroma + nChroma) % nChroma;
    for (int k = 0; k < p.bins(); ++k) fb.at(c, k) = static_cast<float>(w[size_t(src) * nFft + k]);
  }
  return fb;
}

std::vector<float> fftFrequencies(const FeatureParams& p) {
  std::vector<float> f(p.bins());
  for (int k = 0; k < p.bins(); ++k) f[k] = static_cast<float>(double(k) * p.sampleRate / p.nFft);
  return f;
}

std::vector<float> paddedHannWindow(const FeatureParams& p) {
  std::vector<float> win(p.nFft, 0.0f);
  const int left = (p.nFft - p.winLength) / 2;  // librosa util.pad_center
  for (int i = 0; i < p.winLength; ++i)
    win[left + i] = static_cast<float>(0.5 - 0.5 * std::cos(2.0 * kPi * i / p.winLength));
  return win;
}

}  // namespace emo
