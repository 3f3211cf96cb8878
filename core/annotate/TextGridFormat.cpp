// Praat TextGrid text files. Both the long and the short text forms are a sequence of values
// (numbers, "strings", <flags>) with optional "key =" decorations, so one tokenizer reads both:
// bare words, '=', ':' and [bracketed] indices are skipped, '!' starts a comment (as in Praat).
// Label origins travel as such a comment after a label's text ("text = "angry" ! origin=human"):
// Praat reads past it (and drops it when it saves the file again); this reader gives it back.
// Point labels are TextTiers; a tier holding both intervals and points is written as an
// IntervalTier and a TextTier "<name> (points)", read back into one tier.
#include <charconv>
#include <algorithm>
#include <cmath>

#include "core/annotate/AnnotationFormats.h"
#include "core/annotate/NumberText.h"
#include "core/annotate/TextEncoding.h"

namespace emo {
namespace {

struct Token {
  enum Kind { Number, String, Flag } kind = Number;
  std::string text;
  double number = 0.0;
  int line = 0;
  std::string comment;  ///< the '!' comment that follows the token on its line, trimmed
};

constexpr const char* kOriginComment = "origin=";
constexpr const char* kPointsSuffix = " (points)";

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

Result<std::vector<Token>> tokenize(const std::string& s) {
  std::vector<Token> out;
  int line = 1;
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    const char c = s[i];
    if (c == '\n') { ++line; ++i; continue; }
    if (c == '\r') { if (i + 1 < n && s[i + 1] == '\n') ++i; ++line; ++i; continue; }
    if (isSpace(c)) { ++i; continue; }
    if (c == '\0') return fail("line " + std::to_string(line) + ": NUL byte (a binary TextGrid?)");
    if (c == '!') {
      const size_t from = ++i;
      while (i < n && s[i] != '\n' && s[i] != '\r') ++i;
      if (!out.empty() && out.back().line == line) {
        std::string comment = s.substr(from, i - from);
        const size_t b = comment.find_first_not_of(" \t"), e = comment.find_last_not_of(" \t");
        out.back().comment = b == std::string::npos ? std::string() : comment.substr(b, e - b + 1);
      }
      continue;
    }
    if (c == '"') {
      Token t{Token::String, {}, 0.0, line};
      ++i;
      bool closed = false;
      while (i < n) {
        if (s[i] == '"') {
          if (i + 1 < n && s[i + 1] == '"') { t.text.push_back('"'); i += 2; continue; }
          ++i;
          closed = true;
          break;
        }
        if (s[i] == '\n') ++line;
        t.text.push_back(s[i++]);
      }
      if (!closed) return fail("line " + std::to_string(t.line) + ": string never closed (missing '\"')");
      out.push_back(std::move(t));
      continue;
    }
    if (c == '<') {
      const size_t close = s.find('>', i);
      if (close == std::string::npos) return fail("line " + std::to_string(line) + ": '<' without '>'");
      out.push_back(Token{Token::Flag, s.substr(i + 1, close - i - 1), 0.0, line});
      i = close + 1;
      continue;
    }
    if (c == '[') {
      const size_t close = s.find(']', i);
      if (close == std::string::npos) return fail("line " + std::to_string(line) + ": '[' without ']'");
      for (size_t k = i; k < close; ++k) if (s[k] == '\n') ++line;
      i = close + 1;
      continue;
    }
    const bool numeric = (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.';
    size_t j = i;
    while (j < n && !isSpace(s[j]) && s[j] != '"' && s[j] != '[' && s[j] != '!' && s[j] != '\0') ++j;
    if (numeric) {
      auto v = parseNumber(std::string_view(s).substr(i, j - i));
      if (!v) return fail("line " + std::to_string(line) + ": '" + s.substr(i, std::min<size_t>(j - i, 40)) + "' is not a number");
      out.push_back(Token{Token::Number, s.substr(i, j - i), *v, line});
    }
    i = j;  // a bare word ("xmin", "=", "intervals:", "tiers?") is decoration
  }
  return out;
}

class Reader {
 public:
  explicit Reader(const std::vector<Token>& t) : t_(t) {}
  Result<double> number(const char* what) {
    if (pos_ >= t_.size()) return fail("unexpected end of file (expected " + std::string(what) + ")");
    const Token& t = t_[pos_];
    if (t.kind != Token::Number) return fail(at(t) + "expected " + what + " (a number)");
    ++pos_;
    return t.number;
  }
  Result<std::string> string(const char* what) {
    if (pos_ >= t_.size()) return fail("unexpected end of file (expected " + std::string(what) + ")");
    const Token& t = t_[pos_];
    if (t.kind != Token::String) return fail(at(t) + "expected " + what + " (a quoted string)");
    ++pos_;
    return t.text;
  }
  /// The origin named by the comment after the last token read; Imported when there is none.
  Result<LabelOrigin> origin() const {
    if (pos_ == 0) return LabelOrigin::Imported;
    const Token& t = t_[pos_ - 1];
    if (t.comment.rfind(kOriginComment, 0) != 0) return LabelOrigin::Imported;
    const std::string name = t.comment.substr(std::string(kOriginComment).size());
    if (auto o = parseLabelOrigin(name)) return *o;
    return fail(at(t) + "unknown label origin '" + name + "' (human, model, file name or imported)");
  }
  Result<long long> count(const char* what) {
    const int line = lineHere();
    auto v = number(what);
    if (!v) return Error{v.error()};
    if (*v < 0 || std::floor(*v) != *v) return fail("line " + std::to_string(line) + ": " + what + " is not a count");
    if (*v > static_cast<double>(t_.size())) return fail("line " + std::to_string(line) + ": " + what + " is larger than the file");
    return static_cast<long long>(*v);
  }
  const Token* peek() const { return pos_ < t_.size() ? &t_[pos_] : nullptr; }
  void skip() { ++pos_; }
  int lineHere() const { return pos_ < t_.size() ? t_[pos_].line : (t_.empty() ? 1 : t_.back().line); }
  static std::string at(const Token& t) { return "line " + std::to_string(t.line) + ": "; }

 private:
  const std::vector<Token>& t_;
  size_t pos_ = 0;
};

#define EMO_TRY(var, expr) auto var = (expr); if (!var) return Error{var.error()}

std::string praatString(const std::string& s) {
  std::string q = "\"";
  for (char c : s) {
    if (c == '"') q.push_back('"');
    q.push_back(c);
  }
  return q + "\"";
}

std::string num(double v) {
  char buf[64];
  auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return ec == std::errc() ? std::string(buf, p) : std::string("0");
}

}  // namespace

Result<AnnotationSet> parseTextGrid(const std::string& rawText, const std::string& clip) {
  auto text = decodeTextToUtf8(rawText);
  if (!text) return Error{text.error()};
  if (text->rfind("ooBinaryFile", 0) == 0)
    return fail("line 1: a binary TextGrid (in Praat, save it as a text file instead)");
  auto tokens = tokenize(*text);
  if (!tokens) return Error{tokens.error()};
  Reader r(*tokens);
  EMO_TRY(fileType, r.string("File type"));
  if (fileType->rfind("ooTextFile", 0) != 0) return fail("line 1: File type is \"" + *fileType + "\", not \"ooTextFile\"");
  EMO_TRY(objectClass, r.string("Object class"));
  if (objectClass->rfind("TextGrid", 0) != 0)
    return fail("line " + std::to_string(r.lineHere()) + ": Object class is \"" + *objectClass + "\", not \"TextGrid\"");
  AnnotationSet set;
  set.clip = clip;
  EMO_TRY(xmin, r.number("xmin"));
  EMO_TRY(xmax, r.number("xmax"));
  if (*xmax < *xmin) return fail("line " + std::to_string(r.lineHere()) + ": xmax is before xmin");
  set.duration = std::max(0.0, *xmax);
  const Token* flag = r.peek();
  if (!flag || flag->kind != Token::Flag) return fail("line " + std::to_string(r.lineHere()) + ": expected <exists> or <absent>");
  r.skip();
  if (flag->text == "absent") return set;
  if (flag->text != "exists") return fail(Reader::at(*flag) + "unknown flag <" + flag->text + ">");
  EMO_TRY(tierCount, r.count("the number of tiers"));
  std::string lastIntervalTier;
  for (long long t = 0; t < *tierCount; ++t) {
    const int tierLine = r.lineHere();
    EMO_TRY(cls, r.string("the tier class"));
    EMO_TRY(name, r.string("the tier name"));
    EMO_TRY(txmin, r.number("tier xmin"));
    EMO_TRY(txmax, r.number("tier xmax"));
    EMO_TRY(n, r.count(*cls == "TextTier" ? "the number of points" : "the number of intervals"));
    if (*cls != "IntervalTier" && *cls != "TextTier")
      return fail("line " + std::to_string(tierLine) + ": tier \"" + *name + "\" is a " + *cls +
                  " (IntervalTier and TextTier are supported)");
    std::string tierName = *name;
    // The points of a mixed tier: a TextTier "<name> (points)" right after the IntervalTier <name>.
    if (*cls == "TextTier" && !lastIntervalTier.empty() && tierName == lastIntervalTier + kPointsSuffix)
      tierName = lastIntervalTier;
    else if (set.findTier(tierName))
      return fail("line " + std::to_string(tierLine) + ": two tiers named \"" + tierName + "\"");
    set.tier(tierName);
    lastIntervalTier = *cls == "IntervalTier" ? tierName : std::string();
    for (long long k = 0; k < *n; ++k) {
      const int line = r.lineHere();
      if (*cls == "TextTier") {
        EMO_TRY(time, r.number("point time"));
        EMO_TRY(mark, r.string("point mark"));
        EMO_TRY(origin, r.origin());
        if (auto ok = set.addSegment(tierName, Segment{*time, *time, *mark, *origin}); !ok)
          return fail("line " + std::to_string(line) + ": " + ok.error());
        continue;
      }
      EMO_TRY(a, r.number("interval xmin"));
      EMO_TRY(b, r.number("interval xmax"));
      EMO_TRY(label, r.string("interval text"));
      EMO_TRY(origin, r.origin());
      if (*b <= *a) return fail("line " + std::to_string(line) + ": interval xmax " + num(*b) + " is not after xmin " + num(*a));
      if (label->empty()) continue;  // Praat's filler between labelled intervals
      if (auto ok = set.addSegment(tierName, Segment{*a, *b, *label, *origin}); !ok)
        return fail("line " + std::to_string(line) + ": " + ok.error());
    }
    (void)txmin;
    (void)txmax;
  }
  return set;
}

namespace {

// "imported" is what a label without the comment means, so Praat's own files are written back
// byte for byte.
std::string originComment(const Segment& s) {
  if (s.origin == LabelOrigin::Imported) return {};
  return " ! " + std::string(kOriginComment) + labelOriginName(s.origin);
}

std::string tierHeader(size_t item, const char* cls, const std::string& name, double xmax) {
  std::string out = "    item [" + std::to_string(item) + "]:\n";
  out += "        class = \"" + std::string(cls) + "\" \n";
  out += "        name = " + praatString(name) + " \n";
  out += "        xmin = 0 \n        xmax = " + num(xmax) + " \n";
  return out;
}

Result<std::string> intervalTier(const Tier& tier, const std::vector<Segment>& segments, double xmax, size_t item) {
  std::vector<Segment> intervals;
  double cursor = 0.0;
  for (const auto& s : segments) {
    // Starts within 1e-9 s of the previous end count as touching; but a segment that also ends
    // by then lies inside the previous one (it would be written as an interval ending before
    // it starts, which no reader accepts).
    if (s.start < cursor - 1e-9 || s.end <= cursor)
      return fail("tier \"" + tier.name + "\": segments overlap at " + formatSeconds(s.start) +
                  " s (a TextGrid interval tier cannot hold overlapping labels)");
    if (s.start > cursor + 1e-9) intervals.push_back(Segment{cursor, s.start, ""});
    intervals.push_back(Segment{std::max(cursor, s.start), s.end, s.label, s.origin});
    cursor = s.end;
  }
  if (cursor < xmax - 1e-9 || intervals.empty()) intervals.push_back(Segment{cursor, xmax, ""});
  std::string out = tierHeader(item, "IntervalTier", tier.name, xmax);
  out += "        intervals: size = " + std::to_string(intervals.size()) + " \n";
  for (size_t i = 0; i < intervals.size(); ++i) {
    out += "        intervals [" + std::to_string(i + 1) + "]:\n";
    out += "            xmin = " + num(intervals[i].start) + " \n";
    out += "            xmax = " + num(intervals[i].end) + " \n";
    out += "            text = " + praatString(intervals[i].label) +
           (intervals[i].label.empty() ? std::string() : originComment(intervals[i])) + " \n";
  }
  return out;
}

std::string pointTier(const std::string& name, const std::vector<Segment>& points, double xmax, size_t item) {
  std::string out = tierHeader(item, "TextTier", name, xmax);
  out += "        points: size = " + std::to_string(points.size()) + " \n";
  for (size_t i = 0; i < points.size(); ++i) {
    out += "        points [" + std::to_string(i + 1) + "]:\n";
    out += "            number = " + num(points[i].start) + " \n";
    out += "            mark = " + praatString(points[i].label) + originComment(points[i]) + " \n";
  }
  return out;
}

}  // namespace

Result<std::string> toTextGrid(const AnnotationSet& set) {
  const double xmax = std::max(set.duration, set.lastEnd());
  if (xmax <= 0) return fail("a TextGrid needs a duration: the clip has neither a known length nor segments");
  std::string items;
  size_t item = 0;
  for (const Tier& tier : set.tiers) {
    std::vector<Segment> intervals, points;
    for (const auto& s : tier.segments) (s.isPoint() ? points : intervals).push_back(s);
    if (!intervals.empty() || points.empty()) {
      auto text = intervalTier(tier, intervals, xmax, ++item);
      if (!text) return Error{text.error()};
      items += *text;
    }
    if (!points.empty()) items += pointTier(intervals.empty() ? tier.name : tier.name + kPointsSuffix, points, xmax, ++item);
  }
  std::string out = "File type = \"ooTextFile\"\nObject class = \"TextGrid\"\n\n";
  out += "xmin = 0 \nxmax = " + num(xmax) + " \ntiers? <exists> \nsize = " + std::to_string(item) + " \nitem []: \n";
  return out + items;
}

}  // namespace emo
