// ClipOverview: painting. Everything is drawn from the models (TimeAxis, SelectionModel,
// TierModel, VerticalZoom) and the clip's data; nothing here changes state.
#include <QPainter>
#include <algorithm>
#include <cmath>

#include "ui/review/ClipOverview.h"
#include "ui/review/ModelLane.h"
#include "ui/review/SelectionModel.h"
#include "ui/review/TierModel.h"
#include "ui/review/TimeAxis.h"
#include "ui/review/VerticalZoom.h"
#include "ui/views/EmotionColors.h"

namespace emo::ui {
namespace {

// A ruler step of 1, 2 or 5 x 10^k seconds with at least `minPx` pixels between ticks.
double rulerStep(double pxPerSecond, double minPx) {
  for (double decade = 0.001; decade < 1e5; decade *= 10)
    for (double m : {1.0, 2.0, 5.0})
      if (m * decade * pxPerSecond >= minPx) return m * decade;
  return 1e5;
}

QString secondsText(double t, double step) {
  const int decimals = step >= 1 ? 0 : step >= 0.1 ? 1 : step >= 0.01 ? 2 : 3;
  return QString::number(t, 'f', decimals);
}

}  // namespace

void ClipOverview::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.fillRect(rect(), palette().base());
  if (!message_.isEmpty() || clip_.duration <= 0) {
    p.setPen(palette().text().color());
    p.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap,
               message_.isEmpty() ? tr("Open files, a folder or a manifest, then pick a clip.") : message_);
    return;
  }
  const OverviewLayout l = layout();
  paintRuler(p, l);
  paintWave(p, l);
  paintSpectrogram(p, l);
  paintModelLane(p, l);
  paintHumanLanes(p, l);

  const int top = l.wave.top();
  const int bottom = l.humanLanes.empty() ? l.modelLane.bottom() : l.humanLanes.back().bottom();
  p.setClipRect(QRect(l.plotLeft, 0, l.plotWidth + 1, height()));
  if (selection_->hasRange()) {
    const double x0 = timeToX(selection_->start()), x1 = timeToX(selection_->end());
    const QRectF sel(x0, top, std::max(1.0, x1 - x0), bottom - top);
    p.fillRect(sel, QColor(255, 255, 255, 60));
    p.setPen(QPen(QColor(255, 210, 0), 2));
    p.drawRect(sel);
  }
  const double px = timeToX(playhead_);
  p.setPen(QPen(QColor(255, 60, 60), 2));
  p.drawLine(QPointF(px, top), QPointF(px, bottom));
}

void ClipOverview::paintRuler(QPainter& p, const OverviewLayout& l) const {
  p.fillRect(l.ruler, palette().alternateBase());
  p.setPen(palette().text().color());
  p.drawText(QRect(0, l.ruler.top(), OverviewLayout::kLeft - 6, l.ruler.height()), Qt::AlignRight | Qt::AlignVCenter,
             axis_->zoomFactor() > 1.01 ? tr("s (×%1)").arg(axis_->zoomFactor(), 0, 'f', 1) : tr("s"));
  const double pxPerSecond = l.plotWidth / std::max(1e-9, axis_->span());
  const double step = rulerStep(pxPerSecond, 70.0);
  const double minor = step / 5;
  for (double t = std::floor(axis_->start() / minor) * minor; t <= axis_->end() + 1e-9; t += minor) {
    const double x = timeToX(t);
    if (x < l.plotLeft - 0.5) continue;
    const bool major = std::abs(t / step - std::round(t / step)) < 1e-6;
    p.drawLine(QPointF(x, l.ruler.bottom()), QPointF(x, l.ruler.bottom() - (major ? 8 : 3)));
    if (major && x + 40 < l.plotLeft + l.plotWidth + 20)
      p.drawText(QRectF(x + 2, l.ruler.top(), 60, l.ruler.height() - 4), Qt::AlignLeft | Qt::AlignTop,
                 secondsText(t, step));
  }
}

void ClipOverview::paintWave(QPainter& p, const OverviewLayout& l) const {
  p.fillRect(l.wave, QColor(20, 24, 32));
  const double visiblePeak = peak(axis_->start(), axis_->end());
  const double gain = zoom_->effectiveGain(visiblePeak);
  p.setPen(palette().text().color());
  p.drawText(QRect(0, l.wave.top(), OverviewLayout::kLeft - 6, 16), Qt::AlignRight | Qt::AlignTop,
             zoom_->autoScale() ? tr("wave (auto)") : tr("wave"));
  p.drawText(QRect(0, l.wave.bottom() - 16, OverviewLayout::kLeft - 6, 16), Qt::AlignRight | Qt::AlignBottom,
             tr("top %1 dBFS").arg(20.0 * std::log10(1.0 / gain), 0, 'f', 0));
  if (clip_.samples.empty()) return;
  p.setPen(QColor(110, 190, 255));
  const double mid = l.wave.center().y(), half = l.wave.height() / 2.0;
  const auto n = static_cast<long>(clip_.samples.size());
  const double secondsPerPx = axis_->span() / l.plotWidth;
  for (int x = 0; x < l.plotWidth; ++x) {
    const double t0 = axis_->start() + x * secondsPerPx;
    const long a = std::clamp(static_cast<long>(t0 * clip_.sampleRate), 0L, n - 1);
    const long b = std::clamp(static_cast<long>((t0 + secondsPerPx) * clip_.sampleRate), a + 1, n);
    const long stride = std::max(1L, (b - a) / 512);
    float lo = 0, hi = 0;
    for (long i = a; i < b; i += stride) {
      lo = std::min(lo, clip_.samples[static_cast<size_t>(i)]);
      hi = std::max(hi, clip_.samples[static_cast<size_t>(i)]);
    }
    const double y0 = std::clamp(mid - hi * gain * half, double(l.wave.top()), double(l.wave.bottom()));
    const double y1 = std::clamp(mid - lo * gain * half, double(l.wave.top()), double(l.wave.bottom()));
    p.drawLine(QPointF(l.plotLeft + x, y0), QPointF(l.plotLeft + x, y1));
  }
}

void ClipOverview::paintSpectrogram(QPainter& p, const OverviewLayout& l) const {
  p.fillRect(l.spec, Qt::black);
  const QImage& img = clip_.spectrogram;
  if (img.isNull() || clip_.duration <= 0) return;
  const double colsPerSecond = img.width() / clip_.duration;
  const int shown = visibleBands();
  const QRectF source(axis_->start() * colsPerSecond, img.height() - shown, axis_->span() * colsPerSecond, shown);
  p.drawImage(QRectF(l.spec), img, source);
  // Frequency axis: ticks at round frequencies up to the top shown.
  p.setPen(palette().text().color());
  p.drawText(QRect(0, l.spec.top(), OverviewLayout::kLeft - 6, 16), Qt::AlignRight | Qt::AlignTop,
             tr("≤ %1 kHz").arg(zoom_->topHz() / 1000.0, 0, 'f', 1));
  int lastY = 1 << 30;
  for (double hz : {100.0, 250.0, 500.0, 1000.0, 2000.0, 3000.0, 4000.0, 6000.0, 8000.0, 12000.0, 16000.0}) {
    if (hz > zoom_->topHz() || (!clip_.bandEdgesHz.empty() && hz > clip_.bandEdgesHz.back())) break;
    const int y = static_cast<int>(hzToY(hz));
    if (y < l.spec.top() + 18 || lastY - y < 14) continue;
    p.drawLine(l.plotLeft - 4, y, l.plotLeft, y);
    p.drawText(QRect(0, y - 8, OverviewLayout::kLeft - 8, 16), Qt::AlignRight | Qt::AlignVCenter,
               hz >= 1000 ? tr("%1k").arg(hz / 1000.0) : QString::number(hz));
    lastY = y;
  }
}

void ClipOverview::paintModelLane(QPainter& p, const OverviewLayout& l) const {
  const QRect& lane = l.modelLane;
  p.setPen(palette().text().color());
  p.drawText(QRect(0, lane.top(), OverviewLayout::kLeft - 6, lane.height()), Qt::AlignRight | Qt::AlignVCenter,
             tr("model"));
  // What no tile covers is hatched: the lane shows the clip from 0 to its end, covered or not.
  p.fillRect(lane, QBrush(QColor(150, 150, 150), Qt::BDiagPattern));
  const auto& tiles = tiers_->modelLane();
  const auto& labels = tiers_->modelLabels();
  p.save();
  p.setClipRect(lane);
  const UncertainRule& rule = tiers_->uncertainRule();
  for (size_t i = 0; i < tiles.size(); ++i) {
    const auto& s = tiles[i];
    const bool labelled = s.speech && s.top >= 0 && s.top < static_cast<int>(labels.size());
    const bool unsure = laneTileUncertain(s, rule);
    size_t j = i;  // a run of equal labels (and equal certainty) is one block, so its name fits
    while (j + 1 < tiles.size() && tiles[j + 1].speech == s.speech && tiles[j + 1].top == s.top &&
           laneTileUncertain(tiles[j + 1], rule) == unsure && tiles[j + 1].start <= tiles[j].end + 1e-6)
      ++j;
    const QRectF r(timeToX(s.start), lane.top(), std::max(1.0, timeToX(tiles[j].end) - timeToX(s.start)), lane.height());
    QColor c = labelled ? emotionColor(labels[static_cast<size_t>(s.top)], s.top) : palette().alternateBase().color();
    if (unsure) {  // the guess's colour, faded and crossed: a guess, not a label
      p.fillRect(r, palette().base());
      c.setAlphaF(0.35);
      p.fillRect(r, c);
      p.fillRect(r, QBrush(QColor(90, 90, 90), Qt::DiagCrossPattern));
    } else {
      p.fillRect(r, c);
    }
    const QString text = laneTileText(s, labels, rule);
    if (r.width() > 40) {
      p.setPen(labelled ? (unsure ? palette().text().color() : QColor(Qt::black)) : palette().text().color());
      p.drawText(r.adjusted(3, 0, -2, 0), Qt::AlignVCenter | Qt::AlignLeft,
                 QFontMetrics(p.font()).elidedText(text, Qt::ElideRight, static_cast<int>(r.width()) - 5));
    }
    i = j;
  }
  p.restore();
}

void ClipOverview::paintHumanLanes(QPainter& p, const OverviewLayout& l) const {
  const auto& tiers = tiers_->humanTiers();
  for (size_t k = 0; k < tiers.size() && k < l.humanLanes.size(); ++k) {
    const QRect& lane = l.humanLanes[k];
    const Tier& tier = tiers[k];
    const QString name = QString::fromStdString(tier.name);
    QFont f = p.font();
    f.setBold(name == selection_->activeTier());
    p.setFont(f);
    p.setPen(palette().text().color());
    p.drawText(QRect(0, lane.top(), OverviewLayout::kLeft - 6, lane.height()), Qt::AlignRight | Qt::AlignVCenter,
               name == selection_->activeTier() ? QStringLiteral("▸ ") + name : name);
    f.setBold(false);
    p.setFont(f);
    p.fillRect(lane, palette().alternateBase());
    p.save();
    p.setClipRect(lane);
    for (size_t i = 0; i < tier.segments.size(); ++i) {
      Segment s = tier.segments[i];
      if (name == dragTier_ && static_cast<int>(i) == dragIndex_ && gesture_ == Gesture::Edge && moved_) {
        if (s.isPoint()) s.start = s.end = dragTime_;  // the drag in progress, before it is an edit
        else if (dragWhich_ == 0) s.start = std::min(dragTime_, s.end);
        else s.end = std::max(dragTime_, s.start);
      }
      const bool unknown = tiers_->isUnknown(s.label);
      const QString text = QString::fromStdString(s.label) + (unknown ? QStringLiteral(" ?") : QString());
      if (s.isPoint()) {
        const double x = timeToX(s.start);
        p.setPen(QPen(unknown ? QColor(220, 40, 40) : QColor(250, 250, 250), 2));
        p.drawLine(QPointF(x, lane.top()), QPointF(x, lane.bottom()));
        p.setBrush(emotionColor(s.label, 0));
        p.drawPolygon(QPolygonF(QList<QPointF>{QPointF(x - 5, lane.top()), QPointF(x + 5, lane.top()), QPointF(x, lane.top() + 7)}));
        p.setPen(palette().text().color());
        p.drawText(QRectF(x + 4, lane.top(), 120, lane.height()), Qt::AlignVCenter | Qt::AlignLeft, text);
        continue;
      }
      const QRectF r(timeToX(s.start), lane.top(), std::max(1.0, timeToX(s.end) - timeToX(s.start)), lane.height());
      p.fillRect(r, unknown ? QColor(200, 200, 200) : emotionColor(s.label, 0));
      p.setPen(QPen(unknown ? QColor(220, 40, 40) : QColor(40, 40, 40), unknown ? 2 : 1,
                    unknown ? Qt::DashLine : Qt::SolidLine));
      p.setBrush(Qt::NoBrush);
      p.drawRect(r.adjusted(0.5, 0.5, -0.5, -0.5));
      if (r.width() > 24) {
        p.setPen(Qt::black);
        p.drawText(r.adjusted(3, 0, -2, 0), Qt::AlignVCenter | Qt::AlignLeft, text);
      }
    }
    p.restore();
  }
}

}  // namespace emo::ui
