#include "ui/review/ClipOverview.h"

#include <QMouseEvent>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

#include "ui/review/SelectionModel.h"
#include "ui/review/TierModel.h"
#include "ui/review/TimeAxis.h"
#include "ui/review/VerticalZoom.h"

namespace emo::ui {
namespace {
constexpr double kEdgeGrabPx = 4.0;  // a press this close to a boundary drags it
constexpr double kClickPx = 3.0;     // a press that moves less is a click
}  // namespace

OverviewLayout OverviewLayout::compute(QSize size, int humanLanes) {
  OverviewLayout l;
  const int x0 = kLeft, x1 = std::max(kLeft + 1, size.width() - kMargin);
  l.plotLeft = x0;
  l.plotWidth = x1 - x0;
  const int lanesH = (1 + humanLanes) * (kLane + 2);
  l.ruler = QRect(x0, kMargin, l.plotWidth, kRuler);
  const int avail = std::max(60, size.height() - kRuler - lanesH - 4 * kMargin);
  l.wave = QRect(x0, l.ruler.bottom() + 2, l.plotWidth, avail * 2 / 5);
  l.spec = QRect(x0, l.wave.bottom() + kMargin, l.plotWidth, avail - l.wave.height() - kMargin);
  int y = l.spec.bottom() + kMargin;
  l.modelLane = QRect(x0, y, l.plotWidth, kLane);
  for (int i = 0; i < humanLanes; ++i) {
    y += kLane + 2;
    l.humanLanes.emplace_back(x0, y, l.plotWidth, kLane);
  }
  return l;
}

ClipOverview::ClipOverview(TimeAxis* axis, SelectionModel* selection, TierModel* tiers, VerticalZoom* zoom,
                           QWidget* parent)
    : QWidget(parent), axis_(axis), selection_(selection), tiers_(tiers), zoom_(zoom) {
  setFocusPolicy(Qt::NoFocus);
  setAttribute(Qt::WA_OpaquePaintEvent);
  setMouseTracking(true);  // readouts follow the pointer
  for (QObject* m : {static_cast<QObject*>(axis_), static_cast<QObject*>(selection_), static_cast<QObject*>(zoom_)})
    connect(m, SIGNAL(changed()), this, SLOT(update()));
  connect(tiers_, &TierModel::changed, this, [this] {
    updateGeometry();
    update();
  });
}

void ClipOverview::setClip(OverviewClip clip) {
  clip_ = std::move(clip);
  message_.clear();
  update();
}

void ClipOverview::setPlayhead(double seconds) {
  if (seconds == playhead_) return;
  playhead_ = seconds;
  update();
}

void ClipOverview::setMessage(const QString& message) {
  message_ = message;
  update();
}

void ClipOverview::clear() {
  clip_ = OverviewClip{};
  playhead_ = 0;
  gesture_ = Gesture::None;
  update();
}

int ClipOverview::timelineSegments() const { return static_cast<int>(tiers_->modelLane().size()); }
int ClipOverview::laneCount() const { return static_cast<int>(tiers_->humanTiers().size()); }

double ClipOverview::timeToX(double t) const {
  const OverviewLayout l = layout();
  return axis_->timeToX(t, l.plotLeft, l.plotWidth);
}

double ClipOverview::xToTime(double x) const {
  const OverviewLayout l = layout();
  return axis_->xToTime(x, l.plotLeft, l.plotWidth);
}

int ClipOverview::humanLaneAt(int y) const {
  const OverviewLayout l = layout();
  for (size_t i = 0; i < l.humanLanes.size(); ++i)
    if (y >= l.humanLanes[i].top() && y <= l.humanLanes[i].bottom()) return static_cast<int>(i);
  return -1;
}

void ClipOverview::mousePressEvent(QMouseEvent* event) {
  if (clip_.duration <= 0 || event->button() != Qt::LeftButton) return;
  const QPointF pos = event->position();
  const int lane = humanLaneAt(static_cast<int>(pos.y()));
  if (lane >= 0) selection_->setActiveTier(QString::fromStdString(tiers_->humanTiers()[static_cast<size_t>(lane)].name));
  if (pos.x() < OverviewLayout::kLeft) return;
  pressX_ = pos.x();
  moved_ = false;
  if (lane >= 0) {  // a boundary of a human label under the pointer?
    const Tier& tier = tiers_->humanTiers()[static_cast<size_t>(lane)];
    double best = kEdgeGrabPx + 1;
    for (size_t i = 0; i < tier.segments.size(); ++i) {
      const Segment& s = tier.segments[i];
      for (int which = 0; which < (s.isPoint() ? 1 : 2); ++which) {
        const double d = std::abs(timeToX(which == 0 ? s.start : s.end) - pos.x());
        if (d <= kEdgeGrabPx && d < best) {
          best = d;
          dragTier_ = QString::fromStdString(tier.name);
          dragIndex_ = static_cast<int>(i);
          dragWhich_ = which;
        }
      }
    }
    if (best <= kEdgeGrabPx) {
      gesture_ = Gesture::Edge;
      dragTime_ = xToTime(pos.x());
      return;
    }
  }
  gesture_ = Gesture::Select;
  anchor_ = xToTime(pos.x());
}

void ClipOverview::mouseMoveEvent(QMouseEvent* event) {
  const QPointF pos = event->position();
  updateReadout(pos);
  if (gesture_ == Gesture::None) {
    // The pointer shows where a boundary can be grabbed.
    const int lane = humanLaneAt(static_cast<int>(pos.y()));
    bool nearEdge = false;
    if (lane >= 0)
      for (const Segment& s : tiers_->humanTiers()[static_cast<size_t>(lane)].segments)
        nearEdge = nearEdge || std::abs(timeToX(s.start) - pos.x()) <= kEdgeGrabPx ||
                   (!s.isPoint() && std::abs(timeToX(s.end) - pos.x()) <= kEdgeGrabPx);
    setCursor(nearEdge ? Qt::SizeHorCursor : Qt::ArrowCursor);
    return;
  }
  if (std::abs(pos.x() - pressX_) > kClickPx) moved_ = true;
  if (!moved_) return;
  const double t = xToTime(pos.x());
  if (gesture_ == Gesture::Edge) {
    dragTime_ = t;
    update();
  } else {
    selection_->setRange(anchor_, t);  // replaces the old selection
  }
}

void ClipOverview::mouseReleaseEvent(QMouseEvent* event) {
  if (event->button() != Qt::LeftButton || gesture_ == Gesture::None) return;
  const Gesture g = gesture_;
  gesture_ = Gesture::None;
  const double t = xToTime(event->position().x());
  if (g == Gesture::Edge) {
    if (moved_) emit edgeMoved(dragTier_, dragIndex_, dragWhich_, t);
    update();
    return;
  }
  if (!moved_) {  // a click: no selection, the playhead goes there
    selection_->clear();
    emit seekRequested(t);
    return;
  }
  selection_->setRange(anchor_, t);
  emit seekRequested(selection_->start());
}

void ClipOverview::mouseDoubleClickEvent(QMouseEvent* event) {
  const int lane = humanLaneAt(static_cast<int>(event->position().y()));
  if (lane < 0 || clip_.duration <= 0) return;
  gesture_ = Gesture::None;
  const QString tier = QString::fromStdString(tiers_->humanTiers()[static_cast<size_t>(lane)].name);
  const double t = xToTime(event->position().x());
  const int index = tiers_->segmentAt(tier, t, kEdgeGrabPx * axis_->span() / std::max(1, layout().plotWidth));
  if (index >= 0) emit editRequested(tier, index, layout().humanLanes[static_cast<size_t>(lane)]);
}

void ClipOverview::wheelEvent(QWheelEvent* event) {
  if (clip_.duration <= 0) return;
  const QPointF pos = event->position();
  const double notches = event->angleDelta().y() / 120.0;
  const OverviewLayout l = layout();
  if (event->modifiers() & Qt::ControlModifier) {
    axis_->zoomAbout(std::pow(1.25, notches), xToTime(pos.x()));
  } else if (event->modifiers() & Qt::ShiftModifier) {
    if (l.spec.contains(pos.toPoint()))
      zoom_->zoomFrequency(std::pow(1.25, notches));
    else if (l.wave.contains(pos.toPoint()))
      zoom_->zoomLevel(std::pow(1.25, notches));
  } else {
    const double dx = event->angleDelta().x() != 0 ? event->angleDelta().x() / 120.0 : -notches;
    axis_->scrollBy(dx * axis_->span() * 0.1);
  }
  event->accept();
  updateReadout(pos);
}

void ClipOverview::leaveEvent(QEvent*) {
  readout_.clear();
  emit readoutChanged(readout_);
}

void ClipOverview::updateReadout(QPointF pos) {
  QString text;
  const OverviewLayout l = layout();
  if (clip_.duration > 0 && pos.x() >= l.plotLeft && pos.x() <= l.plotLeft + l.plotWidth) {
    const double t = xToTime(pos.x());
    text = tr("%1 s").arg(t, 0, 'f', 3);
    const QPoint p = pos.toPoint();
    if (l.spec.contains(p) && !clip_.spectrogramDb.empty()) {
      const double hz = yToHz(pos.y());
      const int col = std::clamp(static_cast<int>(t / clip_.spectrogramHop), 0, clip_.spectrogramDb.rows - 1);
      const int band = std::clamp(static_cast<int>(std::lround(hzToBand(hz))), 0, clip_.spectrogramDb.cols - 1);
      text += tr(" · %1 Hz · %2 dB").arg(hz, 0, 'f', 0).arg(clip_.spectrogramDb.at(col, band), 0, 'f', 1);
    } else if (l.wave.contains(p)) {
      const double dt = axis_->span() / std::max(1, l.plotWidth);
      const double level = peak(t, t + dt);
      text += level > 0 ? tr(" · peak %1 dBFS").arg(20.0 * std::log10(level), 0, 'f', 1) : tr(" · silence");
    }
  }
  if (text == readout_) return;
  readout_ = text;
  emit readoutChanged(text);
}

double ClipOverview::peak(double t0, double t1) const {
  if (clip_.samples.empty()) return 0.0;
  const auto n = static_cast<long>(clip_.samples.size());
  const long a = std::clamp(static_cast<long>(t0 * clip_.sampleRate), 0L, n - 1);
  const long b = std::clamp(static_cast<long>(std::ceil(t1 * clip_.sampleRate)), a + 1, n);
  const long stride = std::max(1L, (b - a) / 4096);  // long views: a strided look is enough
  float m = 0.0f;
  for (long i = a; i < b; i += stride) m = std::max(m, std::abs(clip_.samples[static_cast<size_t>(i)]));
  return m;
}

int ClipOverview::visibleBands() const {
  const int bands = clip_.spectrogram.height();
  if (bands <= 0) return 0;
  return std::clamp(static_cast<int>(std::ceil(hzToBand(zoom_->topHz()) + 0.5)), 1, bands);
}

double ClipOverview::hzToBand(double hz) const {
  const auto& e = clip_.bandEdgesHz;  // band b is centred on e[b + 1]
  if (e.size() < 3) return 0.0;
  const int bands = static_cast<int>(e.size()) - 2;
  if (hz <= e[1]) return 0.0;
  for (int b = 0; b + 1 < bands; ++b)
    if (hz <= e[static_cast<size_t>(b) + 2])
      return b + (hz - e[static_cast<size_t>(b) + 1]) / (e[static_cast<size_t>(b) + 2] - e[static_cast<size_t>(b) + 1]);
  return bands - 1;
}

double ClipOverview::yToHz(double y) const {
  const OverviewLayout l = layout();
  const int shown = visibleBands();
  if (shown <= 0 || !l.spec.contains(QPoint(l.spec.left(), static_cast<int>(y)))) return -1;
  const double band = (l.spec.bottom() + 1 - y) / l.spec.height() * shown - 0.5;
  const auto& e = clip_.bandEdgesHz;
  const double b = std::clamp(band, 0.0, static_cast<double>(e.size() - 3));
  const size_t i = static_cast<size_t>(b);
  const double f = b - i;
  return i + 2 < e.size() ? e[i + 1] + f * (e[std::min(i + 2, e.size() - 2)] - e[i + 1]) : e[i + 1];
}

double ClipOverview::hzToY(double hz) const {
  const OverviewLayout l = layout();
  const int shown = std::max(1, visibleBands());
  return l.spec.bottom() + 1 - (hzToBand(hz) + 0.5) / shown * l.spec.height();
}

}  // namespace emo::ui
