#pragma once
// EmotionFrame: one output of the streaming classifier (about 10 a second), and the parameters
// of streaming analysis. Plain values; any thread.
#include <string>
#include <vector>

#include "core/common/Result.h"

namespace emo {

struct EmotionFrame {
  double time = 0.0;                ///< stream time in seconds at the end of the analysed window
  double start = 0.0;               ///< the timeline tile this frame stands for: [start, end), one hop long
  double end = 0.0;                 ///< (the last tile ends at the stream's end), at the centre of the window
  bool speech = false;              ///< true: the window was scored (speech in it, see StreamParams)
  bool held = false;                ///< !speech, but probabilities/top/confidence repeat the last scored frame
                                    ///< (a pause within StreamParams::holdSeconds of it): for display only;
                                    ///< timelines and summaries count held frames as no speech
  double heldSeconds = 0.0;         ///< when held: seconds since the frame whose result is held
  float levelDb = -120.0f;          ///< RMS level of the newest hop, dBFS
  std::vector<float> probabilities; ///< in the model's label order (smoothed if enabled); empty when !speech && !held
  int top = -1;                     ///< index of the most probable label; -1 when !speech && !held
  float confidence = 0.0f;          ///< probabilities[top]; 0 when !speech && !held
};

struct StreamParams {
  double windowSeconds = 2.0;   ///< analysis window the model sees (sliding)
  double hopSeconds = 0.1;      ///< one EmotionFrame per hop (10 per second)
  float gateDb = -80.0f;        ///< absolute floor: frames whose RMS is below this (dBFS) are never speech
  float noiseMarginDb = 10.0f;  ///< ... nor frames less than this above the input's noise floor (SpeechGate)
  float minSpeechFraction = 0.25f; ///< a window needs this fraction of speech frames to be classified
                                   ///< (and its speech centred on its tile: StreamingClassifier)
  double holdSeconds = 5.0;     ///< a pause shows the last scored result (held) for this long; 0 = never
  double smoothingSeconds = 0.0;   ///< exponential smoothing time constant of probabilities; 0 = off
  double sessionStatsSeconds = 3.0; ///< a speaker-normalised model without a speaker profile: once the
                                   ///< scored windows hold this much audio, normalise with the session's
                                   ///< own statistics (until then, and with 0: per-window "utterance")
  std::string toJson() const;
  /// Missing keys keep their defaults; unknown keys, wrong types and out-of-range values are errors.
  static Result<StreamParams> fromJson(const std::string& json);
  /// Range checks (finite dB values, window 0.2..30 s, hop 0.01..window, fraction 0..1, ...).
  Status validate() const;
};

}  // namespace emo
