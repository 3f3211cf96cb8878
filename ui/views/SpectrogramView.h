#pragma once
// SpectrogramView: a scrolling log-mel spectrogram (newest on the right) with a frequency axis.
// Columns arrive as rows of a Matrix (one row per 10 ms frame, one column per mel band, dB) and
// are painted once into a circular image cache; paintEvent only blits the cache. The owner calls
// appendColumns() from its ~30 Hz timer and the view schedules one repaint. GUI thread only.
#include <QImage>
#include <QWidget>

#include "core/common/Matrix.h"
#include "ui/views/ColorMap.h"

namespace emo::ui {

struct SpectrogramViewParams {
  int historyColumns = 600;    ///< columns kept and shown (600 x 10 ms = 6 s)
  int melBands = 64;           ///< rows of each column (the model's nMels)
  float fminHz = 0.0f;         ///< lowest mel edge, for the frequency axis
  float fmaxHz = 8000.0f;      ///< highest mel edge, for the frequency axis
  float rangeDb = 80.0f;       ///< dynamic range shown below the running peak
  float minTopDb = 0.0f;       ///< the colour scale's top is at least this, so quiet input looks quiet
                               ///< (log-mel dB of speech at normal level peaks around +10..+20)
  ColorMap::Kind colors = ColorMap::Kind::Magma;  ///< colour map
};

class SpectrogramView : public QWidget {
  Q_OBJECT
 public:
  explicit SpectrogramView(QWidget* parent = nullptr);
  QSize sizeHint() const override { return {600, 200}; }

  void setParams(const SpectrogramViewParams& params);  ///< clears the history
  const SpectrogramViewParams& params() const { return params_; }
  /// Paints the new columns into the cache and schedules a repaint. Columns whose width differs
  /// from melBands re-initialise the view for that band count.
  void appendColumns(const Matrix& columns);
  void clear();

  /// Columns received since construction / clear() (for tests and the benchmark).
  long long columnsReceived() const { return received_; }
  /// Completed paint events (the benchmark counts frames per second with it).
  long long paintCount() const { return paints_; }
  /// The colour of the newest column at mel band `band` (tests).
  QRgb newestColour(int band) const;
  /// Frequency (Hz) at the centre of mel band `band` (Slaney mel scale, as librosa).
  float bandHz(int band) const;
  void setAxisFont(const QFont& font);

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  void paintColumn(const float* values, int cols);
  int axisWidth() const;

  SpectrogramViewParams params_;
  ColorMap map_;
  QImage cache_;        ///< historyColumns x melBands, circular in x
  int writeX_ = 0;      ///< next column to paint in the cache
  long long received_ = 0;
  long long paints_ = 0;
  float peakDb_ = -200.0f;
  QFont axisFont_;
};

}  // namespace emo::ui
