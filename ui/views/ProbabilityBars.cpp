#include "ui/views/ProbabilityBars.h"

#include <QPainter>
#include <algorithm>

#include "ui/views/EmotionColors.h"

namespace emo::ui {

ProbabilityBars::ProbabilityBars(QWidget* parent) : QWidget(parent) {
  setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
}

void ProbabilityBars::setLabels(const std::vector<std::string>& labels) {
  labels_ = labels;
  clear();
  updateGeometry();
}

void ProbabilityBars::setProbabilities(const std::vector<float>& probabilities) {
  if (probabilities.size() != labels_.size()) return;
  values_ = probabilities;
  speech_ = true;
  update();
}

void ProbabilityBars::setNoSpeech() {
  speech_ = false;
  update();
}

void ProbabilityBars::clear() {
  values_.clear();
  speech_ = false;
  update();
}

int ProbabilityBars::topIndex() const {
  if (values_.empty()) return -1;
  return int(std::max_element(values_.begin(), values_.end()) - values_.begin());
}

void ProbabilityBars::setScale(double scale) {
  scale_ = std::max(0.5, scale);
  updateGeometry();
  update();
}

QSize ProbabilityBars::sizeHint() const {
  const int row = int(26 * scale_);
  return {int(320 * scale_), row * std::max<int>(1, int(labels_.size())) + 8};
}

QSize ProbabilityBars::minimumSizeHint() const {
  const int pctW = QFontMetrics(nameFont(false)).horizontalAdvance(QStringLiteral("100 %")) + 8;
  return {std::max(160, nameColumnWidth() + pctW + 40), int(14 * scale_) * std::max<int>(1, int(labels_.size()))};
}

QFont ProbabilityBars::nameFont(bool bold) const {
  QFont f = font();
  f.setPointSizeF(f.pointSizeF() * scale_);
  f.setBold(bold);
  return f;
}

int ProbabilityBars::nameColumnWidth() const {
  // Measured in bold: the top emotion is drawn bold and must not be clipped.
  const QFontMetrics fm(nameFont(true));
  int w = 0;
  for (const auto& l : labels_) w = std::max(w, fm.horizontalAdvance(emotionDisplayName(l)));
  return w + 8;
}

void ProbabilityBars::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.setRenderHint(QPainter::Antialiasing);
  const int n = int(labels_.size());
  if (n == 0) {
    p.setPen(palette().placeholderText().color());
    p.drawText(rect(), Qt::AlignCenter, tr("no model"));
    return;
  }
  QFont font = p.font();
  font.setPointSizeF(font.pointSizeF() * scale_);
  p.setFont(font);
  const QFontMetrics fm(font);
  const int nameW = nameColumnWidth();
  const int pctW = fm.horizontalAdvance(QStringLiteral("100 %")) + 8;
  const double rowH = double(height()) / n;
  const int barH = std::max(4, int(rowH * 0.7));
  const int top = topIndex();
  for (int i = 0; i < n; ++i) {
    const int y = int(i * rowH);
    const QRect nameRect(0, y, nameW - 4, int(rowH));
    const bool have = i < int(values_.size());
    const float v = have ? std::clamp(values_[size_t(i)], 0.0f, 1.0f) : 0.0f;
    QColor c = emotionColor(labels_[size_t(i)], i);
    if (!speech_) c = palette().mid().color();
    QFont f = font;
    f.setBold(speech_ && i == top);
    p.setFont(f);
    p.setPen(speech_ ? palette().windowText().color() : palette().placeholderText().color());
    p.drawText(nameRect, Qt::AlignRight | Qt::AlignVCenter, emotionDisplayName(labels_[size_t(i)]));
    const int barX = nameW;
    const int barW = std::max(1, width() - nameW - pctW);
    const QRectF track(barX, y + (rowH - barH) / 2.0, barW, barH);
    p.fillRect(track, palette().alternateBase());
    p.fillRect(QRectF(track.left(), track.top(), track.width() * v, track.height()), c);
    if (have)
      p.drawText(QRect(barX + barW + 4, y, pctW - 4, int(rowH)), Qt::AlignLeft | Qt::AlignVCenter,
                 QString::number(int(v * 100.0f + 0.5f)) + QStringLiteral(" %"));
  }
}

}  // namespace emo::ui
