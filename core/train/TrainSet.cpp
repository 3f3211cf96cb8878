#include "core/train/TrainSet.h"

#include <stdexcept>

namespace emo {
namespace {

const FeatureStore& storeOf(const TrainSet& set) {
  if (!set.store) throw std::invalid_argument("training sample without features (no variants and no store)");
  return *set.store;
}

}  // namespace

int TrainSet::variantCount(size_t index) const {
  const TrainSample& s = samples.at(index);
  return s.variants.empty() ? storeOf(*this).variants(s.clip) : static_cast<int>(s.variants.size());
}

int TrainSet::frames(size_t index, int variant) const {
  const TrainSample& s = samples.at(index);
  return s.variants.empty() ? storeOf(*this).rows(s.clip, variant) : s.variants.at(variant).rows;
}

int TrainSet::cols(size_t index) const {
  const TrainSample& s = samples.at(index);
  return s.variants.empty() ? storeOf(*this).cols(s.clip) : s.variants.at(0).cols;
}

Matrix TrainSet::rows(size_t index, int variant, int begin, int end) const {
  const TrainSample& s = samples.at(index);
  if (!s.variants.empty()) {
    const Matrix& m = s.variants.at(variant);
    return begin == 0 && (end < 0 || end >= m.rows) ? m : m.sliceRows(begin, end < 0 ? m.rows : end);
  }
  return storeOf(*this).read(s.clip, variant, begin, end);
}

Matrix TrainSet::normalised(size_t index, int maxFrames) const {
  const TrainSample& s = samples.at(index);
  const int n = frames(index);
  Matrix m;
  if (maxFrames > 0 && n > maxFrames) {
    const int start = (n - maxFrames) / 2;
    m = rows(index, 0, start, start + maxFrames);
  } else {
    m = rows(index, 0);
  }
  const NormStats& st = stats.at(mode == NormMode::Speaker ? s.statsIndex : 0);
  normaliseInPlace(m, mode, st);
  return m;
}

}  // namespace emo
