// FeatureCache: binary entries "<content hash>-<params hash>.emofeat" under the cache folder.
// Layout (little-endian as written by this machine):
//   char magic[8] = "EMOFEAT\0"; uint32 version; int32 frames; uint32 items;
//   items x { int32 kind; int32 rows; int32 cols; float data[rows*cols] };
//   uint64 checksum (FNV-1a 64 of every byte before it)
#include "core/data/FeatureCache.h"

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "core/common/AtomicFile.h"

namespace emo {
namespace {

namespace fs = std::filesystem;

constexpr char kMagic[8] = {'E', 'M', 'O', 'F', 'E', 'A', 'T', '\0'};
constexpr uint32_t kVersion = 1;
constexpr uint64_t kFnvOffset = 14695981039346656037ull;
constexpr uint64_t kFnvPrime = 1099511628211ull;

uint64_t fnv1a(const char* data, size_t n, uint64_t h = kFnvOffset) {
  for (size_t i = 0; i < n; ++i) {
    h ^= static_cast<unsigned char>(data[i]);
    h *= kFnvPrime;
  }
  return h;
}

std::string hex(uint64_t v) {
  static const char* digits = "0123456789abcdef";
  std::string s(16, '0');
  for (int i = 15; i >= 0; --i, v >>= 4) s[i] = digits[v & 15];
  return s;
}

std::string defaultFolder() {
  if (const char* env = std::getenv("EMO_CACHE_DIR"); env && *env) return env;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg)
    return (fs::path(xdg) / "emoscope" / "features").string();
  const char* home = std::getenv("HOME");
  return (fs::path(home && *home ? home : ".") / ".cache" / "emoscope" / "features").string();
}

template <class T>
void put(std::string& out, T v) {
  out.append(reinterpret_cast<const char*>(&v), sizeof(T));
}

template <class T>
bool get(const std::string& in, size_t& pos, T& v) {
  if (in.size() - pos < sizeof(T)) return false;
  std::memcpy(&v, in.data() + pos, sizeof(T));
  pos += sizeof(T);
  return true;
}

std::string encode(const FeatureSet& f) {
  std::string out(kMagic, sizeof(kMagic));
  put<uint32_t>(out, kVersion);
  put<int32_t>(out, f.frames);
  put<uint32_t>(out, static_cast<uint32_t>(f.items.size()));
  for (const auto& [kind, m] : f.items) {
    put<int32_t>(out, static_cast<int32_t>(kind));
    put<int32_t>(out, m.rows);
    put<int32_t>(out, m.cols);
    out.append(reinterpret_cast<const char*>(m.data.data()), m.data.size() * sizeof(float));
  }
  put<uint64_t>(out, fnv1a(out.data(), out.size()));
  return out;
}

// nullopt-like: false when the bytes are not a complete, intact entry holding every kind asked.
bool decode(const std::string& in, const std::vector<FeatureKind>& kinds, FeatureSet& f) {
  if (in.size() < sizeof(kMagic) + 12 + 8 || std::memcmp(in.data(), kMagic, sizeof(kMagic)) != 0) return false;
  uint64_t stored = 0;
  std::memcpy(&stored, in.data() + in.size() - 8, 8);
  if (fnv1a(in.data(), in.size() - 8) != stored) return false;
  const std::string body = in.substr(0, in.size() - 8);
  size_t pos = sizeof(kMagic);
  uint32_t version = 0, items = 0;
  int32_t frames = 0;
  if (!get(body, pos, version) || version != kVersion || !get(body, pos, frames) || !get(body, pos, items))
    return false;
  f = FeatureSet{};
  f.frames = frames;
  for (uint32_t i = 0; i < items; ++i) {
    int32_t kind = 0, rows = 0, cols = 0;
    if (!get(body, pos, kind) || !get(body, pos, rows) || !get(body, pos, cols)) return false;
    if (rows < 0 || cols < 0 || kind < 0 || kind > static_cast<int32_t>(FeatureKind::F0)) return false;
    const size_t bytes = static_cast<size_t>(rows) * static_cast<size_t>(cols) * sizeof(float);
    if (body.size() - pos < bytes) return false;
    Matrix m(rows, cols);
    std::memcpy(m.data.data(), body.data() + pos, bytes);
    pos += bytes;
    f.items.emplace_back(static_cast<FeatureKind>(kind), std::move(m));
  }
  if (pos != body.size()) return false;
  for (FeatureKind k : kinds)
    if (!f.has(k)) return false;
  return true;
}

}  // namespace

FeatureCache::FeatureCache(std::string folder) : folder_(folder.empty() ? defaultFolder() : std::move(folder)) {}

Result<uint64_t> FeatureCache::hashFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(path + ": cannot open for hashing");
  std::vector<char> buffer(1 << 20);
  uint64_t h = kFnvOffset;
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const auto n = in.gcount();
    if (n <= 0) break;
    h = fnv1a(buffer.data(), static_cast<size_t>(n), h);
  }
  if (in.bad()) return fail(path + ": read error while hashing");
  return h;
}

Result<FeatureSet> FeatureCache::getOrCompute(const std::string& audioPath, const FeatureParams& params,
                                              const std::vector<FeatureKind>& kinds, const std::string& recipe,
                                              const Compute& compute) {
  try {
    auto content = hashFile(audioPath);
    if (!content) return Error{content.error()};
    std::string key = params.toJson() + "\n";
    for (FeatureKind k : kinds) key += featureName(k) + ",";
    key += "\n" + recipe;
    const fs::path entry =
        fs::path(folder_) / (hex(content.value()) + "-" + hex(fnv1a(key.data(), key.size())) + ".emofeat");

    std::error_code ec;
    if (fs::is_regular_file(entry, ec)) {
      auto bytes = readFileBytes(entry.string());
      FeatureSet cached;
      if (bytes && decode(bytes.value(), kinds, cached)) {
        ++hits_;
        return cached;
      }
      // Corrupt, truncated or foreign: fall through and recompute (the write below replaces it).
    }
    ++misses_;
    auto computed = compute();
    if (!computed) return computed;
    fs::create_directories(folder_, ec);
    if (!ec) (void)writeFileAtomically(entry.string(), encode(computed.value()));  // failure: still return
    return computed;
  } catch (const std::exception& e) {
    return fail(audioPath + ": feature cache: " + e.what());
  }
}

}  // namespace emo
