#pragma once
// Shared helpers of the libFuzzer targets: a private scratch folder (for readers that take a
// path), writing an input to a file there, and FUZZ_CHECK for invariants (abort = a finding).
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace emo::fuzz {

/// A folder of this process (under /dev/shm when there is one, to spare the disk), removed at exit.
inline const std::string& scratchDir() {
  // Never freed (a static pointer), so the exit handler can still read it.
  static const std::string* dir = [] {
    namespace fs = std::filesystem;
    const fs::path base = fs::is_directory("/dev/shm") ? fs::path("/dev/shm") : fs::temp_directory_path();
    const fs::path d = base / ("emo-fuzz-" + std::to_string(::getpid()));
    fs::create_directories(d);
    return new std::string(d.string());
  }();
  static const bool cleanup = [] {
    std::atexit([] {
      std::error_code ec;
      std::filesystem::remove_all(*dir, ec);
    });
    return true;
  }();
  (void)cleanup;
  return *dir;
}

/// Writes bytes to scratchDir()/name (replacing it) and returns the path.
inline std::string writeScratchFile(const std::string& name, const uint8_t* data, size_t size) {
  const std::string path = scratchDir() + "/" + name;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  return path;
}

}  // namespace emo::fuzz

/// An invariant of the code under test; failing it aborts, which libFuzzer reports as a crash.
#define FUZZ_CHECK(cond, what)                                                  \
  do {                                                                          \
    if (!(cond)) {                                                              \
      std::fprintf(stderr, "FUZZ_CHECK failed: %s (%s:%d)\n", what, __FILE__, __LINE__); \
      std::abort();                                                             \
    }                                                                           \
  } while (0)
