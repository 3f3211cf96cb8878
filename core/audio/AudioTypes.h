#pragma once
// Plain audio values shared by readers, writers, the resampler and the live pipeline.
#include <cstdint>
#include <string>
#include <vector>

namespace emo {

/// What a file holds, before decoding (emoscope-cli info prints this).
struct AudioInfo {
  std::string path;
  std::string container;   ///< "WAV", "FLAC", "OGG", "AIFF", ... (libsndfile's major format name)
  std::string encoding;    ///< "PCM_16", "PCM_24", "FLOAT", "VORBIS", ...
  int sampleRate = 0;      ///< Hz
  int channels = 0;
  int64_t frames = 0;      ///< samples per channel
  /// Problems found that did not stop decoding, e.g. "header declares 4.0 s but the data ends at
  /// 2.5 s" (the audio that is really there is still returned). Empty for a healthy file.
  std::vector<std::string> warnings;
  double seconds() const { return sampleRate > 0 ? double(frames) / sampleRate : 0.0; }
};

/// Mono float samples in [-1, 1] at a known rate.
struct AudioBuffer {
  std::vector<float> samples;
  int sampleRate = 0;
  /// Non-fatal problems met while reading (copied from AudioInfo::warnings); usually empty.
  std::vector<std::string> warnings;
  double seconds() const { return sampleRate > 0 ? double(samples.size()) / sampleRate : 0.0; }
};

/// The model rate: everything is resampled to this before features.
constexpr int kModelSampleRate = 16000;

}  // namespace emo
