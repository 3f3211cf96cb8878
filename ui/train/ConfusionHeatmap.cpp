#include "ui/train/ConfusionHeatmap.h"

#include <QPainter>
#include <algorithm>

namespace emo::ui {

ConfusionHeatmap::ConfusionHeatmap(QWidget* parent) : QWidget(parent) {}

void ConfusionHeatmap::setMatrix(const std::vector<std::string>& labels, const std::vector<std::vector<int>>& confusion) {
  labels_ = labels;
  m_ = confusion;
  update();
}

void ConfusionHeatmap::clear() {
  labels_.clear();
  m_.clear();
  update();
}

int ConfusionHeatmap::count(int truth, int predicted) const {
  if (truth < 0 || predicted < 0 || truth >= static_cast<int>(m_.size()) ||
      predicted >= static_cast<int>(m_[static_cast<size_t>(truth)].size()))
    return 0;
  return m_[static_cast<size_t>(truth)][static_cast<size_t>(predicted)];
}

int ConfusionHeatmap::total() const {
  int t = 0;
  for (const auto& r : m_)
    for (int v : r) t += v;
  return t;
}

QString ConfusionHeatmap::savePng(const QString& path) {
  QImage img(size().expandedTo(QSize(420, 380)), QImage::Format_ARGB32);
  img.fill(Qt::white);
  render(&img);
  return img.save(path, "PNG") ? QString() : tr("Could not write %1").arg(path);
}

void ConfusionHeatmap::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.fillRect(rect(), palette().base());
  const int n = static_cast<int>(labels_.size());
  if (n == 0 || static_cast<int>(m_.size()) != n) {
    p.setPen(palette().text().color());
    p.drawText(rect(), Qt::AlignCenter, tr("The confusion matrix appears when a run finishes."));
    return;
  }
  const QFontMetrics fm(font());
  int labelW = 0;
  for (const auto& l : labels_) labelW = std::max(labelW, fm.horizontalAdvance(QString::fromStdString(l)));
  labelW += 8;
  const int top = fm.height() * 2 + 6;
  const int cell = std::max(8, std::min((width() - labelW - 4) / n, (height() - top - fm.height() - 8) / n));
  p.setPen(palette().text().color());
  p.drawText(QRect(labelW, 0, cell * n, fm.height()), Qt::AlignCenter, tr("predicted →"));
  for (int c = 0; c < n; ++c)
    p.drawText(QRect(labelW + c * cell, fm.height() + 2, cell, fm.height()), Qt::AlignCenter,
               fm.elidedText(QString::fromStdString(labels_[static_cast<size_t>(c)]), Qt::ElideRight, cell));
  for (int r = 0; r < n; ++r) {
    int rowSum = 0;
    for (int v : m_[static_cast<size_t>(r)]) rowSum += v;
    p.setPen(palette().text().color());
    p.drawText(QRect(0, top + r * cell, labelW - 4, cell), Qt::AlignRight | Qt::AlignVCenter,
               QString::fromStdString(labels_[static_cast<size_t>(r)]));
    for (int c = 0; c < n; ++c) {
      const int v = count(r, c);
      const double frac = rowSum > 0 ? double(v) / rowSum : 0.0;
      const QColor colour = QColor::fromRgbF(1.0 - 0.85 * frac, 1.0 - 0.55 * frac, 1.0 - 0.1 * frac);
      const QRect cellRect(labelW + c * cell, top + r * cell, cell - 1, cell - 1);
      p.fillRect(cellRect, colour);
      if (r == c) {
        p.setPen(QPen(QColor(40, 40, 40), 1.5));
        p.drawRect(cellRect.adjusted(0, 0, -1, -1));
      }
      p.setPen(frac > 0.55 ? Qt::white : Qt::black);
      if (cell >= 18) p.drawText(cellRect, Qt::AlignCenter, QString::number(v));
    }
  }
  p.setPen(palette().text().color());
  p.drawText(QRect(0, top + n * cell + 2, width(), fm.height()), Qt::AlignLeft,
             tr("rows: true label · colour: share of the row"));
}

}  // namespace emo::ui
