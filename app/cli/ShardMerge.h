#pragma once
// ShardMerge: joins the outputs of `predict --shard I/N` runs into the output one unsharded run
// would have printed. Each shard output names its shard in its file (or folder) name as
// "I-of-N" (e.g. preds-03-of-16.json, labels-1-of-2/), as the cluster recipes write them. All N
// shards must be there exactly once, and no audio file may appear in two shards.
//   JSON: arrays of objects keyed by "file" (any other fields are kept as they are);
//   CSV: one header (identical in every shard), rows grouped by their first column (the file);
//   label folders: the files of every shard's folder, copied into one folder.
// Entries are interleaved as --shard dealt them (entry j of shard I was input j*N + I-1), so the
// merge of complete shards equals the unsharded order. Main thread.
#include <string>
#include <vector>

#include "core/common/Result.h"

namespace emo::cli {

struct ShardName {
  int index = 0;  ///< 1-based I
  int count = 0;  ///< N
};

/// Finds "I-of-N" in the last component of `path` (1 <= I <= N). Error says what was expected.
Result<ShardName> shardFromName(const std::string& path);

/// Orders `paths` by shard: Error if the shard counts differ, a shard is given twice, or one is
/// missing (naming which).
Result<std::vector<std::string>> orderShards(const std::vector<std::string>& paths);

/// Merged JSON array text of the (ordered) shard files.
Result<std::string> mergeJsonShards(const std::vector<std::string>& ordered);
/// Merged CSV text of the (ordered) shard files.
Result<std::string> mergeCsvShards(const std::vector<std::string>& ordered);
/// Copies every file of the (ordered) shard folders into `outFolder`; returns the count.
Result<int> mergeLabelFolders(const std::vector<std::string>& ordered, const std::string& outFolder);

}  // namespace emo::cli
