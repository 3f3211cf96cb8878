#pragma once
// FrameWindow: the last N feature frames of a stream (the model's kinds only) with each frame's
// speech flag and level, as a ring buffer. features() returns the window in time order as a
// FeatureSet for ModelBundle::predict. One per stream; not thread-safe.
#include <deque>
#include <vector>

#include "core/dsp/FeatureSet.h"

namespace emo {

class FrameWindow {
 public:
  FrameWindow(std::vector<FeatureKind> kinds, int capacityFrames);

  /// Appends row `row` of `frames` (which holds at least this window's kinds).
  void push(const FeatureSet& frames, int row, bool speech, float levelDb);
  void clear();

  int size() const { return static_cast<int>(speech_.size()); }
  int capacity() const { return capacity_; }
  double speechFraction() const;
  /// Mean position of the speech frames, in frames after the oldest (0 = the oldest frame); -1
  /// when the window holds no speech.
  double speechCentre() const;
  /// Drops the oldest frame (the end of a stream: the window shrinks towards the last frame).
  void popOldest();
  float newestLevelDb() const { return levels_.empty() ? -120.0f : levels_.back(); }
  /// The window's frames, oldest first.
  FeatureSet features() const;

 private:
  std::vector<FeatureKind> kinds_;
  int capacity_;
  std::vector<std::deque<std::vector<float>>> rows_;  ///< per kind, one vector per frame
  std::vector<int> cols_;
  std::deque<bool> speech_;
  std::deque<float> levels_;
  int speechCount_ = 0;
};

}  // namespace emo
