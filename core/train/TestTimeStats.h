#pragma once
// TestTimeStats: a speaker-normalised model scored with each source of speaker statistics a user
// can have at test time (issue 14), on the same clips:
//   "all_clips" - all of the speaker's clips, no labels used (Review, `evaluate`, `predict
//                 --same-speaker`);
//   "session"   - the speaker's speech so far, clips in a random order (Live without a
//                 calibration: SpeakerStats.h, sessionStatsInOrder), none for the first seconds;
//   "neutral"   - a calibration recording: the speaker's neutral clips, never the clip itself;
//   "none"      - no statistics (the bundle's utterance fallback: each clip by itself).
// Runs on the calling thread.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/common/Result.h"
#include "core/train/CorpusScores.h"
#include "core/train/FeatureDataset.h"

namespace emo {

class ModelBundle;

struct StatsSourceScores {
  std::string source;               ///< "all_clips", "session", "neutral", "none"
  std::vector<ScoredClip> scored;   ///< every test clip whose label the model has, in idx order
};

/// The four sources over the clips `testIdx` of `ds` (all clips if empty; labels matched by name). `sessionSeconds`:
/// speech a session needs before its statistics are used (StreamParams::sessionStatsSeconds);
/// `seed` orders each speaker's session. Error for a model without speaker normalisation.
Result<std::vector<StatsSourceScores>> scoreStatsSources(const ModelBundle& bundle, const FeatureDataset& ds,
                                                         const std::vector<int>& testIdx, double sessionSeconds,
                                                         uint64_t seed);

/// {"session_seconds": s, "sources": {source: perCorpusScores(...)}} over folds (each fold's
/// scoreStatsSources result): UA per corpus over its own labels, for each source.
nlohmann::json statsSourcesJson(const FeatureDataset& ds, const std::vector<std::string>& labels,
                                const std::vector<std::vector<StatsSourceScores>>& folds, const FeatureParams& fp,
                                double sessionSeconds);

}  // namespace emo
