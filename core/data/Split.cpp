#include "core/data/Split.h"

#include <algorithm>

namespace emo {

Status Split::validate() const {
  if (group != "speaker" && group != "corpus")
    return fail("--group must be 'speaker' or 'corpus', not '" + group + "'");
  if (group == "corpus") {
    if (!testSpeakers.empty()) return fail("--test-speakers cannot be combined with --group corpus");
    if (method != "speaker") return fail("--split " + method + " cannot be combined with --group corpus");
    return success();
  }
  if (method != "speaker" && method != "loso" && method != "random")
    return fail("--split must be speaker, loso or random, not '" + method + "'");
  if (method == "random" && testSpeakers.empty() && folds < 2) return fail("--folds must be >= 2");
  return success();
}

Result<std::vector<Fold>> Split::makeFolds(const std::vector<Clip>& allClips) const {
  if (Status ok = validate(); !ok) return Error{ok.error()};
  if (group == "corpus") return leaveOneCorpusOut(allClips, testCorpora);
  if (!testCorpora.empty()) {
    // Folds over the test corpora's speakers only; every clip of the other corpora trains in
    // every fold (e.g. TESS added to training while testing on RAVDESS speakers).
    std::vector<Clip> sub;
    std::vector<int> subIndex, others;
    for (size_t i = 0; i < allClips.size(); ++i) {
      if (std::find(testCorpora.begin(), testCorpora.end(), allClips[i].corpus) != testCorpora.end()) {
        sub.push_back(allClips[i]);
        subIndex.push_back(static_cast<int>(i));
      } else {
        others.push_back(static_cast<int>(i));
      }
    }
    if (sub.empty()) return fail("--test-corpus: no clips of the named corpora in the data");
    Split inner = *this;
    inner.testCorpora.clear();
    auto folds = inner.makeFolds(sub);
    if (!folds) return folds;
    for (Fold& f : folds.value()) {
      for (int& i : f.train) i = subIndex[i];
      for (int& i : f.test) i = subIndex[i];
      f.train.insert(f.train.end(), others.begin(), others.end());
    }
    return folds;
  }
  if (!testSpeakers.empty()) {
    auto f = explicitSpeakerSplit(allClips, testSpeakers);
    if (!f) return Error{f.error()};
    return std::vector<Fold>{f.value()};
  }
  if (method == "speaker") return speakerGroupedKFold(allClips, folds, seed);
  if (method == "loso") return leaveOneSpeakerOut(allClips);
  std::vector<Fold> out;
  for (int i = 0; i < folds; ++i) {
    auto f = randomSplit(allClips, 1.0 / folds, seed + i);
    if (!f) return Error{f.error()};
    out.push_back(f.value());
  }
  return out;
}

std::string Split::describe() const {
  std::string corpora;
  for (const auto& c : testCorpora) corpora += (corpora.empty() ? "" : ", ") + c;
  if (group == "corpus") return "leave-one-corpus-out" + (corpora.empty() ? "" : " (held out: " + corpora + ")");
  std::string what;
  if (!testSpeakers.empty()) {
    what = "test speakers";
    for (const auto& s : testSpeakers) what += " " + s;
  } else if (method == "loso") {
    what = "leave-one-speaker-out";
  } else if (method == "random") {
    what = std::to_string(folds) + " random splits (speaker-dependent)";
  } else {
    what = std::to_string(folds) + " speaker-grouped folds";
  }
  return corpora.empty() ? what : what + " over " + corpora;
}

}  // namespace emo
