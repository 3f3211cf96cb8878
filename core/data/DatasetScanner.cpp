// scanDataset: walks a folder (or reads a manifest), picks the adapter, collects clips, skipped
// files and duplicate audio.
#include "core/data/DatasetScanner.h"

#include <algorithm>
#include <filesystem>
#include <unordered_map>

#include "core/audio/AudioReader.h"
#include "core/common/AtomicFile.h"
#include "core/data/DatasetAdapter.h"
#include "core/data/FeatureCache.h"

namespace emo {
namespace {

namespace fs = std::filesystem;

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

}  // namespace

namespace detail {
std::string audioFileProblem(const std::string& path, std::uintmax_t size) {
  if (size == 0) return "empty file";
  if (size >= 4096) return "";
  auto info = probeAudio(path);
  if (info) return "";
  const std::string& why = info.error();
  if (why.find("no audio") != std::string::npos) return "empty file (no audio frames)";
  const auto colon = why.find(": ");
  return "unreadable audio (" + (colon == std::string::npos ? why : why.substr(colon + 2)) + ")";
}
}  // namespace detail

namespace {

bool isCsv(const std::string& path) { return lower(fs::path(path).extension().string()) == ".csv"; }

// Groups clips whose files have identical bytes (hash first, then a byte comparison).
void findDuplicates(ScanReport& report, long long doneBefore, long long total, const ProgressFn& progress) {
  std::unordered_map<uint64_t, std::vector<std::string>> byHash;
  std::vector<uint64_t> order;
  long long done = doneBefore;
  for (const Clip& c : report.clips) {
    auto h = FeatureCache::hashFile(c.path);
    if (progress) progress(++done, total, "hashing " + c.path);
    if (!h) continue;
    auto& bucket = byHash[h.value()];
    if (bucket.empty()) order.push_back(h.value());
    bucket.push_back(c.path);
  }
  for (uint64_t h : order) {
    auto paths = byHash[h];
    while (paths.size() >= 2) {
      auto first = readFileBytes(paths.front());
      DuplicateGroup group{{paths.front()}};
      std::vector<std::string> rest;
      for (size_t i = 1; i < paths.size(); ++i) {
        auto other = readFileBytes(paths[i]);
        if (first && other && first.value() == other.value()) group.paths.push_back(paths[i]);
        else rest.push_back(paths[i]);
      }
      if (group.paths.size() >= 2) report.duplicates.push_back(std::move(group));
      paths = std::move(rest);
    }
  }
}

Result<ScanReport> scanFolder(const std::string& root, const ScanOptions& options) {
  ScanReport report;
  report.root = root;
  std::vector<detail::FoundFile> files;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end;
       !ec && it != end; it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    const fs::path& p = it->path();
    detail::FoundFile f;
    f.path = fs::absolute(p).lexically_normal().string();
    f.rel = p.lexically_relative(root).generic_string();
    f.stem = p.stem().string();
    if (!isAudioExtension(p.extension().string())) {
      report.skipped.push_back({f.path, "not an audio file extension (" +
                                            (p.extension().empty() ? std::string("none") : p.extension().string()) + ")"});
      continue;
    }
    if (std::string problem = detail::audioFileProblem(f.path, it->file_size(ec)); !problem.empty()) {
      report.skipped.push_back({f.path, problem});
      continue;
    }
    files.push_back(std::move(f));
  }
  if (ec) return fail(root + ": cannot list the folder: " + ec.message());
  std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.rel < b.rel; });

  auto adapters = detail::makeNameAdapters();
  const detail::DatasetAdapter* chosen = nullptr;
  if (options.adapter == "auto") {
    size_t best = 0;
    for (const auto& a : adapters) {
      size_t parsed = 0;
      for (const auto& f : files) parsed += a->parse(f, true).ok ? 1 : 0;
      if (parsed > best) {
        best = parsed;
        chosen = a.get();
      }
    }
    if (!chosen)
      return fail(root + ": no adapter recognises the file names (" + std::to_string(files.size()) +
                  " audio files; tried ravdess, crema-d, tess, nemo, savee, emodb, folder); use --adapter or a manifest");
  } else {
    for (const auto& a : adapters)
      if (a->name() == options.adapter) chosen = a.get();
    if (!chosen) return fail("unknown adapter '" + options.adapter + "'");
  }
  report.adapter = chosen->name();

  const long long total = static_cast<long long>(files.size()) * (options.detectDuplicates ? 2 : 1);
  long long done = 0;
  for (const auto& f : files) {
    auto o = chosen->parse(f, false);
    if (o.ok) report.clips.push_back(std::move(o.clip));
    else report.skipped.push_back({f.path, o.reason});
    if (options.progress) options.progress(++done, total, f.rel);
  }
  std::sort(report.skipped.begin(), report.skipped.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
  if (options.detectDuplicates)
    findDuplicates(report, static_cast<long long>(files.size()),
                   static_cast<long long>(files.size() + report.clips.size()), options.progress);
  return report;
}

}  // namespace

std::vector<std::string> adapterNames() {
  return {"auto", "ravdess", "crema-d", "tess", "nemo", "savee", "emodb", "folder", "manifest"};
}

bool isAudioExtension(const std::string& ext) {
  static const std::vector<std::string> known = {"wav", "wave", "flac", "ogg", "oga", "opus", "aiff", "aif",
                                                 "aifc", "au", "snd", "caf", "w64", "rf64", "mp3", "sph",
                                                 "nist", "voc", "htk", "sf", "ircam", "avr", "paf", "pvf"};
  std::string e = lower(ext);
  if (!e.empty() && e.front() == '.') e.erase(0, 1);
  return std::find(known.begin(), known.end(), e) != known.end();
}

Result<ScanReport> scanDataset(const std::string& folderOrCsv, const ScanOptions& options) {
  try {
    const auto names = adapterNames();
    if (std::find(names.begin(), names.end(), options.adapter) == names.end()) {
      std::string list;
      for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
      return fail("unknown adapter '" + options.adapter + "' (choose one of " + list + ")");
    }
    std::error_code ec;
    if (!fs::exists(folderOrCsv, ec)) return fail(folderOrCsv + ": no such file or folder");
    if (fs::is_directory(folderOrCsv, ec)) {
      if (options.adapter == "manifest")
        return fail(folderOrCsv + ": the manifest adapter needs a .csv file, not a folder");
      return scanFolder(folderOrCsv, options);
    }
    if (!isCsv(folderOrCsv) || (options.adapter != "auto" && options.adapter != "manifest"))
      return fail(folderOrCsv + ": not a folder or a .csv manifest (adapter '" + options.adapter + "')");
    ScanReport report;
    report.root = folderOrCsv;
    report.adapter = "manifest";
    if (Status ok = detail::readManifest(folderOrCsv, report.clips, report.skipped); !ok) return Error{ok.error()};
    const long long n = static_cast<long long>(report.clips.size());
    if (options.progress) options.progress(n, options.detectDuplicates ? 2 * n : n, folderOrCsv);
    if (options.detectDuplicates) findDuplicates(report, n, 2 * n, options.progress);
    return report;
  } catch (const std::exception& e) {
    return fail(folderOrCsv + ": scan failed: " + e.what());
  }
}

}  // namespace emo
