#pragma once
// ConfusionHeatmap: a confusion matrix (rows = truth, columns = prediction) painted as a heat map
// of row-normalised recall with the counts in the cells. A view only. GUI thread only.
#include <QWidget>
#include <string>
#include <vector>

namespace emo::ui {

class ConfusionHeatmap : public QWidget {
  Q_OBJECT
 public:
  explicit ConfusionHeatmap(QWidget* parent = nullptr);
  QSize sizeHint() const override { return {360, 320}; }
  QSize minimumSizeHint() const override { return {200, 180}; }

  void setMatrix(const std::vector<std::string>& labels, const std::vector<std::vector<int>>& confusion);
  void clear();
  int classCount() const { return static_cast<int>(labels_.size()); }
  int count(int truth, int predicted) const;
  /// Total clips in the matrix.
  int total() const;
  QString savePng(const QString& path);

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  std::vector<std::string> labels_;
  std::vector<std::vector<int>> m_;
};

}  // namespace emo::ui
