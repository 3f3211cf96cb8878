#include "core/audio/HeaderPeek.h"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <vector>

namespace emo::headerpeek {
namespace {

uint32_t le32(const unsigned char* p) { return p[0] | (p[1] << 8) | (p[2] << 16) | (uint32_t(p[3]) << 24); }
uint32_t be32(const unsigned char* p) { return (uint32_t(p[0]) << 24) | (p[1] << 16) | (p[2] << 8) | p[3]; }

// IEEE 754 80-bit extended (big-endian), as AIFF stores its sample rate.
double extended80(const unsigned char* p) {
  const int exponent = ((p[0] & 0x7F) << 8) | p[1];
  uint64_t mantissa = 0;
  for (int i = 0; i < 8; ++i) mantissa = (mantissa << 8) | p[2 + i];
  if (exponent == 0 && mantissa == 0) return 0.0;
  const double value = std::ldexp(double(mantissa), exponent - 16383 - 63);
  return (p[0] & 0x80) ? -value : value;
}

/// The fields of a WAV fmt chunk or AIFF COMM chunk this file needs.
struct Declared {
  double rate = 0.0;
  bool wave = false;
  uint32_t byteRate = 0;    ///< WAV only
  uint32_t blockAlign = 0;  ///< WAV only
};

std::optional<Declared> peek(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::vector<unsigned char> head(4096);
  in.read(reinterpret_cast<char*>(head.data()), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<size_t>(in.gcount()));
  if (head.size() < 12) return std::nullopt;
  const unsigned char* h = head.data();
  const bool riff = !std::memcmp(h, "RIFF", 4) || !std::memcmp(h, "RF64", 4);
  const bool rifx = !std::memcmp(h, "RIFX", 4);
  const bool wave = (riff || rifx) && !std::memcmp(h + 8, "WAVE", 4);
  const bool aiff = !std::memcmp(h, "FORM", 4) && (!std::memcmp(h + 8, "AIFF", 4) || !std::memcmp(h + 8, "AIFC", 4));
  if (!wave && !aiff) return std::nullopt;
  auto field32 = [&](const unsigned char* p) { return riff ? le32(p) : be32(p); };
  size_t pos = 12;
  while (pos + 8 <= head.size()) {
    const unsigned char* chunk = h + pos;
    const uint32_t size = (wave && riff) ? le32(chunk + 4) : be32(chunk + 4);
    if (wave && !std::memcmp(chunk, "fmt ", 4) && pos + 16 <= head.size()) {
      Declared d;
      d.wave = true;
      d.rate = double(field32(chunk + 12));
      if (pos + 22 <= head.size()) {
        d.byteRate = field32(chunk + 16);
        d.blockAlign = riff ? uint32_t(chunk[20] | (chunk[21] << 8)) : uint32_t((chunk[20] << 8) | chunk[21]);
      }
      return d;
    }
    if (aiff && !std::memcmp(chunk, "COMM", 4) && pos + 26 <= head.size()) {
      Declared d;
      d.rate = extended80(chunk + 16);
      return d;
    }
    pos += 8 + size_t{size} + (size & 1);  // in size_t: 8 + 0xFFFFFFF8 must not wrap to 0 (a hang)
  }
  return std::nullopt;
}

}  // namespace

std::optional<double> declaredSampleRate(const std::string& path) {
  const auto d = peek(path);
  if (!d) return std::nullopt;
  return d->rate;
}

std::optional<bool> declaredRateConsistent(const std::string& path) {
  const auto d = peek(path);
  if (!d) return std::nullopt;
  if (!std::isfinite(d->rate) || d->rate <= 0) return false;
  if (!d->wave) return true;
  return d->blockAlign > 0 && double(d->byteRate) == d->rate * d->blockAlign;
}

}  // namespace emo::headerpeek
