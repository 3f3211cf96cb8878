// Canonical labels, synonyms and the built-in / user label schemas.
#include "core/data/LabelVocabulary.h"

#include <algorithm>
#include <cctype>
#include <set>

#include <nlohmann/json.hpp>

#include "core/common/AtomicFile.h"

namespace emo {
namespace {

// Lower-case, trim, and fold '_' / '-' / runs of blanks into one space.
std::string normalise(const std::string& label) {
  std::string out;
  bool space = false;
  for (char c : label) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (std::isspace(u) || c == '_' || c == '-') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += static_cast<char>(std::tolower(u));
  }
  return out;
}

const std::map<std::string, std::string>& synonyms() {
  static const std::map<std::string, std::string> table = {
      {"neutral", "neutral"},     {"neutrality", "neutral"},   {"neu", "neutral"},
      {"calm", "calm"},           {"calmness", "calm"},
      {"happy", "happy"},         {"happiness", "happy"},      {"joy", "happy"},
      {"joyful", "happy"},        {"hap", "happy"},
      {"sad", "sad"},             {"sadness", "sad"},
      {"angry", "angry"},         {"anger", "angry"},          {"ang", "angry"},
      {"mad", "angry"},
      {"fearful", "fearful"},     {"fear", "fearful"},         {"afraid", "fearful"},
      {"scared", "fearful"},      {"fea", "fearful"},
      {"disgust", "disgust"},     {"disgusted", "disgust"},    {"dis", "disgust"},
      {"surprised", "surprised"}, {"surprise", "surprised"},   {"ps", "surprised"},
      {"pleasant surprise", "surprised"}, {"pleasant surprised", "surprised"},
      {"sur", "surprised"},
      {"bored", "boredom"},       {"boredom", "boredom"},
  };
  return table;
}

Status validateSchema(const LabelSchema& s, const std::string& where) {
  if (s.classes.empty()) return fail(where + ": schema has no classes");
  std::set<std::string> seen;
  for (const auto& c : s.classes) {
    if (c.empty()) return fail(where + ": empty class name");
    if (!seen.insert(c).second) return fail(where + ": class '" + c + "' listed twice");
  }
  for (const auto& [from, to] : s.mapping)
    if (!seen.count(to))
      return fail(where + ": mapping '" + from + "' -> '" + to + "' targets a class not in \"classes\"");
  return success();
}

}  // namespace

const std::vector<std::string>& canonicalLabels() {
  static const std::vector<std::string> labels = {"neutral", "calm",    "happy",   "sad",
                                                  "angry",   "fearful", "disgust", "surprised"};
  return labels;
}

std::string canonicalLabel(const std::string& label) {
  const std::string key = normalise(label);
  const auto& table = synonyms();
  if (auto it = table.find(key); it != table.end()) return it->second;
  return key;
}

std::optional<std::string> LabelSchema::map(const std::string& canonical) const {
  const auto it = mapping.find(canonicalLabel(canonical));
  if (it == mapping.end()) return std::nullopt;
  return it->second;
}

int LabelSchema::indexOf(const std::string& cls) const {
  const auto it = std::find(classes.begin(), classes.end(), cls);
  return it == classes.end() ? -1 : static_cast<int>(it - classes.begin());
}

std::vector<std::string> LabelSchema::builtinNames() { return {"ravdess8", "ekman7", "basic6", "valence3"}; }

Result<LabelSchema> LabelSchema::builtin(const std::string& name) {
  LabelSchema s;
  s.name = name;
  auto identity = [&s](std::vector<std::string> classes) {
    s.classes = std::move(classes);
    for (const auto& c : s.classes) s.mapping[c] = c;
  };
  if (name == "ravdess8") {
    identity(canonicalLabels());
  } else if (name == "ekman7") {
    identity({"neutral", "happy", "sad", "angry", "fearful", "disgust", "surprised"});
  } else if (name == "basic6") {
    identity({"neutral", "happy", "sad", "angry", "fearful", "disgust"});
  } else if (name == "valence3") {
    s.classes = {"neutral", "positive", "negative"};
    s.mapping = {{"neutral", "neutral"}, {"calm", "neutral"},      {"happy", "positive"},
                 {"surprised", "positive"}, {"sad", "negative"},   {"angry", "negative"},
                 {"fearful", "negative"}, {"disgust", "negative"}};
  } else {
    std::string known;
    for (const auto& n : builtinNames()) known += (known.empty() ? "" : ", ") + n;
    return fail("unknown label schema '" + name + "' (built-ins: " + known + ", or a mapping JSON file)");
  }
  return s;
}

std::string LabelSchema::toJson() const {
  nlohmann::json j;
  j["name"] = name;
  j["classes"] = classes;
  j["mapping"] = nlohmann::json::object();
  for (const auto& [from, to] : mapping) j["mapping"][from] = to;
  return j.dump(2);
}

Result<LabelSchema> LabelSchema::fromJson(const std::string& json) {
  try {
    const auto j = nlohmann::json::parse(json);
    if (!j.is_object()) return fail("label schema: expected a JSON object");
    for (const auto& [key, _] : j.items())
      if (key != "name" && key != "classes" && key != "mapping")
        return fail("label schema: unknown key '" + key + "' (expected name, classes, mapping)");
    LabelSchema s;
    if (j.contains("name")) s.name = j.at("name").get<std::string>();
    if (!j.contains("classes") || !j.at("classes").is_array())
      return fail("label schema: \"classes\" must be an array of class names");
    for (const auto& c : j.at("classes")) s.classes.push_back(normalise(c.get<std::string>()));
    if (j.contains("mapping")) {
      if (!j.at("mapping").is_object()) return fail("label schema: \"mapping\" must be an object");
      for (const auto& [from, to] : j.at("mapping").items())
        s.mapping[canonicalLabel(from)] = normalise(to.get<std::string>());
    }
    // Without a mapping, each class stands for the label it names.
    if (!j.contains("mapping"))
      for (const auto& c : s.classes) s.mapping.emplace(canonicalLabel(c), c);
    if (Status ok = validateSchema(s, "label schema"); !ok) return Error{ok.error()};
    return s;
  } catch (const std::exception& e) {
    return fail(std::string("label schema: invalid JSON: ") + e.what());
  }
}

Result<LabelSchema> LabelSchema::load(const std::string& path) {
  auto bytes = readFileBytes(path, 4u << 20);
  if (!bytes) return Error{bytes.error()};
  auto s = fromJson(bytes.value());
  if (!s) return fail(path + ": " + s.error());
  if (s->name.empty()) s->name = path;
  return s;
}

Result<LabelSchema> LabelSchema::resolve(const std::string& nameOrPath) {
  const auto names = builtinNames();
  if (std::find(names.begin(), names.end(), nameOrPath) != names.end()) return builtin(nameOrPath);
  if (nameOrPath.size() < 5 || nameOrPath.substr(nameOrPath.size() - 5) != ".json") {
    std::string known;
    for (const auto& n : names) known += (known.empty() ? "" : ", ") + n;
    return fail("unknown label schema '" + nameOrPath + "' (built-ins: " + known + ", or a mapping .json file)");
  }
  return load(nameOrPath);
}

}  // namespace emo
