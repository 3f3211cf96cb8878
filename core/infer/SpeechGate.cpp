#include "core/infer/SpeechGate.h"

#include <algorithm>
#include <cmath>

namespace emo {

namespace {
constexpr float kFloorRiseDbPerSecond = 1.0f;
constexpr float kInitialFloorDb = -100.0f;
}  // namespace

SpeechGate::SpeechGate(float gateDb, float noiseMarginDb, double frameSeconds)
    : gateDb_(gateDb),
      marginDb_(noiseMarginDb),
      risePerFrameDb_(static_cast<float>(kFloorRiseDbPerSecond * frameSeconds)),
      floorDb_(kInitialFloorDb) {}

float SpeechGate::toDb(float rms) { return 20.0f * std::log10(std::max(rms, 1e-6f)); }

bool SpeechGate::push(float rms) {
  const float db = toDb(rms);
  if (!started_) {
    // The first frame seeds the floor from below, so a stream that starts mid-sentence is not
    // taken for noise: the floor starts at the quieter of the frame and the absolute gate.
    floorDb_ = std::min(db, gateDb_);
    started_ = true;
  } else if (db < floorDb_) {
    floorDb_ = db;
  } else {
    floorDb_ = std::min(floorDb_ + risePerFrameDb_, db);
  }
  return db >= gateDb_ && db >= floorDb_ + marginDb_;
}

int SpeechGate::countSpeech(const Matrix& rms, float gateDb, float noiseMarginDb, double frameSeconds) {
  SpeechGate gate(gateDb, noiseMarginDb, frameSeconds);
  int speech = 0;
  for (int r = 0; r < rms.rows; ++r) speech += gate.push(rms.at(r, 0)) ? 1 : 0;
  return speech;
}

void SpeechGate::reset() {
  floorDb_ = kInitialFloorDb;
  started_ = false;
}

}  // namespace emo
