#pragma once
// Expanding CLI inputs: files and folders (every audio file inside, recursively, sorted), and
// deterministic sharding (--shard I/N) for spreading a batch over a cluster's job array.
#include <string>
#include <vector>

#include "core/common/Result.h"

namespace emo::cli {

/// Files as given; folders replaced by their audio files (sorted, recursive). Error if a path
/// does not exist or a folder holds no audio.
Result<std::vector<std::string>> expandAudioInputs(const std::vector<std::string>& inputs);

/// Parses "I/N" (1-based I, 1 <= I <= N).
Result<std::pair<int, int>> parseShard(const std::string& text);

/// The I-th of N deterministic slices: items whose index % N == I-1 (order kept).
std::vector<std::string> selectShard(const std::vector<std::string>& items, int index, int count);

}  // namespace emo::cli
