#pragma once
// CorpusLabels: each corpus's own label set (as the corpus spells its labels) and the mapping of
// those labels onto canonical labels, as one table (documented in docs/LABELS.md; a test keeps
// the two identical). The dataset adapters map labels through it, and training and evaluation
// ask it which model classes a corpus can produce, so a corpus without "calm" never teaches
// "never calm" and a held-out corpus is scored over its own labels only. Pure functions; any thread.
//
//   emo::mapCorpusLabel("tess", "ps");                       // "surprised"
//   emo::corpusClasses("nemo", emo::LabelSchema::builtin("ravdess8").value());  // 6 class indices
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/data/LabelVocabulary.h"

namespace emo {

/// One corpus's labels: raw spelling -> canonical label, in the corpus's own order.
struct CorpusLabelSet {
  std::string corpus;                                        ///< corpus name as in Clip::corpus ("ravdess", "nemo", ...)
  std::vector<std::pair<std::string, std::string>> labels;  ///< (raw label, canonical label)
  /// The distinct canonical labels, in table order.
  std::vector<std::string> canonical() const;
};

/// The table: ravdess, crema-d, tess, savee, emodb, nemo.
const std::vector<CorpusLabelSet>& corpusLabelTable();

/// The entry for a corpus, or nullptr for corpora without a fixed label set (folder, manifest).
const CorpusLabelSet* corpusLabels(const std::string& corpus);

/// Canonical label for a corpus's raw label: the table's spelling (case-insensitive) first, then
/// any synonym (canonicalLabel) of a label the corpus uses. nullopt when the corpus has no such
/// label or the corpus is not in the table.
std::optional<std::string> mapCorpusLabel(const std::string& corpus, const std::string& raw);

/// Model classes (indices into schema.classes, ascending) a corpus's clips can carry under
/// `schema`. A corpus not in the table can carry every class.
std::vector<int> corpusClasses(const std::string& corpus, const LabelSchema& schema);

}  // namespace emo
