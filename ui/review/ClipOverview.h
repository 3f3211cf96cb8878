#pragma once
// ClipOverview: a whole clip at a glance — waveform, log-mel spectrogram, the model's emotion
// timeline as coloured segments, the human segments under it, the playhead and the selected
// segment. A view only: it paints what the tab sets and reports clicks as seek requests.
// GUI thread only; holds copies of what it paints.
#include <QImage>
#include <QWidget>
#include <vector>

#include "core/annotate/AnnotationSet.h"
#include "core/infer/TimelinePredictor.h"

namespace emo::ui {

class ClipOverview : public QWidget {
  Q_OBJECT
 public:
  explicit ClipOverview(QWidget* parent = nullptr);
  QSize sizeHint() const override { return {700, 300}; }
  QSize minimumSizeHint() const override { return {300, 180}; }

  void setClip(double duration, std::vector<float> envelopeMin, std::vector<float> envelopeMax, QImage spectrogram);
  void setTimeline(std::vector<TimelineSegment> timeline, std::vector<std::string> labels);
  void setHumanSegments(std::vector<Segment> segments);
  void setPlayhead(double seconds);
  /// Highlights [start, end) (start >= end: none).
  void setSelection(double start, double end);
  void setMessage(const QString& message);  ///< shown instead of the clip (errors, "loading")
  void clear();

  double playhead() const { return playhead_; }
  double duration() const { return duration_; }
  int timelineSegments() const { return static_cast<int>(timeline_.size()); }

 signals:
  void seekRequested(double seconds);

 protected:
  void paintEvent(QPaintEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;

 private:
  double xToTime(double x) const;
  double timeToX(double t) const;

  double duration_ = 0.0;
  std::vector<float> min_, max_;
  QImage spectrogram_;
  std::vector<TimelineSegment> timeline_;
  std::vector<std::string> labels_;
  std::vector<Segment> human_;
  double playhead_ = 0.0;
  double selStart_ = 0.0, selEnd_ = 0.0;
  QString message_;
};

}  // namespace emo::ui
