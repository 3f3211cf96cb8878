// Codec round trips through libsndfile's virtual I/O (an in-memory file).
#include "core/data/AugmentCodec.h"

#include <sndfile.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "core/audio/Resampler.h"

namespace emo {
namespace {

// A growable byte buffer that libsndfile reads and writes through SF_VIRTUAL_IO.
struct MemoryFile {
  std::vector<unsigned char> bytes;
  sf_count_t pos = 0;

  static MemoryFile& of(void* user) { return *static_cast<MemoryFile*>(user); }
  static sf_count_t length(void* user) { return static_cast<sf_count_t>(of(user).bytes.size()); }
  static sf_count_t seek(sf_count_t offset, int whence, void* user) {
    MemoryFile& m = of(user);
    const sf_count_t base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? m.pos : static_cast<sf_count_t>(m.bytes.size());
    if (base + offset < 0) return -1;
    m.pos = base + offset;
    return m.pos;
  }
  static sf_count_t read(void* dst, sf_count_t count, void* user) {
    MemoryFile& m = of(user);
    const sf_count_t left = std::max<sf_count_t>(0, static_cast<sf_count_t>(m.bytes.size()) - m.pos);
    const sf_count_t n = std::min(count, left);
    if (n > 0) std::memcpy(dst, m.bytes.data() + m.pos, static_cast<size_t>(n));
    m.pos += n;
    return n;
  }
  static sf_count_t write(const void* src, sf_count_t count, void* user) {
    MemoryFile& m = of(user);
    if (static_cast<size_t>(m.pos + count) > m.bytes.size()) m.bytes.resize(static_cast<size_t>(m.pos + count));
    std::memcpy(m.bytes.data() + m.pos, src, static_cast<size_t>(count));
    m.pos += count;
    return count;
  }
  static sf_count_t tell(void* user) { return of(user).pos; }
};

int formatOf(Codec c) {
  switch (c) {
    case Codec::Vorbis: return SF_FORMAT_OGG | SF_FORMAT_VORBIS;
    case Codec::Opus: return SF_FORMAT_OGG | SF_FORMAT_OPUS;
    case Codec::Gsm610: return SF_FORMAT_WAV | SF_FORMAT_GSM610;
    case Codec::Mp3: return SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III;
  }
  return 0;
}

// The rate the codec runs at for input at `rate`.
int codecRate(Codec c, int rate) {
  auto oneOf = [rate](std::initializer_list<int> rates) { return std::find(rates.begin(), rates.end(), rate) != rates.end(); };
  switch (c) {
    case Codec::Vorbis: return rate;
    case Codec::Opus: return oneOf({8000, 12000, 16000, 24000, 48000}) ? rate : 16000;
    case Codec::Gsm610: return 8000;
    case Codec::Mp3: return oneOf({8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000}) ? rate : 16000;
  }
  return rate;
}

Result<std::vector<float>> encodeDecode(const std::vector<float>& x, int rate, Codec codec, double compression) {
  MemoryFile file;
  SF_VIRTUAL_IO io{&MemoryFile::length, &MemoryFile::seek, &MemoryFile::read, &MemoryFile::write, &MemoryFile::tell};
  SF_INFO info{};
  info.samplerate = rate;
  info.channels = 1;
  info.format = formatOf(codec);
  SNDFILE* out = sf_open_virtual(&io, SFM_WRITE, &info, &file);
  if (!out) return fail(codecName(codec) + " encoder: " + sf_strerror(nullptr));
  if (codec != Codec::Gsm610) sf_command(out, SFC_SET_COMPRESSION_LEVEL, &compression, sizeof compression);
  const sf_count_t written = sf_writef_float(out, x.data(), static_cast<sf_count_t>(x.size()));
  sf_close(out);
  if (written != static_cast<sf_count_t>(x.size())) return fail(codecName(codec) + " encoder wrote too few samples");
  file.pos = 0;
  SF_INFO inInfo{};
  SNDFILE* in = sf_open_virtual(&io, SFM_READ, &inInfo, &file);
  if (!in) return fail(codecName(codec) + " decoder: " + sf_strerror(nullptr));
  std::vector<float> y(x.size() + 65536, 0.0f);
  const sf_count_t got = inInfo.channels == 1 ? sf_readf_float(in, y.data(), static_cast<sf_count_t>(y.size())) : -1;
  sf_close(in);
  if (got < 0) return fail(codecName(codec) + " decoder returned " + std::to_string(inInfo.channels) + " channels");
  y.resize(x.size());  // cut decoder padding (GSM frames of 160 samples); a short decode stays zero padded
  return y;
}

}  // namespace

std::string codecName(Codec codec) {
  switch (codec) {
    case Codec::Vorbis: return "vorbis";
    case Codec::Opus: return "opus";
    case Codec::Gsm610: return "gsm";
    case Codec::Mp3: return "mp3";
  }
  return "unknown";
}

Result<std::vector<float>> codecRoundTrip(const std::vector<float>& samples, int sampleRate, Codec codec,
                                          double compression) {
  if (sampleRate <= 0) return fail("codec round trip: bad sample rate " + std::to_string(sampleRate));
  if (samples.empty()) return samples;
  float peak = 0.0f;
  for (float v : samples) peak = std::max(peak, std::abs(v));
  if (!(peak > 0.0f) || !std::isfinite(peak)) return samples;  // silence (or garbage) passes unchanged
  const float scale = 0.9f / peak;
  std::vector<float> x(samples.size());
  for (size_t i = 0; i < x.size(); ++i) x[i] = samples[i] * scale;
  const int rate = codecRate(codec, sampleRate);
  if (rate != sampleRate) {
    auto down = resample(x, sampleRate, rate);
    if (!down) return Error{down.error()};
    x = std::move(down.value());
  }
  auto y = encodeDecode(x, rate, codec, std::clamp(compression, 0.0, 1.0));
  if (!y) return y;
  if (rate != sampleRate) {
    auto up = resample(y.value(), rate, sampleRate);
    if (!up) return Error{up.error()};
    y = std::move(up.value());
  }
  std::vector<float> out = std::move(y.value());
  out.resize(samples.size(), 0.0f);
  for (float& v : out) v /= scale;
  return out;
}

}  // namespace emo
