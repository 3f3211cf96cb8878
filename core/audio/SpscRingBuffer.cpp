#include "core/audio/SpscRingBuffer.h"

#include <algorithm>

namespace emo {

SpscRingBuffer::SpscRingBuffer(size_t capacity) : buffer_(capacity + 1) {}

size_t SpscRingBuffer::write(const float* data, size_t n) {
  const size_t size = buffer_.size();
  const size_t head = head_.load(std::memory_order_relaxed);
  const size_t tail = tail_.load(std::memory_order_acquire);
  const size_t freeSpace = (tail + size - head - 1) % size;
  const size_t count = std::min(n, freeSpace);
  const size_t first = std::min(count, size - head);
  std::copy(data, data + first, buffer_.begin() + static_cast<std::ptrdiff_t>(head));
  std::copy(data + first, data + count, buffer_.begin());
  head_.store((head + count) % size, std::memory_order_release);
  if (count < n) dropped_.fetch_add(n - count, std::memory_order_relaxed);
  return count;
}

size_t SpscRingBuffer::read(float* out, size_t n) {
  const size_t size = buffer_.size();
  const size_t tail = tail_.load(std::memory_order_relaxed);
  const size_t head = head_.load(std::memory_order_acquire);
  const size_t ready = (head + size - tail) % size;
  const size_t count = std::min(n, ready);
  const size_t first = std::min(count, size - tail);
  std::copy(buffer_.begin() + static_cast<std::ptrdiff_t>(tail),
            buffer_.begin() + static_cast<std::ptrdiff_t>(tail + first), out);
  std::copy(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(count - first), out + first);
  tail_.store((tail + count) % size, std::memory_order_release);
  return count;
}

size_t SpscRingBuffer::available() const {
  const size_t size = buffer_.size();
  return (head_.load(std::memory_order_acquire) + size - tail_.load(std::memory_order_acquire)) % size;
}

}  // namespace emo
