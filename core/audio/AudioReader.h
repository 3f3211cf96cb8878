#pragma once
// Reading audio files with libsndfile: every format it reads (WAV 8/16/24/32-bit int and float,
// FLAC, OGG/Vorbis, AIFF, ...), any rate, any channel count (downmixed to mono by averaging),
// resampled with libsoxr. Bad input returns a specific Error, never a crash or exception:
// missing, empty, zero-length, truncated, lying header, non-audio bytes, NaN/Inf samples
// (rejected with a message), 0 Hz or absurd rates (outside 1 Hz..768 kHz). Every message starts
// with the path.
//
// Damaged files: a header that declares more data than the file holds, or data that ends early
// (truncated), is read as far as real data goes and is NOT an error: the audio that is there is
// returned and AudioInfo::warnings / AudioBuffer::warnings say what was wrong. Nothing past the
// real end is invented. A decoder error mid-stream (a cut FLAC) likewise keeps the audio decoded
// before it, with a warning naming the time; a decoder error before any audio is an Error.
//
//   auto audio = emo::readAudioMono("clip.flac");          // 16 kHz mono
//   emo::AudioFileReader r; r.open("long.wav"); r.read(block, 4096);  // streaming, source rate
//
// Thread: each function/object is independent; use one AudioFileReader per thread.
#include <memory>
#include <string>
#include <vector>

#include "core/audio/AudioTypes.h"
#include "core/common/Result.h"

namespace emo {

struct ReadOptions {
  int targetRate = kModelSampleRate;  ///< resample to this rate; 0 keeps the file's rate
  double maxSeconds = 0.0;            ///< stop after this much audio; 0 = whole file
  double maxFileSeconds = 4 * 3600.0; ///< refuse longer files with a clear message (memory guard)
};

/// Header only: format, rate, channels, frames. Errors as readAudioMono.
Result<AudioInfo> probeAudio(const std::string& path);

/// Whole file, decoded, downmixed and resampled. Reads in blocks internally.
Result<AudioBuffer> readAudioMono(const std::string& path, const ReadOptions& options = {});

/// Block-by-block reader for long files: decodes and downmixes, no resampling (pair it with
/// Resampler). Not thread-safe; movable.
class AudioFileReader {
 public:
  AudioFileReader();
  ~AudioFileReader();
  AudioFileReader(AudioFileReader&&) noexcept;
  AudioFileReader& operator=(AudioFileReader&&) noexcept;

  Status open(const std::string& path);
  const AudioInfo& info() const;
  /// Appends up to maxFrames mono samples to `out` (cleared first). Returns the count read;
  /// 0 at end of file. Error on decode failure or NaN/Inf samples.
  Result<size_t> read(std::vector<float>& out, size_t maxFrames);
  void close();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace emo
