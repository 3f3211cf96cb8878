#include "core/common/AtomicFile.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>

namespace emo {
namespace {

std::string temporaryNameFor(const std::string& path) {
  std::random_device rd;
  return path + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(rd() % 1000000);
}

std::string errnoText(int err) { return std::strerror(err); }

Status fsyncPath(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0) return fail("cannot reopen " + path + " to flush it: " + errnoText(errno));
  const int rc = ::fsync(fd);
  const int err = errno;
  ::close(fd);
  if (rc != 0) return fail("cannot flush " + path + " to disk: " + errnoText(err));
  return success();
}

void fsyncParentFolder(const std::string& path) {
  const std::string dir = std::filesystem::path(path).parent_path().string();
  const int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

}  // namespace

Status writeViaTemporary(const std::string& path,
                         const std::function<Status(const std::string& tempPath)>& writer) {
  const std::string temp = temporaryNameFor(path);
  Status written = writer(temp);
  if (written) written = fsyncPath(temp);
  if (!written) {
    std::remove(temp.c_str());
    return fail("could not save " + path + ": " + written.error() + " (the previous file is unchanged)");
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    const int err = errno;
    std::remove(temp.c_str());
    return fail("could not save " + path + ": " + errnoText(err) + " (the previous file is unchanged)");
  }
  fsyncParentFolder(path);
  return success();
}

Status writeFileAtomically(const std::string& path, const std::string& bytes) {
  return writeViaTemporary(path, [&](const std::string& temp) -> Status {
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) return fail(errnoText(errno));
    size_t done = 0;
    while (done < bytes.size()) {
      const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
      if (n < 0) {
        if (errno == EINTR) continue;
        const int err = errno;
        ::close(fd);
        return fail(err == ENOSPC ? "disk full" : errnoText(err));
      }
      done += static_cast<size_t>(n);
    }
    if (::close(fd) != 0) return fail(errno == ENOSPC ? "disk full" : errnoText(errno));
    return success();
  });
}

Result<std::string> readFileBytes(const std::string& path, size_t maxBytes) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return fail(path + ": no such file");
  if (std::filesystem::is_directory(path, ec)) return fail(path + ": is a folder, not a file");
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) return fail(path + ": cannot read size: " + ec.message());
  if (size > maxBytes) return fail(path + ": file too large (" + std::to_string(size) + " bytes)");
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(path + ": cannot open for reading: " + errnoText(errno));
  std::string bytes(size, '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(size));
  if (!in && !in.eof()) return fail(path + ": read error");
  bytes.resize(static_cast<size_t>(in.gcount()));
  return bytes;
}

}  // namespace emo
