#pragma once
// Mailbox<T>: hands values from one thread to another under a std::mutex. A sender posts a value
// and then emits (or invokes) something payload-free; the receiver takes everything posted so far,
// in order. Used instead of queued-signal arguments where a worker thread and the GUI exchange
// large values: the hand-over is then a plain mutex that ThreadSanitizer (and a reader) can see,
// rather than Qt's copy of the argument behind its own event-queue lock. Any thread.
#include <deque>
#include <mutex>
#include <utility>
#include <vector>

namespace emo::ui {

template <class T>
class Mailbox {
 public:
  void post(T value) {
    std::lock_guard<std::mutex> lock(mutex_);
    queue_.push_back(std::move(value));
  }
  /// Everything posted so far, oldest first; the mailbox is left empty.
  std::vector<T> takeAll() {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<T> out;
    out.reserve(queue_.size());
    for (auto& v : queue_) out.push_back(std::move(v));
    queue_.clear();
    return out;
  }

 private:
  std::mutex mutex_;
  std::deque<T> queue_;
};

}  // namespace emo::ui
