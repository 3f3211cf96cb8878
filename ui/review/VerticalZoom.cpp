#include "ui/review/VerticalZoom.h"

#include <algorithm>

namespace emo::ui {

VerticalZoom::VerticalZoom(QObject* parent) : QObject(parent) {}

void VerticalZoom::setAutoScale(bool on) {
  if (on == autoScale_) return;
  autoScale_ = on;
  emit changed();
}

void VerticalZoom::zoomLevel(double factor) {
  gain_ = std::clamp(gain_ * factor, 1.0, 64.0);
  autoScale_ = false;
  emit changed();
}

double VerticalZoom::effectiveGain(double visiblePeak) const {
  if (!autoScale_) return gain_;
  return visiblePeak > 1e-6 ? std::clamp(0.95 / visiblePeak, 1.0, 1000.0) : 1.0;
}

void VerticalZoom::setFrequencyLimit(double maxHz) {
  maxHz_ = std::max(1.0, maxHz);
  topHz_ = std::min(topHz_ <= 0 ? maxHz_ : topHz_, maxHz_);
  emit changed();
}

void VerticalZoom::zoomFrequency(double factor) {
  if (factor <= 0) return;
  const double top = std::clamp(topHz_ / factor, std::min(500.0, maxHz_), maxHz_);
  if (top == topHz_) return;
  topHz_ = top;
  emit changed();
}

}  // namespace emo::ui
