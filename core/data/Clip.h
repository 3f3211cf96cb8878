#pragma once
// Clip: one labelled utterance of a dataset. A plain value; any thread.
#include <string>

namespace emo {

struct Clip {
  std::string path;      ///< absolute path of the audio file
  std::string label;     ///< canonical label (see LabelVocabulary.h), after the schema mapping
  std::string speaker;   ///< corpus-qualified speaker id, e.g. "ravdess:01", "tess:OAF"
  std::string corpus;    ///< "ravdess", "crema-d", "tess", "nemo", "savee", "emodb", "folder", "manifest"
  std::string rawLabel;  ///< the label as the corpus spells it ("05", "ps", "ANG", ...)
};

}  // namespace emo
