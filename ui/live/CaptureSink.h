#pragma once
// CaptureSink: the QIODevice that QAudioSource writes captured audio into (push mode). Its
// writeData() is the real-time path: it converts the device's samples (Int16/Int32/Float/UInt8,
// any channel count) to mono float into a buffer allocated once in the constructor, and hands
// them to the target (LiveSession::writeAudio, a lock-free ring-buffer write); the same frames,
// all channels kept (interleaved float), go to the raw target (RecordingSpool::write, another
// lock-free ring-buffer write). No locks, no allocation, no signals, no logging there. Called on the thread that runs the QAudioSource;
// setFormat()/setTarget() only while capture is stopped. Owned by AudioCapture.
#include <QAudioFormat>
#include <QIODevice>
#include <atomic>
#include <functional>
#include <vector>

namespace emo::ui {

class CaptureSink : public QIODevice {
  Q_OBJECT
 public:
  /// Receives mono float samples; must itself be real-time safe.
  using Target = std::function<void(const float* samples, size_t n)>;

  explicit CaptureSink(QObject* parent = nullptr);

  void setFormat(const QAudioFormat& format);
  void setTarget(Target target);
  /// Receives interleaved float frames in the device's channel count; must be real-time safe.
  using RawTarget = std::function<void(const float* interleaved, size_t frames)>;
  void setRawTarget(RawTarget target);
  /// The most channels the sink converts (more are refused by setFormat's caller, AudioCapture).
  static constexpr int kMaxChannels = 8;
  /// Frames received since the last setFormat() (any thread).
  long long framesReceived() const { return frames_.load(std::memory_order_relaxed); }

  /// Converts interleaved frames to mono float (public for tests). Returns frames converted.
  static size_t toMono(const char* data, size_t frames, const QAudioFormat& format, float* out);
  /// Converts interleaved frames to interleaved float, channels kept (public for tests).
  static size_t toFloat(const char* data, size_t frames, const QAudioFormat& format, float* out);

 protected:
  qint64 readData(char*, qint64) override { return -1; }
  qint64 writeData(const char* data, qint64 len) override;

 private:
  QAudioFormat format_;
  void deliver(const char* data, size_t frames);  ///< converts and hands on (real-time path)

  Target target_;
  RawTarget raw_;
  std::vector<float> buffer_;  ///< preallocated conversion buffer (mono)
  std::vector<float> interleaved_;  ///< preallocated conversion buffer (all channels)
  std::vector<char> carry_;    ///< a partial frame left from the previous write (preallocated)
  size_t carryBytes_ = 0;
  std::atomic<long long> frames_{0};
};

}  // namespace emo::ui
