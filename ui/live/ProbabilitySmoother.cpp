#include "ui/live/ProbabilitySmoother.h"

#include <algorithm>
#include <cmath>

namespace emo::ui {

EmotionFrame ProbabilitySmoother::apply(const EmotionFrame& frame) {
  if (!frame.speech || frame.probabilities.empty() || tau_ <= 0.0) return frame;
  const double dt = lastTime_ < 0 ? 1e9 : frame.time - lastTime_;
  lastTime_ = frame.time;
  if (state_.size() != frame.probabilities.size() || dt > 2.0 * tau_ || dt < 0) {
    state_ = frame.probabilities;
  } else {
    const float a = float(1.0 - std::exp(-dt / tau_));
    for (size_t i = 0; i < state_.size(); ++i) state_[i] += a * (frame.probabilities[i] - state_[i]);
  }
  EmotionFrame out = frame;
  out.probabilities = state_;
  out.top = int(std::max_element(state_.begin(), state_.end()) - state_.begin());
  out.confidence = state_[size_t(out.top)];
  return out;
}

}  // namespace emo::ui
