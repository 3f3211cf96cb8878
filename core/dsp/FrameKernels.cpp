// Vectorisable inner loops of FrameEngine (see FrameKernels.h).
#include "core/dsp/FrameKernels.h"

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace emo::kernels {
namespace {

// acc[c] = sum_r W[r*cols + c] * x[r], summed in row order. Row by row, so the inner loop runs
// across columns and vectorises; common widths get a fixed-size loop the compiler unrolls.
template <int N>
void accumulateFixed(const float* __restrict W, const float* __restrict x, int rows, float* __restrict acc) {
  float a[N] = {};
  for (int r = 0; r < rows; ++r) {
    const float xr = x[r];
    const float* __restrict w = W + size_t(r) * N;
    for (int c = 0; c < N; ++c) a[c] += w[c] * xr;
  }
  for (int c = 0; c < N; ++c) acc[c] = a[c];
}

}  // namespace

void accumulateRows(const float* __restrict W, const float* __restrict x, int rows, int cols, float* __restrict acc) {
  switch (cols) {
    case 12: return accumulateFixed<12>(W, x, rows, acc);
    case 13: return accumulateFixed<13>(W, x, rows, acc);
    case 20: return accumulateFixed<20>(W, x, rows, acc);
    case 40: return accumulateFixed<40>(W, x, rows, acc);
    default: break;
  }
  std::fill(acc, acc + cols, 0.0f);
  for (int r = 0; r < rows; ++r) {
    const float xr = x[r];
    const float* __restrict w = W + size_t(r) * cols;
    for (int c = 0; c < cols; ++c) acc[c] += w[c] * xr;
  }
}

// Sign changes between neighbours (librosa ZCR: |x| <= 1e-10 counts as 0, 0 as positive).
int signChanges(const float* __restrict x, int n) {
  const float thr = 1e-10f;
  int count = 0;
  for (int i = 1; i < n; ++i) count += int(x[i] < -thr) ^ int(x[i - 1] < -thr);
  return count;
}

// sum x^2 in double, four interleaved partial sums.
double sumSquares(const float* __restrict x, int n) {
  double a[4] = {0, 0, 0, 0};
  int i = 0;
  for (; i + 4 <= n; i += 4)
    for (int l = 0; l < 4; ++l) a[l] += double(x[i + l]) * x[i + l];
  for (; i < n; ++i) a[0] += double(x[i]) * x[i];
  return (a[0] + a[1]) + (a[2] + a[3]);
}

// sqrt of each power bin; no errno handling so the loop vectorises.
#if defined(__GNUC__) && !defined(__clang__)
__attribute__((optimize("no-math-errno")))
#endif
void magnitude(const float* power, float* mag, int n) {
  for (int k = 0; k < n; ++k) mag[k] = std::sqrt(power[k]);
}

// sum m[k] and sum f[k]*m[k] in double, four interleaved partial sums (vectorisable).
void dualSum(const float* m, const float* f, int n, double* sum, double* fsum) {
  double a[4] = {0, 0, 0, 0}, b[4] = {0, 0, 0, 0};
  int k = 0;
  for (; k + 4 <= n; k += 4)
    for (int l = 0; l < 4; ++l) {
      a[l] += m[k + l];
      b[l] += double(f[k + l]) * m[k + l];
    }
  for (; k < n; ++k) {
    a[0] += m[k];
    b[0] += double(f[k]) * m[k];
  }
  *sum = (a[0] + a[1]) + (a[2] + a[3]);
  *fsum = (b[0] + b[1]) + (b[2] + b[3]);
}

// sum m[k] * (f[k] - c)^2 in double, four partial sums.
double spreadSum(const float* m, const float* f, int n, double c) {
  double a[4] = {0, 0, 0, 0};
  int k = 0;
  for (; k + 4 <= n; k += 4)
    for (int l = 0; l < 4; ++l) {
      const double df = double(f[k + l]) - c;
      a[l] += m[k + l] * df * df;
    }
  for (; k < n; ++k) {
    const double df = double(f[k]) - c;
    a[0] += m[k] * df * df;
  }
  return (a[0] + a[1]) + (a[2] + a[3]);
}


}  // namespace emo::kernels
