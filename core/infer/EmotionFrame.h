#pragma once
// EmotionFrame: one output of the streaming classifier (about 10 a second), and the parameters
// of streaming analysis. Plain values; any thread.
#include <string>
#include <vector>

#include "core/common/Result.h"

namespace emo {

struct EmotionFrame {
  double time = 0.0;                ///< stream time in seconds at the end of the analysed window
  bool speech = false;              ///< false: the gate found no speech (silence or room noise)
  float levelDb = -120.0f;          ///< RMS level of the newest hop, dBFS
  std::vector<float> probabilities; ///< in the model's label order (smoothed if enabled); empty when !speech
  int top = -1;                     ///< index of the most probable label; -1 when !speech
  float confidence = 0.0f;          ///< probabilities[top]; 0 when !speech
};

struct StreamParams {
  double windowSeconds = 2.0;   ///< analysis window the model sees (sliding)
  double hopSeconds = 0.1;      ///< one EmotionFrame per hop (10 per second)
  float gateDb = -50.0f;        ///< frames whose RMS is below this (dBFS) count as non-speech
  float noiseMarginDb = 12.0f;  ///< ... and frames less than this above the tracked noise floor
  float minSpeechFraction = 0.25f; ///< a window needs this fraction of speech frames to be classified
  double smoothingSeconds = 0.0;   ///< exponential smoothing time constant of probabilities; 0 = off
  std::string toJson() const;
  /// Missing keys keep their defaults; unknown keys, wrong types and out-of-range values are errors.
  static Result<StreamParams> fromJson(const std::string& json);
  /// Range checks (finite dB values, window 0.2..30 s, hop 0.01..window, fraction 0..1, ...).
  Status validate() const;
};

}  // namespace emo
