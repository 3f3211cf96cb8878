#pragma once
// Canonical emotion labels, their synonyms, and label schemas (which canonical labels a model
// predicts, and how others map onto them). Pure functions; any thread.
//
// Canonical labels: neutral, calm, happy, sad, angry, fearful, disgust, surprised (+ any extra
// label a manifest brings, lower-cased). Synonyms: anger->angry, fear->fearful,
// happiness->happy, joy->happy, sadness->sad, surprise/ps/pleasant surprise->surprised, ...
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/common/Result.h"

namespace emo {

/// The 8 canonical labels in RAVDESS order.
const std::vector<std::string>& canonicalLabels();

/// Canonical form of a label or synonym (case-insensitive). Unknown labels are returned
/// lower-cased and trimmed, so a manifest can bring its own classes.
std::string canonicalLabel(const std::string& label);

/// A label schema: the classes a model predicts and the mapping from canonical labels onto them.
/// A canonical label that maps to nothing is dropped from training/evaluation (and reported).
struct LabelSchema {
  std::string name;                          ///< "ravdess8", "ekman7", "basic6", "valence3", or a file name
  std::vector<std::string> classes;          ///< output classes in model order
  std::map<std::string, std::string> mapping;///< canonical label -> class

  /// The class for a canonical label, or nullopt if the schema drops it.
  std::optional<std::string> map(const std::string& canonical) const;
  int indexOf(const std::string& cls) const;  ///< -1 if absent

  /// Built-ins: "ravdess8" (all 8), "ekman7" (no calm), "basic6" (no calm, no surprised),
  /// "valence3" (neutral/calm->neutral, happy/surprised->positive, sad/angry/fearful/disgust->negative).
  static Result<LabelSchema> builtin(const std::string& name);
  static std::vector<std::string> builtinNames();
  /// A user mapping file: JSON {"name": ..., "classes": [...], "mapping": {"label": "class", ...}}.
  /// Labels (keys) may be synonyms; without "mapping", each class stands for the label it names.
  static Result<LabelSchema> load(const std::string& path);
  /// builtin(nameOrPath) if it is a built-in name, else load(nameOrPath).
  static Result<LabelSchema> resolve(const std::string& nameOrPath);
  std::string toJson() const;
  static Result<LabelSchema> fromJson(const std::string& json);
};

}  // namespace emo
