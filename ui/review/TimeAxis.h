#pragma once
// TimeAxis: the visible time range of the Review tab's clip view — what the ruler, waveform,
// spectrogram and tier lanes all paint — with the zoom and scroll operations of an audio editor
// (zoom in/out about a point, zoom to a range, fit the clip, scroll). A small model: the views
// map x <-> seconds through it and never keep a range of their own. GUI thread only.
#include <QObject>

namespace emo::ui {

class TimeAxis : public QObject {
  Q_OBJECT
 public:
  /// The narrowest visible span, seconds (about 10 samples at 16 kHz per 100 px).
  static constexpr double kMinSpan = 0.01;

  explicit TimeAxis(QObject* parent = nullptr);

  /// A new clip: the whole clip becomes visible.
  void setDuration(double seconds);
  double duration() const { return duration_; }
  double start() const { return start_; }
  double end() const { return end_; }
  double span() const { return end_ - start_; }
  /// Visible span over the clip duration (1 = whole clip).
  double zoomFactor() const { return duration_ > 0 ? duration_ / span() : 1.0; }

  /// Shows [start, end), clamped to the clip and to at least kMinSpan.
  void setRange(double start, double end);
  /// Narrows (factor > 1) or widens (< 1) the view keeping `anchor` seconds at the same place.
  void zoomAbout(double factor, double anchor);
  void zoomIn() { zoomAbout(2.0, start_ + span() / 2); }
  void zoomOut() { zoomAbout(0.5, start_ + span() / 2); }
  void fit() { setRange(0.0, duration_); }
  /// Moves the view by `seconds` (negative: left), keeping its span.
  void scrollBy(double seconds) { setRange(start_ + seconds, end_ + seconds); }
  /// Scrolls as little as needed so `t` is visible.
  void ensureVisible(double t);

  /// Pixel mapping over a plot `width` px wide starting at x = `left`.
  double timeToX(double t, double left, double width) const;
  /// Seconds at x, clamped to the clip.
  double xToTime(double x, double left, double width) const;

 signals:
  void changed();

 private:
  double duration_ = 0.0;
  double start_ = 0.0, end_ = 0.0;
};

}  // namespace emo::ui
