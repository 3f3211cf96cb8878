#pragma once
// AudioCapture: microphone input. Lists input devices (QMediaDevices, hot-plug aware), opens one
// by id with a QAudioSource in push mode into a CaptureSink, whose writeData() only converts and
// hands samples to the target (the LiveSession ring buffer). A device that disappears while
// capturing stops the capture and emits deviceLost(); other failures emit failed(). Qt 6.4's
// PulseAudio backend updates the device list on hot-plug without always emitting
// QMediaDevices::audioInputsChanged and keeps a killed stream "active", so the list is also
// compared on a 500 ms timer. Lives on the GUI thread; owns the source and the sink.
#include <QAudioDevice>
#include <QAudioFormat>
#include <QObject>
#include <QTimer>
#include <memory>

#include "ui/live/CaptureSink.h"

class QAudioSource;
class QMediaDevices;

namespace emo::ui {

struct AudioCaptureParams {
  int preferredRate = 0;         ///< asked for first (mono 16-bit); 0 = the device's own format,
                                 ///< so recordings keep its rate and channels
  int bufferMilliseconds = 100;  ///< QAudioSource buffer size
};

class AudioCapture : public QObject {
  Q_OBJECT
 public:
  explicit AudioCapture(QObject* parent = nullptr, AudioCaptureParams params = {});
  ~AudioCapture() override;

  static QList<QAudioDevice> inputDevices();
  /// The device with this id, or a null device.
  static QAudioDevice findDevice(const QByteArray& id);

  /// Opens `deviceId` (empty: the system default) and starts pushing samples to `target`.
  /// Returns "" on success, else a message saying why.
  QString start(const QByteArray& deviceId, CaptureSink::Target target, CaptureSink::RawTarget raw = {});
  /// The format start() would open for `device` (the device's own unless preferredRate is set).
  QAudioFormat formatFor(const QAudioDevice& device) const;
  void stop();
  bool active() const;
  /// The format actually opened (valid while active and after stop until the next start).
  QAudioFormat format() const { return format_; }
  int sampleRate() const { return format_.sampleRate(); }
  QAudioDevice device() const { return device_; }
  long long framesCaptured() const { return sink_->framesReceived(); }

 signals:
  void inputsChanged();
  /// The device in use vanished; capture has stopped.
  void deviceLost(const QString& description);
  /// The source reported an error; capture has stopped.
  void failed(const QString& message);

 private:
  void onInputsChanged();
  void onStateChanged();
  void pollDevices();

  AudioCaptureParams params_;
  QMediaDevices* devices_ = nullptr;
  std::unique_ptr<QAudioSource> source_;
  CaptureSink* sink_ = nullptr;
  QAudioDevice device_;
  QAudioFormat format_;
  bool stopping_ = false;
  QTimer poll_;
  QList<QByteArray> knownIds_;
};

}  // namespace emo::ui
