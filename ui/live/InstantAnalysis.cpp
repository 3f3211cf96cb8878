#include "ui/live/InstantAnalysis.h"

#include <algorithm>
#include <exception>

#include "core/infer/StreamingClassifier.h"

namespace emo::ui {

InstantResult analyseInstantly(std::shared_ptr<const ModelBundle> model, const StreamParams& params,
                               std::shared_ptr<const NormStats> speaker, const std::vector<float>& samples,
                               int sampleRate) {
  InstantResult r;
  try {
    StreamingClassifier sc(std::move(model), params, std::move(speaker));
    sc.keepSpectrogram(true);
    constexpr size_t kBlock = 16384;
    for (size_t i = 0; i < samples.size(); i += kBlock) {
      Status st = sc.push(samples.data() + i, std::min(kBlock, samples.size() - i), sampleRate);
      if (!st) {
        r.error = st.error();
        return r;
      }
    }
    sc.finish();
    r.frames = sc.takeFrames();
    r.spectrogram = sc.takeSpectrogram();
  } catch (const std::exception& e) {
    r.error = e.what();
    return r;
  }
  return r;
}

}  // namespace emo::ui
