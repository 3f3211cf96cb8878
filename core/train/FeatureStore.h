#pragma once
// FeatureStore: the stacked, not yet normalised model-input features of a FeatureDataset's
// clips (per clip: [0] clean, then augmented copies), either held in memory or streamed: each
// clip's matrices appended to one unlinked spool file (in the feature-cache folder) as they are
// computed, and read back row ranges at a time (pread), so only the crops a batch needs are in
// memory. Per streamed variant it keeps 16 bytes (offset, rows, cols).
// Thread safety: put() from several threads for distinct clips, read()/rows() from any thread
// once loading is done; append/keep only while no other thread uses the store.
//
//   auto store = emo::FeatureStore::streamed(cacheFolder).value();
//   store.resize(n); store.put(i, {clean, augmented});      // while extracting
//   Matrix crop = store.read(i, 1, 40, 240);                 // rows 40..239 of variant 1
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/common/Matrix.h"
#include "core/common/Result.h"

namespace emo {

class FeatureStore {
 public:
  FeatureStore();  ///< in memory
  /// Streamed: an anonymous spool file in `folder` (created if missing), deleted by the system
  /// when the last copy of this store is destroyed or the process ends.
  static Result<FeatureStore> streamed(const std::string& folder);
  bool isStreamed() const { return spool_ != nullptr; }

  size_t size() const { return clips_.size(); }
  /// Sets the number of clips; variantsPerClip > 0 reserves each clip's entries now, so that
  /// put() allocates nothing that lasts (small lasting blocks between the freed feature buffers
  /// of extraction would keep the heap from reusing them: resident memory would grow per clip).
  void resize(size_t clips, int variantsPerClip = 0);
  /// Stores clip `clip`'s variants (spool: written now, nothing kept but their place). Error on a
  /// failed write (e.g. a full disk).
  Status put(size_t clip, std::vector<Matrix> variants);
  /// Appends a clip at the end (as put on a new index).
  Status append(std::vector<Matrix> variants);
  /// Keeps clips order[0], order[1], ... in that order (a subset or reordering).
  void keep(const std::vector<size_t>& order);

  int variants(size_t clip) const { return static_cast<int>(clips_.at(clip).size()); }
  int rows(size_t clip, int variant = 0) const { return clips_.at(clip).at(variant).rows; }
  int cols(size_t clip, int variant = 0) const { return clips_.at(clip).at(variant).cols; }
  /// Rows [begin, end) of a variant (end < 0: to the last row). Throws std::runtime_error if the
  /// spool cannot be read (the trainer reports it as a failed training).
  Matrix read(size_t clip, int variant = 0, int begin = 0, int end = -1) const;
  /// The clean features (variant 0), whole.
  Matrix clean(size_t clip) const { return read(clip, 0); }

 private:
  struct Variant {
    int64_t offset = -1;  ///< spool byte offset (streamed), -1 in memory
    int32_t rows = 0;
    int32_t cols = 0;
  };
  struct Spool;  ///< the open file and its end, shared by copies of the store
  std::vector<std::vector<Variant>> clips_;
  std::vector<std::vector<Matrix>> memory_;  ///< in-memory variants (empty when streamed)
  std::shared_ptr<Spool> spool_;
};

}  // namespace emo
