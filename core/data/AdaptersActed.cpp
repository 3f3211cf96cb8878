// Adapters for RAVDESS, CREMA-D, TESS and nEMO file names; labels map through CorpusLabels.h.
#include <algorithm>
#include <regex>

#include "core/data/CorpusLabels.h"
#include "core/data/DatasetAdapter.h"

namespace emo::detail {

Clip makeClip(const FoundFile& file, const std::string& corpus, const std::string& rawLabel,
              const std::string& label, const std::string& speaker) {
  Clip c;
  c.path = file.path;
  c.corpus = corpus;
  c.rawLabel = rawLabel;
  c.label = label;
  c.speaker = corpus + ":" + speaker;
  return c;
}

namespace {

// RAVDESS: MM-VV-EE-II-SS-RR-AA; only modality 03 (audio-only) and vocal channel 01 (speech).
class RavdessAdapter : public DatasetAdapter {
 public:
  std::string name() const override { return "ravdess"; }
  ParseOutcome parse(const FoundFile& f, bool) const override {
    static const std::regex re(R"(^(\d\d)-(\d\d)-(\d\d)-(\d\d)-(\d\d)-(\d\d)-(\d\d)$)");
    std::smatch m;
    if (!std::regex_match(f.stem, m, re))
      return ParseOutcome::skip("unparseable name for ravdess (expected MM-VV-EE-II-SS-RR-AA)");
    if (m[1] != "03")
      return ParseOutcome::skip("modality " + m[1].str() + " is not audio-only (03)");
    if (m[2] != "01")
      return ParseOutcome::skip("vocal channel " + m[2].str() + " is not speech (01)");
    const auto label = mapCorpusLabel("ravdess", m[3].str());
    if (!label) return ParseOutcome::skip("unknown emotion code '" + m[3].str() + "'");
    ParseOutcome o;
    o.ok = true;
    o.clip = makeClip(f, "ravdess", m[3].str(), *label, m[7].str());
    return o;
  }
};

// CREMA-D: 1001_DFA_ANG_XX (actor, sentence, emotion, intensity).
class CremaDAdapter : public DatasetAdapter {
 public:
  std::string name() const override { return "crema-d"; }
  ParseOutcome parse(const FoundFile& f, bool) const override {
    static const std::regex re(R"(^(\d{4})_([A-Z]{3})_([A-Za-z]{3})_([A-Z]{2})$)");
    std::smatch m;
    if (!std::regex_match(f.stem, m, re))
      return ParseOutcome::skip("unparseable name for crema-d (expected 1001_DFA_ANG_XX)");
    const auto label = mapCorpusLabel("crema-d", m[3].str());
    if (!label) return ParseOutcome::skip("unknown emotion code '" + m[3].str() + "'");
    ParseOutcome o;
    o.ok = true;
    o.clip = makeClip(f, "crema-d", m[3].str(), *label, m[1].str());
    return o;
  }
};

// TESS: OAF_word_emotion / YAF_word_emotion; the corpus's own typo OA_bite_neutral is OAF.
class TessAdapter : public DatasetAdapter {
 public:
  std::string name() const override { return "tess"; }
  ParseOutcome parse(const FoundFile& f, bool) const override {
    static const std::regex re(R"(^(OAF|YAF|OA|YA)_([A-Za-z]+)_([A-Za-z]+(?:_[A-Za-z]+)?)$)",
                               std::regex::icase);
    std::smatch m;
    if (!std::regex_match(f.stem, m, re))
      return ParseOutcome::skip("unparseable name for tess (expected OAF_word_emotion or YAF_word_emotion)");
    std::string speaker = m[1].str();
    for (char& c : speaker) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (speaker.size() == 2) speaker += 'F';  // OA_bite_neutral: a typo in the corpus itself
    const std::string raw = m[3].str();
    const auto label = mapCorpusLabel("tess", raw);
    if (!label) return ParseOutcome::skip("unknown emotion code '" + raw + "'");
    ParseOutcome o;
    o.ok = true;
    o.clip = makeClip(f, "tess", raw, *label, speaker);
    return o;
  }
};

// nEMO: <speaker>_<emotion>_<n>, e.g. EB0_anger_12 (speaker: three letters and a digit).
class NemoAdapter : public DatasetAdapter {
 public:
  std::string name() const override { return "nemo"; }
  ParseOutcome parse(const FoundFile& f, bool) const override {
    static const std::regex re(R"(^([A-Za-z]{2,3}\d)_([A-Za-z]+)_(\d+)$)");
    std::smatch m;
    if (!std::regex_match(f.stem, m, re))
      return ParseOutcome::skip("unparseable name for nemo (expected <speaker>_<emotion>_<n> such as EB0_anger_12)");
    std::string speaker = m[1].str();
    for (char& c : speaker) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    const auto label = mapCorpusLabel("nemo", m[2].str());
    if (!label) return ParseOutcome::skip("unknown emotion code '" + m[2].str() + "'");
    ParseOutcome o;
    o.ok = true;
    o.clip = makeClip(f, "nemo", m[2].str(), *label, speaker);
    return o;
  }
};

}  // namespace

std::unique_ptr<DatasetAdapter> makeRavdessAdapter() { return std::make_unique<RavdessAdapter>(); }
std::unique_ptr<DatasetAdapter> makeCremaDAdapter() { return std::make_unique<CremaDAdapter>(); }
std::unique_ptr<DatasetAdapter> makeTessAdapter() { return std::make_unique<TessAdapter>(); }
std::unique_ptr<DatasetAdapter> makeNemoAdapter() { return std::make_unique<NemoAdapter>(); }

}  // namespace emo::detail
