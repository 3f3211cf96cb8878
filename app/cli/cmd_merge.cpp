// emoscope-cli merge SHARD_OUTPUT... [--out FILE_OR_FOLDER]
// Joins the outputs of `predict --shard I/N` (JSON, CSV, or folders of label files), named with
// their shard as I-of-N, into what one unsharded run gives. Missing or repeated shards, and a
// file found in two shards, are refused. JSON/CSV go to stdout or --out (written atomically);
// label folders need --out FOLDER.
#include <filesystem>
#include <iostream>
#include <memory>

#include "CliCommand.h"
#include "ShardMerge.h"
#include "core/common/AtomicFile.h"

namespace emo::cli {
namespace {

struct MergeArgs {
  std::vector<std::string> inputs;
  std::string out;
};

int runMerge(const MergeArgs& a) {
  auto ordered = orderShards(a.inputs);
  if (!ordered) {
    std::cerr << "emoscope-cli merge: " << ordered.error() << "\n";
    return kUsage;
  }
  namespace fs = std::filesystem;
  std::error_code ec;
  const bool folders = fs::is_directory(ordered->front(), ec);
  const std::string ext = fs::path(ordered->front()).extension().string();
  for (const std::string& p : ordered.value())
    if (fs::is_directory(p, ec) != folders || (!folders && fs::path(p).extension().string() != ext)) {
      std::cerr << "emoscope-cli merge: " << p << " is not of the same kind as " << ordered->front() << "\n";
      return kUsage;
    }
  if (folders) {
    if (a.out.empty()) {
      std::cerr << "emoscope-cli merge: label folders need --out FOLDER\n";
      return kUsage;
    }
    auto n = mergeLabelFolders(ordered.value(), a.out);
    if (!n) {
      std::cerr << "emoscope-cli merge: " << n.error() << "\n";
      return kFailure;
    }
    std::cerr << "merged " << n.value() << " label files from " << ordered->size() << " shards into " << a.out << "\n";
    return kOk;
  }
  Result<std::string> merged = ext == ".json" ? mergeJsonShards(ordered.value())
                               : ext == ".csv" ? mergeCsvShards(ordered.value())
                                               : Result<std::string>(fail(ordered->front() +
                                                                         ": merge reads .json (predict --json), .csv "
                                                                         "(predict --csv) or folders of label files"));
  if (!merged) {
    std::cerr << "emoscope-cli merge: " << merged.error() << "\n";
    return kFailure;
  }
  if (a.out.empty()) {
    std::cout << merged.value();
    return kOk;
  }
  if (auto ok = writeFileAtomically(a.out, merged.value()); !ok) {
    std::cerr << "emoscope-cli merge: " << ok.error() << "\n";
    return kFailure;
  }
  std::cerr << "merged " << ordered->size() << " shards into " << a.out << "\n";
  return kOk;
}

const bool registered = registerCommand(
    "merge", "Join the outputs of predict --shard I/N runs (JSON, CSV or label folders named I-of-N)",
    [](CLI::App& cmd) {
      auto a = std::make_shared<MergeArgs>();
      cmd.add_option("inputs", a->inputs, "Shard outputs, each named with its shard (e.g. preds-1-of-4.json)")->required();
      cmd.add_option("--out", a->out, "Write the merged result here (a folder for label files; default: stdout)");
      return [a] { return runMerge(*a); };
    });

}  // namespace
}  // namespace emo::cli
