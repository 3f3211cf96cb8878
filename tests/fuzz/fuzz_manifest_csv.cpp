// Fuzz target: dataset manifests and file names (core/data). The input is a CSV manifest
// (path,label,speaker; RFC 4180 quoting) scanned with scanDataset(adapter "manifest"): CSV
// splitting, header lookup, path resolution, per-row checks (missing / empty / unreadable /
// non-audio files), label canonicalisation, duplicate detection, summary() and toJson().
// The scratch folder next to the manifest holds the files the seeds name: audio/ of the manifest
// fixture (tests/fixtures/datasets/manifest: real clips with their real labels), "audio/m1 copy.wav"
// (a byte copy: a duplicate pair), empty.wav (0 bytes), junk.flac (not audio) and notes.txt.
// Each input line is also given, as a relative file name, to every name-based adapter (RAVDESS,
// CREMA-D, TESS, SAVEE, EmoDB, folder), strict and not.
// Invariants: no crash, leak or UB; every clip has a non-empty path and speaker.
#include <vector>

#include "FuzzSupport.h"
#include "core/data/DatasetAdapter.h"
#include "core/data/DatasetScanner.h"

namespace {

void makeFixtureFiles() {
  static const bool done = [] {
    namespace fs = std::filesystem;
    const fs::path dir = emo::fuzz::scratchDir();
    const fs::path audio = fs::path(EMO_SOURCE_DIR) / "tests/fixtures/datasets/manifest/audio";
    fs::create_directories(dir / "audio");
    for (const auto& e : fs::directory_iterator(audio))
      fs::copy_file(e.path(), dir / "audio" / e.path().filename(), fs::copy_options::overwrite_existing);
    fs::copy_file(audio / "m1.wav", dir / "audio/m1 copy.wav", fs::copy_options::overwrite_existing);
    const uint8_t junk[] = "not audio at all";
    emo::fuzz::writeScratchFile("empty.wav", junk, 0);
    emo::fuzz::writeScratchFile("junk.flac", junk, sizeof junk);
    emo::fuzz::writeScratchFile("notes.txt", junk, sizeof junk);
    return true;
  }();
  (void)done;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  makeFixtureFiles();
  const std::string csv = emo::fuzz::writeScratchFile("manifest.csv", data, size);
  emo::ScanOptions options;
  options.adapter = "manifest";
  if (auto report = emo::scanDataset(csv, options)) {
    for (const auto& c : report->clips) {
      FUZZ_CHECK(!c.path.empty(), "clip path");
      FUZZ_CHECK(!c.speaker.empty(), "clip speaker");
    }
    (void)report->summary();
    (void)report->toJson();
  }

  static const auto adapters = emo::detail::makeNameAdapters();
  const std::string text(reinterpret_cast<const char*>(data), size);
  size_t begin = 0;
  for (int lines = 0; begin <= text.size() && lines < 64; ++lines) {
    size_t end = text.find('\n', begin);
    if (end == std::string::npos) end = text.size();
    emo::detail::FoundFile f;
    f.rel = text.substr(begin, end - begin);
    f.path = emo::fuzz::scratchDir() + "/" + f.rel;
    f.stem = std::filesystem::path(f.rel).stem().string();  // as scanDataset does
    for (const auto& a : adapters)
      for (bool strict : {false, true}) (void)a->parse(f, strict);
    begin = end + 1;
  }
  return 0;
}
