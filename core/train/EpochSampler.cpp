#include "core/train/EpochSampler.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace emo {
namespace {

// Clips per sorting window when bucketing: enough batches that lengths group well, few enough
// that the order stays random at the scale of an epoch.
constexpr size_t kBucketBatches = 16;

}  // namespace

SamplerOptions SamplerOptions::from(const TrainParams& p) {
  SamplerOptions o;
  o.mode = p.oversample || p.sampling == "class" ? SamplingMode::Class
           : p.sampling == "corpus"               ? SamplingMode::Corpus
                                                  : SamplingMode::Shuffle;
  o.bucketByLength = p.bucketByLength;
  o.batchSize = p.batchSize;
  o.cropMinFrames = p.cropMinFrames;
  o.cropMaxFrames = p.cropMaxFrames;
  o.corpusAlpha = p.corpusAlpha;
  o.seed = p.seed;
  return o;
}

EpochSampler::EpochSampler(const TrainSet& set, SamplerOptions options) : options_(std::move(options)) {
  for (size_t i = 0; i < set.samples.size(); ++i) {
    const TrainSample& s = set.samples[i];
    frames_.push_back(s.variants.empty() && !set.store ? 0 : set.frames(i));
    labels_.push_back(s.label);
    const size_t c = static_cast<size_t>(std::max(0, s.corpusIndex));
    if (byCorpus_.size() <= c) byCorpus_.resize(c + 1);
    byCorpus_[c].push_back(i);
  }
}

std::vector<size_t> EpochSampler::drawOrder(std::mt19937_64& rng) const {
  const size_t n = frames_.size();
  std::vector<size_t> order(n);
  if (options_.mode == SamplingMode::Class) {
    std::vector<int> counts;
    for (int y : labels_) {
      if (y >= static_cast<int>(counts.size())) counts.resize(y + 1, 0);
      ++counts[std::max(0, y)];
    }
    std::vector<double> w(n);
    for (size_t i = 0; i < n; ++i) w[i] = 1.0 / counts[std::max(0, labels_[i])];
    std::discrete_distribution<size_t> draw(w.begin(), w.end());
    for (auto& o : order) o = draw(rng);
  } else if (options_.mode == SamplingMode::Corpus) {
    // A corpus in fixed proportions, then the next clip of that corpus's own shuffled queue
    // (reshuffled when used up), so within a corpus every clip comes round before any repeats.
    std::vector<double> share(byCorpus_.size(), 0.0);
    for (size_t c = 0; c < byCorpus_.size(); ++c)
      if (!byCorpus_[c].empty()) share[c] = std::pow(static_cast<double>(byCorpus_[c].size()), options_.corpusAlpha);
    std::discrete_distribution<size_t> corpus(share.begin(), share.end());
    std::vector<std::vector<size_t>> queue = byCorpus_;
    std::vector<size_t> next(queue.size(), 0);
    for (auto& q : queue) std::shuffle(q.begin(), q.end(), rng);
    for (auto& o : order) {
      const size_t c = corpus(rng);
      if (next[c] == queue[c].size()) {
        std::shuffle(queue[c].begin(), queue[c].end(), rng);
        next[c] = 0;
      }
      o = queue[c][next[c]++];
    }
  } else {
    std::iota(order.begin(), order.end(), 0);
    std::shuffle(order.begin(), order.end(), rng);
  }
  return order;
}

std::vector<SampledBatch> EpochSampler::batches(int epoch, int rank, int worldSize) const {
  std::mt19937_64 rng(options_.seed * 1000003ull + static_cast<uint64_t>(epoch));
  const std::vector<size_t> order = drawOrder(rng);
  const size_t bs = static_cast<size_t>(options_.batchSize);
  std::vector<SampledBatch> all;
  if (!options_.bucketByLength) {
    for (size_t s = 0; s < order.size(); s += bs)
      all.push_back({std::vector<size_t>(order.begin() + s, order.begin() + std::min(order.size(), s + bs)), 0, s});
  } else {
    // Sort windows of the drawn order by clip length, cut them into batches, shuffle the batches.
    // Each batch gets one crop length (uniform in [cropMin, cropMax], as each clip's was), so every
    // clip longer than it is cut to exactly that length and only shorter clips, grouped with
    // clips of similar length, are padded.
    const size_t window = bs * kBucketBatches;
    for (size_t w = 0; w < order.size(); w += window) {
      std::vector<size_t> part(order.begin() + w, order.begin() + std::min(order.size(), w + window));
      std::stable_sort(part.begin(), part.end(), [&](size_t a, size_t b) { return frames_[a] < frames_[b]; });
      for (size_t s = 0; s < part.size(); s += bs)
        all.push_back({std::vector<size_t>(part.begin() + s, part.begin() + std::min(part.size(), s + bs)), 0, w + s});
    }
    std::shuffle(all.begin(), all.end(), rng);
    std::uniform_int_distribution<int> len(options_.cropMinFrames, std::max(options_.cropMinFrames, options_.cropMaxFrames));
    for (auto& b : all) b.cropFrames = len(rng);
  }
  all.erase(std::remove_if(all.begin(), all.end(), [](const SampledBatch& b) { return b.indices.size() < 2; }), all.end());
  const size_t world = static_cast<size_t>(std::max(1, worldSize));
  const size_t usable = world > 1 ? all.size() / world * world : all.size();
  std::vector<SampledBatch> mine;
  for (size_t b = static_cast<size_t>(std::max(0, rank)); b < usable; b += world) mine.push_back(std::move(all[b]));
  return mine;
}

}  // namespace emo
