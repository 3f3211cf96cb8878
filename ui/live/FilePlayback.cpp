#include "ui/live/FilePlayback.h"

#include <QAudioSink>
#include <QFileInfo>
#include <QMediaDevices>
#include <algorithm>

#include "core/audio/AudioReader.h"

namespace emo::ui {

FilePlayback::FilePlayback(QObject* parent) : QObject(parent), source_(new PlaybackSource(this)) {
  timer_.setInterval(10);
  timer_.setTimerType(Qt::PreciseTimer);
  connect(&timer_, &QTimer::timeout, this, &FilePlayback::tick);
}

FilePlayback::~FilePlayback() { pause(); }

QString FilePlayback::open(const QString& path, double maxSeconds) {
  stop();
  ReadOptions opt;
  opt.targetRate = 0;  // keep the file's rate for playback; the core resamples for the model
  opt.maxFileSeconds = maxSeconds;
  Result<AudioBuffer> audio = readAudioMono(path.toStdString(), opt);
  if (!audio) return QString::fromStdString(audio.error());
  if (audio->samples.empty()) return tr("%1 holds no audio.").arg(QFileInfo(path).fileName());
  setAudio(std::move(audio->samples), audio->sampleRate, QFileInfo(path).fileName());
  return {};
}

void FilePlayback::setAudio(std::vector<float> samples, int sampleRate, const QString& name) {
  stop();
  samples_ = std::move(samples);
  rate_ = sampleRate;
  name_ = name;
  source_->setSamples(&samples_, QAudioFormat());
}

double FilePlayback::duration() const { return rate_ > 0 ? double(samples_.size()) / rate_ : 0.0; }

double FilePlayback::position() const { return rate_ > 0 ? double(source_->nextSample()) / rate_ : 0.0; }

QString FilePlayback::play(Target target) {
  if (!loaded()) return tr("No file loaded.");
  pause();
  target_ = std::move(target);
  if (source_->nextSample() >= samples_.size()) source_->seekSample(0);
  const size_t start = source_->nextSample();
  playing_ = true;
  QAudioDevice out = QMediaDevices::defaultAudioOutput();
  if (audible_ && !out.isNull()) {
    QAudioFormat fmt;
    fmt.setSampleRate(rate_);
    fmt.setChannelCount(1);
    fmt.setSampleFormat(QAudioFormat::Float);
    if (!out.isFormatSupported(fmt)) fmt.setSampleFormat(QAudioFormat::Int16);
    if (out.isFormatSupported(fmt)) {
      source_->setSamples(&samples_, fmt);
      source_->seekSample(start);
      source_->setTarget(target_);
      if (!source_->isOpen()) source_->open(QIODevice::ReadOnly | QIODevice::Unbuffered);
      sink_ = std::make_unique<QAudioSink>(out, fmt);
      sink_->setBufferSize(fmt.bytesForDuration(150000));
      sink_->start(source_);
      if (sink_->error() == QAudio::NoError) {
        timer_.start();  // watches for the end
        return {};
      }
      sink_.reset();
    }
  }
  // Silent real-time pacing.
  source_->setTarget(nullptr);
  pacedStart_ = start;
  clock_.start();
  timer_.start();
  return {};
}

void FilePlayback::pause() {
  timer_.stop();
  if (sink_) {
    sink_->stop();
    sink_.reset();
  }
  source_->setTarget(nullptr);
  playing_ = false;
}

void FilePlayback::stop() {
  pause();
  source_->seekSample(0);
}

void FilePlayback::seek(double seconds) {
  const bool was = playing_;
  Target t = target_;
  pause();
  source_->seekSample(size_t(std::clamp(seconds, 0.0, duration()) * rate_));
  if (was) play(t);
}

void FilePlayback::feedPaced() {
  const size_t due = std::min(samples_.size(), pacedStart_ + size_t(double(clock_.nsecsElapsed()) * 1e-9 * rate_));
  const size_t next = source_->nextSample();
  if (due > next) {
    if (target_) target_(samples_.data() + next, due - next);
    source_->seekSample(due);
  }
}

void FilePlayback::tick() {
  if (!playing_) return;
  if (!sink_) feedPaced();
  const bool fed = source_->nextSample() >= samples_.size();
  const bool drained = !sink_ || sink_->state() != QAudio::ActiveState;
  if (fed && drained) {
    pause();
    emit finished();
  }
}

}  // namespace emo::ui
