#include "InputFiles.h"

#include <algorithm>
#include <filesystem>

#include "core/data/DatasetScanner.h"

namespace fs = std::filesystem;

namespace emo::cli {

Result<std::vector<std::string>> expandAudioInputs(const std::vector<std::string>& inputs) {
  std::vector<std::string> files;
  for (const std::string& input : inputs) {
    std::error_code ec;
    if (fs::is_directory(input, ec)) {
      std::vector<std::string> found;
      for (auto it = fs::recursive_directory_iterator(input, fs::directory_options::skip_permission_denied, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file(ec) && isAudioExtension(it->path().extension().string()))
          found.push_back(it->path().string());
      }
      if (ec) return fail(input + ": cannot list folder: " + ec.message());
      if (found.empty()) return fail(input + ": folder holds no audio files");
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::exists(input, ec)) {
      files.push_back(input);
    } else {
      return fail(input + ": no such file or folder");
    }
  }
  return files;
}

Result<std::pair<int, int>> parseShard(const std::string& text) {
  const auto slash = text.find('/');
  try {
    if (slash == std::string::npos) throw std::invalid_argument("no slash");
    size_t used = 0;
    const int index = std::stoi(text.substr(0, slash), &used);
    if (used != slash) throw std::invalid_argument("index");
    const std::string rest = text.substr(slash + 1);
    const int count = std::stoi(rest, &used);
    if (used != rest.size()) throw std::invalid_argument("count");
    if (count < 1 || index < 1 || index > count) throw std::out_of_range("range");
    return std::make_pair(index, count);
  } catch (const std::exception&) {
    return fail("--shard expects I/N with 1 <= I <= N, got '" + text + "'");
  }
}

std::vector<std::string> selectShard(const std::vector<std::string>& items, int index, int count) {
  std::vector<std::string> out;
  for (size_t i = 0; i < items.size(); ++i)
    if (static_cast<int>(i % static_cast<size_t>(count)) == index - 1) out.push_back(items[i]);
  return out;
}

}  // namespace emo::cli
