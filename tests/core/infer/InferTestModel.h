#pragma once
// The shipped default model (models/default) for inference tests, loaded once per test binary.
#include <QtTest>

#include <memory>

#include "core/infer/ModelLocator.h"
#include "core/model/ModelBundle.h"

namespace emo::test {

inline std::shared_ptr<const ModelBundle> defaultModel() {
  static std::shared_ptr<const ModelBundle> model = [] {
    const std::string folder = defaultModelFolder(EMO_SOURCE_DIR);
    if (folder.empty()) return std::shared_ptr<const ModelBundle>();
    auto r = ModelBundle::load(folder);
    if (!r) qWarning("default model: %s", r.error().c_str());
    return r ? r.value() : std::shared_ptr<const ModelBundle>();
  }();
  return model;
}

}  // namespace emo::test
