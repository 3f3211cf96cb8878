#pragma once
// EmotionTimelineChart: the probability of each emotion over the last N seconds (Qt Charts, one
// line per label; non-speech frames read 0 and are shaded). The owner appends frames from its
// ~30 Hz timer; each call updates every series once (replace(), not one signal per point).
// GUI thread only. Owns its chart, series and axes (Qt parents).
#include <QList>
#include <QPointF>
#include <QtCharts/QChartView>
#include <string>
#include <vector>

#include "core/infer/EmotionFrame.h"

QT_BEGIN_NAMESPACE
class QLineSeries;
class QValueAxis;
class QAreaSeries;
QT_END_NAMESPACE

namespace emo::ui {

struct EmotionTimelineParams {
  double windowSeconds = 20.0;  ///< seconds shown (the x axis scrolls with the newest frame)
};

class EmotionTimelineChart : public QChartView {
  Q_OBJECT
 public:
  explicit EmotionTimelineChart(QWidget* parent = nullptr);

  void setLabels(const std::vector<std::string>& labels);  ///< rebuilds the series; clears
  void setParams(const EmotionTimelineParams& params);
  /// Appends frames (in time order) and scrolls; points older than the window are dropped.
  void appendFrames(const std::vector<EmotionFrame>& frames);
  /// Shows a whole recording at once (x axis = [0, duration]), e.g. after instant analysis.
  void showAll(const std::vector<EmotionFrame>& frames);
  void clear();

  int seriesCount() const;
  /// Points currently in series `i` (tests).
  int pointCount(int i) const;
  /// Newest y value of series `i`, or -1 when empty.
  double lastValue(int i) const;
  QString seriesName(int i) const;
  /// Axis range shown, seconds.
  double axisMin() const;
  double axisMax() const;
  void setScale(double scale);  ///< fonts and line width for presentation mode
  /// High-contrast dark theme (presentation mode); keeps the emotion colours and the scale.
  void setDarkTheme(bool dark);

 private:
  void addFrames(const std::vector<EmotionFrame>& frames, bool trim);
  void pushToSeries(double xMin, double xMax);
  void applyStyle();

  EmotionTimelineParams params_;
  std::vector<std::string> labels_;
  std::vector<QLineSeries*> series_;
  std::vector<QList<QPointF>> points_;
  QLineSeries* speechUpper_ = nullptr;  ///< 1 while no speech, else 0 (shaded area)
  QList<QPointF> speechPoints_;
  QValueAxis* axisX_ = nullptr;
  QValueAxis* axisY_ = nullptr;
  QAreaSeries* speechArea_ = nullptr;
  double scale_ = 1.0;
};

}  // namespace emo::ui
