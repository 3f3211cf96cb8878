#pragma once
// FeatureParams: every parameter of feature extraction, as a plain value that is saved in model
// bundles and loaded from JSON. The defaults are those of ../shared/golden (librosa parity):
// 16 kHz, 512-point FFT, 25 ms periodic Hann window zero-padded to 512, 10 ms hop, centred frames
// with zero padding, 64 Slaney mel bands 0–8 kHz (Slaney area norm), power->dB with amin 1e-10,
// 40 MFCCs (DCT-II ortho), deltas of width 9 (librosa 'interp' edges), 12 chroma bins, tuning 0.
#include <string>
#include <vector>

#include "core/common/Result.h"

namespace emo {

struct FeatureParams {
  int sampleRate = 16000;   ///< Hz; audio is resampled to this first
  int nFft = 512;           ///< FFT size (bins = nFft/2 + 1)
  int winLength = 400;      ///< Hann window length in samples (centred, zero-padded to nFft)
  int hopLength = 160;      ///< samples between frames
  bool center = true;       ///< pad nFft/2 zeros at both ends (librosa center=True, constant)
  int nMels = 64;           ///< mel bands
  float fmin = 0.0f;        ///< lowest mel edge, Hz
  float fmax = 8000.0f;     ///< highest mel edge, Hz (<= 0 means sampleRate/2)
  float amin = 1e-10f;      ///< power floor before log10 (power_to_db amin)
  float topDb = 0.0f;       ///< power_to_db top_db clipping; 0 disables (golden default). Applied per
                            ///< frame (floor = frame max - topDb) so streaming stays exact; librosa
                            ///< uses the whole array's max
  int nMfcc = 40;           ///< MFCCs kept (DCT-II ortho of log-mel dB)
  int deltaWidth = 9;       ///< delta / delta-delta window (odd, >= 3)
  int nChroma = 12;         ///< chroma bins
  float tuning = 0.0f;      ///< chroma tuning offset in fractions of a bin
  float f0Min = 65.0f;      ///< pitch search floor, Hz
  float f0Max = 600.0f;     ///< pitch search ceiling, Hz
  int f0FrameLength = 1024; ///< YIN frame length in samples (at least 2 periods of f0Min), centred on
                            ///< the frame like the STFT, zero padded
  float yinThreshold = 0.15f; ///< YIN aperiodicity threshold for 'voiced'

  int bins() const { return nFft / 2 + 1; }
  float effectiveFmax() const { return fmax > 0 ? fmax : sampleRate / 2.0f; }
  /// Checks ranges (positive sizes, winLength <= nFft, fmax <= Nyquist, odd deltaWidth, F0 range and frame ...).
  Status validate() const;

  std::string toJson() const;  ///< pretty JSON object with every field
  /// Missing keys keep their defaults; unknown keys and wrong types are errors.
  static Result<FeatureParams> fromJson(const std::string& json);
  static Result<FeatureParams> load(const std::string& path);
  Status save(const std::string& path) const;

  /// Named presets: "default" (= golden), "mfcc13" (13 MFCCs, 40 mels), "logmel80" (80 mels,
  /// 25 ms / 10 ms), "wideband" (32 ms window, 128 mels up to 8 kHz).
  static Result<FeatureParams> preset(const std::string& name);
  static std::vector<std::string> presetNames();

  bool operator==(const FeatureParams& other) const;
  bool operator!=(const FeatureParams& other) const { return !(*this == other); }
};

}  // namespace emo
