#include "ui/live/SpeechShareSummary.h"

#include <algorithm>

namespace emo::ui {

void SpeechShareSummary::reset(size_t labels, double hopSeconds) {
  seconds_.assign(labels, 0.0);
  hop_ = hopSeconds;
  speech_ = total_ = 0.0;
  lastTime_ = -1.0;
}

void SpeechShareSummary::add(const EmotionFrame& f) {
  // The time since the previous frame (one hop); the first frame counts as the usual hop.
  const double dt = lastTime_ < 0 ? hop_ : std::clamp(f.time - lastTime_, 0.0, 1.0);
  lastTime_ = f.time;
  total_ += dt;
  if (!f.speech || f.top < 0 || size_t(f.top) >= seconds_.size()) return;
  seconds_[size_t(f.top)] += dt;
  speech_ += dt;
}

void SpeechShareSummary::add(const std::vector<EmotionFrame>& frames) {
  for (const EmotionFrame& f : frames) add(f);
}

std::vector<double> SpeechShareSummary::shares() const {
  std::vector<double> out(seconds_.size(), 0.0);
  if (speech_ <= 0) return out;
  for (size_t i = 0; i < out.size(); ++i) out[i] = seconds_[i] / speech_;
  return out;
}

double SpeechShareSummary::speechSeconds() const { return speech_; }
double SpeechShareSummary::totalSeconds() const { return total_; }

}  // namespace emo::ui
