#include "core/infer/TimelineLabels.h"

#include <algorithm>
#include <cmath>

namespace emo {

AnnotationSet timelineAnnotations(const std::string& clip, double duration, const std::vector<TimelineSegment>& tiles,
                                  const std::vector<std::string>& labels, const std::string& tier) {
  AnnotationSet set;
  set.clip = clip;
  set.duration = duration;
  Tier& t = set.tier(tier);
  for (const TimelineSegment& s : tiles) {
    if (!s.speech || s.top < 0 || s.top >= static_cast<int>(labels.size())) continue;
    const double end = duration > 0 ? std::min(s.end, duration) : s.end;
    if (end <= s.start) continue;
    const std::string& label = labels[s.top];
    if (!t.segments.empty() && t.segments.back().label == label && std::abs(t.segments.back().end - s.start) < 1e-6) {
      t.segments.back().end = end;
    } else {
      t.segments.push_back({s.start, end, label, LabelOrigin::Model});
    }
  }
  return set;
}

Status writeTimelineLabels(const std::string& path, LabelFormat format, const std::string& clip, double duration,
                           const std::vector<TimelineSegment>& tiles, const std::vector<std::string>& labels) {
  return writeAnnotations(path, format, {timelineAnnotations(clip, duration, tiles, labels)}, "model");
}

}  // namespace emo
