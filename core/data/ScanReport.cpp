// ScanReport: counts, readable summary and JSON.
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/data/DatasetScanner.h"

namespace emo {

std::map<std::string, int> ScanReport::perLabel() const {
  std::map<std::string, int> m;
  for (const Clip& c : clips) ++m[c.label];
  return m;
}

std::map<std::string, int> ScanReport::perSpeaker() const {
  std::map<std::string, int> m;
  for (const Clip& c : clips) ++m[c.speaker];
  return m;
}

std::string ScanReport::summary() const {
  std::ostringstream out;
  out << "dataset: " << root << "\n";
  out << "adapter: " << adapter << "\n";
  const auto labels = perLabel();
  const auto speakers = perSpeaker();
  out << "clips: " << clips.size() << " (" << labels.size() << " labels, " << speakers.size() << " speakers)\n";
  out << "per label:\n";
  for (const auto& [label, n] : labels) out << "  " << label << ": " << n << "\n";
  out << "per speaker:\n";
  for (const auto& [speaker, n] : speakers) out << "  " << speaker << ": " << n << "\n";
  out << "skipped: " << skipped.size() << "\n";
  for (const auto& s : skipped) out << "  " << s.path << ": " << s.reason << "\n";
  out << "duplicates: " << duplicates.size() << " group(s)\n";
  for (const auto& g : duplicates) {
    out << "  identical audio:";
    for (const auto& p : g.paths) out << "\n    " << p;
    out << "\n";
  }
  return out.str();
}

std::string ScanReport::toJson() const {
  nlohmann::json j;
  j["root"] = root;
  j["adapter"] = adapter;
  j["clipCount"] = clips.size();
  j["perLabel"] = perLabel();
  j["perSpeaker"] = perSpeaker();
  j["clips"] = nlohmann::json::array();
  for (const Clip& c : clips)
    j["clips"].push_back({{"path", c.path}, {"label", c.label}, {"speaker", c.speaker},
                          {"corpus", c.corpus}, {"rawLabel", c.rawLabel}});
  j["skipped"] = nlohmann::json::array();
  for (const auto& s : skipped) j["skipped"].push_back({{"path", s.path}, {"reason", s.reason}});
  j["duplicates"] = nlohmann::json::array();
  for (const auto& g : duplicates) j["duplicates"].push_back(g.paths);
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace emo
