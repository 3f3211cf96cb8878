#include "core/audio/AudioReader.h"

#include <fcntl.h>
#include <sndfile.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "core/audio/HeaderPeek.h"
#include "core/audio/Resampler.h"
#include "core/audio/SndfileFormat.h"

// Policy for damaged files (documented here and in AudioReader.h):
//  * A header that declares more data than the file holds is NOT an error: libsndfile sizes the
//    stream from what is really there, we decode exactly that, and AudioInfo::warnings /
//    AudioBuffer::warnings say that the header lied. Data that ends before the frame count
//    libsndfile expected (a truncated file) is handled the same way: the frames that decoded are
//    returned, with a warning naming where the data ended. Nothing past the end is invented.
//  * A decoder error mid-stream (e.g. a FLAC cut in half: "lost sync") keeps the audio decoded
//    before it and adds a warning naming the time; an error before any audio decoded is an Error.
//  * NaN or Inf samples are an Error naming the first bad sample's time, frame and channel.

namespace emo {
namespace {

constexpr int kMaxRate = 768000;
constexpr size_t kBlockFrames = 65536;  ///< frames decoded per libsndfile call

std::string seconds(double s) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3f s", s);
  return text;
}

// A declared rate as text; %g, not a cast to an integer: an AIFF header can declare inf or 1e300.
std::string rateText(double rate) {
  char text[32];
  std::snprintf(text, sizeof text, "%.10g", rate);
  return text;
}

std::string displayName(const std::string& path) { return path.empty() ? std::string("(no file name)") : path; }

// Checks that do not need libsndfile: existence, type, size, permissions.
Status checkFileAccess(const std::string& path) {
  namespace fs = std::filesystem;
  if (path.empty()) return fail("(no file name): no audio file given");
  std::error_code ec;
  const fs::file_status st = fs::status(path, ec);
  if (ec || !fs::exists(st)) return fail(path + ": no such file");
  if (fs::is_directory(st)) return fail(path + ": is a folder, not an audio file");
  if (fs::is_regular_file(st)) {
    const auto size = fs::file_size(path, ec);
    if (!ec && size == 0) return fail(path + ": file is empty (0 bytes)");
  }
  const int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0) {
    const int err = errno;
    if (err == EACCES || err == EPERM) return fail(path + ": permission denied (cannot read the file)");
    return fail(path + ": cannot open: " + std::strerror(err));
  }
  ::close(fd);
  return success();
}

// The libsndfile log says the header claims more than the file holds: an audio chunk (WAV "data",
// AIFF "SSND") size line such as "data : 128000 (should be 32000)" with the claim larger, or
// "Chunk size ... > file length".
bool logSaysHeaderLied(SNDFILE* sf) {
  char log[8192] = {0};
  sf_command(sf, SFC_GET_LOG_INFO, log, sizeof log);
  const std::string text(log);
  if (text.find("> file length") != std::string::npos) return true;
  for (size_t pos = 0; (pos = text.find("(should be ", pos)) != std::string::npos; pos += 11) {
    const size_t lineStart = text.rfind('\n', pos) == std::string::npos ? 0 : text.rfind('\n', pos) + 1;
    const size_t colon = text.find(':', lineStart);
    if (colon == std::string::npos || colon > pos) continue;
    // Only the audio chunk's size counts ("Bytes/sec : ... (should be ...)" is harmless).
    const std::string id = text.substr(lineStart, 4);
    if (id != "data" && id != "SSND") continue;
    const long long claimed = std::atoll(text.c_str() + colon + 1);
    const long long real = std::atoll(text.c_str() + pos + 11);
    if (claimed > real) return true;
  }
  return false;
}

// True when no value is NaN or infinite (exponent bits all ones); integer test, vectorises.
bool allFinite(const float* x, size_t n) {
  uint32_t bad = 0;
  for (size_t i = 0; i < n; ++i) {
    uint32_t bits;
    std::memcpy(&bits, x + i, sizeof bits);
    bad |= uint32_t((bits & 0x7f800000u) == 0x7f800000u);
  }
  return bad == 0;
}

// The state of one open file; AudioFileReader wraps it, readAudioMono uses it directly.
struct ReaderState {
  SNDFILE* sf = nullptr;
  AudioInfo info;
  bool knownLength = true;  ///< false when libsndfile cannot tell the frame count
  int64_t position = 0;     ///< frames decoded so far
  bool ended = false;
  std::string failure;      ///< a decode error already reported; later reads repeat it
  std::vector<float> interleaved;

  ReaderState() = default;
  ReaderState(const ReaderState&) = delete;
  ReaderState& operator=(const ReaderState&) = delete;
  ~ReaderState() { close(); }
  void close() {
    if (sf) sf_close(sf);
    sf = nullptr;
  }
  double timeOf(int64_t frame) const { return info.sampleRate > 0 ? double(frame) / info.sampleRate : 0.0; }
  Status open(const std::string& path);
  /// Up to maxFrames mono samples into out (room for maxFrames): mono files decode straight into
  /// it, others are downmixed into it from the reused interleaved buffer.
  Result<size_t> decode(float* out, size_t maxFrames);
};

Status ReaderState::open(const std::string& path) {
  if (Status ok = checkFileAccess(path); !ok) return ok;

  SF_INFO sfinfo{};
  SNDFILE* sf = sf_open(path.c_str(), SFM_READ, &sfinfo);
  if (!sf) {
    const std::string why = sf_strerror(nullptr);
    // libsndfile refuses a 0 Hz (or negative) rate with a generic message; name the real problem.
    const auto rate = headerpeek::declaredSampleRate(path);
    if (rate && (*rate < 1.0 || *rate > kMaxRate))
      return fail(path + ": sample rate " + rateText(*rate) +
                  " Hz is not plausible (expected 1 Hz..768000 Hz); the header is damaged");
    return fail(path + ": not an audio file libsndfile can read: " + why);
  }

  info.path = path;
  info.container = sndfile::containerName(sfinfo.format);
  info.encoding = sndfile::encodingName(sfinfo.format);
  info.sampleRate = sfinfo.samplerate;
  info.channels = sfinfo.channels;
  info.frames = sfinfo.frames;

  auto refuse = [&](const std::string& why) -> Status {
    sf_close(sf);
    info = AudioInfo{};
    return fail(path + ": " + why);
  };
  // libsndfile turns an AIFF rate of 0 Hz into 1 Hz; the header tells the truth.
  if (sfinfo.samplerate == 1) {
    const auto declared = headerpeek::declaredSampleRate(path);
    if (declared && *declared < 1.0) sfinfo.samplerate = 0;
  }
  // A rate above the limit in a header whose other fields agree with it is a valid file at a rate
  // EmoScope does not read (e.g. 2 MHz from a measurement card), not a damaged one.
  if (sfinfo.samplerate > kMaxRate && headerpeek::declaredRateConsistent(path).value_or(false))
    return refuse("sample rate " + std::to_string(sfinfo.samplerate) +
                  " Hz is above the highest rate EmoScope reads (768000 Hz); the header itself is valid: "
                  "resample the file first (e.g. sox IN -r 48000 OUT)");
  if (sfinfo.samplerate < 1 || sfinfo.samplerate > kMaxRate)
    return refuse("sample rate " + std::to_string(sfinfo.samplerate) +
                  " Hz is not plausible (expected 1 Hz..768000 Hz); the header is damaged");
  if (sfinfo.channels < 1 || sfinfo.channels > 1024)
    return refuse("channel count " + std::to_string(sfinfo.channels) + " is not plausible; the header is damaged");
  if (sfinfo.frames == 0) return refuse("contains no audio (0 frames)");
  knownLength = sfinfo.frames > 0 && sfinfo.frames != SF_COUNT_MAX;
  if (!knownLength) info.frames = 0;
  if (logSaysHeaderLied(sf))
    info.warnings.push_back("the header declares more data than the file holds; reading the " +
                            seconds(info.seconds()) + " that are really there");
  this->sf = sf;
  return success();
}

}  // namespace

struct AudioFileReader::Impl : ReaderState {};

AudioFileReader::AudioFileReader() : impl_(std::make_unique<Impl>()) {}
AudioFileReader::~AudioFileReader() = default;
AudioFileReader::AudioFileReader(AudioFileReader&&) noexcept = default;
AudioFileReader& AudioFileReader::operator=(AudioFileReader&&) noexcept = default;

Status AudioFileReader::open(const std::string& path) {
  impl_ = std::make_unique<Impl>();  // closes any file opened before
  return impl_->open(path);
}

const AudioInfo& AudioFileReader::info() const {
  static const AudioInfo none;
  return impl_ ? impl_->info : none;
}

void AudioFileReader::close() {
  if (impl_) impl_->close();
}

Result<size_t> AudioFileReader::read(std::vector<float>& out, size_t maxFrames) {
  out.clear();
  if (!impl_) return fail("(moved-from reader): reader is not open");
  if (maxFrames == 0 || !impl_->sf || impl_->ended || !impl_->failure.empty())
    return impl_->decode(nullptr, 0);  // the same answers (errors, 0 at the end) as below
  out.resize(maxFrames);
  auto got = impl_->decode(out.data(), maxFrames);
  out.resize(got ? *got : 0);
  return got;
}

namespace {

Result<size_t> ReaderState::decode(float* out, size_t maxFrames) {
  ReaderState& d = *this;
  if (!d.failure.empty()) return fail(d.failure);
  if (!d.sf) return fail(displayName(d.info.path) + ": reader is not open");
  if (d.ended || maxFrames == 0) return size_t{0};
  const int ch = d.info.channels;
  size_t filled = 0;
  while (filled < maxFrames) {
    // Mono decodes straight into `out` in one call; more channels go through the interleaved
    // buffer a block at a time.
    const size_t want = ch == 1 ? maxFrames - filled : std::min(kBlockFrames, maxFrames - filled);
    float* dst = out + filled;
    if (ch > 1) {
      d.interleaved.resize(want * static_cast<size_t>(ch));
      dst = d.interleaved.data();
    }
    sf_count_t got = sf_readf_float(d.sf, dst, static_cast<sf_count_t>(want));
    const bool failed = got < 0 || (got < static_cast<sf_count_t>(want) && sf_error(d.sf) != SF_ERR_NO_ERROR);
    if (failed && d.position + std::max<sf_count_t>(got, 0) == 0)
      return fail(d.info.path + ": decoding failed at the start of the audio: " + sf_strerror(d.sf));
    if (got < 0) got = 0;
    // Finite check first (a branch-free scan; the slow search only when something is wrong).
    const size_t values = static_cast<size_t>(got) * ch;
    if (!allFinite(dst, values)) {
      const size_t bad = static_cast<size_t>(std::find_if(dst, dst + values, [](float v) { return !std::isfinite(v); }) - dst);
      const int64_t index = d.position + static_cast<int64_t>(bad / ch);
      d.failure = d.info.path + ": sample at " + seconds(d.timeOf(index)) + " (frame " + std::to_string(index) +
                  ", channel " + std::to_string(bad % ch + 1) + ") is " + (std::isnan(dst[bad]) ? "NaN" : "infinite") +
                  "; the file is corrupt";
      return fail(d.failure);
    }
    if (ch > 1) {
      float* mono = out + filled;
      for (sf_count_t f = 0; f < got; ++f) {
        const float* frame = dst + static_cast<size_t>(f) * ch;
        double sum = 0.0;  // double: finite float channels near FLT_MAX must not add up to inf
        for (int c = 0; c < ch; ++c) sum += frame[c];
        mono[f] = static_cast<float>(sum / ch);
      }
    }
    filled += static_cast<size_t>(got);
    d.position += got;
    if (failed) {
      d.ended = true;
      d.info.warnings.push_back("decoding stopped at " + seconds(d.timeOf(d.position)) + " of " +
                                seconds(d.info.seconds()) + " (" + sf_strerror(d.sf) +
                                "); the file is damaged or truncated, returning the audio before that point");
      break;
    }
    if (got < static_cast<sf_count_t>(want)) {
      d.ended = true;
      if (d.knownLength && d.position < d.info.frames)
        d.info.warnings.push_back("the audio data ends at " + seconds(d.timeOf(d.position)) +
                                  ", before the " + seconds(d.info.seconds()) +
                                  " the header declares (truncated file)");
      break;
    }
  }
  return filled;
}

}  // namespace

Result<AudioInfo> probeAudio(const std::string& path) {
  AudioFileReader reader;
  if (Status ok = reader.open(path); !ok) return Error{ok.error()};
  return reader.info();
}

Result<AudioBuffer> readAudioMono(const std::string& path, const ReadOptions& options) {
  if (options.targetRate != 0 && (options.targetRate < 1 || options.targetRate > kMaxRate))
    return fail(displayName(path) + ": target rate " + std::to_string(options.targetRate) +
                " Hz is outside 1 Hz..768000 Hz");
  ReaderState reader;
  if (Status ok = reader.open(path); !ok) return Error{ok.error()};
  const AudioInfo& info = reader.info;
  const double limitSeconds = options.maxFileSeconds;
  if (limitSeconds > 0 && info.seconds() > limitSeconds)
    return fail(path + ": is " + seconds(info.seconds()) + " long, more than the " + seconds(limitSeconds) +
                " limit (ReadOptions::maxFileSeconds)");

  const int rate = info.sampleRate;
  const int target = options.targetRate == 0 ? rate : options.targetRate;
  auto resampler = Resampler::create(rate, target);
  if (!resampler) return fail(path + ": " + resampler.error());

  int64_t wanted = info.frames > 0 ? info.frames : INT64_MAX;
  if (options.maxSeconds > 0)
    wanted = std::min<int64_t>(wanted, static_cast<int64_t>(std::ceil(options.maxSeconds * rate)));
  AudioBuffer buffer;
  buffer.sampleRate = target;
  // Reserve what the header promises, capped (a lying header must not allocate gigabytes up front).
  if (info.frames > 0)
    buffer.samples.reserve(std::min<size_t>(static_cast<size_t>(double(wanted) * target / rate) + 64, size_t{1} << 24));

  // At the model rate the samples decode straight into the result (whole file in one call when
  // its length is known); otherwise block by block through the resampler.
  const bool direct = rate == target;
  std::vector<float> block;
  int64_t done = 0;
  while (done < wanted) {
    const int64_t chunk = direct && info.frames > 0 ? int64_t{1} << 24 : int64_t(kBlockFrames);
    const size_t ask = static_cast<size_t>(std::min<int64_t>(chunk, wanted - done));
    float* dst = nullptr;
    if (direct) {
      buffer.samples.resize(static_cast<size_t>(done) + ask);
      dst = buffer.samples.data() + done;
    } else {
      block.resize(ask);
      dst = block.data();
    }
    auto got = reader.decode(dst, ask);
    if (!got) return Error{got.error()};
    if (direct) buffer.samples.resize(static_cast<size_t>(done) + *got);
    if (*got == 0) break;
    done += static_cast<int64_t>(*got);
    if (limitSeconds > 0 && double(done) / rate > limitSeconds)
      return fail(path + ": is longer than the " + seconds(limitSeconds) + " limit (ReadOptions::maxFileSeconds)");
    if (!direct) resampler->process(dst, *got, buffer.samples);
  }
  resampler->flush(buffer.samples);
  // Finite samples near the float limit (|x| ~ 3e38, only in corrupt float files) can overflow in
  // the resampling filter; the caller must never see inf. (Without resampling the reader has
  // checked every sample already.)
  if (!direct)
    for (float v : buffer.samples)
      if (!std::isfinite(v))
        return fail(path + ": samples near the float limit overflow when resampled to " + std::to_string(target) +
                    " Hz; the file is corrupt");
  buffer.warnings = info.warnings;
  return buffer;
}

}  // namespace emo
