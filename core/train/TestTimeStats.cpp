#include "core/train/TestTimeStats.h"

#include <algorithm>

#include "core/model/ModelBundle.h"
#include "core/train/SpeakerStats.h"

namespace emo {

namespace {

/// Per position of `kept`, the statistics assignSpeakerStats gives it under `referenceLabel`.
std::vector<NormStats> speakerStatsPerClip(const FeatureDataset& ds, const std::vector<int>& kept,
                                           const std::string& referenceLabel) {
  TrainSet set;
  set.stats = {NormStats{}};
  set.samples.resize(kept.size());
  assignSpeakerStats(ds, kept, set, referenceLabel);
  std::vector<NormStats> out;
  for (const TrainSample& s : set.samples) out.push_back(set.stats[s.statsIndex]);
  return out;
}

}  // namespace

Result<std::vector<StatsSourceScores>> scoreStatsSources(const ModelBundle& bundle, const FeatureDataset& ds,
                                                         const std::vector<int>& testIdx, double sessionSeconds,
                                                         uint64_t seed) {
  if (bundle.normMode() != NormMode::Speaker)
    return fail("test-time speaker statistics apply to models trained with --norm speaker");
  const std::vector<std::string>& labels = bundle.labels();
  std::vector<int> all(testIdx.empty() ? ds.clips.size() : 0);
  for (size_t i = 0; i < all.size(); ++i) all[i] = static_cast<int>(i);
  std::vector<int> kept, truth;
  for (int i : testIdx.empty() ? all : testIdx) {
    const auto it = std::find(labels.begin(), labels.end(), ds.schema.classes[ds.labels[i]]);
    if (it == labels.end()) continue;
    kept.push_back(i);
    truth.push_back(static_cast<int>(it - labels.begin()));
  }
  if (kept.empty()) return fail("none of the test clips has a label the model predicts");
  const FeatureParams& fp = bundle.featureParams();
  const double minRows = sessionSeconds * fp.sampleRate / fp.hopLength;
  const std::vector<NormStats> allClips = speakerStatsPerClip(ds, kept, "");
  const std::vector<NormStats> neutral = speakerStatsPerClip(ds, kept, "neutral");
  const SessionStats session = sessionStatsInOrder(ds, kept, minRows, seed);

  std::vector<StatsSourceScores> out{{"all_clips", {}}, {"session", {}}, {"neutral", {}}, {"none", {}}};
  for (size_t k = 0; k < kept.size(); ++k) {
    const Matrix x = ds.features.clean(kept[k]);
    const NormStats* sources[] = {&allClips[k], session.of[k] < 0 ? nullptr : &session.stats[session.of[k]], &neutral[k],
                                  nullptr};
    for (size_t s = 0; s < out.size(); ++s) {
      auto p = bundle.predictStacked({&x}, sources[s]);
      if (!p) return Error{p.error()};
      out[s].scored.push_back({kept[k], truth[k], std::move(p->front())});
    }
  }
  return out;
}

nlohmann::json statsSourcesJson(const FeatureDataset& ds, const std::vector<std::string>& labels,
                                const std::vector<std::vector<StatsSourceScores>>& folds, const FeatureParams& fp,
                                double sessionSeconds) {
  nlohmann::json sources = nlohmann::json::object();
  if (folds.empty()) return {{"session_seconds", sessionSeconds}, {"sources", sources}};
  for (size_t s = 0; s < folds.front().size(); ++s) {
    std::vector<std::vector<ScoredClip>> scored;
    for (const auto& fold : folds) scored.push_back(fold.at(s).scored);
    sources[folds.front()[s].source] = perCorpusScores(ds, labels, scored, fp);
  }
  return {{"session_seconds", sessionSeconds}, {"sources", sources}};
}

}  // namespace emo
