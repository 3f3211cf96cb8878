// Adapters for SAVEE and EmoDB file names and for folder-per-label trees.
#include <regex>
#include <set>

#include "core/data/CorpusLabels.h"
#include "core/data/DatasetAdapter.h"
#include "core/data/LabelVocabulary.h"

namespace emo::detail {
namespace {

std::vector<std::string> splitRel(const std::string& rel) {
  std::vector<std::string> parts;
  std::string cur;
  for (char c : rel) {
    if (c == '/') {
      if (!cur.empty()) parts.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) parts.push_back(cur);
  return parts;
}

// SAVEE: DC_a01 (flat) or DC/a01 (a folder per speaker); codes a d f h n sa su.
class SaveeAdapter : public DatasetAdapter {
 public:
  std::string name() const override { return "savee"; }
  ParseOutcome parse(const FoundFile& f, bool) const override {
    static const std::regex flat(R"(^([A-Z]{2})_([a-z]{1,2})(\d{2})$)");
    static const std::regex bare(R"(^([a-z]{1,2})(\d{2})$)");
    static const std::regex speakerDir(R"(^[A-Z]{2}$)");
    std::smatch m;
    std::string speaker, code;
    if (std::regex_match(f.stem, m, flat)) {
      speaker = m[1].str();
      code = m[2].str();
    } else if (std::regex_match(f.stem, m, bare)) {
      const auto parts = splitRel(f.rel);
      if (parts.size() < 2 || !std::regex_match(parts[parts.size() - 2], speakerDir))
        return ParseOutcome::skip("unparseable name for savee (a01 must be inside a speaker folder such as DC/)");
      speaker = parts[parts.size() - 2];
      code = m[1].str();
    } else {
      return ParseOutcome::skip("unparseable name for savee (expected DC_a01 or DC/a01)");
    }
    const auto label = mapCorpusLabel("savee", code);
    if (!label) return ParseOutcome::skip("unknown emotion code '" + code + "'");
    ParseOutcome o;
    o.ok = true;
    o.clip = makeClip(f, "savee", code, *label, speaker);
    return o;
  }
};

// EmoDB: 03a01Fa = speaker 03, text a01, emotion F (German initial), version a.
class EmoDbAdapter : public DatasetAdapter {
 public:
  std::string name() const override { return "emodb"; }
  ParseOutcome parse(const FoundFile& f, bool) const override {
    static const std::regex re(R"(^(\d{2})([a-z]\d{2})([A-Z])([a-z])$)");
    std::smatch m;
    if (!std::regex_match(f.stem, m, re))
      return ParseOutcome::skip("unparseable name for emodb (expected 03a01Fa)");
    const auto label = mapCorpusLabel("emodb", m[3].str());
    if (!label) return ParseOutcome::skip("unknown emotion code '" + m[3].str() + "'");
    ParseOutcome o;
    o.ok = true;
    o.clip = makeClip(f, "emodb", m[3].str(), *label, m[1].str());
    return o;
  }
};

// <root>/[<speaker>/]<label>/<file>: the label is the file's folder.
class FolderAdapter : public DatasetAdapter {
 public:
  std::string name() const override { return "folder"; }
  ParseOutcome parse(const FoundFile& f, bool strict) const override {
    const auto parts = splitRel(f.rel);
    if (parts.size() < 2) return ParseOutcome::skip("not inside a label folder (expected <root>/<label>/<file>)");
    const std::string raw = parts[parts.size() - 2];
    const std::string label = canonicalLabel(raw);
    if (label.empty()) return ParseOutcome::skip("empty label folder name");
    if (strict) {
      static const std::set<std::string> known = [] {
        std::set<std::string> s(canonicalLabels().begin(), canonicalLabels().end());
        s.insert("boredom");
        return s;
      }();
      if (!known.count(label)) return ParseOutcome::skip("folder '" + raw + "' is not an emotion label");
    }
    ParseOutcome o;
    o.ok = true;
    o.clip = makeClip(f, "folder", raw, label, parts.size() >= 3 ? parts[parts.size() - 3] : "unknown");
    return o;
  }
};

}  // namespace

std::unique_ptr<DatasetAdapter> makeSaveeAdapter() { return std::make_unique<SaveeAdapter>(); }
std::unique_ptr<DatasetAdapter> makeEmoDbAdapter() { return std::make_unique<EmoDbAdapter>(); }
std::unique_ptr<DatasetAdapter> makeFolderAdapter() { return std::make_unique<FolderAdapter>(); }

std::vector<std::unique_ptr<DatasetAdapter>> makeNameAdapters() {
  std::vector<std::unique_ptr<DatasetAdapter>> all;
  all.push_back(makeRavdessAdapter());
  all.push_back(makeCremaDAdapter());
  all.push_back(makeTessAdapter());
  all.push_back(makeNemoAdapter());
  all.push_back(makeSaveeAdapter());
  all.push_back(makeEmoDbAdapter());
  all.push_back(makeFolderAdapter());
  return all;
}

}  // namespace emo::detail
