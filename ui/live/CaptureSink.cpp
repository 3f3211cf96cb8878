#include "ui/live/CaptureSink.h"

#include <algorithm>
#include <cstring>

namespace emo::ui {
namespace {
constexpr size_t kBlockFrames = 4096;  // conversion block; writes larger than this are split
}

CaptureSink::CaptureSink(QObject* parent)
    : QIODevice(parent), buffer_(kBlockFrames), interleaved_(kBlockFrames * kMaxChannels), carry_(64) {}

void CaptureSink::setFormat(const QAudioFormat& format) {
  format_ = format;
  carryBytes_ = 0;
  frames_.store(0, std::memory_order_relaxed);
}

void CaptureSink::setTarget(Target target) { target_ = std::move(target); }
void CaptureSink::setRawTarget(RawTarget target) { raw_ = std::move(target); }

size_t CaptureSink::toFloat(const char* data, size_t frames, const QAudioFormat& format, float* out) {
  const size_t n = frames * size_t(std::max(1, format.channelCount()));
  const size_t bps = size_t(format.bytesPerSample());
  for (size_t i = 0; i < n; ++i) {
    const char* p = data + i * bps;
    float x = 0.0f;
    switch (format.sampleFormat()) {
      case QAudioFormat::Int16: { int16_t v; std::memcpy(&v, p, 2); x = float(v) / 32768.0f; break; }
      case QAudioFormat::Int32: { int32_t v; std::memcpy(&v, p, 4); x = float(double(v) / 2147483648.0); break; }
      case QAudioFormat::Float: { std::memcpy(&x, p, 4); break; }
      case QAudioFormat::UInt8: { x = (float(uint8_t(*p)) - 128.0f) / 128.0f; break; }
      default: break;
    }
    out[i] = x;
  }
  return frames;
}

namespace {
void downmix(const float* interleaved, size_t frames, int channels, float* out) {
  const float inv = 1.0f / float(channels);
  for (size_t f = 0; f < frames; ++f) {
    float sum = 0.0f;
    for (int c = 0; c < channels; ++c) sum += interleaved[f * size_t(channels) + size_t(c)];
    out[f] = sum * inv;
  }
}
}  // namespace

size_t CaptureSink::toMono(const char* data, size_t frames, const QAudioFormat& format, float* out) {
  const int ch = std::max(1, format.channelCount());
  std::vector<float> all(frames * size_t(ch));  // tests only; the real-time path uses deliver()
  toFloat(data, frames, format, all.data());
  downmix(all.data(), frames, ch, out);
  return frames;
}

void CaptureSink::deliver(const char* data, size_t frames) {
  const int ch = std::clamp(format_.channelCount(), 1, kMaxChannels);
  toFloat(data, frames, format_, interleaved_.data());
  downmix(interleaved_.data(), frames, ch, buffer_.data());
  if (target_) target_(buffer_.data(), frames);
  if (raw_) raw_(interleaved_.data(), frames);
  frames_.fetch_add(static_cast<long long>(frames), std::memory_order_relaxed);
}

qint64 CaptureSink::writeData(const char* data, qint64 len) {
  const size_t frameBytes = size_t(std::max(1, format_.bytesPerFrame()));
  if (len <= 0 || format_.sampleFormat() == QAudioFormat::Unknown) return len;
  size_t bytes = size_t(len);
  const char* p = data;
  // Complete a frame split across two writes (rare: devices deliver whole frames).
  if (carryBytes_ > 0 && frameBytes <= carry_.size()) {
    const size_t need = std::min(frameBytes - carryBytes_, bytes);
    std::memcpy(carry_.data() + carryBytes_, p, need);
    carryBytes_ += need;
    p += need;
    bytes -= need;
    if (carryBytes_ == frameBytes) {
      deliver(carry_.data(), 1);
      carryBytes_ = 0;
    }
  }
  size_t frames = bytes / frameBytes;
  while (frames > 0) {
    const size_t n = std::min(frames, buffer_.size());
    deliver(p, n);
    p += n * frameBytes;
    bytes -= n * frameBytes;
    frames -= n;
  }
  if (bytes > 0 && bytes <= carry_.size()) {
    std::memcpy(carry_.data(), p, bytes);
    carryBytes_ = bytes;
  }
  return len;
}

}  // namespace emo::ui
