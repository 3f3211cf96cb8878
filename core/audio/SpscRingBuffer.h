#pragma once
// Lock-free single-producer / single-consumer ring buffer of floats. The real-time audio
// callback (producer thread) calls write() only: no locks, no allocation. One consumer thread
// calls read(). Capacity is fixed at construction. Overflow drops the newest samples and counts
// them (droppedSamples()), so the producer never blocks.
#include <atomic>
#include <cstddef>
#include <vector>

namespace emo {

class SpscRingBuffer {
 public:
  explicit SpscRingBuffer(size_t capacity);
  /// Producer thread only. Returns how many samples were stored (< n when full).
  size_t write(const float* data, size_t n);
  /// Consumer thread only. Copies up to n samples into out; returns how many.
  size_t read(float* out, size_t n);
  /// Either thread: samples ready to read (a snapshot).
  size_t available() const;
  size_t capacity() const { return buffer_.size() - 1; }
  /// Samples lost to overflow since construction.
  size_t droppedSamples() const { return dropped_.load(std::memory_order_relaxed); }

 private:
  std::vector<float> buffer_;
  alignas(64) std::atomic<size_t> head_{0};  ///< next write index (producer)
  alignas(64) std::atomic<size_t> tail_{0};  ///< next read index (consumer)
  alignas(64) std::atomic<size_t> dropped_{0};
};

}  // namespace emo
