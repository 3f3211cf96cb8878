// CSV label files: header file,start,end,label,tier,origin (tier optional, default "human";
// origin optional: without the column every label is "imported", an empty cell means the tier's
// default; extra columns ignored). A point label has start == end. RFC 4180 quoting; LF or CRLF.
#include <cctype>
#include <map>

#include "core/annotate/AnnotationFormats.h"
#include "core/annotate/NumberText.h"

namespace emo {
namespace {

struct Record {
  int line = 0;  // line the record starts on
  std::vector<std::string> fields;
};

Result<std::vector<Record>> splitCsv(const std::string& text) {
  std::vector<Record> records;
  Record cur;
  std::string field;
  bool quoted = false, fieldStarted = false, afterQuote = false;
  int line = 1;
  cur.line = 1;
  size_t i = 0;
  if (text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) i = 3;  // UTF-8 BOM
  auto endRecord = [&]() {
    cur.fields.push_back(field);
    field.clear();
    bool blank = cur.fields.size() == 1 && cur.fields[0].empty() && !fieldStarted;
    if (!blank) records.push_back(cur);
    cur = Record{};
    fieldStarted = afterQuote = false;
  };
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field.push_back('"');
          ++i;
        } else {
          quoted = false;
          afterQuote = true;
        }
      } else {
        if (c == '\n') ++line;
        if (c == '\0') return fail("line " + std::to_string(line) + ": NUL byte in a field");
        field.push_back(c);
      }
      continue;
    }
    if (c == '"') {
      if (fieldStarted || afterQuote)
        return fail("line " + std::to_string(line) + ": stray quote inside an unquoted field");
      quoted = fieldStarted = true;
    } else if (c == ',') {
      cur.fields.push_back(field);
      field.clear();
      fieldStarted = afterQuote = false;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      endRecord();
      ++line;
      cur.line = line;
    } else if (c == '\0') {
      return fail("line " + std::to_string(line) + ": NUL byte (not a text file?)");
    } else {
      if (afterQuote) return fail("line " + std::to_string(line) + ": text after a closing quote");
      field.push_back(c);
      fieldStarted = true;
    }
  }
  if (quoted) return fail("line " + std::to_string(cur.line) + ": quoted field never closed");
  if (fieldStarted || afterQuote || !cur.fields.empty()) endRecord();
  return records;
}

std::string trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t"), e = s.find_last_not_of(" \t");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

}  // namespace

std::string csvQuote(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos && (s.empty() || (s.front() != ' ' && s.back() != ' ')))
    return s;
  std::string q = "\"";
  for (char c : s) {
    if (c == '"') q.push_back('"');
    q.push_back(c);
  }
  return q + "\"";
}

Result<std::vector<AnnotationSet>> parseCsvAnnotations(const std::string& text) {
  auto records = splitCsv(text);
  if (!records) return Error{records.error()};
  if (records->empty()) return fail("line 1: empty file (expected the header file,start,end,label,tier)");
  const Record& header = records->front();
  std::map<std::string, int> col;
  for (size_t i = 0; i < header.fields.size(); ++i) {
    std::string name = trim(header.fields[i]);
    for (auto& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    col.emplace(name, static_cast<int>(i));
  }
  for (const char* need : {"file", "start", "end", "label"})
    if (!col.count(need))
      return fail("line " + std::to_string(header.line) + ": header lacks the column '" + need +
                  "' (expected file,start,end,label,tier)");
  const int tierCol = col.count("tier") ? col["tier"] : -1;
  const int originCol = col.count("origin") ? col["origin"] : -1;

  std::vector<AnnotationSet> sets;
  std::map<std::string, size_t> index;
  for (size_t r = 1; r < records->size(); ++r) {
    const Record& rec = (*records)[r];
    const std::string where = "line " + std::to_string(rec.line) + ": ";
    if (rec.fields.size() != header.fields.size())
      return fail(where + std::to_string(rec.fields.size()) + " fields, the header has " +
                  std::to_string(header.fields.size()));
    const std::string file = rec.fields[col["file"]];
    if (trim(file).empty()) return fail(where + "empty file name");
    const std::string startText = trim(rec.fields[col["start"]]);
    const std::string endText = trim(rec.fields[col["end"]]);
    const std::string label = rec.fields[col["label"]];
    std::string tier = tierCol >= 0 ? trim(rec.fields[tierCol]) : std::string();
    if (tier.empty()) tier = "human";
    LabelOrigin origin = originCol >= 0 ? defaultOrigin(tier) : LabelOrigin::Imported;
    if (originCol >= 0 && !trim(rec.fields[originCol]).empty()) {
      auto o = parseLabelOrigin(trim(rec.fields[originCol]));
      if (!o) return fail(where + "unknown origin '" + trim(rec.fields[originCol]) + "' (human, model, file name or imported)");
      origin = *o;
    }
    auto [it, added] = index.emplace(file, sets.size());
    if (added) {
      sets.emplace_back();
      sets.back().clip = file;
    }
    AnnotationSet& set = sets[it->second];
    if (startText.empty() && endText.empty()) {
      if (label.empty()) return fail(where + "a clip-level row (no start, no end) needs a label");
      set.setClipLabel(tier, label, origin);
      continue;
    }
    auto start = parseNumber(startText);
    auto end = parseNumber(endText);
    if (!start) return fail(where + "start '" + startText + "' is not a number of seconds");
    if (!end) return fail(where + "end '" + endText + "' is not a number of seconds");
    if (auto ok = set.addSegment(tier, Segment{*start, *end, label, origin}); !ok) return fail(where + ok.error());
  }
  return sets;
}

std::string toCsvAnnotations(const std::vector<AnnotationSet>& sets) {
  std::string out = "file,start,end,label,tier,origin\n";
  for (const auto& set : sets) {
    for (const auto& [tier, label] : set.clipLabels)
      out += csvQuote(set.clip) + ",,," + csvQuote(label) + "," + csvQuote(tier) + "," +
             csvQuote(labelOriginName(set.clipOrigin(tier))) + "\n";
    for (const auto& tier : set.tiers)
      for (const auto& s : tier.segments)
        out += csvQuote(set.clip) + "," + formatSeconds(s.start) + "," + formatSeconds(s.end) + "," + csvQuote(s.label) +
               "," + csvQuote(tier.name) + "," + csvQuote(labelOriginName(s.origin)) + "\n";
  }
  return out;
}

}  // namespace emo
