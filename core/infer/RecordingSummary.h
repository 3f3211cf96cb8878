#pragma once
// RecordingSummary: a whole recording at a glance, next to the last window's reading: for each
// emotion, its share of the speech time (the time it was the top class of a scored frame), and
// the mean probabilities over the speech. Fed the stream's frames as they come (live) or a whole
// timeline's (offline, TimelinePredictor::timelineFrames). Only scored frames (speech == true)
// count as speech; held and "no speech" frames add to the recording's length only. A speech frame
// whose top probability is under the model's "uncertain" threshold (ModelInfo::uncertainBelow)
// counts as uncertain time, not as its top label's. Each frame stands for its tile [start, end),
// so the shares are shares of time. A plain value: one per
// recording, used from one thread (the GUI thread in the Live tab).
#include <string>
#include <vector>

#include "core/infer/EmotionFrame.h"

namespace emo {

class RecordingSummary {
 public:
  /// `labels`: the model's labels (the order of the frames' probabilities); `uncertainBelow`:
  /// the model's "uncertain" threshold (0 = every speech frame counts for its top label).
  explicit RecordingSummary(std::vector<std::string> labels, double uncertainBelow = 0.0);

  void add(const EmotionFrame& frame);
  void add(const std::vector<EmotionFrame>& frames);
  void reset();

  const std::vector<std::string>& labels() const { return labels_; }
  /// Seconds covered by scored (speech) frames.
  double speechSeconds() const { return speechSeconds_; }
  /// Seconds covered by all frames added (speech, held and no speech).
  double totalSeconds() const { return totalSeconds_; }
  /// Per label, in the model's order: the share of speechSeconds() it was the top class of a
  /// confident frame. With uncertainShare() sums to 1 when there was speech; all 0 otherwise.
  std::vector<double> shares() const;
  /// The share of speechSeconds() whose reading was uncertain (0 without speech or threshold).
  double uncertainShare() const;
  /// Per label: the mean probability over the speech time (time-weighted); all 0 without speech.
  std::vector<double> meanProbabilities() const;
  /// Index of the label with the largest share (the first of equals), or -1 without a confident
  /// speech frame.
  int dominant() const;

 private:
  std::vector<std::string> labels_;
  std::vector<double> topSeconds_;   ///< per label: seconds as the top class
  std::vector<double> probSeconds_;  ///< per label: probability x seconds
  double uncertainBelow_ = 0.0;
  double uncertainSeconds_ = 0.0;
  double speechSeconds_ = 0.0;
  double totalSeconds_ = 0.0;
};

}  // namespace emo
