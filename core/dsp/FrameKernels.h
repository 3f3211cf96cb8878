#pragma once
// Inner loops of FrameEngine, written so GCC -O3 vectorises them without -ffast-math (partial
// sums in fixed lanes, no loop-carried branches). On x86-64 GCC builds each is compiled twice
// (function multi-versioning: an AVX2 clone and the baseline SSE2 one, picked at load time), so
// a portable package still runs 256-bit code where the CPU has it. Neither clone uses FMA and
// both do the same per-lane operations in the same order, so results are bit-identical on every
// CPU. Internal to core/dsp; pure functions, any thread.
namespace emo::kernels {

/// acc[c] = sum_r W[r*cols + c] * x[r] (summed in row order), c < cols.
void accumulateRows(const float* W, const float* x, int rows, int cols, float* acc);
/// accumulateRows for `frames` inputs at once (input f at X + f*xStride, output f at
/// out + f*outStride), bit-identical to calling it per frame. Weight rows loaded once serve
/// several frames, so the accumulators form independent chains.
void accumulateRowsBatch(const float* W, const float* X, int xStride, int rows, int cols, int frames, float* out,
                         int outStride);
/// out[k] = 10 log10(max(amin, x[k])) (amin > 0), evaluated in double and rounded once to float.
void powerToDb(const float* x, int n, float amin, float* out);
/// out[i] = w[i] * x[i] in double.
void windowToDouble(const float* x, const double* w, int n, double* out);
/// P[k] = |X[k]|^2 of interleaved double complex values, rounded to float.
void powerSpectrum(const double* X, int bins, float* P);
/// out[c] = sum_k w[k] * rows[k][c] (taps in order, double accumulation), c < cols; acc: scratch of cols.
void weightedRowSum(const float* const* rows, const double* w, int taps, int cols, double* acc, float* out);
/// Sign changes between neighbours (librosa ZCR: |x| <= 1e-10 counts as 0, 0 as positive).
int signChanges(const float* x, int n);
/// sum x^2 in double.
double sumSquares(const float* x, int n);
/// mag[k] = sqrt(power[k]).
void magnitude(const float* power, float* mag, int n);
/// *sum = sum m[k], *fsum = sum f[k]*m[k], in double.
void dualSum(const float* m, const float* f, int n, double* sum, double* fsum);
/// sum m[k] * (f[k] - c)^2 in double.
double spreadSum(const float* m, const float* f, int n, double c);

}  // namespace emo::kernels
