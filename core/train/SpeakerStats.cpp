#include "core/train/SpeakerStats.h"

#include <map>

namespace emo {

void assignSpeakerStats(const FeatureDataset& ds, const std::vector<int>& idx, TrainSet& set,
                        const std::string& referenceLabel) {
  std::map<std::string, std::vector<int>> bySpeaker;
  for (int i : idx) bySpeaker[ds.clips[i].speaker].push_back(i);
  std::map<int, int> statsOfClip;
  for (auto& [spk, clips] : bySpeaker) {
    FrameMoments all, reference;
    for (int i : clips) {
      all.add(ds.features[i][0]);
      if (ds.clips[i].label == referenceLabel) reference.add(ds.features[i][0]);
    }
    const bool useReference = !referenceLabel.empty() && reference.rows > 0;
    const int shared = static_cast<int>(set.stats.size());
    set.stats.push_back(useReference ? reference.stats() : all.stats());
    for (int i : clips) {
      statsOfClip[i] = shared;
      if (!useReference || ds.clips[i].label != referenceLabel) continue;
      FrameMoments others = reference;
      others.add(ds.features[i][0], -1.0);
      if (others.rows <= 0.5) {
        others = all;
        others.add(ds.features[i][0], -1.0);
      }
      statsOfClip[i] = static_cast<int>(set.stats.size());
      set.stats.push_back(others.stats());
    }
  }
  for (size_t k = 0; k < idx.size(); ++k) set.samples[k].statsIndex = statsOfClip[idx[k]];
}

std::string speakerReferenceOf(const ModelInfo& info) {
  const nlohmann::json& trained = info.trainingData;
  const std::string from = trained.is_object() ? trained.value("speaker_stats_from", std::string("all")) : "all";
  return from == "all" ? "" : from;
}

}  // namespace emo
