#include "ui/review/ClipOverview.h"

#include <QMouseEvent>
#include <QPainter>
#include <algorithm>

#include "ui/views/EmotionColors.h"

namespace emo::ui {
namespace {
constexpr int kMargin = 6;
constexpr int kStripHeight = 22;
constexpr int kLabelWidth = 70;
}  // namespace

ClipOverview::ClipOverview(QWidget* parent) : QWidget(parent) {
  setFocusPolicy(Qt::NoFocus);
  setAttribute(Qt::WA_OpaquePaintEvent);
}

void ClipOverview::setClip(double duration, std::vector<float> envelopeMin, std::vector<float> envelopeMax,
                           QImage spectrogram) {
  duration_ = duration;
  min_ = std::move(envelopeMin);
  max_ = std::move(envelopeMax);
  spectrogram_ = std::move(spectrogram);
  message_.clear();
  update();
}

void ClipOverview::setTimeline(std::vector<TimelineSegment> timeline, std::vector<std::string> labels) {
  timeline_ = std::move(timeline);
  labels_ = std::move(labels);
  update();
}

void ClipOverview::setHumanSegments(std::vector<Segment> segments) {
  human_ = std::move(segments);
  update();
}

void ClipOverview::setPlayhead(double seconds) {
  if (seconds == playhead_) return;
  playhead_ = seconds;
  update();
}

void ClipOverview::setSelection(double start, double end) {
  selStart_ = start;
  selEnd_ = end;
  update();
}

void ClipOverview::setMessage(const QString& message) {
  message_ = message;
  update();
}

void ClipOverview::clear() {
  duration_ = 0;
  min_.clear();
  max_.clear();
  spectrogram_ = {};
  timeline_.clear();
  human_.clear();
  playhead_ = 0;
  selStart_ = selEnd_ = 0;
  update();
}

double ClipOverview::timeToX(double t) const {
  const double w = width() - kLabelWidth - kMargin;
  return kLabelWidth + (duration_ > 0 ? t / duration_ * w : 0.0);
}

double ClipOverview::xToTime(double x) const {
  const double w = width() - kLabelWidth - kMargin;
  if (w <= 0 || duration_ <= 0) return 0.0;
  return std::clamp((x - kLabelWidth) / w * duration_, 0.0, duration_);
}

void ClipOverview::mousePressEvent(QMouseEvent* event) {
  if (duration_ > 0 && event->position().x() >= kLabelWidth) emit seekRequested(xToTime(event->position().x()));
}

void ClipOverview::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.fillRect(rect(), palette().base());
  if (!message_.isEmpty() || duration_ <= 0) {
    p.setPen(palette().text().color());
    p.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap,
               message_.isEmpty() ? tr("Open files, a folder or a manifest, then pick a clip.") : message_);
    return;
  }
  const int x0 = kLabelWidth, x1 = width() - kMargin;
  const int plotW = std::max(1, x1 - x0);
  const int stripsH = 2 * kStripHeight + 3 * kMargin;
  const int avail = std::max(40, height() - stripsH - kMargin);
  const QRect wave(x0, kMargin, plotW, avail * 2 / 5);
  const QRect spec(x0, wave.bottom() + kMargin, plotW, avail - wave.height() - kMargin);
  const QRect modelStrip(x0, spec.bottom() + kMargin, plotW, kStripHeight);
  const QRect humanStrip(x0, modelStrip.bottom() + kMargin, plotW, kStripHeight);

  p.setPen(palette().text().color());
  p.drawText(QRect(0, wave.top(), kLabelWidth - 4, wave.height()), Qt::AlignRight | Qt::AlignVCenter, tr("wave"));
  p.drawText(QRect(0, spec.top(), kLabelWidth - 4, spec.height()), Qt::AlignRight | Qt::AlignVCenter, tr("mel"));
  p.drawText(QRect(0, modelStrip.top(), kLabelWidth - 4, kStripHeight), Qt::AlignRight | Qt::AlignVCenter, tr("model"));
  p.drawText(QRect(0, humanStrip.top(), kLabelWidth - 4, kStripHeight), Qt::AlignRight | Qt::AlignVCenter, tr("human"));

  // Waveform: min/max envelope resampled to the plot width.
  p.fillRect(wave, QColor(20, 24, 32));
  if (!min_.empty()) {
    p.setPen(QColor(110, 190, 255));
    const double mid = wave.center().y(), half = wave.height() / 2.0;
    for (int x = 0; x < plotW; ++x) {
      const size_t a = min_.size() * static_cast<size_t>(x) / plotW;
      const size_t b = std::max(a + 1, min_.size() * static_cast<size_t>(x + 1) / plotW);
      float lo = 0, hi = 0;
      for (size_t i = a; i < b && i < min_.size(); ++i) {
        lo = std::min(lo, min_[i]);
        hi = std::max(hi, max_[i]);
      }
      p.drawLine(QPointF(x0 + x, mid - hi * half), QPointF(x0 + x, mid - lo * half));
    }
  }
  if (!spectrogram_.isNull())
    p.drawImage(spec, spectrogram_);
  else
    p.fillRect(spec, Qt::black);

  // Model timeline and human segments as coloured blocks with labels.
  auto block = [&](const QRect& strip, double start, double end, const std::string& label, int index, bool faded) {
    const QRectF r(timeToX(start), strip.top(), std::max(1.0, timeToX(end) - timeToX(start)), strip.height());
    QColor c = emotionColor(label, index);
    if (faded) c.setAlpha(90);
    p.fillRect(r, c);
    if (r.width() > 40) {
      p.setPen(Qt::black);
      p.drawText(r.adjusted(2, 0, -2, 0), Qt::AlignVCenter | Qt::AlignLeft, QString::fromStdString(label));
    }
  };
  p.fillRect(modelStrip, palette().alternateBase());
  for (size_t i = 0; i < timeline_.size(); ++i) {
    const auto& s = timeline_[i];
    if (!s.speech || s.top < 0 || s.top >= static_cast<int>(labels_.size())) continue;
    // Merge a run of equal labels into one block so its name fits.
    size_t j = i;
    while (j + 1 < timeline_.size() && timeline_[j + 1].speech && timeline_[j + 1].top == s.top) ++j;
    block(modelStrip, s.start, timeline_[j].end, labels_[static_cast<size_t>(s.top)], s.top, false);
    i = j;
  }
  p.fillRect(humanStrip, palette().alternateBase());
  for (const auto& s : human_) block(humanStrip, s.start, s.end, s.label, 0, false);

  if (selEnd_ > selStart_) {
    const QRectF sel(timeToX(selStart_), wave.top(), timeToX(selEnd_) - timeToX(selStart_), humanStrip.bottom() - wave.top());
    p.fillRect(sel, QColor(255, 255, 255, 50));
    p.setPen(QPen(QColor(255, 210, 0), 2));
    p.drawRect(sel);
  }
  const double px = timeToX(playhead_);
  p.setPen(QPen(QColor(255, 60, 60), 2));
  p.drawLine(QPointF(px, wave.top()), QPointF(px, humanStrip.bottom()));
}

}  // namespace emo::ui
