#include "ui/review/ClipListModel.h"

#include <QBrush>
#include <QColor>
#include <QFont>

#include "ui/review/ModelLane.h"
#include "ui/review/ReviewDocument.h"
#include "ui/views/EmotionColors.h"

namespace emo::ui {

ClipListModel::ClipListModel(ReviewDocument* document, QObject* parent)
    : QAbstractTableModel(parent), doc_(document) {
  connect(doc_, &ReviewDocument::reset, this, [this] {
    beginResetModel();
    endResetModel();
  });
  connect(doc_, &ReviewDocument::clipChanged, this,
          [this](int row) { emit dataChanged(index(row, 0), index(row, ColumnCount - 1)); });
}

int ClipListModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : doc_->count(); }
int ClipListModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant ClipListModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= doc_->count()) return {};
  const ReviewClip& c = doc_->clip(index.row());
  const bool disagree = doc_->disagrees(index.row());
  if (role == Qt::DisplayRole || role == SortRole) {
    switch (index.column()) {
      case File: return c.key;
      case Model:
        if (!c.predictionError.isEmpty()) return tr("error");
        return role == SortRole ? c.modelLabel : clipEntryText(c.modelLabel, c.uncertain);
      case Confidence:
        if (role == SortRole) return c.predicted ? double(c.confidence) : -1.0;
        return c.predicted && !c.probabilities.empty() ? QString::number(c.confidence * 100.0, 'f', 0) + "%" : QString();
      case Human: return doc_->humanLabel(index.row());  // in italics when it comes from the file name
      case Disagree:
        if (role == SortRole) return disagree ? 1 : 0;
        return disagree ? tr("disagree") : QString();
      case Problem: {
        if (!c.predictionError.isEmpty()) return c.predictionError;
        const int unknown = static_cast<int>(doc_->unknownLabels(index.row()).size());
        return unknown > 0 ? tr("%n unknown label(s)", nullptr, unknown) : QString();
      }
    }
  }
  if (role == Qt::ToolTipRole) {
    if (!c.predictionError.isEmpty() && (index.column() == Model || index.column() == Problem))
      return tr("Prediction failed: %1").arg(c.predictionError);
    if ((index.column() == Model || index.column() == Confidence) && !c.rule.isEmpty()) return c.rule;
    if (index.column() == Human || index.column() == Problem) {
      const QStringList unknown = doc_->unknownLabels(index.row());
      if (!unknown.isEmpty())
        return tr("Labels outside the emotion set (kept as they are): %1").arg(unknown.join(", "));
    }
    if (index.column() == Human && fromFileName(index.row()))
      return tr("%1 (file name): the label the file's name carries; a label set here replaces it.")
          .arg(doc_->humanLabel(index.row()));
    return c.path;
  }
  if (role == Qt::FontRole && index.column() == Human && fromFileName(index.row())) {
    QFont italic;
    italic.setItalic(true);
    return italic;
  }
  if (role == Qt::ForegroundRole && index.column() == Problem) return QBrush(QColor(200, 40, 40));
  if (role == Qt::ForegroundRole && c.uncertain && (index.column() == Model || index.column() == Confidence))
    return QBrush(QColor(120, 120, 120));  // a guess: greyed
  if (role == Qt::ForegroundRole && index.column() == Disagree && disagree) return QBrush(QColor(200, 40, 40));
  if (role == Qt::DecorationRole && (index.column() == Model || index.column() == Human)) {
    const QString label = index.column() == Model ? c.modelLabel : doc_->humanLabel(index.row());
    if (label.isEmpty() || label == "no speech") return {};
    QColor colour = emotionColor(label.toStdString(), 0);
    if (index.column() == Model && c.uncertain) colour.setAlphaF(0.35);  // faded, as in the lane
    return colour;
  }
  return {};
}

bool ClipListModel::fromFileName(int row) const {
  return !doc_->humanLabelIsExplicit(row) && !doc_->humanLabel(row).isEmpty();
}

QVariant ClipListModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation == Qt::Horizontal && role == Qt::ToolTipRole && section == Human)
    return tr("The human label: set in this tab, or (in italics) the one the file's name carries.");
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case File: return tr("Clip");
    case Model: return tr("Model");
    case Confidence: return tr("Confidence");
    case Human: return tr("Human");
    case Disagree: return tr("Agreement");
    case Problem: return tr("Problem");
  }
  return {};
}

ClipFilter::ClipFilter(ReviewDocument* document, QObject* parent) : QSortFilterProxyModel(parent), doc_(document) {
  setSortRole(ClipListModel::SortRole);
  setDynamicSortFilter(false);  // rows must not jump while the annotator works through them
}

void ClipFilter::setParams(const ClipFilterParams& params) {
  params_ = params;
  invalidateFilter();
}

int ClipFilter::documentRow(int proxyRow) const {
  const QModelIndex src = mapToSource(index(proxyRow, 0));
  return src.isValid() ? src.row() : -1;
}

int ClipFilter::proxyRow(int documentRow) const {
  const QModelIndex p = mapFromSource(sourceModel()->index(documentRow, 0));
  return p.isValid() ? p.row() : -1;
}

bool ClipFilter::filterAcceptsRow(int sourceRow, const QModelIndex&) const {
  if (sourceRow >= doc_->count()) return false;
  const ReviewClip& c = doc_->clip(sourceRow);
  if (!params_.text.isEmpty() && !c.key.contains(params_.text, Qt::CaseInsensitive)) return false;
  switch (params_.mode) {
    case ClipFilterParams::All: return true;
    case ClipFilterParams::Disagreements: return doc_->disagrees(sourceRow);
    case ClipFilterParams::LowConfidence: return c.predicted && c.confidence < params_.lowConfidence;
    case ClipFilterParams::Unlabelled: return doc_->humanLabel(sourceRow).isEmpty();
    case ClipFilterParams::NotPredicted: return !c.predicted;
  }
  return true;
}

}  // namespace emo::ui
