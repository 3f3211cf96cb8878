#include "core/audio/AudioWriter.h"

#include <sndfile.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/audio/SndfileFormat.h"
#include "core/common/AtomicFile.h"

namespace emo {
namespace {

constexpr size_t kBlockFrames = 65536;  ///< frames handed to libsndfile per call
constexpr int kMaxRate = 768000;

// Checks arguments and resolves the libsndfile format code; the message does not name the path
// (callers prefix it).
Result<int> resolveFormat(const float* samples, size_t frames, int sampleRate, int channels,
                          const AudioFileFormat& format) {
  if (channels < 1 || channels > 1024) return fail("channel count " + std::to_string(channels) + " is not valid");
  if (sampleRate < 1 || sampleRate > kMaxRate)
    return fail("sample rate " + std::to_string(sampleRate) + " Hz is outside 1 Hz..768000 Hz");
  if (frames > 0 && !samples) return fail("no sample data given");
  const int major = sndfile::containerCode(format.container);
  if (!major) return fail("unknown container \"" + format.container + "\"");
  const int sub = sndfile::encodingCode(format.encoding);
  if (!sub) return fail("unknown encoding \"" + format.encoding + "\"");
  SF_INFO info{};
  info.samplerate = sampleRate;
  info.channels = channels;
  info.format = major | sub;
  if (!sf_format_check(&info))
    return fail("libsndfile cannot write " + sndfile::encodingName(sub) + " in a " + sndfile::containerName(major) +
                " file (" + std::to_string(channels) + " channels, " + std::to_string(sampleRate) + " Hz)");
  return info.format;
}

Status writeWithLibsndfile(const std::string& target, const float* samples, size_t frames, int sampleRate,
                           int channels, int formatCode) {
  SF_INFO info{};
  info.samplerate = sampleRate;
  info.channels = channels;
  info.format = formatCode;
  SNDFILE* sf = sf_open(target.c_str(), SFM_WRITE, &info);
  if (!sf) return fail(std::string("libsndfile cannot create the file: ") + sf_strerror(nullptr));
  sf_command(sf, SFC_SET_CLIPPING, nullptr, SF_TRUE);  // integer encodings clip instead of wrapping
  const size_t ch = static_cast<size_t>(channels);
  for (size_t done = 0; done < frames;) {
    const size_t n = std::min(kBlockFrames, frames - done);
    const float* block = samples + done * ch;
    for (size_t i = 0; i < n * ch; ++i) {
      if (!std::isfinite(block[i])) {
        sf_close(sf);
        return fail("sample " + std::to_string(done + i / ch) + " (channel " + std::to_string(i % ch + 1) +
                    ") is " + (std::isnan(block[i]) ? "NaN" : "infinite") + "; nothing was saved");
      }
    }
    const sf_count_t wrote = sf_writef_float(sf, block, static_cast<sf_count_t>(n));
    if (wrote != static_cast<sf_count_t>(n)) {
      const std::string why = sf_strerror(sf);
      sf_close(sf);
      return fail("write failed after " + std::to_string(done + static_cast<size_t>(std::max<sf_count_t>(wrote, 0))) +
                  " frames: " + why);
    }
    done += n;
  }
  sf_write_sync(sf);
  if (const int rc = sf_close(sf); rc != 0) return fail(std::string("closing failed: ") + sf_error_number(rc));
  return success();
}

}  // namespace

Status writeAudioFile(const std::string& path, const float* interleaved, size_t frames, int sampleRate,
                      int channels, const AudioFileFormat& format) {
  if (path.empty()) return fail("(no file name): no output path given");
  auto code = resolveFormat(interleaved, frames, sampleRate, channels, format);
  if (!code) return fail(path + ": " + code.error());
  return writeViaTemporary(path, [&](const std::string& temp) {
    return writeWithLibsndfile(temp, interleaved, frames, sampleRate, channels, *code);
  });
}

Status writeWav(const std::string& path, const float* samples, size_t frames, int sampleRate, int channels,
                WavEncoding encoding) {
  AudioFileFormat format;
  format.container = "WAV";
  format.encoding = encoding == WavEncoding::Float32 ? "FLOAT" : "PCM_16";
  return writeAudioFile(path, samples, frames, sampleRate, channels, format);
}

}  // namespace emo
