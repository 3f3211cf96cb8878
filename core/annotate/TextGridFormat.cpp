// Praat TextGrid text files. Both the long and the short text forms are a sequence of values
// (numbers, "strings", <flags>) with optional "key =" decorations, so one tokenizer reads both:
// bare words, '=', ':' and [bracketed] indices are skipped, '!' starts a comment.
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
};

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
    if (c == '!') { while (i < n && s[i] != '\n' && s[i] != '\r') ++i; continue; }
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
  for (long long t = 0; t < *tierCount; ++t) {
    const int tierLine = r.lineHere();
    EMO_TRY(cls, r.string("the tier class"));
    EMO_TRY(name, r.string("the tier name"));
    EMO_TRY(txmin, r.number("tier xmin"));
    EMO_TRY(txmax, r.number("tier xmax"));
    EMO_TRY(n, r.count("the number of intervals"));
    if (*cls != "IntervalTier")
      return fail("line " + std::to_string(tierLine) + ": tier \"" + *name + "\" is a " + *cls +
                  " (only IntervalTier is supported)");
    if (set.findTier(*name)) return fail("line " + std::to_string(tierLine) + ": two tiers named \"" + *name + "\"");
    set.tier(*name);
    for (long long k = 0; k < *n; ++k) {
      const int line = r.lineHere();
      EMO_TRY(a, r.number("interval xmin"));
      EMO_TRY(b, r.number("interval xmax"));
      EMO_TRY(label, r.string("interval text"));
      if (*b <= *a) return fail("line " + std::to_string(line) + ": interval xmax " + num(*b) + " is not after xmin " + num(*a));
      if (label->empty()) continue;  // Praat's filler between labelled intervals
      if (auto ok = set.addSegment(*name, Segment{*a, *b, *label}); !ok)
        return fail("line " + std::to_string(line) + ": " + ok.error());
    }
    (void)txmin;
    (void)txmax;
  }
  return set;
}

Result<std::string> toTextGrid(const AnnotationSet& set) {
  const double xmax = std::max(set.duration, set.lastEnd());
  if (xmax <= 0) return fail("a TextGrid needs a duration: the clip has neither a known length nor segments");
  std::string out = "File type = \"ooTextFile\"\nObject class = \"TextGrid\"\n\n";
  out += "xmin = 0 \nxmax = " + num(xmax) + " \ntiers? <exists> \nsize = " + std::to_string(set.tiers.size()) +
         " \nitem []: \n";
  for (size_t t = 0; t < set.tiers.size(); ++t) {
    const Tier& tier = set.tiers[t];
    std::vector<Segment> intervals;
    double cursor = 0.0;
    for (const auto& s : tier.segments) {
      // Starts within 1e-9 s of the previous end count as touching; but a segment that also ends
      // by then lies inside the previous one (it would be written as an interval ending before
      // it starts, which no reader accepts).
      if (s.start < cursor - 1e-9 || s.end <= cursor)
        return fail("tier \"" + tier.name + "\": segments overlap at " + formatSeconds(s.start) +
                    " s (a TextGrid interval tier cannot hold overlapping labels)");
      if (s.start > cursor + 1e-9) intervals.push_back(Segment{cursor, s.start, ""});
      intervals.push_back(Segment{std::max(cursor, s.start), s.end, s.label});
      cursor = s.end;
    }
    if (cursor < xmax - 1e-9 || intervals.empty()) intervals.push_back(Segment{cursor, xmax, ""});
    out += "    item [" + std::to_string(t + 1) + "]:\n";
    out += "        class = \"IntervalTier\" \n";
    out += "        name = " + praatString(tier.name) + " \n";
    out += "        xmin = 0 \n        xmax = " + num(xmax) + " \n";
    out += "        intervals: size = " + std::to_string(intervals.size()) + " \n";
    for (size_t i = 0; i < intervals.size(); ++i) {
      out += "        intervals [" + std::to_string(i + 1) + "]:\n";
      out += "            xmin = " + num(intervals[i].start) + " \n";
      out += "            xmax = " + num(intervals[i].end) + " \n";
      out += "            text = " + praatString(intervals[i].label) + " \n";
    }
  }
  return out;
}

}  // namespace emo
