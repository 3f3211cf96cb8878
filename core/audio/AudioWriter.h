#pragma once
// Writing WAV (16-bit PCM by default, or 32-bit float), atomically (see AtomicFile.h): a full
// disk leaves the previous file intact and returns a clear error. Any thread.
#include <string>
#include <vector>

#include "core/common/Result.h"

namespace emo {

enum class WavEncoding { Pcm16, Float32 };

/// Writes interleaved samples (channels >= 1) as WAV.
Status writeWav(const std::string& path, const float* samples, size_t frames, int sampleRate,
                int channels = 1, WavEncoding encoding = WavEncoding::Pcm16);
inline Status writeWav(const std::string& path, const std::vector<float>& mono, int sampleRate) {
  return writeWav(path, mono.data(), mono.size(), sampleRate, 1);
}

}  // namespace emo
