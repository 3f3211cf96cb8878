#pragma once
// Train/test splits. Speaker-grouped by default: a speaker is never in both train and test.
// A random (speaker-dependent) split exists only when asked for, and is flagged so every report
// says "speaker-dependent". Deterministic for a given seed. Pure functions; any thread.
#include <cstdint>
#include <string>
#include <vector>

#include "core/common/Result.h"
#include "core/data/Clip.h"

namespace emo {

struct Fold {
  std::vector<int> train;       ///< indices into the clip list
  std::vector<int> test;
  std::vector<std::string> testSpeakers;
  bool speakerDependent = false;  ///< true only for random splits
  std::string heldOutCorpus;      ///< leave-one-corpus-out: the corpus tested ("" for other splits)
};

/// k folds with speakers grouped; speakers are shuffled with `seed` and balanced by clip count.
Result<std::vector<Fold>> speakerGroupedKFold(const std::vector<Clip>& clips, int k, uint64_t seed);
/// One fold per speaker.
Result<std::vector<Fold>> leaveOneSpeakerOut(const std::vector<Clip>& clips);
/// Test on exactly these speakers (ids as in Clip::speaker; "01" also matches "ravdess:01").
Result<Fold> explicitSpeakerSplit(const std::vector<Clip>& clips, const std::vector<std::string>& testSpeakers);
/// One fold per corpus (Clip::corpus, in order of first appearance): test on that corpus, train on
/// all the others. `only` (if given) keeps the folds of those corpora. Needs two corpora or more.
Result<std::vector<Fold>> leaveOneCorpusOut(const std::vector<Clip>& clips, const std::vector<std::string>& only = {});
/// Random split (speaker-dependent!); testFraction in (0,1).
Result<Fold> randomSplit(const std::vector<Clip>& clips, double testFraction, uint64_t seed);
/// Speaker-grouped split of a training set into train/validation (for early stopping).
Result<Fold> speakerGroupedHoldout(const std::vector<Clip>& clips, const std::vector<int>& subset,
                                   double validationFraction, uint64_t seed);

}  // namespace emo
