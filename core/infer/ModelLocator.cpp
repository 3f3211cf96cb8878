#include "core/infer/ModelLocator.h"

#include <cstdlib>
#include <filesystem>
#include <vector>

namespace fs = std::filesystem;

namespace emo {
namespace {

bool holdsModel(const fs::path& folder) {
  std::error_code ec;
  return fs::is_regular_file(folder / "model.json", ec);
}

fs::path executableFolder() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : exe.parent_path();
}

}  // namespace

std::string defaultModelFolder(const std::string& sourceTreeHint) {
  std::vector<fs::path> candidates;
  if (const char* env = std::getenv("EMO_MODEL_DIR"); env && *env) candidates.emplace_back(env);
  const fs::path exeDir = executableFolder();
  if (!exeDir.empty()) {
    candidates.push_back(exeDir / ".." / "share" / "emoscope" / "models" / "default");
    candidates.push_back(exeDir / ".." / ".." / "models" / "default");  // build/bin -> source tree
  }
  if (!sourceTreeHint.empty()) candidates.push_back(fs::path(sourceTreeHint) / "models" / "default");
  for (const fs::path& c : candidates)
    if (holdsModel(c)) return fs::weakly_canonical(c).string();
  return "";
}

}  // namespace emo
