#include "core/annotate/TextEncoding.h"

namespace emo {
namespace {

void appendUtf8(std::string& out, unsigned cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace

Result<std::string> decodeTextToUtf8(const std::string& bytes) {
  const auto* b = reinterpret_cast<const unsigned char*>(bytes.data());
  const size_t n = bytes.size();
  if (n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) return bytes.substr(3);
  const bool le = n >= 2 && b[0] == 0xFF && b[1] == 0xFE;
  const bool be = n >= 2 && b[0] == 0xFE && b[1] == 0xFF;
  if (!le && !be) return bytes;
  if (n % 2 != 0) return fail("UTF-16 text with an odd number of bytes (truncated file?)");
  std::string out;
  out.reserve(n / 2);
  auto unit = [&](size_t i) -> unsigned { return le ? (b[i] | (b[i + 1] << 8)) : ((b[i] << 8) | b[i + 1]); };
  for (size_t i = 2; i < n; i += 2) {
    unsigned u = unit(i);
    if (u >= 0xD800 && u <= 0xDBFF) {
      if (i + 2 >= n) return fail("UTF-16 text ends inside a surrogate pair");
      const unsigned low = unit(i + 2);
      if (low < 0xDC00 || low > 0xDFFF) return fail("broken UTF-16 surrogate pair");
      u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00);
      i += 2;
    } else if (u >= 0xDC00 && u <= 0xDFFF) {
      return fail("broken UTF-16 surrogate pair");
    }
    appendUtf8(out, u);
  }
  return out;
}

}  // namespace emo
