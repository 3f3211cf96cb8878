#pragma once
// VerticalZoom: the level and frequency scales of the Review tab's clip view — the waveform's
// vertical scale (auto-scaled to the loudest sample in view, or a fixed gain) and the highest
// frequency the spectrogram shows (zooming in on the low bands where speech lives). A small
// model the views paint from; GUI thread only.
#include <QObject>

namespace emo::ui {

class VerticalZoom : public QObject {
  Q_OBJECT
 public:
  explicit VerticalZoom(QObject* parent = nullptr);

  /// Auto-scale: the waveform fills its height with the largest |sample| in view.
  bool autoScale() const { return autoScale_; }
  void setAutoScale(bool on);
  /// Fixed gain when not auto-scaling (1 = full scale fills the height).
  double gain() const { return gain_; }
  /// Multiplies the gain (and turns auto-scale off), 1x .. 64x.
  void zoomLevel(double factor);
  /// The gain the waveform is drawn with, given the peak |sample| in view.
  double effectiveGain(double visiblePeak) const;

  /// Spectrogram frequency range shown, Hz; maxHz() is the top of the analysis (set per clip).
  void setFrequencyLimit(double maxHz);
  double maxHz() const { return maxHz_; }
  double topHz() const { return topHz_; }
  /// Halves (factor 2) or doubles (0.5) the shown frequency range, between 500 Hz and maxHz().
  void zoomFrequency(double factor);

 signals:
  void changed();

 private:
  bool autoScale_ = true;
  double gain_ = 1.0;
  double maxHz_ = 8000.0, topHz_ = 8000.0;
};

}  // namespace emo::ui
