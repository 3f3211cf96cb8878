#include "ui/views/EmotionTimelineChart.h"

#include <QtCharts/QAreaSeries>
#include <QtCharts/QChart>
#include <QtCharts/QLegend>
#include <QtCharts/QLineSeries>
#include <QtCharts/QValueAxis>
#include <algorithm>

#include "ui/views/EmotionColors.h"

namespace emo::ui {

// QChartView(parent) would create a default chart that a later setChart() only releases, never
// deletes (found by LeakSanitizer): the view is constructed with its chart, which it owns.
EmotionTimelineChart::EmotionTimelineChart(QWidget* parent) : QChartView(new QChart(), parent) {
  QChart* chart = this->chart();
  chart->legend()->setAlignment(Qt::AlignBottom);
  chart->setMargins(QMargins(4, 4, 4, 4));
  chart->setBackgroundRoundness(0);
  setRenderHint(QPainter::Antialiasing);
  setMinimumHeight(200);
  axisX_ = new QValueAxis(chart);
  axisX_->setTitleText(tr("time (s)"));
  axisX_->setLabelFormat(QStringLiteral("%.0f"));
  axisY_ = new QValueAxis(chart);
  axisY_->setRange(0.0, 1.0);
  axisY_->setTickCount(3);
  axisY_->setLabelFormat(QStringLiteral("%.1f"));
  chart->addAxis(axisX_, Qt::AlignBottom);
  chart->addAxis(axisY_, Qt::AlignLeft);
  axisX_->setRange(0.0, params_.windowSeconds);
}

void EmotionTimelineChart::setParams(const EmotionTimelineParams& params) {
  params_ = params;
  clear();
}

void EmotionTimelineChart::setLabels(const std::vector<std::string>& labels) {
  QChart* c = chart();
  c->removeAllSeries();  // deletes the old series (and the area's upper line with the area)
  series_.clear();
  speechUpper_ = nullptr;
  speechArea_ = nullptr;
  labels_ = labels;
  // The "no speech" shading first, so the lines draw over it.
  auto* area = new QAreaSeries();
  speechArea_ = area;
  speechUpper_ = new QLineSeries(area);
  area->setUpperSeries(speechUpper_);
  area->setName(tr("no speech"));
  area->setColor(QColor(128, 128, 128, 50));
  area->setBorderColor(Qt::transparent);
  c->addSeries(area);
  area->attachAxis(axisX_);
  area->attachAxis(axisY_);
  for (size_t i = 0; i < labels.size(); ++i) {
    auto* s = new QLineSeries();
    s->setName(emotionDisplayName(labels[i]));
    QPen pen(emotionColor(labels[i], int(i)));
    pen.setWidthF(2.0 * scale_);
    s->setPen(pen);
    s->setUseOpenGL(false);
    c->addSeries(s);
    s->attachAxis(axisX_);
    s->attachAxis(axisY_);
    series_.push_back(s);
  }
  points_.assign(labels.size(), {});
  clear();
}

void EmotionTimelineChart::clear() {
  for (auto& p : points_) p.clear();
  speechPoints_.clear();
  pushToSeries(0.0, params_.windowSeconds);
}

void EmotionTimelineChart::appendFrames(const std::vector<EmotionFrame>& frames) {
  if (frames.empty() || series_.empty()) return;
  addFrames(frames, true);
  const double tMax = std::max(params_.windowSeconds, frames.back().time);
  pushToSeries(tMax - params_.windowSeconds, tMax);
}

void EmotionTimelineChart::showAll(const std::vector<EmotionFrame>& frames) {
  for (auto& p : points_) p.clear();
  speechPoints_.clear();
  if (series_.empty()) return;
  addFrames(frames, false);
  const double tMax = frames.empty() ? params_.windowSeconds : std::max(1.0, frames.back().time);
  pushToSeries(0.0, tMax);
}

void EmotionTimelineChart::addFrames(const std::vector<EmotionFrame>& frames, bool trim) {
  for (const EmotionFrame& f : frames) {
    const bool ok = f.speech && f.probabilities.size() == series_.size();
    for (size_t i = 0; i < series_.size(); ++i)
      points_[i].append(QPointF(f.time, ok ? double(f.probabilities[i]) : 0.0));
    speechPoints_.append(QPointF(f.time, ok ? 0.0 : 1.0));
  }
  if (!trim || speechPoints_.isEmpty()) return;
  // Drop points older than the window (keep one before it so the line enters from the edge).
  const double cutoff = speechPoints_.last().x() - params_.windowSeconds;
  int drop = 0;
  while (drop + 1 < speechPoints_.size() && speechPoints_[drop + 1].x() < cutoff) ++drop;
  if (drop > 0) {
    for (auto& p : points_) p.remove(0, drop);
    speechPoints_.remove(0, drop);
  }
}

void EmotionTimelineChart::pushToSeries(double xMin, double xMax) {
  for (size_t i = 0; i < series_.size(); ++i) series_[i]->replace(points_[i]);
  if (speechUpper_) speechUpper_->replace(speechPoints_);
  axisX_->setLabelFormat(xMax - xMin <= 5.0 ? QStringLiteral("%.1f") : QStringLiteral("%.0f"));
  axisX_->setRange(xMin, xMax);
}

int EmotionTimelineChart::seriesCount() const { return int(series_.size()); }

int EmotionTimelineChart::pointCount(int i) const {
  return i >= 0 && i < int(series_.size()) ? int(series_[size_t(i)]->count()) : 0;
}

double EmotionTimelineChart::lastValue(int i) const {
  if (i < 0 || i >= int(series_.size()) || series_[size_t(i)]->count() == 0) return -1.0;
  return series_[size_t(i)]->at(series_[size_t(i)]->count() - 1).y();
}

QString EmotionTimelineChart::seriesName(int i) const {
  return i >= 0 && i < int(series_.size()) ? series_[size_t(i)]->name() : QString();
}

double EmotionTimelineChart::axisMin() const { return axisX_->min(); }
double EmotionTimelineChart::axisMax() const { return axisX_->max(); }

void EmotionTimelineChart::setScale(double scale) {
  scale_ = std::max(0.5, scale);
  applyStyle();
}

void EmotionTimelineChart::setDarkTheme(bool dark) {
  chart()->setTheme(dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
  chart()->setBackgroundRoundness(0);
  applyStyle();  // the theme resets series colours and fonts
}

void EmotionTimelineChart::applyStyle() {
  QFont f = font();
  f.setPointSizeF(f.pointSizeF() * scale_);
  axisX_->setLabelsFont(f);
  axisY_->setLabelsFont(f);
  axisX_->setTitleFont(f);
  chart()->legend()->setFont(f);
  for (size_t i = 0; i < series_.size(); ++i) {
    QPen pen(emotionColor(labels_[i], int(i)));
    pen.setWidthF(2.0 * scale_);
    series_[i]->setPen(pen);
  }
  if (speechArea_) {
    speechArea_->setColor(QColor(128, 128, 128, 50));
    speechArea_->setBorderColor(Qt::transparent);
  }
}

}  // namespace emo::ui
