#pragma once
// ModelLane: the model's emotion lane of a clip and the clip's list entry, computed from the same
// predictions so the two cannot disagree. The lane is the TimelinePredictor's timeline at a hop of
// kLaneHop seconds (segments from 0 to the clip's end); the list entry is the speech-time-weighted mean of those tiles'
// probabilities (each speech tile counts by its length, no-speech tiles not at all). Painting
// covers whatever the tiles cover; the rest of the clip is shown as "not covered". A tile, and
// the entry, whose top probability is below the model's "uncertain" threshold (UncertainRule,
// from model.json "calibration") is shown as uncertain, with its top guess beside it.
// Pure functions; any thread (the Review worker computes, the tab shows).
#include <QString>
#include <string>
#include <vector>

#include "core/audio/AudioTypes.h"
#include "core/common/Result.h"
#include "core/infer/TimelinePredictor.h"
#include "ui/common/ModelFacts.h"

namespace emo::ui {

/// The clip's entry, from its lane.
struct LaneSummary {
  bool speech = false;               ///< some tile holds speech
  std::vector<float> probabilities;  ///< speech-time-weighted mean over the speech tiles
  int top = -1;                      ///< argmax of probabilities (-1 without speech)
  std::string label;                 ///< labels[top], or "no speech"
  double speechSeconds = 0.0;        ///< total length of the speech tiles
  double coveredSeconds = 0.0;       ///< total length of all tiles
  int speechTiles = 0;               ///< how many tiles hold speech
  bool uncertain = false;            ///< the mean's top probability is below the model's threshold
  double uncertainBelow = 0.0;       ///< that threshold (0: the model has none)
};

/// Seconds per lane tile (what the lane shows and exports as the model tier).
constexpr double kLaneHop = 0.25;

/// The lane of a clip: timeline windows tiled every kLaneHop seconds.
Result<std::vector<TimelineSegment>> modelLane(const TimelinePredictor& predictor, const AudioBuffer& audio);
/// The clip entry from the lane's tiles (see the header comment for the rule); `uncertain` is the
/// model's rule (the default: never uncertain).
LaneSummary summariseLane(const std::vector<TimelineSegment>& tiles, const std::vector<std::string>& labels,
                          const UncertainRule& uncertain = {});
/// Whether one lane tile is shown as uncertain (speech, and below the threshold).
bool laneTileUncertain(const TimelineSegment& tile, const UncertainRule& uncertain);
/// What the lane writes on a tile (a run of equal tiles): "sad", "uncertain (sad)" or
/// "no speech".
QString laneTileText(const TimelineSegment& tile, const std::vector<std::string>& labels, const UncertainRule& uncertain);
/// The clip's model label as the list shows it: "sad", "uncertain (sad)", "no speech".
QString clipEntryText(const QString& label, bool uncertain);
/// One sentence stating the rule with this clip's numbers (the list's tooltip).
QString laneRuleText(const LaneSummary& summary, double clipSeconds);

}  // namespace emo::ui
