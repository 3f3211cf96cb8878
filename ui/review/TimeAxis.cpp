#include "ui/review/TimeAxis.h"

#include <algorithm>

namespace emo::ui {

TimeAxis::TimeAxis(QObject* parent) : QObject(parent) {}

void TimeAxis::setDuration(double seconds) {
  duration_ = std::max(0.0, seconds);
  start_ = 0.0;
  end_ = duration_;
  emit changed();
}

void TimeAxis::setRange(double start, double end) {
  if (duration_ <= 0) return;
  double span = std::clamp(end - start, std::min(kMinSpan, duration_), duration_);
  start = std::clamp(start, 0.0, duration_ - span);
  if (start == start_ && start + span == end_) return;
  start_ = start;
  end_ = start + span;
  emit changed();
}

void TimeAxis::zoomAbout(double factor, double anchor) {
  if (duration_ <= 0 || factor <= 0) return;
  const double span = std::clamp(this->span() / factor, std::min(kMinSpan, duration_), duration_);
  const double frac = this->span() > 0 ? (anchor - start_) / this->span() : 0.5;
  const double start = anchor - frac * span;
  setRange(start, start + span);
}

void TimeAxis::ensureVisible(double t) {
  if (t < start_) setRange(t, t + span());
  else if (t > end_) setRange(t - span(), t);
}

double TimeAxis::timeToX(double t, double left, double width) const {
  return left + (span() > 0 ? (t - start_) / span() * width : 0.0);
}

double TimeAxis::xToTime(double x, double left, double width) const {
  if (width <= 0 || span() <= 0) return 0.0;
  return std::clamp(start_ + (x - left) / width * span(), 0.0, duration_);
}

}  // namespace emo::ui
