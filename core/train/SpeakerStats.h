#pragma once
// SpeakerStats: the per-speaker normalisation statistics of "--norm speaker" for a TrainSet
// built from clips of a FeatureDataset. Either all of a speaker's clips give its statistics (no
// labels used), or only its clips of one reference label ("neutral", like the app's calibration
// recording). In the second form a reference clip is normalised with the statistics of the
// speaker's OTHER reference clips, never its own, so evaluation on a clip never sees that clip.
// Pure function; any thread.
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

/// The reference label a speaker-mode model was trained with ("" = all clips), from its
/// training data's "speaker_stats_from" (absent in older bundles: all clips).
std::string speakerReferenceOf(const ModelInfo& info);

}  // namespace emo
