#include "ui/live/CaptureSink.h"

#include <algorithm>
#include <cstring>

namespace emo::ui {
namespace {
constexpr size_t kBlockFrames = 4096;  // conversion block; writes larger than this are split
}

CaptureSink::CaptureSink(QObject* parent) : QIODevice(parent), buffer_(kBlockFrames), carry_(64) {}

void CaptureSink::setFormat(const QAudioFormat& format) {
  format_ = format;
  carryBytes_ = 0;
  frames_.store(0, std::memory_order_relaxed);
}

void CaptureSink::setTarget(Target target) { target_ = std::move(target); }

size_t CaptureSink::toMono(const char* data, size_t frames, const QAudioFormat& format, float* out) {
  const int ch = std::max(1, format.channelCount());
  const float inv = 1.0f / float(ch);
  for (size_t f = 0; f < frames; ++f) {
    float sum = 0.0f;
    for (int c = 0; c < ch; ++c) {
      const char* p = data + (f * size_t(ch) + size_t(c)) * size_t(format.bytesPerSample());
      switch (format.sampleFormat()) {
        case QAudioFormat::Int16: { int16_t v; std::memcpy(&v, p, 2); sum += float(v) / 32768.0f; break; }
        case QAudioFormat::Int32: { int32_t v; std::memcpy(&v, p, 4); sum += float(double(v) / 2147483648.0); break; }
        case QAudioFormat::Float: { float v; std::memcpy(&v, p, 4); sum += v; break; }
        case QAudioFormat::UInt8: { sum += (float(uint8_t(*p)) - 128.0f) / 128.0f; break; }
        default: break;
      }
    }
    out[f] = sum * inv;
  }
  return frames;
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
      toMono(carry_.data(), 1, format_, buffer_.data());
      if (target_) target_(buffer_.data(), 1);
      frames_.fetch_add(1, std::memory_order_relaxed);
      carryBytes_ = 0;
    }
  }
  size_t frames = bytes / frameBytes;
  while (frames > 0) {
    const size_t n = std::min(frames, buffer_.size());
    toMono(p, n, format_, buffer_.data());
    if (target_) target_(buffer_.data(), n);
    frames_.fetch_add(static_cast<long long>(n), std::memory_order_relaxed);
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
