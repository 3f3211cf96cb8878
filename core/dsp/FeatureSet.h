#pragma once
// FeatureSet: the frame-level features of one signal, each a Matrix with one row per frame
// (the layout of ../shared/golden CSVs). FeatureKind names each one; the CSV file names are
// featureFileName(kind). A plain value; any thread.
#include <string>
#include <vector>

#include "core/common/Matrix.h"
#include "core/common/Result.h"

namespace emo {

enum class FeatureKind {
  PowerSpec,          ///< |STFT|^2, bins columns            -> power_spec.csv
  MelPower,           ///< mel power, nMels                   -> mel_power.csv
  LogMelDb,           ///< 10 log10(max(amin, mel))           -> logmel_db.csv
  Mfcc,               ///< nMfcc                              -> mfcc.csv
  MfccDelta,          ///< nMfcc                              -> mfcc_delta.csv
  MfccDelta2,         ///< nMfcc                              -> mfcc_delta2.csv
  Zcr,                ///< 1                                  -> zcr.csv
  Rms,                ///< 1                                  -> rms.csv
  SpectralCentroid,   ///< 1 (Hz)                             -> spectral_centroid.csv
  SpectralBandwidth,  ///< 1 (Hz)                             -> spectral_bandwidth.csv
  Chroma,             ///< nChroma                            -> chroma.csv
  F0,                 ///< 2: f0 in Hz (0 when unvoiced), voiced flag 0/1 -> f0.csv
  Pcen,               ///< nMels: per-channel energy normalised mel power (Pcen.h) -> pcen.csv
};

/// Every kind, in pipeline order (F0 last).
const std::vector<FeatureKind>& allFeatureKinds();
std::string featureFileName(FeatureKind kind);   ///< "logmel_db.csv", ...
std::string featureName(FeatureKind kind);       ///< "logmel_db", ...
Result<FeatureKind> featureKindFromName(const std::string& name);
std::string featureKindNames();                 ///< every kind's name, ", "-separated (help texts)

/// The "seed set": log-mel, MFCC + deltas, ZCR, RMS, centroid, bandwidth, chroma.
const std::vector<FeatureKind>& seedFeatureKinds();

struct FeatureSet {
  int frames = 0;
  std::vector<std::pair<FeatureKind, Matrix>> items;  ///< in the order computed

  bool has(FeatureKind kind) const;
  const Matrix& get(FeatureKind kind) const;  ///< throws std::out_of_range if absent
  Matrix& getOrAdd(FeatureKind kind, int cols);
  /// Columns of the given kinds side by side (rows = frames).
  Matrix stack(const std::vector<FeatureKind>& kinds) const;
};

}  // namespace emo
