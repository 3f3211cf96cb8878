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
      recent_(static_cast<size_t>(std::max(2.0, std::round(kSteadySeconds / std::max(frameSeconds, 1e-4)))), 0.0f),
      history_(static_cast<size_t>(std::max(1.0, std::round(kHistorySeconds / std::max(frameSeconds, 1e-4)))), 0),
      floorDb_(gateDb) {}

float SpeechGate::toDb(float rms) { return 20.0f * std::log10(std::max(rms, 1e-6f)); }

int SpeechGate::binOf(float db) const {
  const float clamped = std::clamp(db, kMinDb, kMaxDb);
  return std::min(kBins - 1, static_cast<int>((clamped - kMinDb) / kBinDb));
}

float SpeechGate::percentileDb() const {
  // The smallest level with at least kFloorPercentile of the counted frames at or below it.
  const int wanted = std::max(1, static_cast<int>(std::ceil(kFloorPercentile * double(filled_))));
  int seen = 0;
  for (int b = 0; b < kBins; ++b) {
    seen += histogram_[b];
    if (seen >= wanted) return kMinDb + (b + 0.5f) * kBinDb;
  }
  return kMaxDb;
}

bool SpeechGate::push(float rms) {
  const float db = toDb(rms);
  // Forget the frame leaving the history, then count this one; a frame under the absolute floor
  // counts as the floor itself (silence keeps the floor down without dragging it to -120 dB).
  if (filled_ == history_.size()) {
    --histogram_[history_[next_]];
  } else {
    ++filled_;
  }
  const bool audible = db >= gateDb_;
  const int bin = binOf(audible ? db : gateDb_);
  history_[next_] = bin;
  next_ = (next_ + 1) % history_.size();
  ++histogram_[bin];
  floorDb_ = std::max(gateDb_, percentileDb());
  // Steady over the last kSteadySeconds (and all of them audible): noise at its own level.
  recent_[pushed_ % recent_.size()] = audible ? db : gateDb_;
  if (++pushed_ >= recent_.size()) {
    sorted_ = recent_;
    std::sort(sorted_.begin(), sorted_.end());
    const float low = sorted_[sorted_.size() / 10], high = sorted_[sorted_.size() - 1 - sorted_.size() / 10];
    if (low > gateDb_ && high - low < kSteadySpreadDb) floorDb_ = std::max(floorDb_, low);
  }
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
  std::fill(history_.begin(), history_.end(), 0);
  std::fill(recent_.begin(), recent_.end(), 0.0f);
  next_ = 0;
  filled_ = 0;
  pushed_ = 0;
  floorDb_ = gateDb_;
}

}  // namespace emo
