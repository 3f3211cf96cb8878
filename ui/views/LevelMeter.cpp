#include "ui/views/LevelMeter.h"

#include <QPainter>
#include <algorithm>
#include <cmath>

namespace emo::ui {
namespace {
constexpr float kFloorDb = -60.0f;
}

LevelMeter::LevelMeter(QWidget* parent) : QWidget(parent) {
  setMinimumSize(80, 10);
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
  setToolTip(tr("Input level (dBFS)"));
}

void LevelMeter::pushSamples(const float* samples, size_t n) {
  if (n == 0) return;
  double sum = 0.0;
  for (size_t i = 0; i < n; ++i) sum += double(samples[i]) * samples[i];
  const double rms = std::sqrt(sum / double(n));
  setLevelDb(rms > 1e-6 ? float(20.0 * std::log10(rms)) : -120.0f);
}

void LevelMeter::setLevelDb(float db) {
  levelDb_ = db;
  peakDb_ = std::max(db, peakDb_ - 1.3f);  // ~40 dB/s decay at 30 updates a second
  update();
}

void LevelMeter::reset() {
  levelDb_ = peakDb_ = -120.0f;
  update();
}

void LevelMeter::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.fillRect(rect(), palette().alternateBase());
  auto xOf = [&](float db) { return int(width() * std::clamp((db - kFloorDb) / -kFloorDb, 0.0f, 1.0f)); };
  const int x = xOf(levelDb_);
  const int xAmber = xOf(-12.0f), xRed = xOf(-3.0f);
  p.fillRect(QRect(0, 0, std::min(x, xAmber), height()), QColor(0x3c, 0xb3, 0x71));
  if (x > xAmber) p.fillRect(QRect(xAmber, 0, std::min(x, xRed) - xAmber, height()), QColor(0xff, 0xb3, 0x00));
  if (x > xRed) p.fillRect(QRect(xRed, 0, x - xRed, height()), QColor(0xe5, 0x39, 0x35));
  p.setPen(palette().windowText().color());
  const int px = xOf(peakDb_);
  if (peakDb_ > kFloorDb) p.drawLine(px, 0, px, height());
}

}  // namespace emo::ui
