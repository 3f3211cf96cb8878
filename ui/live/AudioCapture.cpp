#include "ui/live/AudioCapture.h"

#include <QAudioSource>
#include <QMediaDevices>

namespace emo::ui {

AudioCapture::AudioCapture(QObject* parent, AudioCaptureParams params)
    : QObject(parent), params_(params), devices_(new QMediaDevices(this)), sink_(new CaptureSink(this)) {
  connect(devices_, &QMediaDevices::audioInputsChanged, this, &AudioCapture::pollDevices);
  for (const QAudioDevice& d : QMediaDevices::audioInputs()) knownIds_ << d.id();
  poll_.setInterval(500);
  connect(&poll_, &QTimer::timeout, this, &AudioCapture::pollDevices);
  poll_.start();
}

void AudioCapture::pollDevices() {
  QList<QByteArray> ids;
  for (const QAudioDevice& d : QMediaDevices::audioInputs()) ids << d.id();
  if (ids == knownIds_) return;
  knownIds_ = ids;
  onInputsChanged();
}

AudioCapture::~AudioCapture() { stop(); }

QList<QAudioDevice> AudioCapture::inputDevices() { return QMediaDevices::audioInputs(); }

QAudioDevice AudioCapture::findDevice(const QByteArray& id) {
  for (const QAudioDevice& d : QMediaDevices::audioInputs())
    if (d.id() == id) return d;
  return {};
}

QAudioFormat AudioCapture::formatFor(const QAudioDevice& dev) const {
  if (params_.preferredRate > 0) {
    QAudioFormat fmt;
    fmt.setSampleRate(params_.preferredRate);
    fmt.setChannelCount(1);
    fmt.setSampleFormat(QAudioFormat::Int16);
    if (dev.isFormatSupported(fmt)) return fmt;
  }
  QAudioFormat fmt = dev.preferredFormat();
  if (fmt.channelCount() > CaptureSink::kMaxChannels) fmt.setChannelCount(2);
  return fmt;
}

QString AudioCapture::start(const QByteArray& deviceId, CaptureSink::Target target, CaptureSink::RawTarget raw) {
  stop();
  QAudioDevice dev = deviceId.isEmpty() ? QMediaDevices::defaultAudioInput() : findDevice(deviceId);
  if (dev.isNull())
    return deviceId.isEmpty() ? tr("No microphone found. Connect one, or open an audio file instead.")
                              : tr("The input device is not available any more (%1).").arg(QString::fromUtf8(deviceId));
  // The device's own rate and channels: the recording keeps them; analysis downmixes and resamples.
  const QAudioFormat fmt = formatFor(dev);
  if (!fmt.isValid() || fmt.sampleRate() <= 0) return tr("%1 offers no usable audio format.").arg(dev.description());

  device_ = dev;
  format_ = fmt;
  sink_->setFormat(fmt);
  sink_->setTarget(std::move(target));
  sink_->setRawTarget(std::move(raw));
  if (!sink_->isOpen()) sink_->open(QIODevice::WriteOnly | QIODevice::Unbuffered);
  source_ = std::make_unique<QAudioSource>(dev, fmt);
  source_->setBufferSize(fmt.bytesForDuration(qint64(params_.bufferMilliseconds) * 1000));
  connect(source_.get(), &QAudioSource::stateChanged, this, &AudioCapture::onStateChanged);
  stopping_ = false;
  source_->start(sink_);
  if (source_->error() != QAudio::NoError) {
    const QString msg = tr("Could not open %1 (error %2).").arg(dev.description()).arg(int(source_->error()));
    stop();
    return msg;
  }
  return {};
}

void AudioCapture::stop() {
  if (!source_) return;
  stopping_ = true;
  source_->disconnect(this);
  source_->stop();
  source_.reset();
  sink_->setTarget(nullptr);
  sink_->setRawTarget(nullptr);
}

bool AudioCapture::active() const { return source_ != nullptr; }

void AudioCapture::onInputsChanged() {
  emit inputsChanged();
  if (!source_) return;
  if (findDevice(device_.id()).isNull()) {
    const QString name = device_.description();
    stop();
    emit deviceLost(name);
  }
}

void AudioCapture::onStateChanged() {
  if (!source_ || stopping_) return;
  const QAudio::Error err = source_->error();
  if (source_->state() == QAudio::StoppedState && err != QAudio::NoError) {
    const QString name = device_.description();
    const bool gone = findDevice(device_.id()).isNull();
    stop();
    if (gone)
      emit deviceLost(name);
    else
      emit failed(tr("%1 stopped delivering audio (error %2).").arg(name).arg(int(err)));
  }
}

}  // namespace emo::ui
