#pragma once
// Where the shipped default model bundle is: $EMO_MODEL_DIR if set; else next to the installed
// executable (<prefix>/share/emoscope/models/default); else the source tree's models/default
// (EMO_SOURCE_DIR at build time). Any thread.
#include <string>

namespace emo {

/// The default model folder, or "" if none of the candidates holds a model.json.
std::string defaultModelFolder(const std::string& sourceTreeHint = "");

}  // namespace emo
