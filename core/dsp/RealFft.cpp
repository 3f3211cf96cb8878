#include "core/dsp/RealFft.h"

#include <cmath>

namespace emo {
namespace {
constexpr double kPi = 3.14159265358979323846;

// One radix-4 butterfly group: inputs A0, A2, A1, A3 (m values each) at r0/i0, r2/i2, r1/i1,
// r3/i3; outputs X[k], X[k+m], X[k+2m], X[k+3m] in the same places.
void radix4(double* __restrict r0, double* __restrict i0, double* __restrict r2, double* __restrict i2,
            double* __restrict r1, double* __restrict i1, double* __restrict r3, double* __restrict i3,
            const double* __restrict w1r, const double* __restrict w1i, const double* __restrict w2r,
            const double* __restrict w2i, const double* __restrict w3r, const double* __restrict w3i, int m) {
  for (int k = 0; k < m; ++k) {
    const double a0r = r0[k], a0i = i0[k];
    const double a1r = r1[k] * w1r[k] - i1[k] * w1i[k], a1i = r1[k] * w1i[k] + i1[k] * w1r[k];
    const double a2r = r2[k] * w2r[k] - i2[k] * w2i[k], a2i = r2[k] * w2i[k] + i2[k] * w2r[k];
    const double a3r = r3[k] * w3r[k] - i3[k] * w3i[k], a3i = r3[k] * w3i[k] + i3[k] * w3r[k];
    const double t0r = a0r + a2r, t0i = a0i + a2i, t1r = a0r - a2r, t1i = a0i - a2i;
    const double t2r = a1r + a3r, t2i = a1i + a3i, t3r = a1r - a3r, t3i = a1i - a3i;
    r0[k] = t0r + t2r;
    i0[k] = t0i + t2i;
    r1[k] = t0r - t2r;  // X[k + 2m]
    i1[k] = t0i - t2i;
    r2[k] = t1r + t3i;  // X[k + m] = t1 - i t3
    i2[k] = t1i - t3r;
    r3[k] = t1r - t3i;  // X[k + 3m] = t1 + i t3
    i3[k] = t1i + t3r;
  }
}

// X[k] = E[k] + W^k O[k], where E, O are the spectra of the even and odd samples, recovered from
// Z = FFT(even + i odd): E = (Z[k] + conj Z[h-k]) / 2, O = -i (Z[k] - conj Z[h-k]) / 2.
void untangle(const double* __restrict zr, const double* __restrict zi, const double* __restrict wr,
              const double* __restrict wi, double* __restrict re, double* __restrict im, int h) {
  re[0] = zr[0] + zi[0];
  im[0] = 0.0;
  re[h] = zr[0] - zi[0];
  im[h] = 0.0;
  for (int k = 1; k < h; ++k) {
    const double zkr = zr[k], zki = zi[k], zcr = zr[h - k], zci = -zi[h - k];
    const double er = 0.5 * (zkr + zcr), ei = 0.5 * (zki + zci);
    const double or_ = 0.5 * (zki - zci), oi = -0.5 * (zkr - zcr);
    re[k] = er + wr[k] * or_ - wi[k] * oi;
    im[k] = ei + wr[k] * oi + wi[k] * or_;
  }
}

}  // namespace

RealFft::RealFft(int n) : n_(n), h_(n / 2), rev_(n / 2), zr_(n / 2), zi_(n / 2) {
  int bits = 0;
  while ((1 << bits) < h_) ++bits;
  for (int i = 0; i < h_; ++i) {
    int r = 0;
    for (int b = 0; b < bits; ++b)
      if (i & (1 << b)) r |= 1 << (bits - 1 - b);
    rev_[i] = r;
  }
  radix2First_ = bits % 2 == 1;
  for (int m = radix2First_ ? 2 : 1; 4 * m <= h_; m *= 4) {
    const size_t base = tw_.size();
    tw_.resize(base + 6 * size_t(m));
    for (int k = 0; k < m; ++k)
      for (int r = 1; r <= 3; ++r) {
        const double a = -2.0 * kPi * r * k / (4.0 * m);
        tw_[base + size_t(2 * (r - 1)) * m + k] = std::cos(a);
        tw_[base + size_t(2 * (r - 1) + 1) * m + k] = std::sin(a);
      }
  }
  for (int k = 0; k <= h_; ++k) {
    wRe_.push_back(std::cos(-2.0 * kPi * k / n));
    wIm_.push_back(std::sin(-2.0 * kPi * k / n));
  }
}

void RealFft::forward(const double* in, double* re, double* im) {
  double* __restrict zr = zr_.data();
  double* __restrict zi = zi_.data();
  const int h = h_;
  const int* rev = rev_.data();
  for (int j = 0; j < h; ++j) {  // pack even/odd samples as one complex sequence, bit-reversed
    const int s = 2 * rev[j];    // (bit reversal is its own inverse)
    zr[j] = in[s];
    zi[j] = in[s + 1];
  }
  int m = 1;
  if (radix2First_) {
    for (int b = 0; b < h; b += 2) {
      const double ar = zr[b], ai = zi[b], br = zr[b + 1], bi = zi[b + 1];
      zr[b] = ar + br;
      zi[b] = ai + bi;
      zr[b + 1] = ar - br;
      zi[b + 1] = ai - bi;
    }
    m = 2;
  }
  // Radix-4 passes. With binary bit-reversed input, a 4m block holds the m-point DFTs of the
  // samples = 0, 2, 1, 3 (mod 4) at offsets 0, m, 2m, 3m.
  const double* tw = tw_.data();
  if (m == 1 && 4 <= h) {  // first radix-4 pass: all twiddles are 1
    for (int b = 0; b < h; b += 4) {
      const double a0r = zr[b], a0i = zi[b], a2r = zr[b + 1], a2i = zi[b + 1];
      const double a1r = zr[b + 2], a1i = zi[b + 2], a3r = zr[b + 3], a3i = zi[b + 3];
      const double t0r = a0r + a2r, t0i = a0i + a2i, t1r = a0r - a2r, t1i = a0i - a2i;
      const double t2r = a1r + a3r, t2i = a1i + a3i, t3r = a1r - a3r, t3i = a1i - a3i;
      zr[b] = t0r + t2r;
      zi[b] = t0i + t2i;
      zr[b + 2] = t0r - t2r;
      zi[b + 2] = t0i - t2i;
      zr[b + 1] = t1r + t3i;
      zi[b + 1] = t1i - t3r;
      zr[b + 3] = t1r - t3i;
      zi[b + 3] = t1i + t3r;
    }
    tw += 6;
    m = 4;
  }
  for (; 4 * m <= h; m *= 4) {
    const double* __restrict w1r = tw;
    const double* __restrict w1i = tw + m;
    const double* __restrict w2r = tw + 2 * m;
    const double* __restrict w2i = tw + 3 * m;
    const double* __restrict w3r = tw + 4 * m;
    const double* __restrict w3i = tw + 5 * m;
    tw += 6 * size_t(m);
    for (int b = 0; b < h; b += 4 * m)
      radix4(zr + b, zi + b, zr + b + m, zi + b + m, zr + b + 2 * m, zi + b + 2 * m, zr + b + 3 * m,
             zi + b + 3 * m, w1r, w1i, w2r, w2i, w3r, w3i, m);
  }
  untangle(zr, zi, wRe_.data(), wIm_.data(), re, im, h);
}

}  // namespace emo
