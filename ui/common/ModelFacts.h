#pragma once
// What the views need to know about a model bundle (labels, mel range of its spectrogram, its "uncertain" rule), read
// in one place so the views do not include the model headers. Free functions; any thread.
#include <string>
#include <vector>

namespace emo {
class ModelBundle;
}

namespace emo::ui {

struct MelRange {
  int bands = 64;         ///< mel bands of the model's log-mel spectrogram
  float fminHz = 0.0f;    ///< lowest mel edge
  float fmaxHz = 8000.0f; ///< highest mel edge
};

/// The model's "uncertain" rule (model.json "calibration.uncertain_below", see ModelInfo.h and
/// docs/ARCHITECTURE.md "Confidence"), kept as a value by views and workers that judge readings
/// without holding the bundle. A default-constructed rule (no model, or a model without
/// calibration) never says uncertain, so such models show their labels as before.
struct UncertainRule {
  double below = 0.0;  ///< a reading whose top probability is under this is "uncertain" (0: never)
  /// Whether a reading (the model's probabilities, or a mean of them as a view shows it) is
  /// uncertain: emo::isUncertain under this threshold. False for an empty reading.
  bool operator()(const std::vector<float>& probabilities) const;
  bool calibrated() const { return below > 0.0; }
};

std::vector<std::string> modelLabels(const ModelBundle& model);
MelRange modelMelRange(const ModelBundle& model);
UncertainRule modelUncertainRule(const ModelBundle& model);

}  // namespace emo::ui
