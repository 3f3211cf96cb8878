// Biquad cascades, FFT convolution and WSOLA for the augmenter.
#include "core/data/AugmentDsp.h"

#include <algorithm>
#include <cmath>
#include <mutex>

#include <fftw3.h>

#include "core/dsp/FftwPlanner.h"

namespace emo::detail {
namespace {

constexpr double kPi = 3.14159265358979323846;

}  // namespace

namespace {

// One biquad (a0 already divided out), transposed direct form II, in place.
void biquad(std::vector<float>& x, double b0, double b1, double b2, double a1, double a2) {
  double z1 = 0, z2 = 0;
  for (float& s : x) {
    const double in = s, out = b0 * in + z1;
    z1 = b1 * in - a1 * out + z2;
    z2 = b2 * in - a2 * out;
    s = static_cast<float>(out);
  }
}

// Normalises by a0 and runs the section.
void biquad6(std::vector<float>& x, double b0, double b1, double b2, double a0, double a1, double a2) {
  biquad(x, b0 / a0, b1 / a0, b2 / a0, a1 / a0, a2 / a0);
}

double angular(int sampleRate, float hz) {
  return 2 * kPi * std::clamp(static_cast<double>(hz), 1.0, 0.49 * sampleRate) / sampleRate;
}

}  // namespace

void butterworth(std::vector<float>& x, int sampleRate, float cutoffHz, BiquadType type, int order) {
  if (sampleRate <= 0 || x.empty()) return;
  const double w0 = angular(sampleRate, cutoffHz), cw = std::cos(w0), sw = std::sin(w0);
  const int sections = std::max(1, order / 2);
  for (int k = 1; k <= sections; ++k) {
    const double q = 1.0 / (2.0 * std::cos((2.0 * k - 1.0) * kPi / (4.0 * sections)));
    const double alpha = sw / (2.0 * q);
    const double a0 = 1 + alpha, a1 = -2 * cw, a2 = 1 - alpha;
    if (type == BiquadType::LowPass) biquad6(x, (1 - cw) / 2, 1 - cw, (1 - cw) / 2, a0, a1, a2);
    else biquad6(x, (1 + cw) / 2, -(1 + cw), (1 + cw) / 2, a0, a1, a2);
  }
}

void peakingEq(std::vector<float>& x, int sampleRate, float centreHz, float gainDb, float q) {
  if (sampleRate <= 0 || x.empty() || !(q > 0.0f)) return;
  const double w0 = angular(sampleRate, centreHz), cw = std::cos(w0);
  const double A = std::pow(10.0, gainDb / 40.0), alpha = std::sin(w0) / (2.0 * q);
  biquad6(x, 1 + alpha * A, -2 * cw, 1 - alpha * A, 1 + alpha / A, -2 * cw, 1 - alpha / A);
}

void shelfEq(std::vector<float>& x, int sampleRate, float cornerHz, float gainDb, bool high) {
  if (sampleRate <= 0 || x.empty()) return;
  const double w0 = angular(sampleRate, cornerHz), cw = std::cos(w0);
  const double A = std::pow(10.0, gainDb / 40.0), alpha = std::sin(w0) / 2.0 * std::sqrt(2.0);
  const double r = 2 * std::sqrt(A) * alpha, s = high ? 1.0 : -1.0;  // s flips the cos terms
  biquad6(x, A * ((A + 1) + s * (A - 1) * cw + r), -s * 2 * A * ((A - 1) + s * (A + 1) * cw),
          A * ((A + 1) + s * (A - 1) * cw - r), (A + 1) - s * (A - 1) * cw + r, s * 2 * ((A - 1) - s * (A + 1) * cw),
          (A + 1) - s * (A - 1) * cw - r);
}

std::vector<float> convolveSameLength(const std::vector<float>& x, const std::vector<float>& h) {
  if (x.empty() || h.empty()) return x;
  size_t n = 1;
  while (n < x.size() + h.size() - 1) n <<= 1;
  const size_t bins = n / 2 + 1;
  // FFTW double precision, as every FFT of the project (plans made under the shared planner lock).
  double* a = fftw_alloc_real(n);
  double* b = fftw_alloc_real(n);
  fftw_complex* A = fftw_alloc_complex(bins);
  fftw_complex* B = fftw_alloc_complex(bins);
  fftw_plan forward = nullptr, inverse = nullptr;
  {
    std::lock_guard<std::mutex> lock(fftwPlannerMutex());
    forward = fftw_plan_dft_r2c_1d(static_cast<int>(n), a, A, FFTW_ESTIMATE);
    inverse = fftw_plan_dft_c2r_1d(static_cast<int>(n), A, a, FFTW_ESTIMATE);
  }
  std::fill(a, a + n, 0.0);
  std::fill(b, b + n, 0.0);
  std::copy(x.begin(), x.end(), a);
  std::copy(h.begin(), h.end(), b);
  fftw_execute_dft_r2c(forward, a, A);
  fftw_execute_dft_r2c(forward, b, B);
  for (size_t k = 0; k < bins; ++k) {
    const double re = A[k][0] * B[k][0] - A[k][1] * B[k][1];
    const double im = A[k][0] * B[k][1] + A[k][1] * B[k][0];
    A[k][0] = re;
    A[k][1] = im;
  }
  fftw_execute_dft_c2r(inverse, A, a);  // unnormalised: divide by n
  std::vector<float> y(x.size());
  for (size_t i = 0; i < y.size(); ++i) y[i] = static_cast<float>(a[i] / static_cast<double>(n));
  {
    std::lock_guard<std::mutex> lock(fftwPlannerMutex());
    fftw_destroy_plan(forward);
    fftw_destroy_plan(inverse);
  }
  fftw_free(a);
  fftw_free(b);
  fftw_free(A);
  fftw_free(B);
  return y;
}

std::vector<float> timeStretch(const std::vector<float>& x, int sampleRate, size_t targetLength) {
  if (x.empty() || targetLength == 0) return std::vector<float>(targetLength, 0.0f);
  const long n = static_cast<long>(x.size());
  const long frame = std::max<long>(64, (static_cast<long>(0.04 * sampleRate) / 2) * 2);  // 40 ms
  const long hs = frame / 2;                                                             // synthesis hop
  const long tol = frame / 4;                                                            // search +-tol
  const double ha = static_cast<double>(hs) * static_cast<double>(n) / static_cast<double>(targetLength);
  std::vector<double> window(static_cast<size_t>(frame));
  for (long i = 0; i < frame; ++i) window[static_cast<size_t>(i)] = 0.5 - 0.5 * std::cos(2 * kPi * i / frame);
  auto at = [&](long i) { return i >= 0 && i < n ? static_cast<double>(x[static_cast<size_t>(i)]) : 0.0; };

  std::vector<double> out(targetLength + static_cast<size_t>(frame), 0.0);
  long prev = -frame / 2;  // analysis start of the previous frame
  for (long k = 0; k * hs < static_cast<long>(targetLength) + hs; ++k) {
    const long nominal = static_cast<long>(std::lround(k * ha)) - frame / 2;
    long pos = nominal;
    if (k > 0) {
      // The natural continuation of the previous frame is the template; pick the offset most like it.
      const long natural = prev + hs;
      double best = -1e300;
      for (long d = -tol; d <= tol; ++d) {
        const long cand = nominal + d;
        double c = 0;
        for (long i = 0; i < frame; i += 2) c += at(cand + i) * at(natural + i);
        if (c > best) best = c, pos = cand;
      }
    }
    const long outStart = k * hs - frame / 2;
    for (long i = 0; i < frame; ++i) {
      const long o = outStart + i;
      if (o >= 0 && o < static_cast<long>(out.size())) out[static_cast<size_t>(o)] += window[static_cast<size_t>(i)] * at(pos + i);
    }
    prev = pos;
  }
  std::vector<float> y(targetLength);
  for (size_t i = 0; i < targetLength; ++i) y[i] = static_cast<float>(out[i]);
  return y;
}

}  // namespace emo::detail
