#pragma once
// ReviewWorker: the Review tab's computations, on its own QThread: batch prediction over the
// opened clips (cancellable, with progress) and the analysis of the selected clip (decoded audio,
// waveform envelope, spectrogram image, model timeline). Results leave through queued signals as
// values. Slots run on the worker thread; cancel() may be called from any thread. It holds only
// shared_ptr copies of the model, never the AppContext.
#include <QImage>
#include <QObject>
#include <QString>
#include <QStringList>
#include <atomic>
#include <memory>
#include <vector>

#include "core/infer/TimelinePredictor.h"

namespace emo {
class ModelBundle;
}

namespace emo::ui {

/// Everything the Review tab shows for one clip.
struct ClipAnalysis {
  int row = -1;                          ///< document row it belongs to
  QString path;
  QString error;                         ///< "" or why it could not be analysed
  std::vector<float> samples;            ///< mono, sampleRate (for playback)
  int sampleRate = 16000;
  double duration = 0.0;                 ///< seconds
  std::vector<float> envelopeMin, envelopeMax;  ///< waveform, one pair per pixel column bucket
  QImage spectrogram;                    ///< log-mel, low frequencies at the bottom
  std::vector<TimelineSegment> timeline; ///< model timeline, non-overlapping (empty without a model)
  std::vector<std::string> labels;       ///< the model's labels
  QString timelineError;                 ///< why the timeline is missing, if it is
};

/// One result of the batch prediction.
struct ClipPrediction {
  int row = -1;
  QString label;                   ///< top label or "no speech"
  float confidence = 0.0f;
  std::vector<float> probabilities;
  QString error;
};

class ReviewWorker : public QObject {
  Q_OBJECT
 public:
  explicit ReviewWorker(QObject* parent = nullptr);

  /// Thread-safe: asks a running batch to stop after the current clip.
  void cancel() { cancel_ = true; }
  /// Clears the cancel flag; the owner calls it before queueing a new job (a cancel() made after
  /// that, even before the job starts, then stops it).
  void resetCancel() { cancel_ = false; }
  /// Thread-safe: the row the tab shows now; queued analyses of other rows are skipped (keys held
  /// down over the clip list queue many).
  void want(int row) { wanted_ = row; }


 public slots:
  void predictAll(std::shared_ptr<const emo::ModelBundle> model, QStringList paths, QList<int> rows);
  void analyse(std::shared_ptr<const emo::ModelBundle> model, QString path, int row);

 signals:
  void progress(int done, int total, QString what);
  void predicted(emo::ui::ClipPrediction prediction);
  void batchFinished(bool cancelled, QString error);
  void analysed(emo::ui::ClipAnalysis analysis);

 private:
  std::atomic<bool> cancel_{false};
  std::atomic<int> wanted_{-1};
};

}  // namespace emo::ui

Q_DECLARE_METATYPE(emo::ui::ClipAnalysis)
Q_DECLARE_METATYPE(emo::ui::ClipPrediction)
Q_DECLARE_METATYPE(std::shared_ptr<const emo::ModelBundle>)
