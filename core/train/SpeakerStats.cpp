#include "core/train/SpeakerStats.h"

#include <algorithm>
#include <map>
#include <random>

namespace emo {

void assignSpeakerStats(const FeatureDataset& ds, const std::vector<int>& idx, TrainSet& set,
                        const std::string& referenceLabel) {
  std::map<std::string, std::vector<size_t>> bySpeaker;  // speaker -> positions k in idx / set.samples
  for (size_t k = 0; k < idx.size(); ++k) bySpeaker[ds.clips[idx[k]].speaker].push_back(k);
  const auto isReference = [&](size_t k) { return ds.clips[idx[k]].label == referenceLabel; };
  const auto clean = [&](size_t k) { return ds.features.clean(idx[k]); };
  for (const auto& [speaker, positions] : bySpeaker) {
    FrameMoments all, reference;
    for (size_t k : positions) {
      const Matrix m = clean(k);
      all.add(m);
      if (isReference(k)) reference.add(m);
    }
    const bool useReference = !referenceLabel.empty() && reference.rows > 0;
    const int shared = static_cast<int>(set.stats.size());
    set.stats.push_back(useReference ? reference.stats() : all.stats());
    for (size_t k : positions) {
      set.samples[k].statsIndex = shared;
      if (!useReference || !isReference(k)) continue;
      const Matrix m = clean(k);
      FrameMoments others = reference.rows > m.rows ? reference : all;  // never the clip itself
      others.add(m, -1.0);
      set.samples[k].statsIndex = static_cast<int>(set.stats.size());
      set.stats.push_back(others.stats());
    }
  }
}

SessionStats sessionStatsInOrder(const FeatureDataset& ds, const std::vector<int>& idx, double minRows, uint64_t seed) {
  std::map<std::string, std::vector<size_t>> bySpeaker;
  for (size_t k = 0; k < idx.size(); ++k) bySpeaker[ds.clips[idx[k]].speaker].push_back(k);
  SessionStats out;
  out.of.assign(idx.size(), -1);
  std::mt19937_64 rng(seed);
  for (auto& [speaker, positions] : bySpeaker) {
    std::shuffle(positions.begin(), positions.end(), rng);
    FrameMoments session;
    for (size_t k : positions) {
      session.add(ds.features.clean(idx[k]));
      out.order.push_back(k);
      if (session.rows < minRows) continue;
      out.of[k] = static_cast<int>(out.stats.size());
      out.stats.push_back(session.stats());
    }
  }
  return out;
}

std::string speakerReferenceOf(const ModelInfo& info) {
  const nlohmann::json& trained = info.trainingData;
  const std::string from = trained.is_object() ? trained.value("speaker_stats_from", std::string("all")) : "all";
  return from == "all" ? "" : from;
}

}  // namespace emo
