#pragma once
// LevelMeter: the input level in dBFS as a bar with a peak-hold tick (-60..0 dB; green, amber
// above -12 dB, red above -3 dB). A view only; the owner feeds samples from its ~30 Hz timer.
// GUI thread only.
#include <QWidget>

namespace emo::ui {

class LevelMeter : public QWidget {
  Q_OBJECT
 public:
  explicit LevelMeter(QWidget* parent = nullptr);
  QSize sizeHint() const override { return {200, 16}; }

  /// Level of the newest block of samples (RMS in dBFS); the peak hold decays over ~1.5 s.
  void pushSamples(const float* samples, size_t n);
  void setLevelDb(float db);
  void reset();
  float levelDb() const { return levelDb_; }
  float peakDb() const { return peakDb_; }

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  float levelDb_ = -120.0f;
  float peakDb_ = -120.0f;
};

}  // namespace emo::ui
