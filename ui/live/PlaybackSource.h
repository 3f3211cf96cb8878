#pragma once
// PlaybackSource: the QIODevice a QAudioSink pulls a decoded file from. readData() hands the sink
// the next samples (as Float or Int16, mono) and gives the same samples to the analysis target,
// so analysis runs in step with what is heard. Called on the sink's thread (the GUI thread with
// Qt's PulseAudio backend); reset()/setSamples() only while the sink is stopped. Does not own
// the samples' owner (FilePlayback).
#include <QAudioFormat>
#include <QIODevice>
#include <atomic>
#include <functional>
#include <vector>

namespace emo::ui {

class PlaybackSource : public QIODevice {
  Q_OBJECT
 public:
  using Target = std::function<void(const float* samples, size_t n)>;
  explicit PlaybackSource(QObject* parent = nullptr);

  /// `samples` must outlive playback (FilePlayback owns them).
  void setSamples(const std::vector<float>* samples, const QAudioFormat& format);
  void setTarget(Target target) { target_ = std::move(target); }
  void seekSample(size_t sample) { next_.store(sample); }
  size_t nextSample() const { return next_.load(); }
  bool atEnd() const override;
  qint64 bytesAvailable() const override;

 protected:
  qint64 readData(char* data, qint64 maxLen) override;
  qint64 writeData(const char*, qint64) override { return -1; }

 private:
  const std::vector<float>* samples_ = nullptr;
  QAudioFormat format_;
  Target target_;
  std::atomic<size_t> next_{0};
};

}  // namespace emo::ui
