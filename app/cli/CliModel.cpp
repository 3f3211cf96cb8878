#include "CliModel.h"

#include <iostream>

#include "core/infer/ModelLocator.h"
#include "core/model/ModelBundle.h"

namespace emo::cli {

std::string cliModelFolder(const std::string& folderOrEmpty) {
  return folderOrEmpty.empty() ? defaultModelFolder(EMO_SOURCE_DIR) : folderOrEmpty;
}

std::shared_ptr<const ModelBundle> loadCliModel(const std::string& folderOrEmpty, bool allowGpu, bool trustCode) {
  const std::string folder = cliModelFolder(folderOrEmpty);
  if (folder.empty()) {
    std::cerr << "emoscope-cli: no model given and the default model was not found (set EMO_MODEL_DIR or "
                 "pass --model BUNDLE)\n";
    return nullptr;
  }
  Result<std::shared_ptr<const ModelBundle>> model = ModelBundle::load(folder, allowGpu, trustCode);
  if (!model) {
    std::cerr << "emoscope-cli: cannot load the model: " << model.error() << "\n";
    return nullptr;
  }
  return model.value();
}

}  // namespace emo::cli
