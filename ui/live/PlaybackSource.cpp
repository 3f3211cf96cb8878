#include "ui/live/PlaybackSource.h"

#include <algorithm>
#include <cstring>

namespace emo::ui {

PlaybackSource::PlaybackSource(QObject* parent) : QIODevice(parent) {}

void PlaybackSource::setSamples(const std::vector<float>* samples, const QAudioFormat& format) {
  samples_ = samples;
  format_ = format;
  next_.store(0);
}

bool PlaybackSource::atEnd() const { return !samples_ || next_.load() >= samples_->size(); }

qint64 PlaybackSource::bytesAvailable() const {
  if (!samples_) return 0;
  return qint64(samples_->size() - std::min(samples_->size(), next_.load())) * format_.bytesPerFrame() +
         QIODevice::bytesAvailable();
}

qint64 PlaybackSource::readData(char* data, qint64 maxLen) {
  if (!samples_ || format_.bytesPerFrame() <= 0) return -1;
  const size_t pos = next_.load();
  if (pos >= samples_->size()) return 0;
  const size_t frames = std::min(size_t(maxLen) / size_t(format_.bytesPerFrame()), samples_->size() - pos);
  const float* src = samples_->data() + pos;
  if (format_.sampleFormat() == QAudioFormat::Float) {
    std::memcpy(data, src, frames * sizeof(float));
  } else {  // Int16
    for (size_t i = 0; i < frames; ++i) {
      const float v = std::clamp(src[i], -1.0f, 1.0f) * 32767.0f;
      const int16_t s = int16_t(v);
      std::memcpy(data + 2 * i, &s, 2);
    }
  }
  if (target_ && frames > 0) target_(src, frames);
  next_.store(pos + frames);
  return qint64(frames) * format_.bytesPerFrame();
}

}  // namespace emo::ui
