#include "core/train/CorpusScores.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

#include "core/data/CorpusLabels.h"
#include "core/infer/SpeakerPriorBalance.h"

namespace emo {
namespace {

std::vector<int> keptClasses(const FeatureDataset& ds, const std::vector<std::string>& labels, const std::string& corpus) {
  std::vector<int> keep;
  for (int c : corpusClasses(corpus, ds.schema)) {
    const auto it = std::find(labels.begin(), labels.end(), ds.schema.classes[c]);
    if (it != labels.end()) keep.push_back(static_cast<int>(it - labels.begin()));
  }
  return keep;
}

EvalMetrics restricted(const std::vector<ScoredClip>& scored, const std::vector<std::string>& labels,
                       const std::vector<int>& keep) {
  std::vector<int> truth;
  std::vector<std::vector<float>> probs;
  for (const ScoredClip& s : scored) {
    truth.push_back(s.truth);
    probs.push_back(s.probs);
  }
  return computeRestrictedMetrics(truth, probs, labels, keep);
}

std::vector<ScoredClip> ofCorpus(const FeatureDataset& ds, const std::vector<ScoredClip>& scored, const std::string& corpus) {
  std::vector<ScoredClip> out;
  for (const ScoredClip& s : scored)
    if (ds.clips[s.clip].corpus == corpus) out.push_back(s);
  return out;
}

}  // namespace

EvalMetrics corpusMetrics(const FeatureDataset& ds, const std::vector<std::string>& labels, const std::string& corpus,
                          const std::vector<ScoredClip>& scored) {
  return restricted(ofCorpus(ds, scored, corpus), labels, keptClasses(ds, labels, corpus));
}

double clipSeconds(const FeatureDataset& ds, int clip, const FeatureParams& fp) {
  const int rows = ds.features.rows(clip);
  const int frames = fp.center ? rows - 1 : rows;
  return std::max(0, frames) * double(fp.hopLength) / fp.sampleRate;
}

nlohmann::json perCorpusScores(const FeatureDataset& ds, const std::vector<std::string>& labels,
                               const std::vector<std::vector<ScoredClip>>& folds, const FeatureParams& fp) {
  std::vector<std::string> corpora;
  std::vector<ScoredClip> all;
  for (const auto& fold : folds)
    for (const ScoredClip& s : fold) {
      if (std::find(corpora.begin(), corpora.end(), ds.clips[s.clip].corpus) == corpora.end())
        corpora.push_back(ds.clips[s.clip].corpus);
      all.push_back(s);
    }
  nlohmann::json out = nlohmann::json::object();
  for (const std::string& corpus : corpora) {
    const std::vector<int> keep = keptClasses(ds, labels, corpus);
    const std::vector<ScoredClip> mine = ofCorpus(ds, all, corpus);
    const EvalMetrics pooled = restricted(mine, labels, keep);
    nlohmann::json j = pooled.toJson();
    j.erase("speaker_dependent");
    std::vector<double> foldUa;
    for (const auto& fold : folds) {
      const std::vector<ScoredClip> part = ofCorpus(ds, fold, corpus);
      if (!part.empty()) foldUa.push_back(restricted(part, labels, keep).ua);
    }
    double mean = 0, sq = 0;
    for (double u : foldUa) mean += u / foldUa.size();
    for (double u : foldUa) sq += (u - mean) * (u - mean) / foldUa.size();
    j["fold_ua"] = foldUa;
    j["ua_mean"] = mean;
    j["ua_std"] = std::sqrt(sq);
    std::vector<int> truth;
    std::vector<std::vector<float>> probs;
    for (const ScoredClip& s : mine) {
      truth.push_back(s.truth);
      probs.push_back(s.probs);
    }
    const EvalMetrics full = computeMetrics(truth, probs, labels);
    j["unrestricted_ua"] = full.ua;
    j["unrestricted_wa"] = full.wa;
    nlohmann::json byLength = nlohmann::json::object();
    const struct { const char* name; double lo, hi; } buckets[] = {{"<1s", 0, 1}, {"1-2s", 1, 2}, {">2s", 2, 1e9}};
    for (const auto& b : buckets) {
      std::vector<ScoredClip> part;
      for (const ScoredClip& s : mine) {
        const double sec = clipSeconds(ds, s.clip, fp);
        if (sec >= b.lo && sec < b.hi) part.push_back(s);
      }
      const EvalMetrics m = restricted(part, labels, keep);
      byLength[b.name] = {{"ua", part.empty() ? nlohmann::json(nullptr) : nlohmann::json(m.ua)},
                          {"wa", part.empty() ? nlohmann::json(nullptr) : nlohmann::json(m.wa)},
                          {"count", part.size()}};
    }
    j["by_length"] = byLength;
    out[corpus] = j;
  }
  return out;
}

std::vector<std::vector<ScoredClip>> speakerPriorBalanced(const FeatureDataset& ds, const std::vector<std::string>& labels,
                                                          const std::vector<std::vector<ScoredClip>>& folds) {
  std::vector<std::vector<ScoredClip>> out;
  for (const auto& fold : folds) {
    std::map<std::pair<std::string, std::string>, std::vector<size_t>> bySpeaker;  // (corpus, speaker) -> rows
    for (size_t i = 0; i < fold.size(); ++i) {
      const Clip& c = ds.clips[fold[i].clip];
      bySpeaker[{c.corpus, c.speaker}].push_back(i);
    }
    std::vector<ScoredClip> balanced = fold;
    for (const auto& [key, rows] : bySpeaker) {
      std::vector<std::vector<float>> probs;
      for (size_t i : rows) probs.push_back(fold[i].probs);
      const auto adjusted = balanceSpeakerPrior(probs, keptClasses(ds, labels, key.first));
      for (size_t r = 0; r < rows.size(); ++r) balanced[rows[r]].probs = adjusted[r];
    }
    out.push_back(std::move(balanced));
  }
  return out;
}

}  // namespace emo
