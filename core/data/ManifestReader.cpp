// CSV manifest adapter: header path,label,speaker (any column order, extra columns ignored),
// RFC 4180 quoting, paths relative to the CSV's folder or absolute.
#include <algorithm>
#include <filesystem>

#include "core/common/AtomicFile.h"
#include "core/data/DatasetAdapter.h"
#include "core/data/LabelVocabulary.h"

namespace emo::detail {
namespace {

namespace fs = std::filesystem;

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  const auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

// Splits CSV text into rows of fields. Returns an error for an unterminated quote.
Result<std::vector<std::vector<std::string>>> parseCsv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, fieldStarted = false;
  size_t i = 0;
  if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) i = 3;  // UTF-8 BOM
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        field += c;
      }
      continue;
    }
    if (c == '"' && trim(field).empty()) {
      field.clear();
      quoted = true;
      fieldStarted = true;
    } else if (c == ',') {
      row.push_back(field);
      field.clear();
      fieldStarted = true;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      if (fieldStarted || !field.empty()) row.push_back(field);
      if (!row.empty()) rows.push_back(row);
      row.clear();
      field.clear();
      fieldStarted = false;
    } else {
      field += c;
      fieldStarted = true;
    }
  }
  if (quoted) return fail("unterminated quoted field");
  if (fieldStarted || !field.empty()) row.push_back(field);
  if (!row.empty()) rows.push_back(row);
  return rows;
}

}  // namespace

Status readManifest(const std::string& csvPath, std::vector<Clip>& clips, std::vector<SkippedFile>& skipped) {
  auto bytes = readFileBytes(csvPath, 256u << 20);
  if (!bytes) return Error{bytes.error()};
  auto rows = parseCsv(bytes.value());
  if (!rows) return fail(csvPath + ": " + rows.error());
  if (rows->empty()) return fail(csvPath + ": empty manifest (expected a header path,label,speaker)");
  int pathCol = -1, labelCol = -1, speakerCol = -1;
  const auto& header = rows->front();
  for (size_t c = 0; c < header.size(); ++c) {
    std::string h = trim(header[c]);
    std::transform(h.begin(), h.end(), h.begin(), [](unsigned char ch) { return std::tolower(ch); });
    if (h == "path" || h == "file") pathCol = static_cast<int>(c);
    else if (h == "label" || h == "emotion") labelCol = static_cast<int>(c);
    else if (h == "speaker") speakerCol = static_cast<int>(c);
  }
  if (pathCol < 0 || labelCol < 0)
    return fail(csvPath + ": the first line must be a header with columns path,label,speaker");
  const fs::path base = fs::absolute(fs::path(csvPath)).parent_path();
  for (size_t r = 1; r < rows->size(); ++r) {
    const auto& row = (*rows)[r];
    const std::string lineRef = csvPath + " line " + std::to_string(r + 1);
    auto field = [&row](int col) { return col >= 0 && col < static_cast<int>(row.size()) ? trim(row[col]) : std::string(); };
    const std::string rawPath = field(pathCol);
    if (rawPath.empty()) {
      skipped.push_back({lineRef, "row without a path"});
      continue;
    }
    fs::path p(rawPath);
    if (p.is_relative()) p = base / p;
    p = p.lexically_normal();
    const std::string path = p.string();
    std::error_code ec;
    if (!fs::is_regular_file(p, ec)) {
      skipped.push_back({path, "file not found (listed in " + lineRef + ")"});
      continue;
    }
    if (!isAudioExtension(p.extension().string())) {
      skipped.push_back({path, "not an audio file extension (" + p.extension().string() + ")"});
      continue;
    }
    if (std::string problem = audioFileProblem(path, fs::file_size(p, ec)); !problem.empty()) {
      skipped.push_back({path, problem});
      continue;
    }
    const std::string raw = field(labelCol);
    if (raw.empty()) {
      skipped.push_back({path, "empty label (" + lineRef + ")"});
      continue;
    }
    std::string speaker = field(speakerCol);
    if (speaker.empty()) speaker = "unknown";
    Clip c;
    c.path = path;
    // A corpus-qualified speaker ("tess:OAF") names the clip's corpus, so a manifest mixing
    // corpora keeps each corpus's label set (CorpusLabels.h) and leave-one-corpus-out works on it.
    const auto colon = speaker.find(':');
    c.corpus = colon != std::string::npos && colon > 0 ? speaker.substr(0, colon) : "manifest";
    c.rawLabel = raw;
    c.label = canonicalLabel(raw);
    c.speaker = speaker.find(':') != std::string::npos ? speaker : "manifest:" + speaker;
    clips.push_back(std::move(c));
  }
  return success();
}

}  // namespace emo::detail
