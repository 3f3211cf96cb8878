#include "ui/views/EmotionLabel.h"

#include <QPainter>

#include "ui/views/EmotionColors.h"

namespace emo::ui {

EmotionLabel::EmotionLabel(QWidget* parent) : QWidget(parent) {
  setIdle(tr("Press Record or open an audio file"));
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

namespace {
QString percent(float confidence) { return QStringLiteral("%1 %").arg(int(confidence * 100.0f + 0.5f)); }
}  // namespace

void EmotionLabel::setState(State state, const QString& text, const QString& detail, float confidence) {
  state_ = state;
  text_ = text;
  detail_ = detail;
  confidence_ = confidence;
  setAccessibleName(shownText());
  update();
}

void EmotionLabel::setEmotion(const std::string& label, int index, float confidence) {
  color_ = emotionColor(label, index);
  setState(State::Emotion, emotionDisplayName(label), percent(confidence), confidence);
}

void EmotionLabel::setUncertain(const std::string& label, int index, float confidence) {
  color_ = emotionColor(label, index);
  setState(State::Uncertain, tr("Uncertain"),
           tr("(maybe %1 %2)").arg(emotionDisplayName(label), percent(confidence)), confidence);
}

void EmotionLabel::setNoSpeech() { setState(State::NoSpeech, tr("no speech"), QString(), 0.0f); }

void EmotionLabel::setIdle(const QString& message) { setState(State::Idle, message, QString(), 0.0f); }

QString EmotionLabel::text() const { return text_; }
QString EmotionLabel::detail() const { return detail_; }
QString EmotionLabel::shownText() const { return detail_.isEmpty() ? text_ : text_ + QLatin1Char(' ') + detail_; }

void EmotionLabel::setScale(double scale) {
  scale_ = std::max(0.5, scale);
  updateGeometry();
  update();
}

QSize EmotionLabel::sizeHint() const {
  QFont f = font();
  f.setPointSizeF(f.pointSizeF() * 3.0 * scale_);
  return {400, QFontMetrics(f).height() + 12};
}

QFont EmotionLabel::bigFont(double fit) const {
  QFont big = font();
  big.setPointSizeF(font().pointSizeF() * (state_ == State::Idle ? 1.4 : 3.0) * scale_ * fit);
  big.setBold(state_ == State::Emotion);
  return big;
}

QFont EmotionLabel::smallFont(double fit) const {
  QFont small = font();
  small.setPointSizeF(font().pointSizeF() * 1.6 * scale_ * fit);
  return small;
}

int EmotionLabel::widthAt(double fit) const {
  const QFontMetrics big(bigFont(fit));
  if (detail_.isEmpty()) return big.horizontalAdvance(text_);
  const int sw = big.ascent() / 2;
  return 2 * (sw + sw / 2) + big.horizontalAdvance(text_) +
         QFontMetrics(smallFont(fit)).horizontalAdvance(QStringLiteral("  ") + detail_);
}

int EmotionLabel::neededWidth() const { return widthAt(1.0); }

double EmotionLabel::fit() const {
  // Smaller type rather than clipped text when the name does not fit (a narrow window).
  double f = 1.0;
  while (f > 0.3 && widthAt(f) > width()) f *= 0.9;
  return f;
}

int EmotionLabel::drawnWidth() const { return widthAt(fit()); }

void EmotionLabel::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.setRenderHint(QPainter::TextAntialiasing);
  const double f = fit();
  QFont big = bigFont(f);
  QFont small = smallFont(f);
  if (detail_.isEmpty()) {
    p.setFont(big);
    p.setPen(palette().placeholderText().color());
    if (state_ == State::NoSpeech) big.setItalic(true), p.setFont(big);
    p.drawText(rect(), Qt::AlignCenter, text_);
    return;
  }
  const QString pct = QStringLiteral("  ") + detail_;
  const int wBig = QFontMetrics(big).horizontalAdvance(text_);
  const int wSmall = QFontMetrics(small).horizontalAdvance(pct);
  const int x0 = (width() - wBig - wSmall) / 2;
  const int baseline = (height() + QFontMetrics(big).ascent() - QFontMetrics(big).descent()) / 2;
  // A coloured swatch left of the name keeps the colour legible on light and dark themes.
  const int sw = QFontMetrics(big).ascent() / 2;
  // An uncertain reading gets only the swatch's outline: the colour is a guess, not a label.
  const QRect swatch(x0 - sw - sw / 2, baseline - QFontMetrics(big).ascent() / 2 - sw / 2 - sw / 4, sw, sw);
  if (state_ == State::Uncertain) {
    p.setPen(QPen(color_, std::max(2, sw / 6)));
    p.drawRect(swatch.adjusted(1, 1, -1, -1));
  } else {
    p.fillRect(swatch, color_);
  }
  p.setFont(big);
  p.setPen(palette().windowText().color());
  p.drawText(x0, baseline, text_);
  p.setFont(small);
  p.setPen(palette().placeholderText().color());
  p.drawText(x0 + wBig, baseline, pct);
}

}  // namespace emo::ui
