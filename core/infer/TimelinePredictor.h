#pragma once
// Offline prediction on whole recordings: utterance probabilities for a file, and a timeline of
// per-segment probabilities over sliding windows (the same windows, gate and features as the
// streaming classifier, so live and offline agree). Const and shareable; any thread.
//
// A timeline covers the whole clip with equal hops: segment k is [k*hop, (k+1)*hop) (the last one
// ends at the clip's end, so it may be shorter), and its result comes from the window of
// `window` seconds centred on it. At the edges that window is shorter, not padded: near the start
// it begins at 0 s, near the end it stops at the clip's end, so the model only ever sees real
// audio (padding with silence would shift each window's level normalisation and the gate).
#include <memory>
#include <string>
#include <vector>

#include "core/audio/AudioTypes.h"
#include "core/common/Progress.h"
#include "core/infer/EmotionFrame.h"

namespace emo {

class ModelBundle;
struct NormStats;

/// One timeline segment [start, end) seconds: one hop of the clip, scored from the window
/// centred on it (see above).
struct TimelineSegment {
  double start = 0.0;
  double end = 0.0;
  bool speech = false;               ///< false: no speech around this segment (pauses are not held here)
  std::vector<float> probabilities;  ///< empty when !speech
  int top = -1;
};

struct UtterancePrediction {
  std::string file;
  bool speech = false;               ///< false: no speech found in the file
  std::vector<float> probabilities;  ///< over the model's labels
  int top = -1;
  std::string label;                 ///< labels[top] or "no speech"
  double seconds = 0.0;
};

class TimelinePredictor {
 public:
  explicit TimelinePredictor(std::shared_ptr<const ModelBundle> model, StreamParams params = {},
                             std::shared_ptr<const NormStats> speaker = nullptr);

  /// Whole-utterance prediction on mono audio at any rate: a clip of up to 20 s is scored whole (as
  /// in training) when the gate finds at least 0.5 s of speech; a longer one as the mean of its
  /// speech windows. No speech gives speech=false and label "no speech".
  Result<UtterancePrediction> predictUtterance(const AudioBuffer& audio) const;
  Result<UtterancePrediction> predictFile(const std::string& path) const;
  /// The frames the stream emits for this audio (one per hop, held frames included).
  Result<std::vector<EmotionFrame>> timelineFrames(const AudioBuffer& audio) const;
  /// Timeline with windows of `window` seconds and segments of `hop` seconds (>0; defaults from
  /// params): adjacent segments from 0 to the clip's end.
  Result<std::vector<TimelineSegment>> timeline(const AudioBuffer& audio, double window = 0, double hop = 0) const;

  /// The utterance and its timeline in one pass where possible: a clip longer than 20 s is scored
  /// from the speech windows of the timeline, so when the timeline uses this predictor's own window
  /// and hop its frames are computed once and serve both (window/hop 0 = defaults from params).
  struct Analysis {
    UtterancePrediction utterance;
    std::vector<TimelineSegment> timeline;  ///< empty when not asked for
  };
  Result<Analysis> analyse(const AudioBuffer& audio, double window = 0, double hop = 0) const;

  const std::vector<std::string>& labels() const;

 private:
  /// `out` classified: its probabilities, speech = true, top class and label.
  UtterancePrediction withProbabilities(UtterancePrediction out, std::vector<float> probabilities) const;
  /// The utterance of a long clip: the mean of the speech frames' probabilities.
  UtterancePrediction utteranceFromFrames(const std::vector<EmotionFrame>& frames, double seconds) const;
  static std::vector<TimelineSegment> segmentsFromFrames(std::vector<EmotionFrame> frames);
  Result<AudioBuffer> atModelRate(const AudioBuffer& input) const;

  std::shared_ptr<const ModelBundle> model_;
  StreamParams params_;
  std::shared_ptr<const NormStats> speaker_;
};

}  // namespace emo
