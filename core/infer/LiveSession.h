#pragma once
// LiveSession: the live pipeline between an audio callback and a display. The audio callback
// (producer, real-time thread) only calls writeAudio(): a lock-free copy into a ring buffer, no
// allocation, no locks. A worker thread owned by the session drains the ring buffer, runs the
// StreamingClassifier and stores results; the GUI thread polls them with takeUpdate() on a
// timer (~30 Hz). Several sessions may share one model.
//
//   LiveSession s(model, 48000);  s.start();
//   callback:   s.writeAudio(buf, n);
//   GUI timer:  LiveUpdate u = s.takeUpdate(); draw(u);
//   s.stop();   // joins the worker; everything written before stop() is analysed
#include <memory>
#include <string>
#include <vector>

#include "core/common/Matrix.h"
#include "core/infer/EmotionFrame.h"

namespace emo {

class ModelBundle;
struct NormStats;

/// What happened since the previous takeUpdate().
struct LiveUpdate {
  std::vector<float> samples;          ///< new input samples at the input rate (for waveform / meter)
  Matrix spectrogram;                  ///< new log-mel dB columns (rows = 10 ms frames)
  std::vector<EmotionFrame> frames;    ///< new emotion frames
  long long droppedSamples = 0;        ///< total samples lost to ring-buffer overflow so far
  std::string error;                   ///< non-empty if the worker hit an error (it stops)
};

class LiveSession {
 public:
  LiveSession(std::shared_ptr<const ModelBundle> model, int inputSampleRate, StreamParams params = {},
              std::shared_ptr<const NormStats> speaker = nullptr, double ringSeconds = 10.0);
  ~LiveSession();  ///< stops the worker
  LiveSession(const LiveSession&) = delete;
  LiveSession& operator=(const LiveSession&) = delete;

  void start();
  /// Producer thread (audio callback) only. Lock-free; returns samples accepted.
  size_t writeAudio(const float* samples, size_t n);
  /// Stops accepting audio, analyses what is buffered, flushes the stream end, joins the worker.
  void stop();
  bool running() const;
  /// GUI thread: everything new since the last call.
  LiveUpdate takeUpdate();
  /// Total samples the worker has consumed (input rate).
  long long samplesConsumed() const;
  const std::vector<std::string>& labels() const;
  int inputSampleRate() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace emo
