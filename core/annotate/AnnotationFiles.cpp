// Format names and label-file reading/writing (atomic) for AnnotationFormats.h.
#include <algorithm>
#include <cctype>
#include <filesystem>

#include "core/annotate/AnnotationFormats.h"
#include "core/common/AtomicFile.h"

namespace emo {
namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

constexpr size_t kMaxLabelFileBytes = 64u << 20;

}  // namespace

Result<LabelFormat> parseLabelFormat(const std::string& name) {
  const std::string n = lower(name);
  if (n == "csv") return LabelFormat::Csv;
  if (n == "json") return LabelFormat::Json;
  if (n == "audacity") return LabelFormat::Audacity;
  if (n == "textgrid" || n == "praat") return LabelFormat::TextGrid;
  return fail("unknown label format '" + name + "' (expected csv, json, audacity or textgrid)");
}

std::string labelFormatName(LabelFormat f) {
  switch (f) {
    case LabelFormat::Csv: return "csv";
    case LabelFormat::Json: return "json";
    case LabelFormat::Audacity: return "audacity";
    case LabelFormat::TextGrid: return "textgrid";
  }
  return "csv";
}

std::string labelFormatExtension(LabelFormat f) {
  switch (f) {
    case LabelFormat::Csv: return ".csv";
    case LabelFormat::Json: return ".json";
    case LabelFormat::Audacity: return ".txt";
    case LabelFormat::TextGrid: return ".TextGrid";
  }
  return ".csv";
}

Result<LabelFormat> labelFormatForPath(const std::string& path) {
  const std::string ext = lower(std::filesystem::path(path).extension().string());
  if (ext == ".csv") return LabelFormat::Csv;
  if (ext == ".json") return LabelFormat::Json;
  if (ext == ".textgrid") return LabelFormat::TextGrid;
  if (ext == ".txt" || ext == ".labels") return LabelFormat::Audacity;
  return fail(path + ": cannot tell the label format from the extension '" + ext +
              "' (.csv, .json, .txt for Audacity, .TextGrid)");
}

Result<std::vector<AnnotationSet>> readAnnotations(const std::string& path) {
  auto format = labelFormatForPath(path);
  if (!format) return Error{format.error()};
  return readAnnotations(path, *format);
}

Result<std::vector<AnnotationSet>> readAnnotations(const std::string& path, LabelFormat format) {
  auto bytes = readFileBytes(path, kMaxLabelFileBytes);
  if (!bytes) return Error{bytes.error()};
  const std::string stem = std::filesystem::path(path).stem().string();
  auto prefixed = [&](const std::string& msg) { return fail(path + ": " + msg); };
  switch (format) {
    case LabelFormat::Csv: {
      auto r = parseCsvAnnotations(*bytes);
      if (!r) return prefixed(r.error());
      return r;
    }
    case LabelFormat::Json: {
      auto r = parseJsonAnnotations(*bytes);
      if (!r) return prefixed(r.error());
      return r;
    }
    case LabelFormat::Audacity: {
      auto r = parseAudacityLabels(*bytes, "human", stem);
      if (!r) return prefixed(r.error());
      return std::vector<AnnotationSet>{std::move(r).value()};
    }
    case LabelFormat::TextGrid: {
      auto r = parseTextGrid(*bytes, stem);
      if (!r) return prefixed(r.error());
      return std::vector<AnnotationSet>{std::move(r).value()};
    }
  }
  return prefixed("unknown format");
}

Status writeAnnotations(const std::string& path, LabelFormat format, const std::vector<AnnotationSet>& sets,
                        const std::string& tierName) {
  std::string text;
  switch (format) {
    case LabelFormat::Csv: text = toCsvAnnotations(sets); break;
    case LabelFormat::Json: text = toJsonAnnotations(sets); break;
    case LabelFormat::Audacity:
    case LabelFormat::TextGrid: {
      if (sets.size() != 1)
        return fail(path + ": " + labelFormatName(format) + " files hold one clip, " + std::to_string(sets.size()) +
                    " were given (export one file per clip, or use CSV/JSON)");
      if (format == LabelFormat::Audacity) {
        text = toAudacityLabels(sets[0], tierName);
      } else {
        auto grid = toTextGrid(sets[0]);
        if (!grid) return fail(path + ": " + grid.error());
        text = std::move(grid).value();
      }
      break;
    }
  }
  return writeFileAtomically(path, text);
}

}  // namespace emo
