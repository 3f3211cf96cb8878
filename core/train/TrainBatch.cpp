#include "core/train/TrainBatch.h"

#include <algorithm>
#include <map>

#include "core/model/BundleImpl.h"
#include "core/model/NormForModel.h"

namespace emo::train_detail {

TrainBatch TrainBatch::to(const torch::Device& device) const {
  return {x.to(device), lengths.to(device), targets.to(device), allowed.to(device), weights.to(device), corpus};
}

Matrix trainingCrop(const TrainSet& set, size_t index, const TrainParams& p, int cropFrames, std::mt19937_64& rng) {
  const TrainSample& s = set.samples[index];
  const int variant = static_cast<int>(std::uniform_int_distribution<size_t>(0, set.variantCount(index) - 1)(rng));
  const int rows = set.frames(index, variant);
  const int len = cropFrames > 0 ? cropFrames : std::uniform_int_distribution<int>(p.cropMinFrames, p.cropMaxFrames)(rng);
  int start = 0;
  if (rows > len) start = std::uniform_int_distribution<int>(0, rows - len)(rng);
  Matrix m = set.rows(index, variant, start, std::min(rows, start + len));  // only these rows are read
  // A share of speaker-mode crops is normalised as the bundle treats a recording without speaker
  // statistics (NormForModel.h).
  const bool ownStats = set.mode == NormMode::Speaker && p.ownStatsShare > 0 &&
                        std::uniform_real_distribution<float>(0.0f, 1.0f)(rng) < p.ownStatsShare;
  const NormStats* speaker = set.mode == NormMode::Speaker && !ownStats ? &set.stats.at(s.statsIndex) : nullptr;
  normaliseForModel(m, set.mode, set.stats.at(0), speaker);
  if (p.specAugment) {  // masked cells -> 0 = the normalised mean
    for (int k = 0; k < 2; ++k) {
      const int w = std::uniform_int_distribution<int>(0, std::max(1, m.cols / 8))(rng);
      const int c0 = std::uniform_int_distribution<int>(0, std::max(0, m.cols - w))(rng);
      for (int r = 0; r < m.rows; ++r)
        for (int c = c0; c < std::min(m.cols, c0 + w); ++c) m.at(r, c) = 0;
      const int tw = std::uniform_int_distribution<int>(0, std::max(1, m.rows / 10))(rng);
      const int t0 = std::uniform_int_distribution<int>(0, std::max(0, m.rows - tw))(rng);
      for (int r = t0; r < std::min(m.rows, t0 + tw); ++r)
        for (int c = 0; c < m.cols; ++c) m.at(r, c) = 0;
    }
  }
  return m;
}

TrainBatch makeTrainBatch(const TrainSet& set, const SampledBatch& batch, const CorpusLabelSets& labelSets,
                          const TrainParams& p, int epoch) {
  std::vector<Matrix> crops;
  std::vector<int64_t> ys, cs;
  TrainBatch b;
  for (size_t k = 0; k < batch.indices.size(); ++k) {
    const size_t i = batch.indices[k], position = batch.position + k;
    std::seed_seq seed{uint32_t(p.seed), uint32_t(p.seed >> 32), uint32_t(epoch), uint32_t(position), uint32_t(position >> 32)};
    std::mt19937_64 rng(seed);
    crops.push_back(trainingCrop(set, i, p, batch.cropFrames, rng));
    ys.push_back(set.samples[i].label);
    cs.push_back(set.samples[i].corpusIndex);
    b.corpus.push_back(set.samples[i].corpusIndex);
  }
  std::vector<const Matrix*> ptrs;
  for (const auto& c : crops) ptrs.push_back(&c);
  padBatch(ptrs, b.x, b.lengths);
  b.targets = torch::tensor(ys, torch::kLong);
  const auto corpus = torch::tensor(cs, torch::kLong);
  b.allowed = labelSets.allowed.index_select(0, corpus);
  b.weights = labelSets.weights.index({corpus, b.targets});
  return b;
}

torch::Tensor sameCorpusPartners(const std::vector<int>& corpus, std::mt19937_64& rng) {
  std::map<int, std::vector<int64_t>> rows;
  for (size_t i = 0; i < corpus.size(); ++i) rows[corpus[i]].push_back(static_cast<int64_t>(i));
  std::vector<int64_t> partner(corpus.size());
  for (auto& [c, r] : rows) {
    std::vector<int64_t> shuffled = r;
    std::shuffle(shuffled.begin(), shuffled.end(), rng);
    for (size_t k = 0; k < r.size(); ++k) partner[r[k]] = shuffled[k];
  }
  return torch::tensor(partner, torch::kLong);
}

double mixupWeight(float alpha, std::mt19937_64& rng) {
  std::gamma_distribution<double> g(alpha, 1.0);
  const double a = g(rng), b = g(rng);
  const double lam = a + b > 0 ? a / (a + b) : 0.5;
  return std::max(lam, 1 - lam);
}

}  // namespace emo::train_detail
