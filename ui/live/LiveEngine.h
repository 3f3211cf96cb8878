#pragma once
// LiveEngine: the GUI side of one live analysis. Owns a LiveSession (whose own worker thread runs
// the model), polls it with a ~30 Hz timer, keeps what was heard (for "Save recording") and
// hands each LiveUpdate to the views through updated(). Frame times are shifted by the start
// offset so a file analysed from a seek position keeps file time. finish() ends a session without
// blocking: the views keep updating while the worker catches up with what is buffered (a slow
// model never freezes the window), then finished() is emitted. GUI thread only. The target()
// callback is real-time safe (a lock-free ring-buffer write and a relaxed counter) and is valid
// until stop() / finished().
#include <QObject>
#include <QElapsedTimer>
#include <QTimer>
#include <atomic>
#include <memory>
#include <vector>

#include "core/infer/EmotionFrame.h"
#include "core/infer/LiveSession.h"
#include "ui/live/CaptureSink.h"

namespace emo {
class ModelBundle;
struct NormStats;
}  // namespace emo

namespace emo::ui {

struct LiveEngineParams {
  int pollMilliseconds = 30;       ///< how often the views are fed (~33 Hz; a precise timer)
  bool keepRecording = true;       ///< keep the input samples for saving as WAV
  double maxRecordSeconds = 3600;  ///< stop keeping samples beyond this (memory guard)
};

class LiveEngine : public QObject {
  Q_OBJECT
 public:
  explicit LiveEngine(QObject* parent = nullptr, LiveEngineParams params = {});
  ~LiveEngine() override;

  /// Starts a session on `model` for audio at `inputRate`. Returns "" or a message.
  QString start(std::shared_ptr<const ModelBundle> model, int inputRate, const StreamParams& stream,
                std::shared_ptr<const NormStats> speaker, double timeOffset = 0.0);
  /// Analyses what is still buffered, emits the last update and ends the session (blocks until
  /// the worker has caught up).
  void stop();
  /// The same without blocking: the producer must have stopped; finished() follows.
  void finish();
  bool running() const { return session_ != nullptr; }
  bool finishing() const { return finishing_; }

  /// Real-time safe producer callback for AudioCapture / FilePlayback.
  CaptureSink::Target target();

  const std::vector<float>& recording() const { return recording_; }
  int recordingRate() const { return rate_; }
  void clearRecording() { recording_.clear(); }
  long long framesTotal() const { return framesTotal_; }
  long long speechFrames() const { return speechFrames_; }
  const std::vector<std::string>& labels() const { return labels_; }
  long long droppedSamples() const { return dropped_; }

 signals:
  /// New samples, spectrogram columns and frames (frame times in file/stream seconds).
  void updated(const emo::LiveUpdate& update);
  /// The analysis worker failed; the session has been stopped.
  void failed(const QString& message);
  /// A session ended by finish() has analysed everything and stopped.
  void finished();

 private:
  void poll();

  LiveEngineParams params_;
  std::unique_ptr<LiveSession> session_;
  QTimer timer_;
  std::vector<float> recording_;
  std::vector<std::string> labels_;
  int rate_ = 0;
  double offset_ = 0.0;
  long long framesTotal_ = 0;
  long long speechFrames_ = 0;
  long long dropped_ = 0;
  std::atomic<long long> written_{0};  ///< samples the producer handed over (relaxed counter)
  bool finishing_ = false;
  QElapsedTimer finishClock_;
};

}  // namespace emo::ui
