#pragma once
// SpeakerStats: the per-speaker normalisation statistics of "--norm speaker" for a TrainSet
// built from clips of a FeatureDataset. Either all of a speaker's clips give its statistics (no
// labels used), or only its clips of one reference label ("neutral", like the app's calibration
// recording). In the second form a reference clip is normalised with the statistics of the
// speaker's OTHER reference clips, never its own, so evaluation on a clip never sees that clip.
// sessionStatsInOrder gives the third source a user without a calibration has: the statistics of
// the session's speech so far (Live). Pure functions; any thread.
#include <string>
#include <vector>

#include "core/model/ModelInfo.h"
#include "core/train/FeatureDataset.h"
#include "core/train/TrainSet.h"

namespace emo {

/// `set.samples[k]` must be the clip `idx[k]` of `ds`. Appends one NormStats per speaker (and
/// one per reference clip) to set.stats, leaving stats[0] as given, and sets each sample's
/// statsIndex. `referenceLabel` "" = all clips; a speaker with no clip of the label uses all of
/// its clips, and a reference clip with no other reference clip uses all of its speaker's other
/// clips (none at all: mean 0, std 1).
void assignSpeakerStats(const FeatureDataset& ds, const std::vector<int>& idx, TrainSet& set,
                        const std::string& referenceLabel);

/// Live's rule for a speaker-normalised model without a profile, replayed over clips: each
/// speaker's clips of `idx` are taken in a random order fixed by `seed` (one session each), and a
/// clip is scored with the statistics of that speaker's clips up to and including itself once
/// they hold at least `minRows` frames (StreamParams::sessionStatsSeconds); before that with none.
struct SessionStats {
  std::vector<NormStats> stats;  ///< distinct statistics
  std::vector<int> of;           ///< per position k of idx: index into stats, -1 = none yet
  std::vector<size_t> order;     ///< positions k in the order they were scored, speaker by speaker
};
SessionStats sessionStatsInOrder(const FeatureDataset& ds, const std::vector<int>& idx, double minRows, uint64_t seed);

/// The reference label a speaker-mode model was trained with ("" = all clips), from its
/// training data's "speaker_stats_from" (absent in older bundles: all clips).
std::string speakerReferenceOf(const ModelInfo& info);

}  // namespace emo
