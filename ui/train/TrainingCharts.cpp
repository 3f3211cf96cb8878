#include "ui/train/TrainingCharts.h"

#include <QChart>
#include <QChartView>
#include <QHBoxLayout>
#include <QLineSeries>
#include <QPainter>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

namespace emo::ui {
namespace {

QChartView* makeView(const QString& title, QValueAxis*& x, QValueAxis*& y, QWidget* parent) {
  auto* chart = new QChart;
  chart->setTitle(title);
  chart->legend()->setAlignment(Qt::AlignBottom);
  x = new QValueAxis;
  x->setTitleText(QObject::tr("epoch"));
  x->setLabelFormat("%d");
  x->setTickType(QValueAxis::TicksDynamic);  // whole epochs only (never "1 1 1 1 2")
  x->setTickAnchor(0);
  x->setTickInterval(1);
  x->setRange(1, 2);
  y = new QValueAxis;
  chart->addAxis(x, Qt::AlignBottom);
  chart->addAxis(y, Qt::AlignLeft);
  auto* view = new QChartView(chart, parent);
  view->setRenderHint(QPainter::Antialiasing);
  view->setMinimumSize(260, 200);
  return view;
}

QLineSeries* addSeries(QChart* chart, const QString& name, QValueAxis* x, QValueAxis* y, QColor colour) {
  auto* s = new QLineSeries;
  s->setName(name);
  s->setPointsVisible(true);
  s->setColor(colour);
  chart->addSeries(s);
  s->attachAxis(x);
  s->attachAxis(y);
  return s;
}

}  // namespace

TrainingCharts::TrainingCharts(QWidget* parent) : QWidget(parent) {
  lossView_ = makeView(tr("Loss"), lossX_, lossY_, this);
  scoreView_ = makeView(tr("Validation score"), scoreX_, scoreY_, this);
  trainLoss_ = addSeries(lossView_->chart(), tr("training loss"), lossX_, lossY_, QColor(30, 110, 200));
  valUa_ = addSeries(scoreView_->chart(), tr("validation UA"), scoreX_, scoreY_, QColor(210, 60, 40));
  valWa_ = addSeries(scoreView_->chart(), tr("validation WA"), scoreX_, scoreY_, QColor(90, 160, 60));
  scoreY_->setRange(0, 1);
  scoreY_->setLabelFormat("%.2f");
  lossY_->setTickType(QValueAxis::TicksDynamic);
  lossY_->setTickAnchor(0);
  lossY_->setTickInterval(0.2);
  lossY_->setLabelFormat("%.1f");
  lossY_->setRange(0, 1);
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(lossView_);
  layout->addWidget(scoreView_);
}

void TrainingCharts::clear() {
  trainLoss_->clear();
  valUa_->clear();
  valWa_->clear();
  setEpochRange(2);
  lossY_->setTickInterval(0.2);
  lossY_->setLabelFormat("%.1f");
  lossY_->setRange(0, 1);
}

double TrainingCharts::niceStep(double range, int maxTicks) {
  if (!(range > 0) || maxTicks < 1) return 1.0;
  const double raw = range / maxTicks;
  const double p = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (m * p >= raw - 1e-12) return m * p;
  return 10.0 * p;
}

void TrainingCharts::setEpochRange(int maxEpoch) {
  const double step = std::max(1.0, niceStep(maxEpoch - 1, 10));
  for (QValueAxis* x : {lossX_, scoreX_}) {
    x->setTickInterval(step);
    x->setRange(1, maxEpoch);
  }
}

void TrainingCharts::addEpoch(const EpochLog& log) {
  trainLoss_->append(log.epoch, log.trainLoss);
  if (log.valUa >= 0) valUa_->append(log.epoch, log.valUa);
  if (log.valWa >= 0) valWa_->append(log.epoch, log.valWa);
  setEpochRange(std::max(2, log.epoch));
  double top = 0.0;
  for (const QPointF& p : trainLoss_->points()) top = std::max(top, p.y());
  if (!(top > 0)) top = 1.0;
  // Round ticks from 0; the top is the first tick above the highest loss.
  const double step = niceStep(top * 1.05, 6);
  lossY_->setTickInterval(step);
  lossY_->setLabelFormat(step >= 1 ? "%.0f" : step >= 0.1 ? "%.1f" : step >= 0.01 ? "%.2f" : "%.3f");
  lossY_->setRange(0, std::ceil(top * 1.05 / step) * step);
}

int TrainingCharts::epochs() const { return static_cast<int>(trainLoss_->count()); }
double TrainingCharts::lastTrainLoss() const { return trainLoss_->count() ? trainLoss_->points().back().y() : -1.0; }
double TrainingCharts::lastValidationUa() const { return valUa_->count() ? valUa_->points().back().y() : -1.0; }

QImage TrainingCharts::render() {
  QImage img(size().expandedTo(QSize(800, 300)), QImage::Format_ARGB32);
  img.fill(Qt::white);
  QPainter p(&img);
  const int w = img.width() / 2;
  lossView_->render(&p, QRectF(0, 0, w, img.height()));
  scoreView_->render(&p, QRectF(w, 0, img.width() - w, img.height()));
  return img;
}

QString TrainingCharts::savePng(const QString& path) {
  return render().save(path, "PNG") ? QString() : tr("Could not write %1").arg(path);
}

}  // namespace emo::ui
