#pragma once
// ClipListModel: the Review tab's clip list as a table over a ReviewDocument (clip, model label —
// "uncertain (sad)", greyed, below the model's threshold —, confidence — both from the model lane,
// the rule in the tooltip —, human label — in italics when the file name gives it —, disagreement,
// and a problem column: why a clip failed, or how many of its labels are outside the vocabulary), and ClipFilter, the sort/filter proxy in front of it
// ("only disagreements", "low confidence", ...). GUI thread only; the document is not owned.
#include <QAbstractTableModel>
#include <QSortFilterProxyModel>

namespace emo::ui {

class ReviewDocument;

class ClipListModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column { File, Model, Confidence, Human, Disagree, Problem, ColumnCount };
  /// Role giving sortable raw values (confidence as a number, disagreement as 0/1).
  static constexpr int SortRole = Qt::UserRole + 1;

  explicit ClipListModel(ReviewDocument* document, QObject* parent = nullptr);
  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

 private:
  bool fromFileName(int row) const;  ///< the human label shown is the file name's
  ReviewDocument* doc_;
};

/// Filters of the clip list; a plain value.
struct ClipFilterParams {
  enum Mode { All, Disagreements, LowConfidence, Unlabelled, NotPredicted };
  Mode mode = All;               ///< which clips to show
  double lowConfidence = 0.5;    ///< LowConfidence shows predicted clips below this probability
  QString text;                  ///< only clips whose name contains this (case-insensitive); "" = all
};

class ClipFilter : public QSortFilterProxyModel {
  Q_OBJECT
 public:
  ClipFilter(ReviewDocument* document, QObject* parent = nullptr);
  void setParams(const ClipFilterParams& params);
  const ClipFilterParams& params() const { return params_; }
  /// Rows of the document in the order shown.
  int documentRow(int proxyRow) const;
  int proxyRow(int documentRow) const;

 protected:
  bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

 private:
  ReviewDocument* doc_;
  ClipFilterParams params_;
};

}  // namespace emo::ui
