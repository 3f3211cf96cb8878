#include "ui/train/TrainingCharts.h"

#include <QChart>
#include <QChartView>
#include <QHBoxLayout>
#include <QLineSeries>
#include <QPainter>
#include <QValueAxis>
#include <algorithm>

namespace emo::ui {
namespace {

QChartView* makeView(const QString& title, QValueAxis*& x, QValueAxis*& y, QWidget* parent) {
  auto* chart = new QChart;
  chart->setTitle(title);
  chart->legend()->setAlignment(Qt::AlignBottom);
  x = new QValueAxis;
  x->setTitleText(QObject::tr("epoch"));
  x->setLabelFormat("%d");
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
  lossX_->setRange(1, 2);
  scoreX_->setRange(1, 2);
  lossY_->setRange(0, 1);
}

void TrainingCharts::addEpoch(const EpochLog& log) {
  trainLoss_->append(log.epoch, log.trainLoss);
  if (log.valUa >= 0) valUa_->append(log.epoch, log.valUa);
  if (log.valWa >= 0) valWa_->append(log.epoch, log.valWa);
  const int maxEpoch = std::max(2, log.epoch);
  lossX_->setRange(1, maxEpoch);
  scoreX_->setRange(1, maxEpoch);
  lossX_->setTickCount(std::min(maxEpoch, 10));
  scoreX_->setTickCount(std::min(maxEpoch, 10));
  double top = 0.0;
  for (const QPointF& p : trainLoss_->points()) top = std::max(top, p.y());
  lossY_->setRange(0, top > 0 ? top * 1.1 : 1.0);
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
