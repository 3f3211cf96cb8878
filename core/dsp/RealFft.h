#pragma once
// RealFft: forward FFT of a real frame of power-of-two length in double precision (radix-4
// passes, split re/im arrays so the butterflies vectorise). librosa's STFT runs numpy's float64 FFT;
// float32 FFT rounding (~1e-7 of a frame's strongest bin) would put 0.05 dB errors into bins
// 100 dB down and 0.05 into MFCCs of clean tones, so parity needs double here. Reuses its
// buffers: one per thread.
#include <vector>

namespace emo {

class RealFft {
 public:
  /// n: a power of two >= 4.
  explicit RealFft(int n);
  static bool supports(int n) { return n >= 4 && (n & (n - 1)) == 0; }
  int size() const { return n_; }
  /// X[k] = sum_j in[j] e^{-2 pi i jk/n}, k = 0..n/2 (re, im each n/2+1 values).
  void forward(const double* in, double* re, double* im);

 private:
  int n_, h_;
  std::vector<int> rev_;                 ///< bit reversal of h_ points
  bool radix2First_ = false;             ///< log2(n/2) odd: one radix-2 pass, then radix-4
  std::vector<double> tw_;               ///< radix-4 twiddles: per pass (m), 6*m values
                                         ///< [w1re, w1im, w2re, w2im, w3re, w3im] arrays of m
  std::vector<double> wRe_, wIm_;        ///< e^{-2 pi i k/n}, k = 0..h_
  std::vector<double> zr_, zi_;          ///< complex work arrays (h_)
};

}  // namespace emo
