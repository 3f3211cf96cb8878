#pragma once
// Loading the model a CLI command names (--model), or the shipped default model. Prints a clear
// message on failure and returns nullptr.
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/train/FeatureDataset.h"

namespace emo {
class ModelBundle;
}

namespace emo::cli {

/// The folder loadCliModel() loads: `folderOrEmpty`, or the shipped model's ("" if not found).
std::string cliModelFolder(const std::string& folderOrEmpty);

/// `trustCode`: --trust-model was given (needed for TorchScript bundles, which are code).
std::shared_ptr<const ModelBundle> loadCliModel(const std::string& folderOrEmpty, bool allowGpu = false,
                                                bool trustCode = false);
/// Same on the device a --device value names (auto|cpu|cuda[:N]); a device this build or
/// machine lacks is refused with the reason.
std::shared_ptr<const ModelBundle> loadCliModelOn(const std::string& folderOrEmpty, const std::string& device,
                                                  bool trustCode = false);

/// The speakers a bundle's model.json lists under training_data.<key> ("speakers": every speaker
/// of its run, validation ones included; "validation_speakers"); empty when absent.
std::set<std::string> bundleSpeakers(const ModelBundle& bundle, const char* key);

/// Data options that compute features as the bundle was trained on them (its feature parameters
/// and kinds) and map labels with its schema.
DataOptions bundleDataOptions(const ModelBundle& bundle, const std::vector<std::string>& sources,
                              const std::string& adapter, int threads, const std::string& cacheDir);

/// Prints a speaker-normalised model's UA per corpus for each source of test-time speaker
/// statistics (the JSON of statsSourcesJson, core/train/TestTimeStats.h): one line per source.
void printStatsSources(const nlohmann::json& testTimeStats);

/// Prints the per-corpus scores (perCorpusScores JSON) with each speaker's predictions balanced
/// by their own mean prediction (speakerPriorBalanced, core/train/CorpusScores.h): UA and ECE.
void printSpeakerPriorBalanced(const nlohmann::json& perCorpus);

}  // namespace emo::cli
