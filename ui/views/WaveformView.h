#pragma once
// WaveformView: the last few seconds of input as a min/max envelope (newest on the right).
// Samples are reduced to one min/max pair per bucket as they arrive, so painting costs the same
// whatever the sample rate. The owner calls appendSamples() from its ~30 Hz timer; the view
// schedules one repaint. Quiet input is scaled up to fill the height (at most 40 dB, shown as
// "×N" in the corner), so a -40 dBFS recording is not a flat line. GUI thread only.
#include <QWidget>
#include <vector>

namespace emo::ui {

struct WaveformViewParams {
  double historySeconds = 6.0;  ///< seconds shown
  double bucketSeconds = 0.01;  ///< one min/max pair per this much audio
};

class WaveformView : public QWidget {
  Q_OBJECT
 public:
  explicit WaveformView(QWidget* parent = nullptr);
  QSize sizeHint() const override { return {600, 120}; }

  void setParams(const WaveformViewParams& params);  ///< clears the history
  void appendSamples(const float* samples, size_t n, int sampleRate);
  void clear();

  /// Buckets completed since clear() (tests).
  long long bucketsReceived() const { return received_; }
  /// Largest |sample| among the buckets currently shown.
  float visiblePeak() const;
  long long paintCount() const { return paints_; }
  /// The factor the envelope is drawn with: 1 for loud input, up to 100 for quiet input.
  float displayGain() const;

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  WaveformViewParams params_;
  std::vector<float> mins_, maxs_;  ///< circular, capacity = history / bucket
  int write_ = 0;
  int filled_ = 0;
  float curMin_ = 0.0f, curMax_ = 0.0f;
  long long curCount_ = 0;
  long long received_ = 0;
  long long paints_ = 0;
};

}  // namespace emo::ui
