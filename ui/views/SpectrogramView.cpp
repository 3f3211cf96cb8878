#include "ui/views/SpectrogramView.h"

#include <QPainter>
#include <algorithm>
#include <cmath>

namespace emo::ui {
namespace {

// Slaney mel scale (librosa htk=False): linear below 1 kHz, logarithmic above.
constexpr float kFsp = 200.0f / 3.0f;
constexpr float kMinLogHz = 1000.0f;
constexpr float kMinLogMel = kMinLogHz / kFsp;
const float kLogStep = std::log(6.4f) / 27.0f;

float hzToMel(float hz) {
  return hz < kMinLogHz ? hz / kFsp : kMinLogMel + std::log(hz / kMinLogHz) / kLogStep;
}
float melToHz(float mel) {
  return mel < kMinLogMel ? mel * kFsp : kMinLogHz * std::exp(kLogStep * (mel - kMinLogMel));
}

}  // namespace

SpectrogramView::SpectrogramView(QWidget* parent) : QWidget(parent), map_(params_.colors) {
  setAttribute(Qt::WA_OpaquePaintEvent);
  setMinimumSize(200, 100);
  setParams(params_);
}

void SpectrogramView::setParams(const SpectrogramViewParams& params) {
  params_ = params;
  params_.historyColumns = std::max(10, params_.historyColumns);
  params_.melBands = std::max(1, params_.melBands);
  map_ = ColorMap(params_.colors);
  cache_ = QImage(params_.historyColumns, params_.melBands, QImage::Format_RGB32);
  clear();
}

void SpectrogramView::clear() {
  cache_.fill(map_.at(0.0f));
  writeX_ = 0;
  received_ = 0;
  peakDb_ = -200.0f;
  update();
}

void SpectrogramView::setAxisFont(const QFont& font) {
  axisFont_ = font;
  update();
}

void SpectrogramView::appendColumns(const Matrix& columns) {
  if (columns.empty()) return;
  if (columns.cols != params_.melBands) {
    SpectrogramViewParams p = params_;
    p.melBands = columns.cols;
    setParams(p);
  }
  for (int r = 0; r < columns.rows; ++r) paintColumn(columns.row(r), columns.cols);
  update();
}

void SpectrogramView::paintColumn(const float* values, int cols) {
  // Track the loudest value seen (decaying slowly) so the picture adapts to the input level.
  float colMax = -200.0f;
  for (int b = 0; b < cols; ++b)
    if (std::isfinite(values[b])) colMax = std::max(colMax, values[b]);
  peakDb_ = std::max(colMax, peakDb_ - 0.02f);
  const float top = std::max(peakDb_, params_.minTopDb);
  const float floor = top - params_.rangeDb;
  // Row 0 of the image is the highest band.
  for (int b = 0; b < cols; ++b) {
    auto* line = reinterpret_cast<QRgb*>(cache_.scanLine(cols - 1 - b));
    line[writeX_] = map_.atDb(values[b], floor, top);
  }
  writeX_ = (writeX_ + 1) % params_.historyColumns;
  ++received_;
}

QRgb SpectrogramView::newestColour(int band) const {
  const int x = (writeX_ + params_.historyColumns - 1) % params_.historyColumns;
  return cache_.pixel(x, params_.melBands - 1 - std::clamp(band, 0, params_.melBands - 1));
}

float SpectrogramView::bandHz(int band) const {
  const float lo = hzToMel(params_.fminHz);
  const float hi = hzToMel(params_.fmaxHz);
  const float step = (hi - lo) / float(params_.melBands + 1);
  return melToHz(lo + step * float(band + 1));
}

int SpectrogramView::axisWidth() const {
  return QFontMetrics(axisFont_).horizontalAdvance(QStringLiteral("8.0k ")) + 6;
}

void SpectrogramView::paintEvent(QPaintEvent*) {
  QPainter p(this);
  const int axisW = axisWidth();
  const QRect plot(axisW, 0, width() - axisW, height());
  p.fillRect(rect(), palette().window());
  // Circular cache: the oldest part [writeX_, end) goes left, [0, writeX_) right.
  const int n = params_.historyColumns;
  const double scale = double(plot.width()) / n;
  const int leftCols = n - writeX_;
  p.setRenderHint(QPainter::SmoothPixmapTransform, false);
  p.drawImage(QRectF(plot.left(), 0, leftCols * scale, plot.height()), cache_,
              QRectF(writeX_, 0, leftCols, params_.melBands));
  if (writeX_ > 0)
    p.drawImage(QRectF(plot.left() + leftCols * scale, 0, writeX_ * scale, plot.height()), cache_,
                QRectF(0, 0, writeX_, params_.melBands));

  // Frequency axis: ticks at round frequencies placed on the mel scale.
  p.setFont(axisFont_);
  p.setPen(palette().windowText().color());
  const float lo = hzToMel(params_.fminHz);
  const float hi = hzToMel(params_.fmaxHz);
  const QFontMetrics fm(axisFont_);
  for (float hz : {250.0f, 500.0f, 1000.0f, 2000.0f, 4000.0f, 8000.0f}) {
    if (hz < params_.fminHz || hz > params_.fmaxHz) continue;
    const float frac = (hzToMel(hz) - lo) / (hi - lo);
    const int y = int(std::lround((1.0f - frac) * (plot.height() - 1)));
    p.drawLine(axisW - 4, y, axisW - 1, y);
    const QString text = hz >= 1000.0f ? QString::number(hz / 1000.0f, 'g', 2) + QStringLiteral("k")
                                       : QString::number(int(hz));
    const int ty = std::clamp(y + fm.ascent() / 2 - 1, fm.ascent(), height() - 2);
    p.drawText(QRect(0, ty - fm.ascent(), axisW - 6, fm.height()), Qt::AlignRight | Qt::AlignTop, text);
  }
  ++paints_;
}

}  // namespace emo::ui
