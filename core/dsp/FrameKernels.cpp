// Vectorisable inner loops of FrameEngine (see FrameKernels.h).
#include "core/dsp/FrameKernels.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstddef>
#include <cstring>
#include <limits>

// Function multi-versioning: an AVX2 clone next to the baseline one, chosen by an ifunc resolver
// when the library is loaded. "avx2" does not imply FMA, so no multiply-add is contracted and
// both clones round exactly alike. -DEMO_NO_TARGET_CLONES builds only the baseline (to compare).
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && !defined(EMO_NO_TARGET_CLONES)
#define EMO_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define EMO_CLONES
#endif
#if defined(__GNUC__)
#define EMO_INLINE inline __attribute__((always_inline))
#else
#define EMO_INLINE inline
#endif

// The 32-byte vector helpers below are always inlined, so no call passes them across the ABI.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wpsabi"
#endif

namespace emo::kernels {
namespace {

// GCC vector extensions: 8 floats / 4 doubles / 4 int64. In the baseline clone each operation
// becomes two SSE2 instructions, in the AVX2 clone one.
typedef float v8sf __attribute__((vector_size(32)));
typedef float v8sfu __attribute__((vector_size(32), aligned(4)));  // for unaligned loads/stores
typedef float v4sf __attribute__((vector_size(16)));
typedef double v4df __attribute__((vector_size(32)));
typedef long long v4di __attribute__((vector_size(32)));

// Partial sums of the double reductions: four 4-wide vectors (16 lanes, element k in lane
// k % 16), so the adds are not bound by their latency. The lanes and the final reduction are
// explicit, so both clones add in the same order.
typedef float v4sfu __attribute__((vector_size(16), aligned(4)));
constexpr int kLanes = 16;

EMO_INLINE v4df load4d(const float* p) { return __builtin_convertvector(*reinterpret_cast<const v4sfu*>(p), v4df); }

EMO_INLINE double reduceLanes(v4df a0, v4df a1, v4df a2, v4df a3, double tail) {
  const v4df s = (a0 + a2) + (a1 + a3);
  return ((s[0] + s[2]) + (s[1] + s[3])) + tail;
}

// acc[c] = sum_r W[r*cols + c] * x[r], summed in row order. Row by row, so the inner loop runs
// across columns and vectorises; common widths get a fixed-size loop the compiler unrolls.
template <int N>
EMO_INLINE void accumulateFixed(const float* __restrict W, const float* __restrict x, int rows, float* __restrict acc) {
  float a[N] = {};
  for (int r = 0; r < rows; ++r) {
    const float xr = x[r];
    const float* __restrict w = W + size_t(r) * N;
    for (int c = 0; c < N; ++c) a[c] += w[c] * xr;
  }
  for (int c = 0; c < N; ++c) acc[c] = a[c];
}

// F frames x V vectors of 8 columns: F*V independent accumulator chains per weight row.
template <int V, int F>
EMO_INLINE void accumulateBlock(const float* __restrict W, const float* __restrict X, int xStride, int rows,
                                float* __restrict out, int outStride) {
  // Accumulators stay in registers: no address of `a` is taken (loads and stores go through
  // the unaligned vector type).
  v8sf a[F][V];
  for (int f = 0; f < F; ++f)
    for (int v = 0; v < V; ++v) a[f][v] = v8sf{};
  for (int r = 0; r < rows; ++r) {
    const v8sfu* w = reinterpret_cast<const v8sfu*>(W + size_t(r) * V * 8);
    for (int f = 0; f < F; ++f) {
      const float x = X[size_t(f) * xStride + r];
      for (int v = 0; v < V; ++v) a[f][v] += w[v] * x;
    }
  }
  for (int f = 0; f < F; ++f)
    for (int v = 0; v < V; ++v) reinterpret_cast<v8sfu*>(out + size_t(f) * outStride)[v] = a[f][v];
}

template <int V>
EMO_INLINE void accumulateFrames(const float* W, const float* X, int xStride, int rows, int frames, float* out,
                                 int outStride) {
  constexpr int F = V <= 2 ? 4 : 2;  // accumulators stay within the 16 vector registers
  int f = 0;
  for (; f + F <= frames; f += F)
    accumulateBlock<V, F>(W, X + size_t(f) * xStride, xStride, rows, out + size_t(f) * outStride, outStride);
  for (; f < frames; ++f)
    accumulateBlock<V, 1>(W, X + size_t(f) * xStride, xStride, rows, out + size_t(f) * outStride, outStride);
}

// 10 log10(x) for positive normal x, in double: x = 2^e m with m in [sqrt(1/2), sqrt(2)),
// ln m = 2 atanh(s), s = (m-1)/(m+1), |s| < 0.172, series to s^15 (relative error < 1e-14).
constexpr double kLn2 = 0.693147180559945309417;
constexpr double kDbPerNeper = 4.34294481903251827651;  // 10 / ln 10
constexpr double kSqrt2 = 1.41421356237309504880;

template <typename T>
EMO_INLINE T lnSeries(T s) {
  const T z = s * s;
  T p = z * 0.0 + 1.0 / 15;
  p = p * z + 1.0 / 13;
  p = p * z + 1.0 / 11;
  p = p * z + 1.0 / 9;
  p = p * z + 1.0 / 7;
  p = p * z + 1.0 / 5;
  p = p * z + 1.0 / 3;
  p = p * z + 1.0;
  return 2.0 * s * p;
}

EMO_INLINE float dbScalar(float v) {
  double x = v;
  unsigned long long bits;
  std::memcpy(&bits, &x, sizeof bits);
  double e = static_cast<double>(static_cast<long long>((bits >> 52) & 0x7ff) - 1023);
  bits = (bits & 0x000fffffffffffffULL) | 0x3ff0000000000000ULL;
  double m;
  std::memcpy(&m, &bits, sizeof m);
  if (m > kSqrt2) {
    m = m * 0.5;
    e = e + 1.0;
  }
  const double s = (m - 1.0) / (m + 1.0);
  return static_cast<float>((e * kLn2 + lnSeries(s)) * kDbPerNeper);
}

EMO_INLINE v4sf dbVector(v4sf v) {
  const v4df x = __builtin_convertvector(v, v4df);
  v4di bits;
  std::memcpy(&bits, &x, sizeof bits);
  // exponent field as a double: OR it into the mantissa of 2^52, subtract 2^52 (+ the bias).
  const v4di ebits = ((bits >> 52) & 0x7ff) | 0x4330000000000000LL;
  v4df e;
  std::memcpy(&e, &ebits, sizeof e);
  e = e - (4503599627370496.0 + 1023.0);
  const v4di mbits = (bits & 0x000fffffffffffffLL) | 0x3ff0000000000000LL;
  v4df m;
  std::memcpy(&m, &mbits, sizeof m);
  const v4df sqrt2 = {kSqrt2, kSqrt2, kSqrt2, kSqrt2};
  const v4di big = m > sqrt2;
  m = big ? m * 0.5 : m;
  e = big ? e + 1.0 : e;
  const v4df s = (m - 1.0) / (m + 1.0);
  return __builtin_convertvector((e * kLn2 + lnSeries(s)) * kDbPerNeper, v4sf);
}

}  // namespace

EMO_CLONES
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

EMO_CLONES
void accumulateRowsBatch(const float* W, const float* X, int xStride, int rows, int cols, int frames, float* out,
                         int outStride) {
  switch (cols) {
    case 8: return accumulateFrames<1>(W, X, xStride, rows, frames, out, outStride);
    case 16: return accumulateFrames<2>(W, X, xStride, rows, frames, out, outStride);
    case 24: return accumulateFrames<3>(W, X, xStride, rows, frames, out, outStride);
    case 32: return accumulateFrames<4>(W, X, xStride, rows, frames, out, outStride);
    case 40: return accumulateFrames<5>(W, X, xStride, rows, frames, out, outStride);
    case 48: return accumulateFrames<6>(W, X, xStride, rows, frames, out, outStride);
    default: break;
  }
  for (int f = 0; f < frames; ++f)
    accumulateRows(W, X + size_t(f) * xStride, rows, cols, out + size_t(f) * outStride);
}

EMO_CLONES
void powerToDb(const float* x, int n, float amin, float* out) {
  const float inf = std::numeric_limits<float>::infinity();
  const v4sf lo = {amin, amin, amin, amin}, infs = {inf, inf, inf, inf};
  if (!(amin >= FLT_MIN)) {  // subnormal floor: the bit tricks below assume normal numbers
    for (int k = 0; k < n; ++k) out[k] = static_cast<float>(10.0 * std::log10(double(std::max(amin, x[k]))));
    return;
  }
  int k = 0;
  for (; k + 4 <= n; k += 4) {
    v4sf v;
    std::memcpy(&v, x + k, sizeof v);
    v = lo < v ? v : lo;  // std::max(amin, v): NaN becomes amin
    v4sf r = dbVector(v);
    r = v == infs ? infs : r;
    std::memcpy(out + k, &r, sizeof r);
  }
  for (; k < n; ++k) {
    const float v = std::max(amin, x[k]);
    out[k] = v == inf ? inf : dbScalar(v);
  }
}

EMO_CLONES
void windowToDouble(const float* __restrict x, const double* __restrict w, int n, double* __restrict out) {
  for (int i = 0; i < n; ++i) out[i] = w[i] * x[i];
}

EMO_CLONES
void powerSpectrum(const double* __restrict X, int bins, float* __restrict P) {
  for (int k = 0; k < bins; ++k) P[k] = static_cast<float>(X[2 * k] * X[2 * k] + X[2 * k + 1] * X[2 * k + 1]);
}

EMO_CLONES
void weightedRowSum(const float* const* rows, const double* w, int taps, int cols, double* __restrict acc,
                    float* __restrict out) {
  if (cols == 40) {  // the default nMfcc: ten 4-wide accumulators in registers
    v4df a[10] = {};
    for (int k = 0; k < taps; ++k) {
      const float* row = rows[k];
      const double wk = w[k];
      for (int v = 0; v < 10; ++v) a[v] += wk * load4d(row + 4 * v);
    }
    for (int v = 0; v < 10; ++v) *reinterpret_cast<v4sfu*>(out + 4 * v) = __builtin_convertvector(a[v], v4sf);
    return;
  }
  std::fill(acc, acc + cols, 0.0);
  for (int k = 0; k < taps; ++k) {  // tap by tap over contiguous rows (vectorises across columns)
    const float* __restrict row = rows[k];
    const double wk = w[k];
    for (int j = 0; j < cols; ++j) acc[j] += wk * row[j];
  }
  for (int j = 0; j < cols; ++j) out[j] = static_cast<float>(acc[j]);
}

// Sign changes between neighbours (librosa ZCR: |x| <= 1e-10 counts as 0, 0 as positive).
EMO_CLONES
int signChanges(const float* __restrict x, int n) {
  const float thr = 1e-10f;
  int count = 0;
  for (int i = 1; i < n; ++i) count += int(x[i] < -thr) ^ int(x[i - 1] < -thr);
  return count;
}

// sum x^2 in double, kLanes interleaved partial sums.
EMO_CLONES
double sumSquares(const float* __restrict x, int n) {
  v4df a0 = {}, a1 = {}, a2 = {}, a3 = {};
  int i = 0;
  for (; i + kLanes <= n; i += kLanes) {
    const v4df x0 = load4d(x + i), x1 = load4d(x + i + 4), x2 = load4d(x + i + 8), x3 = load4d(x + i + 12);
    a0 += x0 * x0;
    a1 += x1 * x1;
    a2 += x2 * x2;
    a3 += x3 * x3;
  }
  double tail = 0.0;
  for (; i < n; ++i) tail += double(x[i]) * x[i];
  return reduceLanes(a0, a1, a2, a3, tail);
}

// sqrt of each power bin; the file is compiled with -fno-math-errno (core/CMakeLists.txt), so
// std::sqrt is one instruction and the loop vectorises.
EMO_CLONES
void magnitude(const float* power, float* mag, int n) {
  for (int k = 0; k < n; ++k) mag[k] = std::sqrt(power[k]);
}

// sum m[k] and sum f[k]*m[k] in double, kLanes interleaved partial sums.
EMO_CLONES
void dualSum(const float* __restrict m, const float* __restrict f, int n, double* sum, double* fsum) {
  v4df a[4] = {}, b[4] = {};
  int k = 0;
  for (; k + kLanes <= n; k += kLanes)
    for (int v = 0; v < 4; ++v) {
      const v4df mv = load4d(m + k + 4 * v);
      a[v] += mv;
      b[v] += load4d(f + k + 4 * v) * mv;
    }
  double ta = 0.0, tb = 0.0;
  for (; k < n; ++k) {
    ta += m[k];
    tb += double(f[k]) * m[k];
  }
  *sum = reduceLanes(a[0], a[1], a[2], a[3], ta);
  *fsum = reduceLanes(b[0], b[1], b[2], b[3], tb);
}

// sum m[k] * (f[k] - c)^2 in double, kLanes partial sums.
EMO_CLONES
double spreadSum(const float* __restrict m, const float* __restrict f, int n, double c) {
  v4df a[4] = {};
  int k = 0;
  for (; k + kLanes <= n; k += kLanes)
    for (int v = 0; v < 4; ++v) {
      const v4df df = load4d(f + k + 4 * v) - c;
      a[v] += load4d(m + k + 4 * v) * df * df;
    }
  double tail = 0.0;
  for (; k < n; ++k) {
    const double df = double(f[k]) - c;
    tail += m[k] * df * df;
  }
  return reduceLanes(a[0], a[1], a[2], a[3], tail);
}

}  // namespace emo::kernels
