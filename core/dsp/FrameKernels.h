#pragma once
// Inner loops of FrameEngine, written so GCC -O3 vectorises them without -ffast-math (partial
// sums in fixed lanes, no loop-carried branches). Internal to core/dsp; pure functions, any thread.
namespace emo::kernels {

/// acc[c] = sum_r W[r*cols + c] * x[r] (summed in row order), c < cols.
void accumulateRows(const float* W, const float* x, int rows, int cols, float* acc);
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
