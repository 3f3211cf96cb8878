#pragma once
// ClipOverview: the clip view of the Review tab — time ruler, waveform (with a level scale),
// log-mel spectrogram (with a frequency axis), the model lane and one lane per human tier, the
// selection and the playhead — painted from four models: TimeAxis (visible range), SelectionModel,
// TierModel (what the lanes hold) and VerticalZoom (level and frequency scales). It owns no state
// another view needs; the mouse only changes those models or asks the tab for an edit:
//   press-drag        selects a range (the old selection goes); a click without a drag clears it
//                     and asks to seek there (the playhead; playing continues from there)
//   drag a boundary   of a human label (within 4 px of it) moves it, one edit on release
//   double-click      a human label to edit its text
//   Ctrl+wheel        zoom time about the pointer · wheel: scroll time
//   Shift+wheel       over the spectrogram: frequency zoom; over the waveform: level zoom
// Under the pointer it reads out time, frequency and level (readout()).
// GUI thread only; holds a copy of the clip's audio and spectrogram; the models are not owned.
#include <QImage>
#include <QWidget>
#include <vector>

#include "core/common/Matrix.h"

namespace emo::ui {

class SelectionModel;
class TierModel;
class TimeAxis;
class VerticalZoom;

/// The rectangles ClipOverview paints into, for a widget size and a number of human lanes.
struct OverviewLayout {
  static constexpr int kLeft = 84;        ///< width of the lane names / axis column
  static constexpr int kMargin = 6;       ///< gap between areas and at the edges
  static constexpr int kRuler = 18;       ///< height of the time ruler
  static constexpr int kLane = 24;        ///< height of one tier lane
  QRect ruler, wave, spec, modelLane;     ///< widget coordinates
  std::vector<QRect> humanLanes;          ///< one per human tier, in TierModel order
  int plotLeft = kLeft, plotWidth = 1;    ///< the time axis spans these pixels

  static OverviewLayout compute(QSize size, int humanLanes);
};

/// The clip's audio-side data the view paints (set once per clip).
struct OverviewClip {
  double duration = 0.0;             ///< seconds
  std::vector<float> samples;        ///< mono
  int sampleRate = 16000;
  QImage spectrogram;                ///< columns x bands image, low bands at the bottom
  Matrix spectrogramDb;              ///< the same values in dB, columns x bands
  double spectrogramHop = 0.01;      ///< seconds per column
  std::vector<double> bandEdgesHz;   ///< mel band edges (bands + 2 values)
};

class ClipOverview : public QWidget {
  Q_OBJECT
 public:
  ClipOverview(TimeAxis* axis, SelectionModel* selection, TierModel* tiers, VerticalZoom* zoom,
               QWidget* parent = nullptr);
  QSize sizeHint() const override { return {800, 380}; }
  QSize minimumSizeHint() const override { return {360, 240}; }

  void setClip(OverviewClip clip);
  void setPlayhead(double seconds);
  void setMessage(const QString& message);  ///< shown instead of the clip (errors, "loading")
  void clear();

  double playhead() const { return playhead_; }
  double duration() const { return clip_.duration; }
  int timelineSegments() const;
  /// What the pointer is over: "1.234 s · 2150 Hz · −32 dB" ("" when outside the plot).
  QString readout() const { return readout_; }
  OverviewLayout layout() const { return OverviewLayout::compute(size(), laneCount()); }
  /// Widget x of a time on the current axis, and the inverse.
  double timeToX(double t) const;
  double xToTime(double x) const;
  /// Frequency (Hz) at a y inside the spectrogram area (-1 outside), and the inverse.
  double yToHz(double y) const;
  double hzToY(double hz) const;

 signals:
  void seekRequested(double seconds);
  /// A boundary drag ended: edge `which` (0 start, 1 end) of label `index` of `tier` to `seconds`.
  void edgeMoved(const QString& tier, int index, int which, double seconds);
  /// A double-click on label `index` of `tier` (lane rectangle in widget coordinates).
  void editRequested(const QString& tier, int index, const QRect& lane);
  void readoutChanged(const QString& text);

 protected:
  void paintEvent(QPaintEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void mouseDoubleClickEvent(QMouseEvent* event) override;
  void wheelEvent(QWheelEvent* event) override;
  void leaveEvent(QEvent* event) override;

 private:
  int laneCount() const;
  /// Human lane index at y (-1: none).
  int humanLaneAt(int y) const;
  void updateReadout(QPointF pos);
  // Painting (ClipOverviewPaint.cpp).
  void paintRuler(QPainter& p, const OverviewLayout& l) const;
  void paintWave(QPainter& p, const OverviewLayout& l) const;
  void paintSpectrogram(QPainter& p, const OverviewLayout& l) const;
  void paintModelLane(QPainter& p, const OverviewLayout& l) const;
  void paintHumanLanes(QPainter& p, const OverviewLayout& l) const;
  /// Peak |sample| over [t0, t1).
  double peak(double t0, double t1) const;
  /// The band (fractional) a frequency falls on, from the band centres.
  double hzToBand(double hz) const;
  int visibleBands() const;

  TimeAxis* axis_;
  SelectionModel* selection_;
  TierModel* tiers_;
  VerticalZoom* zoom_;
  OverviewClip clip_;
  double playhead_ = 0.0;
  QString message_;
  QString readout_;

  // Mouse gesture in progress.
  enum class Gesture { None, Select, Edge } gesture_ = Gesture::None;
  double anchor_ = 0.0;     ///< Select: where the press was
  double pressX_ = 0.0;
  bool moved_ = false;
  QString dragTier_;        ///< Edge: the label whose edge moves
  int dragIndex_ = -1, dragWhich_ = 0;
  double dragTime_ = 0.0;
};

}  // namespace emo::ui
