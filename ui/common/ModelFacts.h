#pragma once
// What the views need to know about a model bundle (labels, mel range of its spectrogram), read
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

std::vector<std::string> modelLabels(const ModelBundle& model);
MelRange modelMelRange(const ModelBundle& model);

}  // namespace emo::ui
