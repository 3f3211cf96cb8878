#pragma once
// Internal to core/data: one DatasetAdapter per corpus naming convention, used by scanDataset.
// An adapter turns one audio file (path relative to the scanned root) into a Clip, or says why
// it cannot. Stateless; any thread.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/common/Result.h"
#include "core/data/Clip.h"
#include "core/data/DatasetScanner.h"

namespace emo::detail {

/// A file found under the scanned root.
struct FoundFile {
  std::string path;  ///< absolute path
  std::string rel;   ///< path relative to the root, '/' separated
  std::string stem;  ///< file name without its extension
};

/// What an adapter made of one file: a clip, or the reason it was skipped.
struct ParseOutcome {
  bool ok = false;
  Clip clip;
  std::string reason;  ///< when !ok
  static ParseOutcome skip(std::string why) {
    ParseOutcome o;
    o.reason = std::move(why);
    return o;
  }
};

class DatasetAdapter {
 public:
  virtual ~DatasetAdapter() = default;
  virtual std::string name() const = 0;
  /// `strict` is set during auto-detection: an adapter that would accept any name (folder)
  /// then accepts only names it can vouch for (known emotion folders).
  virtual ParseOutcome parse(const FoundFile& file, bool strict) const = 0;
};

/// Adapters for file-name conventions, in auto-detection preference order.
std::unique_ptr<DatasetAdapter> makeRavdessAdapter();
std::unique_ptr<DatasetAdapter> makeCremaDAdapter();
std::unique_ptr<DatasetAdapter> makeTessAdapter();
std::unique_ptr<DatasetAdapter> makeNemoAdapter();
std::unique_ptr<DatasetAdapter> makeSaveeAdapter();
std::unique_ptr<DatasetAdapter> makeEmoDbAdapter();
std::unique_ptr<DatasetAdapter> makeFolderAdapter();
/// All name-based adapters (everything but the manifest), in preference order.
std::vector<std::unique_ptr<DatasetAdapter>> makeNameAdapters();

/// Reads a CSV manifest (header path,label,speaker; quoted fields). Missing files, empty labels
/// and non-audio extensions go to `skipped`. Errors only when the CSV itself is unusable.
Status readManifest(const std::string& csvPath, std::vector<Clip>& clips, std::vector<SkippedFile>& skipped);

/// Why an audio-named file of `size` bytes cannot be a clip ("empty file", "unreadable audio (...)"),
/// or "" if it looks fine. Only small files are opened (a header without frames counts as empty).
std::string audioFileProblem(const std::string& path, std::uintmax_t size);

/// Fills `clip` with the common fields.
Clip makeClip(const FoundFile& file, const std::string& corpus, const std::string& rawLabel,
              const std::string& label, const std::string& speaker);

}  // namespace emo::detail
