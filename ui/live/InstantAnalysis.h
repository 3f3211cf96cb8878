#pragma once
// InstantAnalysis: analyses a whole decoded file at once with the streaming classifier (so its
// frames are those the live view would show), for "Analyse instantly". Runs on a worker thread
// (QtConcurrent); the result is a plain value handed back to the GUI thread, which summarises the
// frames with a RecordingSummary (the whole file's reading is its mean over the speech time).
#include <memory>
#include <string>
#include <vector>

#include "core/common/Matrix.h"
#include "core/infer/EmotionFrame.h"

namespace emo {
class ModelBundle;
struct NormStats;
}  // namespace emo

namespace emo::ui {

struct InstantResult {
  std::vector<EmotionFrame> frames;  ///< every frame of the file
  Matrix spectrogram;                ///< log-mel dB, one row per 10 ms
  std::string error;                 ///< non-empty on failure
};

/// Any thread. `samples` at `sampleRate`, mono.
InstantResult analyseInstantly(std::shared_ptr<const ModelBundle> model, const StreamParams& params,
                               std::shared_ptr<const NormStats> speaker, const std::vector<float>& samples,
                               int sampleRate);

}  // namespace emo::ui
