#include "core/infer/RecordingSummary.h"

#include <algorithm>

namespace emo {

RecordingSummary::RecordingSummary(std::vector<std::string> labels, double uncertainBelow)
    : labels_(std::move(labels)),
      topSeconds_(labels_.size(), 0.0),
      probSeconds_(labels_.size(), 0.0),
      uncertainBelow_(uncertainBelow) {}

void RecordingSummary::add(const EmotionFrame& f) {
  const double seconds = std::max(0.0, f.end - f.start);
  totalSeconds_ += seconds;
  if (!f.speech || f.top < 0 || f.top >= static_cast<int>(labels_.size()) || f.probabilities.size() != labels_.size())
    return;
  speechSeconds_ += seconds;
  if (f.probabilities[static_cast<size_t>(f.top)] < uncertainBelow_) uncertainSeconds_ += seconds;
  else topSeconds_[static_cast<size_t>(f.top)] += seconds;
  for (size_t i = 0; i < labels_.size(); ++i) probSeconds_[i] += seconds * f.probabilities[i];
}

void RecordingSummary::add(const std::vector<EmotionFrame>& frames) {
  for (const EmotionFrame& f : frames) add(f);
}

void RecordingSummary::reset() {
  std::fill(topSeconds_.begin(), topSeconds_.end(), 0.0);
  std::fill(probSeconds_.begin(), probSeconds_.end(), 0.0);
  speechSeconds_ = 0.0;
  totalSeconds_ = 0.0;
  uncertainSeconds_ = 0.0;
}

std::vector<double> RecordingSummary::shares() const {
  std::vector<double> out(labels_.size(), 0.0);
  if (speechSeconds_ <= 0) return out;
  for (size_t i = 0; i < out.size(); ++i) out[i] = topSeconds_[i] / speechSeconds_;
  return out;
}

double RecordingSummary::uncertainShare() const { return speechSeconds_ > 0 ? uncertainSeconds_ / speechSeconds_ : 0.0; }

std::vector<double> RecordingSummary::meanProbabilities() const {
  std::vector<double> out(labels_.size(), 0.0);
  if (speechSeconds_ <= 0) return out;
  for (size_t i = 0; i < out.size(); ++i) out[i] = probSeconds_[i] / speechSeconds_;
  return out;
}

int RecordingSummary::dominant() const {
  if (speechSeconds_ <= 0 || topSeconds_.empty()) return -1;
  const auto top = std::max_element(topSeconds_.begin(), topSeconds_.end());
  return *top > 0 ? static_cast<int>(top - topSeconds_.begin()) : -1;
}

}  // namespace emo
