#include <cmath>

#include <nlohmann/json.hpp>

#include "core/infer/EmotionFrame.h"

namespace emo {

std::string StreamParams::toJson() const {
  nlohmann::json j{{"window_seconds", windowSeconds},   {"hop_seconds", hopSeconds},
                   {"gate_db", gateDb},                 {"noise_margin_db", noiseMarginDb},
                   {"min_speech_fraction", minSpeechFraction}, {"smoothing_seconds", smoothingSeconds},
                   {"hold_seconds", holdSeconds}, {"session_stats_seconds", sessionStatsSeconds}};
  return j.dump(2);
}

Result<StreamParams> StreamParams::fromJson(const std::string& text) {
  StreamParams p;
  try {
    const auto j = nlohmann::json::parse(text);
    if (!j.is_object()) return fail("stream parameters: expected a JSON object");
    for (const auto& [key, value] : j.items()) {
      if (!value.is_number()) return fail("stream parameters: '" + key + "' must be a number");
      if (key == "window_seconds") p.windowSeconds = value.get<double>();
      else if (key == "hop_seconds") p.hopSeconds = value.get<double>();
      else if (key == "gate_db") p.gateDb = value.get<float>();
      else if (key == "noise_margin_db") p.noiseMarginDb = value.get<float>();
      else if (key == "min_speech_fraction") p.minSpeechFraction = value.get<float>();
      else if (key == "smoothing_seconds") p.smoothingSeconds = value.get<double>();
      else if (key == "hold_seconds") p.holdSeconds = value.get<double>();
      else if (key == "session_stats_seconds") p.sessionStatsSeconds = value.get<double>();
      else return fail("stream parameters: unknown key '" + key + "'");
    }
  } catch (const std::exception& e) {
    return fail(std::string("stream parameters: invalid JSON: ") + e.what());
  }
  if (Status ok = p.validate(); !ok) return Error{ok.error()};
  return p;
}

Status StreamParams::validate() const {
  // 1e54 is a JSON number but an infinite float (which toJson would write as null).
  if (!std::isfinite(gateDb) || !std::isfinite(noiseMarginDb))
    return fail("stream parameters: gate_db and noise_margin_db must be finite numbers of dB");
  if (windowSeconds < 0.2 || windowSeconds > 30) return fail("stream parameters: window_seconds must be in 0.2..30");
  if (hopSeconds < 0.01 || hopSeconds > windowSeconds)
    return fail("stream parameters: hop_seconds must be in 0.01..window_seconds");
  if (minSpeechFraction < 0 || minSpeechFraction > 1) return fail("stream parameters: min_speech_fraction must be in 0..1");
  if (!(smoothingSeconds >= 0) || !std::isfinite(smoothingSeconds))
    return fail("stream parameters: smoothing_seconds must be a finite number >= 0");
  if (!(holdSeconds >= 0) || !std::isfinite(holdSeconds))
    return fail("stream parameters: hold_seconds must be a finite number >= 0");
  if (!(sessionStatsSeconds >= 0 && sessionStatsSeconds <= 3600))
    return fail("stream parameters: session_stats_seconds must be in 0..3600");
  return success();
}

}  // namespace emo
