#pragma once
// FilePlayback: plays a decoded audio file while handing the same samples, in step, to the
// analysis target (LiveSession::writeAudio). Audible through a QAudioSink when an output device
// takes the file's format; otherwise (no output device, offscreen tests, benchmarks, or
// setAudible(false)) it is paced silently by a timer at real-time speed. GUI thread only; owns
// the decoded samples, the sink and the pull device.
#include <QAudioFormat>
#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QTimer>
#include <memory>
#include <vector>

#include "ui/live/PlaybackSource.h"

class QAudioSink;

namespace emo::ui {

class FilePlayback : public QObject {
  Q_OBJECT
 public:
  using Target = PlaybackSource::Target;
  explicit FilePlayback(QObject* parent = nullptr);
  ~FilePlayback() override;

  /// Decodes the file (any format the core reads; mono, the file's own rate). "" or a message.
  QString open(const QString& path, double maxSeconds = 3600.0);
  /// Takes already decoded samples (tests, the benchmark).
  void setAudio(std::vector<float> samples, int sampleRate, const QString& name);
  bool loaded() const { return rate_ > 0 && !samples_.empty(); }
  const std::vector<float>& samples() const { return samples_; }
  int sampleRate() const { return rate_; }
  QString fileName() const { return name_; }
  double duration() const;
  double position() const;

  void setAudible(bool audible) { audible_ = audible; }
  /// Starts (or resumes) from position(), feeding `target`. "" or a message.
  QString play(Target target);
  void pause();
  void stop();  ///< pauses and rewinds to 0
  void seek(double seconds);
  bool playing() const { return playing_; }
  /// True when the last play() produced sound (false: silently paced).
  bool audibleNow() const { return sink_ != nullptr; }

 signals:
  void finished();

 private:
  void tick();
  void feedPaced();

  std::vector<float> samples_;
  int rate_ = 0;
  QString name_;
  bool audible_ = true;
  bool playing_ = false;
  PlaybackSource* source_ = nullptr;
  std::unique_ptr<QAudioSink> sink_;
  QTimer timer_;
  QElapsedTimer clock_;
  size_t pacedStart_ = 0;  ///< sample index where the paced clock started
  Target target_;
};

}  // namespace emo::ui
