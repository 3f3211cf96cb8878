#pragma once
// TrainingCharts: live Qt Charts of a training run, one point per epoch: training loss (left) and
// validation UA / WA (right). The owner appends each EpochLog as it arrives (from the worker's
// reports). Axes tick at round values: whole epochs, and loss steps of 1, 2 or 5 times a power
// of ten. GUI thread only; owns its charts, series and axes (Qt parents).
#include <QWidget>

#include "core/train/Trainer.h"

QT_BEGIN_NAMESPACE
class QChartView;
class QLineSeries;
class QValueAxis;
QT_END_NAMESPACE

namespace emo::ui {

class TrainingCharts : public QWidget {
  Q_OBJECT
 public:
  explicit TrainingCharts(QWidget* parent = nullptr);
  void clear();
  void addEpoch(const EpochLog& log);

  int epochs() const;                 ///< points in the loss series
  double lastTrainLoss() const;       ///< -1 when empty
  double lastValidationUa() const;    ///< -1 when none
  /// Renders both charts side by side into a PNG. "" or a message.
  QString savePng(const QString& path);
  QImage render();

  /// A round tick step (1, 2 or 5 times a power of ten) giving at most `maxTicks` steps over `range`.
  static double niceStep(double range, int maxTicks);
  /// The axes (tests): epochs (integer ticks) and loss (round ticks from 0).
  QValueAxis* epochAxis() const { return lossX_; }
  QValueAxis* lossAxis() const { return lossY_; }

 private:
  QChartView* lossView_ = nullptr;
  QChartView* scoreView_ = nullptr;
  QLineSeries* trainLoss_ = nullptr;
  QLineSeries* valUa_ = nullptr;
  QLineSeries* valWa_ = nullptr;
  QValueAxis* lossX_ = nullptr;
  QValueAxis* lossY_ = nullptr;
  QValueAxis* scoreX_ = nullptr;
  QValueAxis* scoreY_ = nullptr;

  void setEpochRange(int maxEpoch);
};

}  // namespace emo::ui
