// FeatureStore (see FeatureStore.h). The spool holds each variant's rows*cols floats, row-major,
// at the offset recorded for it; an O_TMPFILE (or mkstemp + unlink) file, so nothing is left
// behind by a killed process.
#include "core/train/FeatureStore.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>

namespace emo {

struct FeatureStore::Spool {
  int fd = -1;
  std::string folder;
  std::atomic<int64_t> end{0};
  ~Spool() {
    if (fd >= 0) ::close(fd);
  }
};

FeatureStore::FeatureStore() = default;

Result<FeatureStore> FeatureStore::streamed(const std::string& folder) {
  std::error_code ec;
  std::filesystem::create_directories(folder, ec);
  auto spool = std::make_shared<Spool>();
  spool->folder = folder;
#ifdef O_TMPFILE
  spool->fd = ::open(folder.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
#endif
  if (spool->fd < 0) {  // file systems without O_TMPFILE
    std::string name = (std::filesystem::path(folder) / "features-spool-XXXXXX").string();
    spool->fd = ::mkstemp(name.data());
    if (spool->fd >= 0) ::unlink(name.c_str());
  }
  if (spool->fd < 0) return fail("feature spool in " + folder + ": " + std::strerror(errno));
  FeatureStore store;
  store.spool_ = std::move(spool);
  return store;
}

void FeatureStore::resize(size_t clips, int variantsPerClip) {
  clips_.resize(clips);
  if (variantsPerClip > 0)
    for (auto& c : clips_) c.reserve(static_cast<size_t>(variantsPerClip));
  if (!spool_) memory_.resize(clips);
}

Status FeatureStore::put(size_t clip, std::vector<Matrix> variants) {
  if (clip >= clips_.size()) return fail("feature store: clip index out of range");
  std::vector<Variant>& placed = clips_[clip];  // reserved by resize: no allocation here
  placed.clear();
  for (const Matrix& m : variants) {
    Variant v;
    v.rows = m.rows;
    v.cols = m.cols;
    if (spool_) {
      const size_t bytes = m.data.size() * sizeof(float);
      v.offset = spool_->end.fetch_add(static_cast<int64_t>(bytes));
      const char* p = reinterpret_cast<const char*>(m.data.data());
      for (size_t done = 0; done < bytes;) {
        const ssize_t n = ::pwrite(spool_->fd, p + done, bytes - done, v.offset + static_cast<int64_t>(done));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0)
          return fail("feature spool in " + spool_->folder + ": write failed (" +
                      (n < 0 ? std::strerror(errno) : "no space") + ")");
        done += static_cast<size_t>(n);
      }
    }
    placed.push_back(v);
  }
  if (!spool_) memory_[clip] = std::move(variants);
  return success();
}

Status FeatureStore::append(std::vector<Matrix> variants) {
  resize(clips_.size() + 1);
  return put(clips_.size() - 1, std::move(variants));
}

void FeatureStore::keep(const std::vector<size_t>& order) {
  std::vector<std::vector<Variant>> clips;
  std::vector<std::vector<Matrix>> memory;
  for (size_t i : order) {
    clips.push_back(std::move(clips_.at(i)));
    if (!spool_) memory.push_back(std::move(memory_.at(i)));
  }
  clips_ = std::move(clips);
  memory_ = std::move(memory);
}

Matrix FeatureStore::read(size_t clip, int variant, int begin, int end) const {
  const Variant& v = clips_.at(clip).at(variant);
  if (end < 0 || end > v.rows) end = v.rows;
  begin = std::max(0, std::min(begin, end));
  if (!spool_) return begin == 0 && end == v.rows ? memory_[clip][variant] : memory_[clip][variant].sliceRows(begin, end);
  Matrix m(end - begin, v.cols);
  const size_t bytes = m.data.size() * sizeof(float);
  const int64_t at = v.offset + static_cast<int64_t>(begin) * v.cols * static_cast<int64_t>(sizeof(float));
  char* p = reinterpret_cast<char*>(m.data.data());
  for (size_t done = 0; done < bytes;) {
    const ssize_t n = ::pread(spool_->fd, p + done, bytes - done, at + static_cast<int64_t>(done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0)
      throw std::runtime_error("feature spool in " + spool_->folder + ": read failed (" +
                               (n < 0 ? std::strerror(errno) : "file truncated") + ")");
    done += static_cast<size_t>(n);
  }
  return m;
}

}  // namespace emo
