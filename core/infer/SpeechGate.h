#pragma once
// SpeechGate: decides, frame by frame, whether a 10 ms feature frame carries speech, from its RMS
// level relative to the input's own noise floor. The floor is a low percentile
// (kFloorPercentile) of the levels of the last kHistorySeconds; a frame is speech when it is at
// least `noiseMarginDb` above that floor. Frames under the absolute floor `gateDb` are never
// speech, and count in the statistics as the absolute floor itself, so digital silence and
// dither are "no speech" and the quietest speech the gate accepts is gateDb + noiseMarginDb.
//
// Why a percentile and not a fixed level: the model ignores level (each window is normalised),
// so quiet speech (RAVDESS sad clips peaking near -40 dBFS, frames at -50..-70 dBFS) must count
// as speech; and why not the running minimum of the previous gate: steady noise (white, pink, a
// fan) from the first frame on was speech until that minimum had crept up to it (1 dB/s). The
// percentile of the stream's own recent levels is the noise from the first frames of noise, and
// the pauses between words keep it near the noise while someone speaks. A noise that starts after
// a stretch of digital silence (which holds the percentile down) is caught by its steadiness:
// when the last kSteadySeconds stay within kSteadySpreadDb, their own level is the floor.
// Deterministic and independent of block sizes: the same frames give the same decisions. One per
// stream; not thread-safe.
#include <vector>

#include "core/common/Matrix.h"

namespace emo {

class SpeechGate {
 public:
  /// Share of the recent levels under the noise floor.
  static constexpr double kFloorPercentile = 0.10;
  /// Length of the level history the floor is taken from.
  static constexpr double kHistorySeconds = 5.0;
  /// A signal whose last kSteadySeconds of levels stay within kSteadySpreadDb (10th to 90th
  /// percentile) is steady: noise, not speech (whose level moves by syllables). Its own level is
  /// then the floor, so a noise that starts after digital silence is learnt within that time.
  static constexpr double kSteadySeconds = 0.3;
  static constexpr float kSteadySpreadDb = 6.0f;

  /// `gateDb`: absolute floor (dBFS); `noiseMarginDb`: how far above the noise floor speech is;
  /// `frameSeconds`: the frame hop (0.01 s for the shipped feature parameters).
  SpeechGate(float gateDb, float noiseMarginDb, double frameSeconds);
  /// Feeds one frame's RMS (linear, full scale 1.0); returns whether it counts as speech.
  bool push(float rms);
  /// The current noise floor (dBFS), never under the absolute floor.
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
  std::vector<float> recent_;    ///< ring of the last kSteadySeconds of levels (dB, floor-clamped)
  std::vector<float> sorted_;    ///< scratch for their percentiles
  std::vector<int> history_;     ///< ring of the last frames' bins
  size_t next_ = 0;              ///< ring position of the next frame
  size_t filled_ = 0;            ///< frames in the ring (and the histogram)
  size_t pushed_ = 0;            ///< frames pushed since the start (or reset)
  float floorDb_;
};

}  // namespace emo
