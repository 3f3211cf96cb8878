#include "ShardMerge.h"

#include <filesystem>
#include <map>
#include <regex>

#include <nlohmann/json.hpp>

#include "core/common/AtomicFile.h"

namespace fs = std::filesystem;

namespace emo::cli {

namespace {

std::string lastComponent(const std::string& path) {
  fs::path p(path);
  if (p.filename().empty()) p = p.parent_path();  // "labels-1-of-2/"
  return p.filename().string();
}

/// Entries of each shard (a key and its text), interleaved as --shard dealt them; Error when an
/// entry's key appears in two shards.
template <class Entry>
Result<std::vector<Entry>> interleave(const std::vector<std::string>& ordered, std::vector<std::vector<Entry>>& shards) {
  std::map<std::string, size_t> owner;
  for (size_t s = 0; s < shards.size(); ++s)
    for (const Entry& e : shards[s]) {
      auto [it, fresh] = owner.emplace(e.key, s);
      if (!fresh && it->second != s)
        return fail("'" + e.key + "' is in two shards (" + ordered[it->second] + " and " + ordered[s] +
                    "): outputs of different runs?");
    }
  std::vector<Entry> out;
  for (size_t j = 0;; ++j) {
    bool any = false;
    for (auto& shard : shards)
      if (j < shard.size()) {
        out.push_back(std::move(shard[j]));
        any = true;
      }
    if (!any) break;
  }
  return out;
}

struct JsonEntry {
  std::string key;
  nlohmann::json value;
};

/// One CSV record's first field (unquoted) and the record's full text; records may span lines
/// inside quotes.
struct CsvEntry {
  std::string key;
  std::string text;  ///< the rows of one file, each ending in '\n'
};

std::vector<std::string> csvRecords(const std::string& text) {
  std::vector<std::string> out;
  std::string cur;
  bool quoted = false;
  for (char c : text) {
    cur += c;
    if (c == '"') quoted = !quoted;
    if (c == '\n' && !quoted) {
      out.push_back(cur);
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(cur + "\n");
  return out;
}

std::string csvFirstField(const std::string& record) {
  std::string field;
  bool quoted = false;
  for (size_t i = 0; i < record.size(); ++i) {
    const char c = record[i];
    if (quoted) {
      if (c == '"' && i + 1 < record.size() && record[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',' || c == '\n' || c == '\r') {
      break;
    } else {
      field += c;
    }
  }
  return field;
}

}  // namespace

Result<ShardName> shardFromName(const std::string& path) {
  static const std::regex re("(\\d+)-of-(\\d+)");
  const std::string name = lastComponent(path);
  // The last match: "run-2-of-3-shard-1-of-4" is shard 1 of 4.
  ShardName found;
  bool any = false;
  for (auto it = std::sregex_iterator(name.begin(), name.end(), re); it != std::sregex_iterator(); ++it) {
    if ((*it)[1].length() > 6 || (*it)[2].length() > 6) continue;
    found = {std::stoi((*it)[1]), std::stoi((*it)[2])};
    any = true;
  }
  if (!any) return fail(path + ": the name does not say which shard it is (expected I-of-N in it, e.g. preds-2-of-8.json)");
  if (found.count < 1 || found.index < 1 || found.index > found.count)
    return fail(path + ": shard " + std::to_string(found.index) + "-of-" + std::to_string(found.count) + " is not a valid shard");
  return found;
}

Result<std::vector<std::string>> orderShards(const std::vector<std::string>& paths) {
  if (paths.empty()) return fail("no shard outputs given");
  std::map<int, std::string> byIndex;
  int count = 0;
  for (const std::string& p : paths) {
    auto s = shardFromName(p);
    if (!s) return Error{s.error()};
    if (count == 0) count = s->count;
    if (s->count != count)
      return fail(p + ": shard of " + std::to_string(s->count) + ", but " + byIndex.begin()->second + " is a shard of " +
                  std::to_string(count));
    auto [it, fresh] = byIndex.emplace(s->index, p);
    if (!fresh) return fail("shard " + std::to_string(s->index) + " of " + std::to_string(count) + " given twice (" + it->second + " and " + p + ")");
  }
  std::string missing;
  for (int i = 1; i <= count; ++i)
    if (!byIndex.count(i)) missing += (missing.empty() ? "" : ", ") + std::to_string(i);
  if (!missing.empty()) return fail("missing shard(s) " + missing + " of " + std::to_string(count) + ": refusing a partial result");
  std::vector<std::string> out;
  for (auto& [i, p] : byIndex) out.push_back(p);
  return out;
}

Result<std::string> mergeJsonShards(const std::vector<std::string>& ordered) {
  std::vector<std::vector<JsonEntry>> shards;
  for (const std::string& path : ordered) {
    auto text = readFileBytes(path);
    if (!text) return Error{text.error()};
    const nlohmann::json j = nlohmann::json::parse(text.value(), nullptr, false);
    if (j.is_discarded() || !j.is_array()) return fail(path + ": not a JSON array (the output of predict --json)");
    std::vector<JsonEntry> entries;
    for (const auto& e : j) {
      if (!e.is_object() || !e.contains("file") || !e["file"].is_string())
        return fail(path + ": an entry without a \"file\" name");
      entries.push_back({e["file"].get<std::string>(), e});
    }
    shards.push_back(std::move(entries));
  }
  auto merged = interleave(ordered, shards);
  if (!merged) return Error{merged.error()};
  nlohmann::json out = nlohmann::json::array();
  for (auto& e : merged.value()) out.push_back(std::move(e.value));
  return out.dump(2) + "\n";
}

Result<std::string> mergeCsvShards(const std::vector<std::string>& ordered) {
  std::vector<std::vector<CsvEntry>> shards;
  std::string header;
  for (const std::string& path : ordered) {
    auto text = readFileBytes(path);
    if (!text) return Error{text.error()};
    std::vector<std::string> records = csvRecords(text.value());
    std::vector<CsvEntry> entries;
    if (!records.empty()) {
      if (header.empty()) header = records[0];
      if (records[0] != header) return fail(path + ": its CSV header differs from " + ordered[0] + "'s");
      for (size_t r = 1; r < records.size(); ++r) {
        const std::string key = csvFirstField(records[r]);
        if (!entries.empty() && entries.back().key == key)
          entries.back().text += records[r];  // a timeline: one row per segment
        else
          entries.push_back({key, records[r]});
      }
    }
    shards.push_back(std::move(entries));
  }
  auto merged = interleave(ordered, shards);
  if (!merged) return Error{merged.error()};
  std::string out = header;
  for (const auto& e : merged.value()) out += e.text;
  return out;
}

Result<int> mergeLabelFolders(const std::vector<std::string>& ordered, const std::string& outFolder) {
  std::map<std::string, std::string> from;  // file name -> shard folder
  for (const std::string& dir : ordered) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return fail(dir + ": not a folder of label files (predict --labels FMT --out FOLDER)");
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
      if (!entry.is_regular_file()) continue;
      const std::string name = entry.path().filename().string();
      auto [it, fresh] = from.emplace(name, dir);
      if (!fresh) return fail(name + " is in two shards (" + it->second + " and " + dir + ")");
    }
    if (ec) return fail(dir + ": " + ec.message());
  }
  std::error_code ec;
  fs::create_directories(outFolder, ec);
  if (ec) return fail("cannot create " + outFolder + ": " + ec.message());
  for (const auto& [name, dir] : from) {
    auto bytes = readFileBytes((fs::path(dir) / name).string());
    if (!bytes) return Error{bytes.error()};
    if (auto ok = writeFileAtomically((fs::path(outFolder) / name).string(), bytes.value()); !ok) return Error{ok.error()};
  }
  return static_cast<int>(from.size());
}

}  // namespace emo::cli
