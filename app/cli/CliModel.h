#pragma once
// Loading the model a CLI command names (--model), or the shipped default model. Prints a clear
// message on failure and returns nullptr.
#include <memory>
#include <string>

namespace emo {
class ModelBundle;
}

namespace emo::cli {

std::shared_ptr<const ModelBundle> loadCliModel(const std::string& folderOrEmpty, bool allowGpu = false);

}  // namespace emo::cli
