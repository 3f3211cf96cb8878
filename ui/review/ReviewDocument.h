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
// set label shows the file-name label again.
#include <QObject>
#include <QString>
#include <QStringList>
#include <vector>

#include "core/annotate/AnnotationFormats.h"
#include "core/annotate/AnnotationStore.h"

namespace emo::ui {

/// One clip in the list.
struct ReviewClip {
  QString path;                      ///< absolute path of the audio file
  QString key;                       ///< path relative to root(): the clip's name in the sidecar
  QString fileLabel;                 ///< canonical label from the file-name convention, or ""
  QString speaker;                   ///< corpus speaker id, or ""
  bool predicted = false;            ///< the model has run on it
  QString modelLabel;                ///< model's top label ("no speech" when none), "" before prediction
  float confidence = 0.0f;           ///< probability of modelLabel
  std::vector<float> probabilities;  ///< in modelLabels() order
  QString predictionError;           ///< why prediction failed, if it did
};

class ReviewDocument : public QObject {
  Q_OBJECT
 public:
  static constexpr const char* kHumanTier = "human";
  static constexpr const char* kModelTier = "model";

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

  /// Sets (or with "" clears) the clip's human label; autosaved. "" or the save error.
  QString setHumanLabel(int row, const QString& label);
  /// Labels [start, end) of the clip's human tier; autosaved.
  QString setSegmentLabel(int row, double start, double end, const QString& label);
  /// Removes human segments overlapping [start, end); autosaved.
  QString clearSegment(int row, double start, double end);

  void setModelLabels(const std::vector<std::string>& labels) { modelLabels_ = labels; }
  const std::vector<std::string>& modelLabels() const { return modelLabels_; }
  void setPrediction(int row, const QString& label, float confidence, std::vector<float> probabilities,
                     const QString& error);
  void clearPredictions();
  /// Model timeline of a clip, kept for export as tier "model" (segments as predicted).
  void setModelTimeline(int row, std::vector<Segment> segments, double duration);

  /// CSV/JSON: every clip; Audacity/TextGrid: clip `row` only. Tiers "human" and "model".
  QString exportTo(const QString& path, LabelFormat format, int row) const;
  /// CSV/JSON sets are matched to clips by key, else by file name; Audacity/TextGrid files go to
  /// clip `row`. Imported tiers and clip labels replace those of the same name; others are kept
  /// (tier "model" is not imported).
  /// Returns "" or a message; `matched` receives the number of clips updated.
  QString importFrom(const QString& path, int row, int* matched = nullptr);

 signals:
  void clipChanged(int row);
  void reset();

 private:
  AnnotationSet exportSet(int row) const;
  QString save(const AnnotationSet& set, int row);

  std::vector<ReviewClip> clips_;
  std::vector<std::vector<Segment>> modelSegments_;
  std::vector<double> durations_;
  std::vector<std::string> modelLabels_;
  AnnotationStore store_;
  QString root_;
  QStringList notes_;
};

}  // namespace emo::ui
