#pragma once
// ReadingHold: what the live headline shows over a stream of EmotionFrames. While someone speaks
// it is the newest frame; when the gate says "no speech" it keeps showing the last utterance's
// result — the mean of its speech frames, not its last frame, whose window is mostly the trailing
// silence — marked as held, until speech resumes. Core frames carry a hold of their own
// (EmotionFrame::held: the last scored window, for StreamParams::holdSeconds); the headline keeps
// the whole utterance's mean instead, for as long as the pause lasts, and treats those frames as
// the pause they are. A plain value; one owner thread (the GUI's).
#include <vector>

#include "core/infer/EmotionFrame.h"

namespace emo::ui {

class ReadingHold {
 public:
  struct Reading {
    EmotionFrame frame;   ///< what to show (speech=false: nothing held yet)
    bool held = false;    ///< true during a pause: frame is the last utterance's mean
    double heldSince = 0; ///< stream time the pause began (when held)
  };

  /// Feeds one frame (in time order) and returns what to show now.
  Reading apply(const EmotionFrame& frame);
  void reset();
  /// The reading returned by the last apply().
  const Reading& current() const { return current_; }

 private:
  std::vector<double> sum_;  ///< probabilities summed over the running utterance
  int count_ = 0;            ///< speech frames in the running utterance
  Reading current_;
};

}  // namespace emo::ui
