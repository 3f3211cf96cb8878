#include "core/annotate/AnnotationStore.h"

#include <unistd.h>

#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <system_error>

#include "core/annotate/AnnotationFormats.h"
#include "core/common/AtomicFile.h"

namespace emo {
namespace fs = std::filesystem;

namespace {

std::string userAnnotationDir() {
  if (const char* d = std::getenv("EMO_ANNOTATION_DIR"); d && *d) return d;
  if (const char* x = std::getenv("XDG_DATA_HOME"); x && *x) return (fs::path(x) / "emoscope/annotations").string();
  const char* home = std::getenv("HOME");
  return (fs::path(home && *home ? home : "/tmp") / ".local/share/emoscope/annotations").string();
}

std::string readableName(const std::string& folder) {
  std::uint64_t h = 1469598103934665603ull;  // FNV-1a: stable across runs and builds
  for (unsigned char c : folder) h = (h ^ c) * 1099511628211ull;
  std::string name = fs::path(folder).filename().string();
  for (auto& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') c = '_';
  if (name.empty()) name = "root";
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
  return name + "-" + hex + ".emoscope-annotations.json";
}

}  // namespace

std::string AnnotationStore::sidecarPathFor(const std::string& folder) {
  std::error_code ec;
  fs::path abs = fs::weakly_canonical(fs::absolute(folder, ec), ec);
  if (ec) abs = fs::path(folder);
  const bool overridden = std::getenv("EMO_ANNOTATION_DIR") && *std::getenv("EMO_ANNOTATION_DIR");
  // A folder nobody may write to (mode without any w bit) counts as read-only even for root,
  // so shared corpora are never written into.
  const auto perms = fs::status(abs, ec).permissions();
  const bool anyWriteBit = (perms & (fs::perms::owner_write | fs::perms::group_write | fs::perms::others_write)) != fs::perms::none;
  if (!overridden && fs::is_directory(abs, ec) && anyWriteBit && ::access(abs.c_str(), W_OK) == 0)
    return (abs / ".emoscope-annotations.json").string();
  return (fs::path(userAnnotationDir()) / readableName(abs.string())).string();
}

Result<AnnotationStore> AnnotationStore::open(const std::string& sidecarPath) {
  AnnotationStore store;
  store.path_ = sidecarPath;
  std::error_code ec;
  if (!fs::exists(sidecarPath, ec)) return store;
  auto sets = readAnnotations(sidecarPath, LabelFormat::Json);
  if (!sets) return fail("cannot load the saved annotations: " + sets.error());
  for (auto& s : *sets) store.sets_[s.clip] = std::move(s);
  return store;
}

AnnotationSet AnnotationStore::get(const std::string& clip) const {
  auto it = sets_.find(clip);
  if (it != sets_.end()) return it->second;
  AnnotationSet set;
  set.clip = clip;
  return set;
}

Status AnnotationStore::put(const AnnotationSet& set) {
  sets_[set.clip] = set;
  return save();
}

Status AnnotationStore::putAll(const std::vector<AnnotationSet>& sets) {
  for (const auto& s : sets) sets_[s.clip] = s;
  return save();
}

std::vector<AnnotationSet> AnnotationStore::all() const {
  std::vector<AnnotationSet> out;
  out.reserve(sets_.size());
  for (const auto& [clip, set] : sets_) out.push_back(set);
  return out;
}

Status AnnotationStore::save() const {
  if (path_.empty()) return success();
  std::error_code ec;
  const fs::path parent = fs::path(path_).parent_path();
  if (!parent.empty()) fs::create_directories(parent, ec);
  if (ec) return fail("cannot create " + parent.string() + " for the annotations: " + ec.message());
  return writeAnnotations(path_, LabelFormat::Json, all());
}

}  // namespace emo
