#pragma once
// SpeechGate: decides, frame by frame, whether a 10 ms feature frame carries speech, from its RMS
// level: above an absolute floor (gateDb) and above a tracked noise floor by a margin. The noise
// floor follows quiet frames down at once and rises slowly (1 dB/s), so steady room noise,
// hum or a fan is learnt as "no speech" while speech stays well above it. Deterministic and
// independent of block sizes: the same frames give the same decisions. One per stream; not
// thread-safe.
#include "core/common/Matrix.h"

namespace emo {

class SpeechGate {
 public:
  SpeechGate(float gateDb, float noiseMarginDb, double frameSeconds);
  /// Feeds one frame's RMS (linear, full scale 1.0); returns whether it counts as speech.
  bool push(float rms);
  float noiseFloorDb() const { return floorDb_; }
  void reset();

  static float toDb(float rms);
  /// How many frames of a whole RMS column (one row per frame) a fresh gate calls speech.
  static int countSpeech(const Matrix& rms, float gateDb, float noiseMarginDb, double frameSeconds);

 private:
  float gateDb_;
  float marginDb_;
  float risePerFrameDb_;
  float floorDb_;
  bool started_ = false;
};

}  // namespace emo
