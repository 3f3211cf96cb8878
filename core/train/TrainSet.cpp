#include "core/train/TrainSet.h"

namespace emo {

Matrix TrainSet::normalised(size_t index, int maxFrames) const {
  const TrainSample& s = samples.at(index);
  Matrix m = s.variants.at(0);
  if (maxFrames > 0 && m.rows > maxFrames) {
    const int start = (m.rows - maxFrames) / 2;
    m = m.sliceRows(start, start + maxFrames);
  }
  const NormStats& st = stats.at(mode == NormMode::Speaker ? s.statsIndex : 0);
  normaliseInPlace(m, mode, st);
  return m;
}

}  // namespace emo
