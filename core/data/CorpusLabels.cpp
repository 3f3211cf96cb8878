// The corpus label table (keep docs/LABELS.md in step: tests/core/data/tst_corpuslabels.cpp compares them).
#include "core/data/CorpusLabels.h"

#include <algorithm>
#include <cctype>

namespace emo {
namespace {

bool sameText(const std::string& a, const std::string& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

std::vector<std::string> CorpusLabelSet::canonical() const {
  std::vector<std::string> out;
  for (const auto& [raw, canon] : labels)
    if (std::find(out.begin(), out.end(), canon) == out.end()) out.push_back(canon);
  return out;
}

const std::vector<CorpusLabelSet>& corpusLabelTable() {
  static const std::vector<CorpusLabelSet> table = {
      {"ravdess",
       {{"01", "neutral"}, {"02", "calm"}, {"03", "happy"}, {"04", "sad"},
        {"05", "angry"}, {"06", "fearful"}, {"07", "disgust"}, {"08", "surprised"}}},
      {"crema-d",
       {{"ANG", "angry"}, {"DIS", "disgust"}, {"FEA", "fearful"}, {"HAP", "happy"}, {"NEU", "neutral"}, {"SAD", "sad"}}},
      {"tess",
       {{"angry", "angry"}, {"disgust", "disgust"}, {"fear", "fearful"}, {"happy", "happy"},
        {"neutral", "neutral"}, {"ps", "surprised"}, {"sad", "sad"}}},
      {"savee",
       {{"a", "angry"}, {"d", "disgust"}, {"f", "fearful"}, {"h", "happy"}, {"n", "neutral"}, {"sa", "sad"},
        {"su", "surprised"}}},
      {"emodb",
       {{"W", "angry"}, {"L", "boredom"}, {"E", "disgust"}, {"A", "fearful"}, {"F", "happy"}, {"T", "sad"},
        {"N", "neutral"}}},
      {"nemo",
       {{"anger", "angry"}, {"fear", "fearful"}, {"happiness", "happy"}, {"neutral", "neutral"},
        {"sadness", "sad"}, {"surprised", "surprised"}}},
  };
  return table;
}

const CorpusLabelSet* corpusLabels(const std::string& corpus) {
  for (const auto& set : corpusLabelTable())
    if (set.corpus == corpus) return &set;
  return nullptr;
}

std::optional<std::string> mapCorpusLabel(const std::string& corpus, const std::string& raw) {
  const CorpusLabelSet* set = corpusLabels(corpus);
  if (!set) return std::nullopt;
  for (const auto& [spelling, canon] : set->labels)
    if (sameText(spelling, raw)) return canon;
  // Codes (RAVDESS "05", SAVEE "a", EmoDB "W") are matched exactly above; only word labels get synonyms.
  const std::string canon = canonicalLabel(raw);
  if (raw.size() < 3) return std::nullopt;
  for (const auto& [spelling, c] : set->labels)
    if (c == canon) return canon;
  return std::nullopt;
}

std::vector<int> corpusClasses(const std::string& corpus, const LabelSchema& schema) {
  std::vector<int> out;
  const CorpusLabelSet* set = corpusLabels(corpus);
  if (!set) {
    for (size_t c = 0; c < schema.classes.size(); ++c) out.push_back(static_cast<int>(c));
    return out;
  }
  for (const std::string& canon : set->canonical())
    if (auto cls = schema.map(canon)) {
      const int i = schema.indexOf(*cls);
      if (i >= 0 && std::find(out.begin(), out.end(), i) == out.end()) out.push_back(i);
    }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace emo
