// Audacity label tracks (File > Export > Export Labels): "start\tend\tlabel" per line, seconds
// with 6 decimals; a following line "\\\tlow\thigh" carries the spectral selection (ignored).
// A point label has start == end. The format has no place for a label's origin: labels read from
// it are LabelOrigin::Imported.
#include "core/annotate/AnnotationFormats.h"
#include "core/annotate/NumberText.h"

namespace emo {

Result<AnnotationSet> parseAudacityLabels(const std::string& text, const std::string& tierName,
                                          const std::string& clip) {
  AnnotationSet set;
  set.clip = clip;
  set.tier(tierName);
  std::string_view body(text);
  if (body.size() >= 3 && body.substr(0, 3) == "\xEF\xBB\xBF") body.remove_prefix(3);
  const auto lines = splitLines(body);
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    const std::string where = "line " + std::to_string(i + 1) + ": ";
    if (line.find('\0') != std::string::npos) return fail(where + "NUL byte (not a text file?)");
    if (line.find_first_not_of(" \t") == std::string::npos) continue;  // blank
    if (line[0] == '\\') continue;                                     // spectral selection
    const size_t t1 = line.find('\t');
    const size_t t2 = t1 == std::string::npos ? std::string::npos : line.find('\t', t1 + 1);
    if (t1 == std::string::npos)
      return fail(where + "expected start<TAB>end<TAB>label (no tab found)");
    auto start = parseNumber(std::string_view(line).substr(0, t1));
    auto end = parseNumber(std::string_view(line).substr(t1 + 1, t2 == std::string::npos ? std::string::npos : t2 - t1 - 1));
    if (!start) return fail(where + "start '" + line.substr(0, t1) + "' is not a number of seconds");
    if (!end) return fail(where + "end is not a number of seconds");
    std::string label = t2 == std::string::npos ? std::string() : line.substr(t2 + 1);
    if (auto ok = set.addSegment(tierName, Segment{*start, *end, label, LabelOrigin::Imported}); !ok)
      return fail(where + ok.error());
  }
  return set;
}

std::string toAudacityLabels(const AnnotationSet& set, const std::string& tierName) {
  std::string out;
  const Tier* tier = set.findTier(tierName);
  if (!tier) return out;
  for (const auto& s : tier->segments) {
    std::string label = s.label;
    for (auto& c : label)
      if (c == '\t' || c == '\n' || c == '\r') c = ' ';  // one line per label
    out += formatFixed6(s.start) + "\t" + formatFixed6(s.end) + "\t" + label + "\n";
  }
  return out;
}

}  // namespace emo
