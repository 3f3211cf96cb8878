#include "ui/views/WaveformView.h"

#include <QPainter>
#include <algorithm>
#include <cmath>

namespace emo::ui {

WaveformView::WaveformView(QWidget* parent) : QWidget(parent) {
  setMinimumSize(200, 60);
  setParams(params_);
}

void WaveformView::setParams(const WaveformViewParams& params) {
  params_ = params;
  const int cap = std::max(10, int(std::lround(params_.historySeconds / std::max(1e-4, params_.bucketSeconds))));
  mins_.assign(size_t(cap), 0.0f);
  maxs_.assign(size_t(cap), 0.0f);
  clear();
}

void WaveformView::clear() {
  std::fill(mins_.begin(), mins_.end(), 0.0f);
  std::fill(maxs_.begin(), maxs_.end(), 0.0f);
  write_ = filled_ = 0;
  curMin_ = curMax_ = 0.0f;
  curCount_ = received_ = 0;
  update();
}

void WaveformView::appendSamples(const float* samples, size_t n, int sampleRate) {
  if (n == 0 || sampleRate <= 0) return;
  const long long perBucket = std::max(1LL, std::llround(params_.bucketSeconds * sampleRate));
  const int cap = int(mins_.size());
  for (size_t i = 0; i < n; ++i) {
    const float v = std::isfinite(samples[i]) ? samples[i] : 0.0f;
    if (curCount_ == 0) curMin_ = curMax_ = v;
    curMin_ = std::min(curMin_, v);
    curMax_ = std::max(curMax_, v);
    if (++curCount_ == perBucket) {
      mins_[size_t(write_)] = curMin_;
      maxs_[size_t(write_)] = curMax_;
      write_ = (write_ + 1) % cap;
      filled_ = std::min(cap, filled_ + 1);
      curCount_ = 0;
      ++received_;
    }
  }
  update();
}

float WaveformView::visiblePeak() const {
  float peak = 0.0f;
  for (size_t i = 0; i < mins_.size(); ++i) peak = std::max({peak, std::abs(mins_[i]), std::abs(maxs_[i])});
  return peak;
}

float WaveformView::displayGain() const {
  const float peak = visiblePeak();
  if (peak <= 1e-6f) return 1.0f;
  return std::clamp(0.9f / peak, 1.0f, 100.0f);
}

void WaveformView::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.fillRect(rect(), palette().base());
  const int cap = int(mins_.size());
  const double mid = height() / 2.0;
  const float gain = displayGain();
  const double half = (height() / 2.0 - 1.0) * gain;
  p.setPen(QPen(palette().mid().color(), 1));
  p.drawLine(0, int(mid), width(), int(mid));
  p.setPen(QPen(palette().highlight().color(), 1));
  // Each pixel column covers a range of buckets; draw their joint min..max.
  const double perPixel = double(cap) / std::max(1, width());
  for (int x = 0; x < width(); ++x) {
    const int b0 = int(x * perPixel);
    const int b1 = std::max(b0 + 1, int((x + 1) * perPixel));
    float lo = 0.0f, hi = 0.0f;
    for (int b = b0; b < b1 && b < cap; ++b) {
      // Bucket b counts from the oldest shown: oldest is at write_ when the ring is full.
      if (b < cap - filled_) continue;
      const size_t idx = size_t((write_ + b) % cap);
      lo = std::min(lo, mins_[idx]);
      hi = std::max(hi, maxs_[idx]);
    }
    if (hi > lo) p.drawLine(x, int(mid - hi * half), x, int(mid - lo * half));
  }
  if (gain > 1.05f) {
    p.setPen(palette().placeholderText().color());
    p.drawText(rect().adjusted(4, 2, -4, -2), Qt::AlignTop | Qt::AlignRight,
               QStringLiteral("×%1").arg(gain < 10.0f ? QString::number(gain, 'f', 1) : QString::number(int(gain))));
  }
  ++paints_;
}

}  // namespace emo::ui
