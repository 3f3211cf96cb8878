#pragma once
// Writing audio files with libsndfile, atomically (see AtomicFile.h): the data goes to a temporary
// file in the same folder that is renamed over the target only when complete, so a failure (full
// disk, missing folder, bad format) leaves the previous file intact and returns a clear error.
// writeWav covers the common case (16-bit PCM or 32-bit float WAV); writeAudioFile any container
// and encoding libsndfile can write (the tests build their format matrix with it). Any thread.
//
//   emo::writeWav("out.wav", mono, 16000);
//   emo::writeAudioFile("out.flac", stereo.data(), frames, 44100, 2, {"FLAC", "PCM_24"});
#include <string>
#include <vector>

#include "core/common/Result.h"

namespace emo {

enum class WavEncoding { Pcm16, Float32 };

/// Container and encoding, by libsndfile's names (case-insensitive).
struct AudioFileFormat {
  std::string container = "WAV";    ///< "WAV", "AIFF", "FLAC", "OGG" (also "W64", "CAF", "AU", ...)
  std::string encoding = "PCM_16";  ///< "PCM_U8", "PCM_S8", "PCM_16", "PCM_24", "PCM_32", "FLOAT",
                                    ///< "DOUBLE", "VORBIS" (OGG only), ... where the container allows
};

/// Writes interleaved samples (channels >= 1) as WAV.
Status writeWav(const std::string& path, const float* samples, size_t frames, int sampleRate,
                int channels = 1, WavEncoding encoding = WavEncoding::Pcm16);
inline Status writeWav(const std::string& path, const std::vector<float>& mono, int sampleRate) {
  return writeWav(path, mono.data(), mono.size(), sampleRate, 1);
}

/// Writes interleaved float samples (nominal range [-1, 1]; integer encodings clip outside it) in
/// any container/encoding pair libsndfile accepts. An invalid pair (e.g. FLAC + FLOAT, WAV +
/// VORBIS, AIFF + PCM_U8) is an Error naming both, before anything is written.
Status writeAudioFile(const std::string& path, const float* interleaved, size_t frames, int sampleRate,
                      int channels, const AudioFileFormat& format);

}  // namespace emo
