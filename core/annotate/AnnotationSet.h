#pragma once
// AnnotationSet: the labels of one audio clip — a clip-level label per tier ("human", "model")
// and, per tier, a list of labelled segments [start, end) in seconds. A plain value; any thread
// (no sharing: copy it or guard it). The file formats (AnnotationFormats.h) read and write it;
// AnnotationStore keeps one per clip of an opened folder and autosaves them.
//
//   emo::AnnotationSet set;
//   set.clip = "03-01-05-02-01-01-05.wav";
//   set.setClipLabel("human", "angry");
//   set.assign("human", {0.5, 1.2, "angry"});   // overwrites whatever the range held in that tier
#include <map>
#include <string>
#include <vector>

#include "core/common/Result.h"

namespace emo {

/// One labelled interval [start, end) in seconds; end > start.
struct Segment {
  double start = 0.0;  ///< seconds from the clip start
  double end = 0.0;    ///< seconds, exclusive
  std::string label;   ///< free text; by convention a canonical emotion label
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
  std::vector<Tier> tiers;                        ///< in file order

  /// Clip-level label of a tier, or "" if none.
  std::string clipLabel(const std::string& tier) const;
  /// Sets (or with an empty label, clears) the clip-level label of a tier.
  void setClipLabel(const std::string& tier, const std::string& label);

  const Tier* findTier(const std::string& name) const;
  /// The tier called `name`, created (empty, at the end) if missing.
  Tier& tier(const std::string& name);

  /// Adds a segment to a tier as is (sorted in); refuses end <= start, negative or non-finite times.
  Status addSegment(const std::string& tier, const Segment& segment);
  /// Labels [start, end) of a tier: overlapped segments are trimmed or split so the new segment
  /// owns the range (the editing operation of the Review tab). Same checks as addSegment.
  Status assign(const std::string& tier, const Segment& segment);
  /// Removes the segments of a tier overlapping [start, end) entirely.
  void erase(const std::string& tier, double start, double end);

  /// The label of a tier at time t ("" if no segment holds t).
  std::string labelAt(const std::string& tier, double t) const;
  /// The latest segment end over all tiers (0 if none).
  double lastEnd() const;
  /// True when nothing is labelled (no clip labels, no segments).
  bool empty() const;

  bool operator==(const AnnotationSet& other) const;
  bool operator!=(const AnnotationSet& other) const { return !(*this == other); }
};

/// Checks a segment's times; the message names the problem ("end 1.0 is not after start 2.0").
Status checkSegment(const Segment& segment);

}  // namespace emo
