#include "CliModel.h"

#include <cstdio>
#include <iostream>

#include "core/infer/ModelLocator.h"
#include "core/model/ModelBundle.h"

namespace emo::cli {

std::string cliModelFolder(const std::string& folderOrEmpty) {
  return folderOrEmpty.empty() ? defaultModelFolder(EMO_SOURCE_DIR) : folderOrEmpty;
}

namespace {

std::string modelFolder(const std::string& folderOrEmpty) {
  const std::string folder = cliModelFolder(folderOrEmpty);
  if (folder.empty())
    std::cerr << "emoscope-cli: no model given and the default model was not found (set EMO_MODEL_DIR or "
                 "pass --model BUNDLE)\n";
  return folder;
}

}  // namespace

std::shared_ptr<const ModelBundle> loadCliModelOn(const std::string& folderOrEmpty, const std::string& device,
                                                  bool trustCode) {
  Result<ComputeDevice> dev = resolveComputeDevice(device);
  if (!dev) {
    std::cerr << "emoscope-cli: " << dev.error() << "\n";
    return nullptr;
  }
  const std::string folder = modelFolder(folderOrEmpty);
  if (folder.empty()) return nullptr;
  Result<std::shared_ptr<const ModelBundle>> model = ModelBundle::loadOn(folder, dev.value(), trustCode);
  if (!model) {
    std::cerr << "emoscope-cli: cannot load the model: " << model.error() << "\n";
    return nullptr;
  }
  return model.value();
}

std::shared_ptr<const ModelBundle> loadCliModel(const std::string& folderOrEmpty, bool allowGpu, bool trustCode) {
  const std::string folder = modelFolder(folderOrEmpty);
  if (folder.empty()) return nullptr;
  Result<std::shared_ptr<const ModelBundle>> model = ModelBundle::load(folder, allowGpu, trustCode);
  if (!model) {
    std::cerr << "emoscope-cli: cannot load the model: " << model.error() << "\n";
    return nullptr;
  }
  return model.value();
}

std::set<std::string> bundleSpeakers(const ModelBundle& b, const char* key) {
  std::set<std::string> out;
  const nlohmann::json& td = b.info().trainingData;
  if (td.is_object() && td.contains(key) && td[key].is_array())
    for (const auto& s : td[key])
      if (s.is_string()) out.insert(s.get<std::string>());
  return out;
}

DataOptions bundleDataOptions(const ModelBundle& b, const std::vector<std::string>& sources, const std::string& adapter,
                              int threads, const std::string& cacheDir) {
  DataOptions d;
  d.sources = sources;
  d.adapter = adapter;
  d.schema = b.info().schema.empty() ? "ravdess8" : b.info().schema;
  d.featureParams = b.featureParams();
  d.kinds = b.featureKinds();
  d.threads = threads;
  d.cacheDir = cacheDir;
  return d;
}

void printStatsSources(const nlohmann::json& tts) {
  std::printf("test-time speaker statistics (UA %% per corpus, own labels; session: the first %.0f s use none):\n",
              tts.value("session_seconds", 0.0));
  for (const auto& [source, corpora] : tts["sources"].items()) {
    std::printf("  %-10s", source.c_str());
    for (const auto& [corpus, m] : corpora.items()) std::printf("  %s %5.1f", corpus.c_str(), 100 * m["ua"].get<double>());
    std::printf("\n");
  }
}

void printSpeakerPriorBalanced(const nlohmann::json& perCorpus) {
  std::printf("each speaker's predictions divided by their mean prediction (label-free; UA %% / ECE per corpus, own labels):\n ");
  for (const auto& [corpus, m] : perCorpus.items())
    std::printf("  %s %5.1f / %.3f", corpus.c_str(), 100 * m["ua"].get<double>(), m["ece"].get<double>());
  std::printf("\n");
}

}  // namespace emo::cli
