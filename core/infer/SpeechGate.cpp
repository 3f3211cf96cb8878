#include "core/infer/SpeechGate.h"

#include <algorithm>
#include <cmath>

namespace emo {

namespace {
constexpr float kMinDb = -120.0f;   ///< toDb() never goes below this
constexpr float kMaxDb = 20.0f;     ///< float input may exceed full scale; louder frames share the top bin
constexpr float kBinDb = 0.25f;
constexpr int kBins = static_cast<int>((kMaxDb - kMinDb) / kBinDb) + 1;
}  // namespace

SpeechGate::SpeechGate(float gateDb, float noiseMarginDb, double frameSeconds)
    : gateDb_(gateDb),
      marginDb_(noiseMarginDb),
      histogram_(kBins, 0),
      history_(static_cast<size_t>(std::max(1.0, std::round(kHistorySeconds / std::max(frameSeconds, 1e-4)))), -1),
      floorDb_(gateDb) {}

float SpeechGate::toDb(float rms) { return 20.0f * std::log10(std::max(rms, 1e-6f)); }

int SpeechGate::binOf(float db) const {
  const float clamped = std::clamp(db, kMinDb, kMaxDb);
  return std::min(kBins - 1, static_cast<int>((clamped - kMinDb) / kBinDb));
}

float SpeechGate::percentileDb() const {
  // The smallest level with at least kFloorPercentile of the counted frames at or below it.
  const int wanted = std::max(1, static_cast<int>(std::ceil(kFloorPercentile * counted_)));
  int seen = 0;
  for (int b = 0; b < kBins; ++b) {
    seen += histogram_[b];
    if (seen >= wanted) return kMinDb + (b + 0.5f) * kBinDb;
  }
  return kMaxDb;
}

bool SpeechGate::push(float rms) {
  const float db = toDb(rms);
  // Forget the frame leaving the history, then count this one (under the absolute floor: not
  // counted, it is silence, not noise).
  if (filled_ == history_.size()) {
    const int old = history_[next_];
    if (old >= 0) {
      --histogram_[old];
      --counted_;
    }
  } else {
    ++filled_;
  }
  const bool audible = db >= gateDb_;
  const int bin = audible ? binOf(db) : -1;
  history_[next_] = bin;
  next_ = (next_ + 1) % history_.size();
  if (bin >= 0) {
    ++histogram_[bin];
    ++counted_;
  }
  floorDb_ = counted_ > 0 ? std::max(gateDb_, percentileDb()) : gateDb_;
  return audible && db >= floorDb_ + marginDb_;
}

int SpeechGate::countSpeech(const Matrix& rms, float gateDb, float noiseMarginDb, double frameSeconds) {
  SpeechGate gate(gateDb, noiseMarginDb, frameSeconds);
  int speech = 0;
  for (int r = 0; r < rms.rows; ++r) speech += gate.push(rms.at(r, 0)) ? 1 : 0;
  return speech;
}

void SpeechGate::reset() {
  std::fill(histogram_.begin(), histogram_.end(), 0);
  std::fill(history_.begin(), history_.end(), -1);
  next_ = 0;
  filled_ = 0;
  counted_ = 0;
  floorDb_ = gateDb_;
}

}  // namespace emo
