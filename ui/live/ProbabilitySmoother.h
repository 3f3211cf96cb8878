#pragma once
// ProbabilitySmoother: exponential smoothing of emotion probabilities over time for display
// (presentation mode), so the big label does not flicker between close emotions. Time-based
// (uses frame times), so the result does not depend on how frames are batched. A plain value;
// one owner thread.
#include <vector>

#include "core/infer/EmotionFrame.h"

namespace emo::ui {

class ProbabilitySmoother {
 public:
  explicit ProbabilitySmoother(double timeConstantSeconds = 1.0) : tau_(timeConstantSeconds) {}
  void setTimeConstant(double seconds) { tau_ = seconds; }
  /// Returns the frame with smoothed probabilities/top/confidence; non-speech frames pass through
  /// and a gap longer than 2 tau restarts the average.
  EmotionFrame apply(const EmotionFrame& frame);
  void reset() { state_.clear(); lastTime_ = -1.0; }

 private:
  double tau_;
  std::vector<float> state_;
  double lastTime_ = -1.0;
};

}  // namespace emo::ui
