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

}  // namespace

std::optional<double> declaredSampleRate(const std::string& path) {
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
  size_t pos = 12;
  while (pos + 8 <= head.size()) {
    const unsigned char* chunk = h + pos;
    const uint32_t size = (wave && riff) ? le32(chunk + 4) : be32(chunk + 4);
    if (wave && !std::memcmp(chunk, "fmt ", 4) && pos + 16 <= head.size())
      return double(riff ? le32(chunk + 12) : be32(chunk + 12));
    if (aiff && !std::memcmp(chunk, "COMM", 4) && pos + 26 <= head.size()) return extended80(chunk + 16);
    pos += 8 + size_t{size} + (size & 1);  // in size_t: 8 + 0xFFFFFFF8 must not wrap to 0 (a hang)
  }
  return std::nullopt;
}

}  // namespace emo::headerpeek
