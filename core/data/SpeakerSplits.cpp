// Speaker-grouped folds, leave-one-speaker-out, explicit speaker lists, random (flagged) splits
// and speaker-grouped validation holdouts.
#include "core/data/SpeakerSplits.h"

#include <algorithm>
#include <map>
#include <random>
#include <set>

namespace emo {
namespace {

// Speakers in first-appearance order with the indices of their clips (restricted to `subset`).
std::vector<std::pair<std::string, std::vector<int>>> groupBySpeaker(const std::vector<Clip>& clips,
                                                                     const std::vector<int>& subset) {
  std::map<std::string, size_t> where;
  std::vector<std::pair<std::string, std::vector<int>>> groups;
  for (int i : subset) {
    const std::string& s = clips[static_cast<size_t>(i)].speaker;
    auto it = where.find(s);
    if (it == where.end()) {
      it = where.emplace(s, groups.size()).first;
      groups.push_back({s, {}});
    }
    groups[it->second].second.push_back(i);
  }
  // Sorted by id so the result depends only on the seed, not on the clip order.
  std::sort(groups.begin(), groups.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  return groups;
}

std::vector<int> allIndices(const std::vector<Clip>& clips) {
  std::vector<int> v(clips.size());
  for (size_t i = 0; i < v.size(); ++i) v[i] = static_cast<int>(i);
  return v;
}

Fold foldFromTestSpeakers(const std::vector<Clip>& clips, const std::vector<int>& subset,
                          const std::set<std::string>& test) {
  Fold f;
  for (int i : subset) (test.count(clips[static_cast<size_t>(i)].speaker) ? f.test : f.train).push_back(i);
  f.testSpeakers.assign(test.begin(), test.end());
  return f;
}

}  // namespace

Result<std::vector<Fold>> speakerGroupedKFold(const std::vector<Clip>& clips, int k, uint64_t seed) {
  if (k < 2) return fail("speaker-grouped k-fold: k must be at least 2 (got " + std::to_string(k) + ")");
  auto groups = groupBySpeaker(clips, allIndices(clips));
  if (static_cast<int>(groups.size()) < k)
    return fail("speaker-grouped k-fold: k = " + std::to_string(k) + " folds need at least " + std::to_string(k) +
                " speakers, the data has " + std::to_string(groups.size()));
  std::mt19937_64 rng(seed);
  std::shuffle(groups.begin(), groups.end(), rng);
  // Largest speakers first (ties keep the shuffled order), each to the lightest fold so far.
  std::stable_sort(groups.begin(), groups.end(),
                   [](const auto& a, const auto& b) { return a.second.size() > b.second.size(); });
  std::vector<std::set<std::string>> foldSpeakers(static_cast<size_t>(k));
  std::vector<size_t> load(static_cast<size_t>(k), 0);
  for (const auto& [speaker, idx] : groups) {
    // Prefer an empty fold so every fold gets a speaker, then the lightest.
    size_t best = 0;
    for (size_t f = 1; f < load.size(); ++f) {
      const bool emptyF = foldSpeakers[f].empty(), emptyB = foldSpeakers[best].empty();
      if (emptyF != emptyB ? emptyF : load[f] < load[best]) best = f;
    }
    foldSpeakers[best].insert(speaker);
    load[best] += idx.size();
  }
  std::vector<Fold> folds;
  const auto all = allIndices(clips);
  for (const auto& s : foldSpeakers) folds.push_back(foldFromTestSpeakers(clips, all, s));
  return folds;
}

Result<std::vector<Fold>> leaveOneSpeakerOut(const std::vector<Clip>& clips) {
  const auto groups = groupBySpeaker(clips, allIndices(clips));
  if (groups.size() < 2)
    return fail("leave-one-speaker-out needs at least 2 speakers, the data has " + std::to_string(groups.size()));
  std::vector<Fold> folds;
  const auto all = allIndices(clips);
  for (const auto& g : groups) folds.push_back(foldFromTestSpeakers(clips, all, {g.first}));
  return folds;
}

Result<Fold> explicitSpeakerSplit(const std::vector<Clip>& clips, const std::vector<std::string>& testSpeakers) {
  if (testSpeakers.empty()) return fail("explicit speaker split: no test speakers given");
  const auto groups = groupBySpeaker(clips, allIndices(clips));
  std::set<std::string> test;
  for (const std::string& want : testSpeakers) {
    bool found = false;
    for (const auto& g : groups) {
      const std::string& id = g.first;
      const auto colon = id.find(':');
      if (id == want || (colon != std::string::npos && id.substr(colon + 1) == want)) {
        test.insert(id);
        found = true;
      }
    }
    if (!found) {
      std::string known;
      for (const auto& g : groups) known += (known.empty() ? "" : ", ") + g.first;
      return fail("explicit speaker split: unknown test speaker '" + want + "' (speakers: " + known + ")");
    }
  }
  if (test.size() == groups.size()) return fail("explicit speaker split: every speaker is a test speaker, none left to train on");
  return foldFromTestSpeakers(clips, allIndices(clips), test);
}

Result<std::vector<Fold>> leaveOneCorpusOut(const std::vector<Clip>& clips, const std::vector<std::string>& only) {
  std::vector<std::string> corpora;
  for (const Clip& c : clips)
    if (std::find(corpora.begin(), corpora.end(), c.corpus) == corpora.end()) corpora.push_back(c.corpus);
  if (corpora.size() < 2)
    return fail("leave-one-corpus-out needs clips of two corpora or more; the data holds only " +
                (corpora.empty() ? std::string("no clips") : "'" + corpora.front() + "'") +
                " (give several --data sources, e.g. ravdess, tess and nemo folders)");
  for (const std::string& want : only)
    if (std::find(corpora.begin(), corpora.end(), want) == corpora.end())
      return fail("--test-corpus '" + want + "' is not among the corpora in the data");
  std::vector<Fold> folds;
  for (const std::string& corpus : corpora) {
    if (!only.empty() && std::find(only.begin(), only.end(), corpus) == only.end()) continue;
    Fold f;
    f.heldOutCorpus = corpus;
    std::set<std::string> speakers;
    for (size_t i = 0; i < clips.size(); ++i) {
      if (clips[i].corpus == corpus) {
        f.test.push_back(static_cast<int>(i));
        speakers.insert(clips[i].speaker);
      } else {
        f.train.push_back(static_cast<int>(i));
      }
    }
    f.testSpeakers.assign(speakers.begin(), speakers.end());
    folds.push_back(std::move(f));
  }
  return folds;
}

Result<Fold> randomSplit(const std::vector<Clip>& clips, double testFraction, uint64_t seed) {
  if (!(testFraction > 0.0 && testFraction < 1.0))
    return fail("random split: test fraction must be in (0, 1), got " + std::to_string(testFraction));
  if (clips.size() < 2) return fail("random split: needs at least 2 clips");
  auto idx = allIndices(clips);
  std::mt19937_64 rng(seed);
  std::shuffle(idx.begin(), idx.end(), rng);
  size_t nTest = static_cast<size_t>(testFraction * static_cast<double>(idx.size()) + 0.5);
  nTest = std::clamp<size_t>(nTest, 1, idx.size() - 1);
  Fold f;
  f.test.assign(idx.begin(), idx.begin() + static_cast<long>(nTest));
  f.train.assign(idx.begin() + static_cast<long>(nTest), idx.end());
  std::sort(f.test.begin(), f.test.end());
  std::sort(f.train.begin(), f.train.end());
  std::set<std::string> speakers;
  for (int i : f.test) speakers.insert(clips[static_cast<size_t>(i)].speaker);
  f.testSpeakers.assign(speakers.begin(), speakers.end());
  f.speakerDependent = true;
  return f;
}

Result<Fold> speakerGroupedHoldout(const std::vector<Clip>& clips, const std::vector<int>& subset,
                                   double validationFraction, uint64_t seed) {
  if (!(validationFraction > 0.0 && validationFraction < 1.0))
    return fail("validation holdout: fraction must be in (0, 1), got " + std::to_string(validationFraction));
  for (int i : subset)
    if (i < 0 || static_cast<size_t>(i) >= clips.size())
      return fail("validation holdout: clip index " + std::to_string(i) + " out of range");
  auto groups = groupBySpeaker(clips, subset);
  if (groups.size() < 2)
    return fail("validation holdout: needs at least 2 speakers in the training set, it has " +
                std::to_string(groups.size()));
  std::mt19937_64 rng(seed);
  std::shuffle(groups.begin(), groups.end(), rng);
  const double want = validationFraction * static_cast<double>(subset.size());
  std::set<std::string> validation;
  size_t taken = 0;
  for (const auto& g : groups) {
    if (validation.size() + 1 >= groups.size()) break;  // keep at least one training speaker
    if (!validation.empty() && static_cast<double>(taken) >= want) break;
    // Stop before overshooting more than the next speaker would undershoot.
    if (!validation.empty() && std::abs(static_cast<double>(taken + g.second.size()) - want) >
                                   std::abs(static_cast<double>(taken) - want))
      break;
    validation.insert(g.first);
    taken += g.second.size();
  }
  return foldFromTestSpeakers(clips, subset, validation);
}

}  // namespace emo
