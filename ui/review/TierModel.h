#pragma once
// TierModel: the tiers of the clip the Review tab shows — the model tier (the model lane's tiles,
// read-only) and any number of named human tiers (intervals and points, from the ReviewDocument,
// "human" first) — in the order the lanes are painted. It follows the document: an edit, undo or
// redo of the shown clip announces changed(). Views paint from it and hit-test through it; edits
// go to the document. GUI thread only; the document is not owned.
#include <QObject>
#include <QStringList>
#include <vector>

#include "core/annotate/AnnotationSet.h"
#include "core/infer/TimelinePredictor.h"
#include "ui/common/ModelFacts.h"

namespace emo::ui {

class ReviewDocument;

class TierModel : public QObject {
  Q_OBJECT
 public:
  explicit TierModel(ReviewDocument* document, QObject* parent = nullptr);

  /// The clip shown (-1: none); its human tiers are read from the document.
  void setRow(int row);
  int row() const { return row_; }
  /// The model lane of the clip shown, the model's labels (empty: no model, or not yet) and its
  /// "uncertain" rule (tiles below it are painted as uncertain).
  void setModelLane(std::vector<TimelineSegment> tiles, std::vector<std::string> labels, UncertainRule uncertain = {});
  const std::vector<TimelineSegment>& modelLane() const { return lane_; }
  const std::vector<std::string>& modelLabels() const { return labels_; }
  const UncertainRule& uncertainRule() const { return uncertain_; }
  void clear();

  /// Human tiers in lane order ("human" always there, possibly empty).
  const std::vector<Tier>& humanTiers() const { return tiers_; }
  QStringList humanTierNames() const;
  const Tier* humanTier(const QString& name) const;
  /// True when `label` is outside the emotion vocabulary (painted flagged).
  bool isUnknown(const std::string& label) const;
  /// Index of the segment of a human tier whose span holds t (points: within `tolerance` s), or -1.
  int segmentAt(const QString& tier, double t, double tolerance) const;

 signals:
  void changed();

 private:
  void reload();

  ReviewDocument* doc_;
  int row_ = -1;
  std::vector<TimelineSegment> lane_;
  std::vector<std::string> labels_;
  UncertainRule uncertain_;
  std::vector<Tier> tiers_;
};

}  // namespace emo::ui
