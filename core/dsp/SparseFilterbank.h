#pragma once
// SparseFilterbank: a (rows x bins) weight matrix that stores, per row, only the contiguous run of
// bins from the first to the last non-zero weight, so applying it to a spectrum costs the filter
// widths, not rows*bins. Also the builders of librosa's Slaney mel and chroma filterbanks and the
// padded analysis window. A plain value; any thread (builders are pure functions).
#include <vector>

#include "core/common/Matrix.h"
#include "core/dsp/FeatureParams.h"

namespace emo {

struct SparseFilterbank {
  int rows = 0;                 ///< output bands
  int bins = 0;                 ///< input spectrum length
  std::vector<int> begin;       ///< first stored bin of each row
  std::vector<int> length;      ///< stored bins of each row (0 for an all-zero row)
  std::vector<int> offset;      ///< start of each row's weights in `weights`
  std::vector<float> weights;   ///< concatenated runs

  /// Keeps, per row of `dense`, the run between its first and last non-zero entries.
  static SparseFilterbank fromDense(const Matrix& dense);
  /// The full matrix again (for tests and inspection).
  Matrix toDense() const;
  /// out[r] = sum_k W[r,k] * spectrum[k], float accumulation in bin order.
  void apply(const float* spectrum, float* out) const;
  /// apply() for `frames` spectra (spectrum f at spectra + f*stride, output f at out + f*outStride),
  /// bit-identical to it; four frames share each weight load (four independent sums).
  void applyBatch(const float* spectra, int stride, int frames, float* out, int outStride) const;
};

/// librosa.filters.mel(sr, n_fft, n_mels, fmin, fmax, htk=False, norm='slaney'), float32 weights.
Matrix slaneyMelFilterbank(const FeatureParams& p);
/// Band edge frequencies: librosa.mel_frequencies(n_mels + 2, fmin, fmax, htk=False), Hz.
std::vector<double> slaneyMelFrequencies(int count, double fmin, double fmax);
/// librosa.filters.chroma(sr, n_fft, n_chroma, tuning, ctroct=5, octwidth=2, norm=2, base_c=True).
Matrix chromaFilterbank(const FeatureParams& p);
/// Centre frequency of each FFT bin, k * sampleRate / nFft (librosa.fft_frequencies), Hz.
std::vector<float> fftFrequencies(const FeatureParams& p);
/// Periodic Hann of winLength, centred and zero-padded to nFft (librosa's STFT window).
std::vector<float> paddedHannWindow(const FeatureParams& p);

}  // namespace emo
