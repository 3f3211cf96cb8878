#include "ui/live/ReadingHold.h"

#include <algorithm>

namespace emo::ui {

ReadingHold::Reading ReadingHold::apply(const EmotionFrame& f) {
  if (f.speech && !f.probabilities.empty()) {
    if (sum_.size() != f.probabilities.size() || current_.held) {  // a new utterance
      sum_.assign(f.probabilities.size(), 0.0);
      count_ = 0;
    }
    for (size_t i = 0; i < sum_.size(); ++i) sum_[i] += f.probabilities[i];
    ++count_;
    current_ = Reading{f, false, 0.0};
    return current_;
  }
  if (count_ == 0) {  // nothing heard yet: pass "no speech" through
    current_ = Reading{f, false, 0.0};
    return current_;
  }
  if (!current_.held) {
    EmotionFrame mean;
    mean.time = f.time;
    mean.speech = true;
    mean.levelDb = f.levelDb;
    mean.probabilities.resize(sum_.size());
    for (size_t i = 0; i < sum_.size(); ++i) mean.probabilities[i] = float(sum_[i] / count_);
    mean.top = int(std::max_element(mean.probabilities.begin(), mean.probabilities.end()) - mean.probabilities.begin());
    mean.confidence = mean.probabilities[size_t(mean.top)];
    current_ = Reading{std::move(mean), true, f.time};
  } else {
    current_.frame.time = f.time;
    current_.frame.levelDb = f.levelDb;
  }
  return current_;
}

void ReadingHold::reset() {
  sum_.clear();
  count_ = 0;
  current_ = Reading{};
}

}  // namespace emo::ui
