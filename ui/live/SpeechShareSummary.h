#pragma once
// SpeechShareSummary: the whole recording (or file) at a glance — for each emotion, the share of
// the speech time during which it was the top reading — and how much speech that covers. Fed
// with the same EmotionFrames as the live view; each speech frame counts for the hop it covers.
// A small adapter over today's frame stream (the core may later provide a whole-recording
// summary; the view only needs shares() and speechSeconds()). A plain value; one owner thread.
#include <vector>

#include "core/infer/EmotionFrame.h"

namespace emo::ui {

class SpeechShareSummary {
 public:
  /// `labels`: the number of emotions; `hopSeconds`: what the first frame counts for. Clears.
  void reset(size_t labels, double hopSeconds = 0.1);
  void add(const EmotionFrame& frame);
  void add(const std::vector<EmotionFrame>& frames);
  /// Per emotion, 0..1 of the speech time (all 0 before any speech).
  std::vector<double> shares() const;
  double speechSeconds() const;
  double totalSeconds() const;

 private:
  std::vector<double> seconds_;  ///< per emotion, speech seconds it was on top
  double speech_ = 0.0;
  double total_ = 0.0;
  double lastTime_ = -1.0;
  double hop_ = 0.1;
};

}  // namespace emo::ui
