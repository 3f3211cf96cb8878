#pragma once
// RecordingSpool: writes a microphone recording to disk while it is captured, in the device's
// own rate and channel count, so a crash or a kill loses at most the last second. The audio
// callback calls write() only (a lock-free ring-buffer copy of interleaved float frames); a
// writer thread owned by the spool drains the ring every ~100 ms into
// "<folder>/recording-<time>.partial.wav" (16-bit PCM), rewrites the WAV header's sizes and
// flushes the file to disk every `syncSeconds`, and checks the free disk space. finish() drains
// what is left, fixes the header and renames the file to "recording-<time>.wav". A ".partial.wav"
// left behind by a killed process is found and repaired by RecordingRecovery.
// Threads: start()/finish()/status calls on the owner's (GUI) thread; write() on the audio
// thread; the writer thread is private.
#include <QString>
#include <atomic>
#include <functional>
#include <string>
#include <memory>
#include <mutex>
#include <thread>

namespace emo {
class SpscRingBuffer;
}

namespace emo::ui {

struct RecordingSpoolParams {
  double ringSeconds = 10.0;            ///< audio the ring holds while the writer is late
  int drainMilliseconds = 100;          ///< how often the writer thread empties the ring
  double syncSeconds = 1.0;             ///< header fix-up + fsync interval (what a kill can lose)
  long long reserveBytes = 50ll << 20;  ///< stop recording when less disk space than this is left
  /// Free bytes on the disk holding a folder (called on the writer thread; -1 = unknown).
  /// Default: std::filesystem::space. Tests pass a disk that fills up.
  std::function<long long(const std::string& folder)> freeBytes;
};

class RecordingSpool {
 public:
  explicit RecordingSpool(RecordingSpoolParams params = {});
  ~RecordingSpool();  ///< finishes a running spool
  RecordingSpool(const RecordingSpool&) = delete;
  RecordingSpool& operator=(const RecordingSpool&) = delete;

  /// Creates the spool file in `folder` (made if missing) for `channels` interleaved channels at
  /// `sampleRate` and starts the writer thread. "" or a message.
  QString start(const QString& folder, int sampleRate, int channels);
  /// Audio thread: interleaved frames in [-1, 1]. Lock-free; drops (and counts) on overflow.
  void write(const float* interleaved, size_t frames);
  /// Stops the writer, writes what is buffered, fixes the header and renames the file to its
  /// final name. Returns that path ("" when nothing was started).
  QString finish();
  bool active() const { return thread_.joinable(); }

  /// The file being written (".partial.wav") or, after finish(), the finished one.
  QString path() const;
  int sampleRate() const { return rate_; }
  int channels() const { return channels_; }
  /// Frames written to the file so far (any thread).
  long long framesWritten() const { return framesWritten_.load(std::memory_order_relaxed); }
  /// "" while all is well; else why the writer stopped writing (disk full, write error). Any thread.
  QString error() const;

  /// The header of a 16-bit PCM WAV file with `dataBytes` of samples (44 bytes).
  static std::string wavHeader(int sampleRate, int channels, long long dataBytes);
  /// ".partial.wav": the suffix of a recording that is still being (or was never finished) written.
  static QString partialSuffix() { return QStringLiteral(".partial.wav"); }

 private:
  void run();
  bool drainOnce();  ///< writer thread: ring -> file; false on a write error
  bool syncHeader();
  void fail(const QString& message);

  RecordingSpoolParams params_;
  std::unique_ptr<SpscRingBuffer> ring_;
  std::thread thread_;
  std::atomic<bool> stop_{false};
  std::atomic<long long> framesWritten_{0};
  long long samplesWritten_ = 0;  ///< writer thread (and finish() after the join)
  std::atomic<bool> failed_{false};
  mutable std::mutex mutex_;  ///< guards error_ and path_
  QString error_;
  QString path_;
  int fd_ = -1;
  int rate_ = 0;
  int channels_ = 0;
};

}  // namespace emo::ui
