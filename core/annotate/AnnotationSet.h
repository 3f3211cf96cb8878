#pragma once
// AnnotationSet: the labels of one audio clip — a clip-level label per tier ("human", "model")
// and, per tier, a list of labelled segments [start, end) in seconds, or points (start == end,
// a zero-length label as Audacity and Praat point tiers have them). Every label carries its
// origin (typed by a person, predicted by the model, taken from the file name, read from a file). A plain value; any thread
// (no sharing: copy it or guard it). The file formats (AnnotationFormats.h) read and write it;
// AnnotationStore keeps one per clip of an opened folder and autosaves them.
//
//   emo::AnnotationSet set;
//   set.clip = "03-01-05-02-01-01-05.wav";
//   set.setClipLabel("human", "angry");
//   set.assign("human", {0.5, 1.2, "angry"});   // overwrites whatever the range held in that tier
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/common/Result.h"

namespace emo {

/// Where a label came from. Kept through every format that can carry it (AnnotationFormats.h).
enum class LabelOrigin {
  Human,     ///< set by a person in the Review tab
  Model,     ///< predicted by the model
  FileName,  ///< the clip's file-name convention (RAVDESS, TESS, ... naming) or a manifest
  Imported,  ///< read from a label file that does not say where it came from
};

/// "human", "model", "file name", "imported".
std::string labelOriginName(LabelOrigin origin);
/// The inverse of labelOriginName (also "filename", "file_name"; case-insensitive); nullopt otherwise.
std::optional<LabelOrigin> parseLabelOrigin(const std::string& name);
/// The origin a label of `tier` has when nothing says otherwise: Model for tier "model", else Human.
LabelOrigin defaultOrigin(const std::string& tier);

/// One labelled interval [start, end) in seconds (end > start), or a point (end == start).
struct Segment {
  double start = 0.0;  ///< seconds from the clip start
  double end = 0.0;    ///< seconds, exclusive; == start for a point label
  std::string label;   ///< free text; by convention a canonical emotion label
  LabelOrigin origin = LabelOrigin::Human;  ///< where the label came from

  bool isPoint() const { return end == start; }
};

/// A named layer of segments (an Audacity label track, a Praat interval tier).
struct Tier {
  std::string name;               ///< "human", "model", or whatever a file brought
  std::vector<Segment> segments;  ///< sorted by start; may overlap (Audacity allows it)
};

class AnnotationSet {
 public:
  std::string clip;      ///< the clip's file name or path as the file format carries it
  double duration = 0.0; ///< clip length in seconds if known, else 0 (TextGrid xmax uses it)
  std::map<std::string, std::string> clipLabels;  ///< tier name -> clip-level label
  std::map<std::string, LabelOrigin> clipOrigins; ///< tier name -> origin of its clip label (absent: default)
  std::vector<Tier> tiers;                        ///< in file order

  /// Clip-level label of a tier, or "" if none.
  std::string clipLabel(const std::string& tier) const;
  /// Sets (or with an empty label, clears) the clip-level label of a tier.
  void setClipLabel(const std::string& tier, const std::string& label);
  void setClipLabel(const std::string& tier, const std::string& label, LabelOrigin origin);
  /// Origin of a tier's clip label (defaultOrigin(tier) unless set).
  LabelOrigin clipOrigin(const std::string& tier) const;

  const Tier* findTier(const std::string& name) const;
  /// The tier called `name`, created (empty, at the end) if missing.
  Tier& tier(const std::string& name);

  /// Adds a segment or point to a tier as is (sorted in); refuses end < start, negative or
  /// non-finite times.
  Status addSegment(const std::string& tier, const Segment& segment);
  /// Labels [start, end) of a tier: overlapped intervals are trimmed or split so the new segment
  /// owns the range (the editing operation of the Review tab); points are kept. A point replaces
  /// a point at the same time. Same checks as addSegment.
  Status assign(const std::string& tier, const Segment& segment);
  /// Removes the intervals of a tier overlapping [start, end) and its points in [start, end]
  /// (so a zero-length range removes the points at that time).
  void erase(const std::string& tier, double start, double end);
  /// Moves the edge of segment `index` of a tier (which: 0 start, 1 end; a point moves whole) to
  /// `seconds`, clamped so it stays inside [neighbour edges] and keeps end > start.
  Status moveEdge(const std::string& tier, size_t index, int which, double seconds);

  /// The label of a tier at time t ("" if no segment holds t).
  std::string labelAt(const std::string& tier, double t) const;
  /// The latest segment end over all tiers (0 if none).
  double lastEnd() const;
  /// True when nothing is labelled (no clip labels, no segments).
  bool empty() const;

  bool operator==(const AnnotationSet& other) const;
  bool operator!=(const AnnotationSet& other) const { return !(*this == other); }
};

/// Checks a segment's times; the message names the problem ("end 1.0 is before start 2.0").
Status checkSegment(const Segment& segment);

}  // namespace emo
