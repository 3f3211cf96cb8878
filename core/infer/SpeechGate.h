#pragma once
// SpeechGate: decides, frame by frame, whether a 10 ms feature frame carries speech, from its RMS
// level relative to the input's own noise floor. The floor is a low percentile
// (kFloorPercentile) of the levels of the last kHistorySeconds; a frame is speech when it is at
// least `noiseMarginDb` above that floor. Frames under the absolute floor `gateDb` are never
// speech and stay out of the statistics, so digital silence and dither are "no speech" and
// do not drag the floor down (a fan that starts after a silent stretch is learnt as noise).
//
// Why a percentile and not a fixed level: the model ignores level (each window is normalised),
// so quiet speech (RAVDESS sad clips peaking near -40 dBFS) must count as speech; and why not
// the running minimum of the previous gate: steady noise (white, pink, a fan) from the first
// frame on was speech until the minimum had crept up to it. The percentile of the stream's own
// recent levels is the noise from the first frames of noise, and the pauses between words keep it
// near the noise while someone speaks. Deterministic and independent of block sizes: the same
// frames give the same decisions. One per stream; not thread-safe.
#include <vector>

#include "core/common/Matrix.h"

namespace emo {

class SpeechGate {
 public:
  /// Share of the recent levels under the noise floor.
  static constexpr double kFloorPercentile = 0.10;
  /// Length of the level history the floor is taken from.
  static constexpr double kHistorySeconds = 5.0;

  /// `gateDb`: absolute floor (dBFS); `noiseMarginDb`: how far above the noise floor speech is;
  /// `frameSeconds`: the frame hop (0.01 s for the shipped feature parameters).
  SpeechGate(float gateDb, float noiseMarginDb, double frameSeconds);
  /// Feeds one frame's RMS (linear, full scale 1.0); returns whether it counts as speech.
  bool push(float rms);
  /// The current noise floor (dBFS); the absolute floor before any frame rose above it.
  float noiseFloorDb() const { return floorDb_; }
  void reset();

  static float toDb(float rms);
  /// How many frames of a whole RMS column (one row per frame) a fresh gate calls speech.
  static int countSpeech(const Matrix& rms, float gateDb, float noiseMarginDb, double frameSeconds);

 private:
  int binOf(float db) const;
  float percentileDb() const;

  float gateDb_;
  float marginDb_;
  std::vector<int> histogram_;   ///< counts of the history's levels per 0.25 dB bin
  std::vector<int> history_;     ///< ring of the last frames' bins (-1: under the absolute floor)
  size_t next_ = 0;              ///< ring position of the next frame
  size_t filled_ = 0;            ///< frames in the ring
  int counted_ = 0;              ///< frames in the histogram
  float floorDb_;
};

}  // namespace emo
