#pragma once
// Split: an evaluation protocol as data — which clips train and which test in each fold. The
// CLI's `cv`/`train` and the GUI's Train tab describe their evaluation with one Split and get
// their folds from it, so both run the same protocol:
//   group "speaker": speaker-grouped folds over the pooled corpora (every test speaker unseen;
//                    method "speaker" = k folds, "loso" = one speaker per fold, "random" = a
//                    speaker-DEPENDENT split, flagged), or explicit test speakers;
//   group "corpus" : leave one corpus out (train on the other corpora, test on the held-out one;
//                    scored over that corpus's own labels, see core/data/CorpusLabels.h).
// A plain value; any thread.
//
//   emo::Split s; s.group = "corpus";
//   auto folds = s.makeFolds(report.clips);   // one fold per corpus, fold.heldOutCorpus names it
#include <cstdint>
#include <string>
#include <vector>

#include "core/common/Result.h"
#include "core/data/Clip.h"
#include "core/data/SpeakerSplits.h"

namespace emo {

struct Split {
  std::string group = "speaker";         ///< "speaker" or "corpus" (see above)
  std::string method = "speaker";        ///< group speaker: "speaker" (k folds), "loso" or "random"
  int folds = 5;                         ///< k for method "speaker" and "random"
  uint64_t seed = 42;                    ///< shuffles speakers (and clips for "random")
  std::vector<std::string> testSpeakers; ///< group speaker: test on exactly these (one fold)
  /// group speaker: folds over these corpora's speakers only, every clip of the other corpora
  /// trains in every fold; group corpus: hold out only these corpora. Empty = all.
  std::vector<std::string> testCorpora;

  /// Errors name the option (--group, --split, --folds) and say what would work.
  Status validate() const;
  Result<std::vector<Fold>> makeFolds(const std::vector<Clip>& clips) const;
  /// e.g. "leave-one-corpus-out", "5 speaker-grouped folds", "test speakers ravdess:01".
  std::string describe() const;
};

}  // namespace emo
