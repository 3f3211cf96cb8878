#pragma once
// StreamingClassifier: live emotion recognition on audio pushed in blocks of any size at any rate
// (a microphone, or a file played back). It resamples to the model rate, keeps feature state
// incrementally (each STFT frame computed once), and emits one EmotionFrame per hop. Frame k
// stands for the tile [k*hop, (k+1)*hop) of the stream and is scored from the window of
// windowSeconds centred on that tile, so it comes out half a window after the tile (at
// EmotionFrame::time, the window's end). Edges use shorter windows, never padding: the first
// windows start at 0 s, and finish() scores the tiles up to the stream's end with windows that
// stop at the last frame. A voice-activity gate (SpeechGate, relative to the input's own noise
// floor) decides which frames are speech; a window is scored only when enough of it is speech and
// that speech is centred on its tile (not a sentence sliding in or out of the window). Otherwise
// the frame is "no speech", or, within holdSeconds of the last scored frame, holds that frame's
// result marked as held. On a file fed in blocks its frames match the offline timeline of the
// same file (TimelinePredictor).
//
//   StreamingClassifier sc(model);            // model: std::shared_ptr<const ModelBundle>
//   sc.push(block.data(), block.size(), 48000);
//   for (const EmotionFrame& f : sc.takeFrames()) show(f);
//
// One object per stream, used from one thread (the analysis worker). The model is shared and
// read-only, so several streams may run on one model at once.
#include <memory>
#include <string>
#include <vector>

#include "core/common/Matrix.h"
#include "core/infer/EmotionFrame.h"

namespace emo {

class ModelBundle;
struct NormStats;

class StreamingClassifier {
 public:
  /// `speaker`: optional calibrated profile statistics (see SpeakerProfile.h).
  StreamingClassifier(std::shared_ptr<const ModelBundle> model, StreamParams params = {},
                      std::shared_ptr<const NormStats> speaker = nullptr);
  ~StreamingClassifier();
  StreamingClassifier(StreamingClassifier&&) noexcept;
  StreamingClassifier& operator=(StreamingClassifier&&) noexcept;

  /// Adds mono samples at `sampleRate` (the rate may not change mid-stream; reset() first).
  Status push(const float* samples, size_t n, int sampleRate);
  /// End of stream: flushes the resampler and feature tail and emits the frames of the tiles up
  /// to the stream's end (windows cut at the last frame). Call reset() before pushing again.
  void finish();
  /// Frames produced since the last call (moved out).
  std::vector<EmotionFrame> takeFrames();
  /// Log-mel dB columns (one row per 10 ms feature frame) produced since the last call, for a
  /// spectrogram display. Only filled when keepSpectrogram(true).
  Matrix takeSpectrogram();
  void keepSpectrogram(bool keep);
  void setSpeakerProfile(std::shared_ptr<const NormStats> speaker);
  /// Starts a new stream (and a new session: its statistics are dropped).
  void reset();
  /// Seconds of audio in the session statistics (speaker-normalised models only; 0 otherwise).
  double sessionSeconds() const;
  /// Whether scoring now normalises with the session's own statistics: a speaker-normalised
  /// model, no speaker profile, and StreamParams::sessionStatsSeconds of scored audio so far.
  bool usesSessionStats() const;

  const std::vector<std::string>& labels() const;
  const StreamParams& params() const;
  /// Seconds of audio consumed so far (at the model rate).
  double streamSeconds() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace emo
