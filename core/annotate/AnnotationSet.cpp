#include "core/annotate/AnnotationSet.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>

#include "core/annotate/NumberText.h"

namespace emo {

std::string labelOriginName(LabelOrigin origin) {
  switch (origin) {
    case LabelOrigin::Human: return "human";
    case LabelOrigin::Model: return "model";
    case LabelOrigin::FileName: return "file name";
    case LabelOrigin::Imported: return "imported";
  }
  return "human";
}

std::optional<LabelOrigin> parseLabelOrigin(const std::string& name) {
  std::string n;
  for (char c : name)
    if (c != ' ' && c != '_' && c != '-') n.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  if (n == "human") return LabelOrigin::Human;
  if (n == "model") return LabelOrigin::Model;
  if (n == "filename") return LabelOrigin::FileName;
  if (n == "imported") return LabelOrigin::Imported;
  return std::nullopt;
}

LabelOrigin defaultOrigin(const std::string& tier) { return tier == "model" ? LabelOrigin::Model : LabelOrigin::Human; }

Status checkSegment(const Segment& s) {
  if (!std::isfinite(s.start) || !std::isfinite(s.end)) return fail("segment time is not a finite number");
  if (s.start < 0) return fail("segment start " + formatSeconds(s.start) + " is negative");
  if (s.end < s.start)
    return fail("segment end " + formatSeconds(s.end) + " is before its start " + formatSeconds(s.start));
  return success();
}

std::string AnnotationSet::clipLabel(const std::string& tierName) const {
  auto it = clipLabels.find(tierName);
  return it == clipLabels.end() ? std::string() : it->second;
}

void AnnotationSet::setClipLabel(const std::string& tierName, const std::string& label) {
  setClipLabel(tierName, label, defaultOrigin(tierName));
}

void AnnotationSet::setClipLabel(const std::string& tierName, const std::string& label, LabelOrigin origin) {
  if (label.empty()) {
    clipLabels.erase(tierName);
    clipOrigins.erase(tierName);
  } else {
    clipLabels[tierName] = label;
    if (origin == defaultOrigin(tierName))
      clipOrigins.erase(tierName);
    else
      clipOrigins[tierName] = origin;
  }
}

LabelOrigin AnnotationSet::clipOrigin(const std::string& tierName) const {
  auto it = clipOrigins.find(tierName);
  return it == clipOrigins.end() ? defaultOrigin(tierName) : it->second;
}

const Tier* AnnotationSet::findTier(const std::string& name) const {
  for (const auto& t : tiers)
    if (t.name == name) return &t;
  return nullptr;
}

Tier& AnnotationSet::tier(const std::string& name) {
  for (auto& t : tiers)
    if (t.name == name) return t;
  tiers.push_back(Tier{name, {}});
  return tiers.back();
}

namespace {
void insertSorted(std::vector<Segment>& v, const Segment& s) {
  auto pos = std::upper_bound(v.begin(), v.end(), s,
                              [](const Segment& a, const Segment& b) { return a.start < b.start; });
  v.insert(pos, s);
}
}  // namespace

Status AnnotationSet::addSegment(const std::string& tierName, const Segment& segment) {
  if (auto ok = checkSegment(segment); !ok) return ok;
  insertSorted(tier(tierName).segments, segment);
  return success();
}

Status AnnotationSet::assign(const std::string& tierName, const Segment& segment) {
  if (auto ok = checkSegment(segment); !ok) return ok;
  auto& segs = tier(tierName).segments;
  std::vector<Segment> kept;
  for (const auto& s : segs) {
    if (segment.isPoint() || s.isPoint()) {
      if (!(segment.isPoint() && s.isPoint() && s.start == segment.start)) kept.push_back(s);
      continue;
    }
    if (s.end <= segment.start || s.start >= segment.end) {
      kept.push_back(s);
      continue;
    }
    if (s.start < segment.start) kept.push_back(Segment{s.start, segment.start, s.label, s.origin});
    if (s.end > segment.end) kept.push_back(Segment{segment.end, s.end, s.label, s.origin});
  }
  kept.push_back(segment);
  std::stable_sort(kept.begin(), kept.end(), [](const Segment& a, const Segment& b) { return a.start < b.start; });
  segs = std::move(kept);
  return success();
}

void AnnotationSet::erase(const std::string& tierName, double start, double end) {
  for (auto& t : tiers) {
    if (t.name != tierName) continue;
    t.segments.erase(std::remove_if(t.segments.begin(), t.segments.end(),
                                    [&](const Segment& s) {
                                      return s.isPoint() ? s.start >= start && s.start <= end
                                                         : end > start && s.start < end && s.end > start;
                                    }),
                     t.segments.end());
  }
}

Status AnnotationSet::moveEdge(const std::string& tierName, size_t index, int which, double seconds) {
  Tier* found = nullptr;
  for (auto& t : tiers)
    if (t.name == tierName) found = &t;
  if (!found || index >= found->segments.size()) return fail("no segment " + std::to_string(index + 1) + " in tier \"" + tierName + "\"");
  if (!std::isfinite(seconds)) return fail("edge time is not a finite number");
  auto& segs = found->segments;
  Segment& s = segs[index];
  // Neighbouring intervals (not points) bound the move so a drag never swallows a neighbour.
  double lo = 0.0, hi = std::numeric_limits<double>::infinity();
  for (size_t i = 0; i < segs.size(); ++i) {
    if (i == index || segs[i].isPoint() || s.isPoint()) continue;
    if (segs[i].end <= s.start + 1e-9) lo = std::max(lo, segs[i].end);
    if (segs[i].start >= s.end - 1e-9) hi = std::min(hi, segs[i].start);
  }
  if (s.isPoint()) {
    s.start = s.end = std::max(0.0, seconds);
  } else if (which == 0) {
    s.start = std::clamp(seconds, lo, s.end - 1e-3);
  } else {
    s.end = std::clamp(seconds, s.start + 1e-3, hi);
  }
  std::stable_sort(segs.begin(), segs.end(), [](const Segment& a, const Segment& b) { return a.start < b.start; });
  return success();
}

std::string AnnotationSet::labelAt(const std::string& tierName, double t) const {
  const Tier* found = findTier(tierName);
  if (!found) return {};
  std::string label;
  for (const auto& s : found->segments)
    if (t >= s.start && t < s.end) label = s.label;  // the latest starting one wins
  return label;
}

double AnnotationSet::lastEnd() const {
  double end = 0.0;
  for (const auto& t : tiers)
    for (const auto& s : t.segments) end = std::max(end, s.end);
  return end;
}

bool AnnotationSet::empty() const {
  if (!clipLabels.empty()) return false;
  for (const auto& t : tiers)
    if (!t.segments.empty()) return false;
  return true;
}

bool AnnotationSet::operator==(const AnnotationSet& o) const {
  if (clip != o.clip || clipLabels != o.clipLabels || clipOrigins != o.clipOrigins || tiers.size() != o.tiers.size())
    return false;
  if (std::abs(duration - o.duration) > 1e-6) return false;
  for (size_t i = 0; i < tiers.size(); ++i) {
    const auto& a = tiers[i];
    const auto& b = o.tiers[i];
    if (a.name != b.name || a.segments.size() != b.segments.size()) return false;
    for (size_t j = 0; j < a.segments.size(); ++j) {
      const auto& x = a.segments[j];
      const auto& y = b.segments[j];
      if (x.label != y.label || x.origin != y.origin || std::abs(x.start - y.start) > 1e-6 ||
          std::abs(x.end - y.end) > 1e-6 || x.isPoint() != y.isPoint())
        return false;
    }
  }
  return true;
}

}  // namespace emo
