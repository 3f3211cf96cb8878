#pragma once
// AnnotationStore: the autosaved annotations of one opened folder (or group of files). Every
// change is written at once, atomically, to one JSON sidecar (the JSON label format), so killing
// the app at any moment loses nothing: the sidecar holds either the state before or after the
// last change, never a torn file.
//
// Sidecar location (sidecarPathFor): <folder>/.emoscope-annotations.json when the folder is
// writable (and has a write bit: read-only corpora stay untouched even for root); otherwise (read-only corpora) a per-user file
// $EMO_ANNOTATION_DIR or $XDG_DATA_HOME/emoscope/annotations or ~/.local/share/emoscope/annotations,
// named after the folder path. $EMO_ANNOTATION_DIR, when set, always wins (tests use it).
// Clips are keyed by AnnotationSet::clip (the Review tab uses the path relative to the folder).
//
// Owned by one thread at a time (the GUI thread in the Review tab); not internally locked.
//
//   auto store = emo::AnnotationStore::open(emo::AnnotationStore::sidecarPathFor("/data/clips"));
//   auto set = store->get("a.wav");  set.setClipLabel("human", "sad");
//   if (auto ok = store->put(set); !ok) showError(ok.error());
#include <map>
#include <string>
#include <vector>

#include "core/annotate/AnnotationSet.h"
#include "core/common/Result.h"

namespace emo {

class AnnotationStore {
 public:
  /// An unsaved, empty store (path() empty: put() only keeps changes in memory).
  AnnotationStore() = default;
  /// Loads an existing sidecar, or starts an empty one if the file does not exist yet. A sidecar
  /// that exists but cannot be read is an error (it is never overwritten blindly).
  static Result<AnnotationStore> open(const std::string& sidecarPath);
  /// Where the annotations of `folder` are autosaved (see the header comment).
  static std::string sidecarPathFor(const std::string& folder);

  const std::string& path() const { return path_; }
  /// The set of a clip (an empty set with that clip name if none yet).
  AnnotationSet get(const std::string& clip) const;
  bool contains(const std::string& clip) const { return sets_.count(clip) != 0; }
  /// Replaces the clip's set and saves the sidecar atomically. On a failed save the change is
  /// kept in memory and the message says why the file could not be written.
  Status put(const AnnotationSet& set);
  /// Merges imported sets: each replaces the stored set of its clip. One save at the end.
  Status putAll(const std::vector<AnnotationSet>& sets);
  /// All sets, sorted by clip.
  std::vector<AnnotationSet> all() const;
  /// Writes the sidecar now (atomic).
  Status save() const;

 private:
  std::string path_;
  std::map<std::string, AnnotationSet> sets_;
};

}  // namespace emo
