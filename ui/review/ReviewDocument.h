#pragma once
// ReviewDocument: what the Review tab has open — the clips (files, a folder or a CSV manifest),
// their labels from the file-name convention (dataset adapters), the model's predictions, and
// the human annotations, which live in an AnnotationStore autosaved to a sidecar after every
// change (see core/annotate/AnnotationStore.h for where). Import/export in the four label
// formats. No widgets: the tab and its list model read it. GUI thread only; owns its clips and
// the store.
//
// The human label of a clip is the one set in the Review tab (tier "human" of the sidecar) or,
// until one is set, the label its file name carries (RAVDESS, TESS, ... naming); clearing the
// set label shows the file-name label again. Every edit is an AnnotationEditCommand on undoStack()
// (cleared when another folder is opened); the sidecar follows the stack through undo and redo.
// Import/export live in ReviewDocumentFiles.cpp.
#include <QObject>
#include <QString>
#include <QStringList>
#include <QUndoStack>
#include <vector>

#include "core/annotate/AnnotationFormats.h"
#include "core/annotate/AnnotationStore.h"
#include "core/infer/TimelinePredictor.h"
#include "ui/common/ModelFacts.h"

namespace emo::ui {

/// One clip in the list.
struct ReviewClip {
  QString path;                      ///< absolute path of the audio file
  QString key;                       ///< path relative to root(): the clip's name in the sidecar
  QString fileLabel;                 ///< canonical label from the file-name convention, or ""
  QString speaker;                   ///< corpus speaker id, or ""
  bool predicted = false;            ///< the model has run on it
  QString modelLabel;                ///< model's top label ("no speech" when none), "" before prediction
  bool uncertain = false;            ///< modelLabel is only the top guess: below the model's threshold
  float confidence = 0.0f;           ///< probability of modelLabel
  std::vector<float> probabilities;  ///< in modelLabels() order
  QString predictionError;           ///< why prediction failed, if it did
  std::vector<TimelineSegment> lane; ///< the model lane the entry comes from (ModelLane.h)
  QString rule;                      ///< how the entry follows from the lane (the list's tooltip)
};

/// What an import brought.
struct ImportReport {
  int matched = 0;             ///< clips updated
  int unknown = 0;             ///< labels outside the emotion vocabulary (kept, flagged)
  QStringList unknownExamples; ///< the distinct unknown labels, first few
};

class ReviewDocument : public QObject {
  Q_OBJECT
 public:
  static constexpr const char* kHumanTier = "human";
  static constexpr const char* kModelTier = "model";
  /// Exported only, next to "model" when the model has an "uncertain" threshold: the clip label
  /// "uncertain" or "confident", and segments "uncertain" over the lane's uncertain tiles.
  static constexpr const char* kModelStatusTier = "model-status";
  /// The model's tiers ("model", "model-status"): never edited, imported or shown as human tiers.
  static bool isModelTier(const std::string& name) { return name == kModelTier || name == kModelStatusTier; }
  static bool isModelTier(const QString& name) { return isModelTier(name.toStdString()); }

  explicit ReviewDocument(QObject* parent = nullptr);

  /// Opens audio files, folders (searched recursively) and CSV manifests, replacing what was
  /// open. Returns "" or a message; on error nothing changes.
  QString open(const QStringList& paths);
  int count() const { return static_cast<int>(clips_.size()); }
  const ReviewClip& clip(int row) const { return clips_.at(static_cast<size_t>(row)); }
  QString root() const { return root_; }
  QString sidecarPath() const { return QString::fromStdString(store_.path()); }
  /// Files the scan skipped or could not label, with reasons (shown in the status line).
  QStringList notes() const { return notes_; }

  /// The human label (set in the tab, else from the file name; "" if neither).
  QString humanLabel(int row) const;
  bool humanLabelIsExplicit(int row) const;
  /// True when both labels are known and differ.
  bool disagrees(int row) const;
  AnnotationSet annotations(int row) const;

  /// True for a canonical emotion label (or synonym) or one of the model's labels.
  bool isKnownLabel(const QString& label) const;
  /// Labels of the clip's human tiers and clip labels outside the vocabulary (with repeats).
  QStringList unknownLabels(int row) const;

  // --- edits: each one undoable command, autosaved; "" or the message ----------------------------
  /// Sets (or with "" clears) the clip's human label.
  QString setHumanLabel(int row, const QString& label);
  /// Labels [start, end) of a tier (start == end: a point label).
  QString setSegmentLabel(int row, double start, double end, const QString& label, const QString& tier = kHumanTier);
  /// Removes a tier's segments overlapping [start, end) (and its points there).
  QString clearSegment(int row, double start, double end, const QString& tier = kHumanTier);
  /// Changes the text of segment `index` of a tier (free text).
  QString relabelSegment(int row, const QString& tier, int index, const QString& label);
  /// Moves an edge of segment `index` (which: 0 start, 1 end) to `seconds`.
  QString moveSegmentEdge(int row, const QString& tier, int index, int which, double seconds);
  /// Adds an empty human tier called `name` (refused if the name is taken or "model").
  QString addTier(int row, const QString& name);
  /// Tier names a clip shows as human tiers: "human" first, then the others in file order.
  QStringList humanTiers(int row) const;
  QUndoStack* undoStack() { return &undo_; }
  /// The command's side: replaces the clip's annotations and autosaves (AnnotationEditCommand).
  void replaceAnnotations(int row, const AnnotationSet& set);
  /// Why the last autosave failed ("" when it succeeded).
  QString lastSaveError() const { return saveError_; }

  void setModelLabels(const std::vector<std::string>& labels) { modelLabels_ = labels; }
  const std::vector<std::string>& modelLabels() const { return modelLabels_; }
  /// The model's "uncertain" rule (judges the lane's tiles on export).
  void setUncertainRule(const UncertainRule& rule) { uncertainRule_ = rule; }
  const UncertainRule& uncertainRule() const { return uncertainRule_; }
  /// The clip's entry and the lane it was computed from (lane exported as tier "model");
  /// `uncertain`: the entry is below the model's threshold (LaneSummary::uncertain).
  void setPrediction(int row, const QString& label, float confidence, std::vector<float> probabilities,
                     const QString& error, std::vector<TimelineSegment> lane = {}, const QString& rule = {},
                     bool uncertain = false);
  void clearPredictions();
  /// Clip length once known (TextGrid xmax).
  void setDuration(int row, double seconds);
  /// The model lane as labelled segments: runs of one top label (no-speech tiles left out).
  std::vector<Segment> modelSegments(int row) const;
  /// Runs of the lane's uncertain tiles, labelled "uncertain" (tier "model-status").
  std::vector<Segment> uncertainSegments(int row) const;

  /// CSV/JSON: every clip; Audacity/TextGrid: clip `row` only. Tiers "human" and "model".
  QString exportTo(const QString& path, LabelFormat format, int row) const;
  /// CSV/JSON sets are matched to clips by key, else by file name; Audacity/TextGrid files go to
  /// clip `row`. Imported tiers and clip labels replace those of the same name; others are kept
  /// (tier "model" is not imported). A clip label whose origin is "file name" and equals the
  /// clip's file-name label stays a file-name label. One undoable command.
  /// Returns "" or a message; `report` receives what was imported.
  QString importFrom(const QString& path, int row, ImportReport* report = nullptr);
  /// Layers for other tools, one set of files per clip into `folder`: Audacity label tracks
  /// (<clip>.<tier>.txt for each tier, model included) and Sonic Visualiser time-value layers
  /// (<clip>.<emotion>.csv, "time,value" per lane tile centre). "" or a message; `files` counts.
  QString exportLayers(const QString& folder, int* files = nullptr) const;

 signals:
  void clipChanged(int row);
  void reset();

 private:
  AnnotationSet exportSet(int row) const;
  /// Pushes the edit from annotations(row) to `after` (nothing when equal). "" or the save error.
  QString commit(int row, const AnnotationSet& after, const QString& text);

  std::vector<ReviewClip> clips_;
  std::vector<double> durations_;
  QUndoStack undo_;
  QString saveError_;
  std::vector<std::string> modelLabels_;
  UncertainRule uncertainRule_;
  AnnotationStore store_;
  QString root_;
  QStringList notes_;
};

}  // namespace emo::ui
