#pragma once
// TimelineLabels: a model timeline as annotation labels, for export to the tools annotators use
// (Audacity label track, Praat TextGrid, CSV/JSON). Adjacent tiles with the same top label are
// merged into one segment; "no speech" tiles leave gaps. Pure functions; any thread.
#include <string>
#include <vector>

#include "core/annotate/AnnotationFormats.h"
#include "core/annotate/AnnotationSet.h"
#include "core/infer/TimelinePredictor.h"

namespace emo {

/// Tier `tier` of a set for `clip`: one segment per run of equal top labels of the tiles.
AnnotationSet timelineAnnotations(const std::string& clip, double duration, const std::vector<TimelineSegment>& tiles,
                                  const std::vector<std::string>& labels, const std::string& tier = "model");

/// Writes the timeline of one clip as a label file (atomically).
Status writeTimelineLabels(const std::string& path, LabelFormat format, const std::string& clip, double duration,
                           const std::vector<TimelineSegment>& tiles, const std::vector<std::string>& labels);

}  // namespace emo
