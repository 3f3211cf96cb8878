// JSON label files (also the autosave sidecar's payload). Validation names the clip and field.
#include <nlohmann/json.hpp>

#include "core/annotate/AnnotationFormats.h"

namespace emo {
namespace {

using nlohmann::json;

Result<double> numberField(const json& obj, const char* key, const std::string& where) {
  auto it = obj.find(key);
  if (it == obj.end()) return fail(where + ": missing \"" + key + "\"");
  if (!it->is_number()) return fail(where + ": \"" + key + "\" is not a number");
  return it->get<double>();
}

Result<std::string> stringField(const json& obj, const char* key, const std::string& where, bool required) {
  auto it = obj.find(key);
  if (it == obj.end()) {
    if (required) return fail(where + ": missing \"" + key + "\"");
    return std::string();
  }
  if (!it->is_string()) return fail(where + ": \"" + key + "\" is not a string");
  return it->get<std::string>();
}

// An optional origin name; `fallback` when absent (files written before origins were kept).
Result<LabelOrigin> originField(const json& obj, const std::string& key, const std::string& where, LabelOrigin fallback) {
  auto it = obj.find(key);
  if (it == obj.end()) return fallback;
  if (!it->is_string()) return fail(where + ": \"" + key + "\" is not a string");
  auto o = parseLabelOrigin(it->get<std::string>());
  if (!o) return fail(where + ": unknown origin '" + it->get<std::string>() + "' (human, model, file name or imported)");
  return *o;
}

Result<AnnotationSet> clipFromJson(const json& c, const std::string& where) {
  if (!c.is_object()) return fail(where + " is not an object");
  AnnotationSet set;
  auto file = stringField(c, "file", where, true);
  if (!file) return Error{file.error()};
  set.clip = *file;
  if (c.contains("duration")) {
    auto d = numberField(c, "duration", where);
    if (!d) return Error{d.error()};
    if (*d < 0) return fail(where + ": negative duration");
    set.duration = *d;
  }
  if (auto it = c.find("labels"); it != c.end()) {
    if (!it->is_object()) return fail(where + ": \"labels\" is not an object of tier: label");
    for (auto l = it->begin(); l != it->end(); ++l) {
      if (!l.value().is_string()) return fail(where + ": label of tier '" + l.key() + "' is not a string");
      LabelOrigin origin = defaultOrigin(l.key());
      if (auto o = c.find("origins"); o != c.end()) {
        if (!o->is_object()) return fail(where + ": \"origins\" is not an object of tier: origin");
        auto parsed = originField(*o, l.key(), where + " origins", origin);
        if (!parsed) return Error{parsed.error()};
        origin = *parsed;
      }
      set.setClipLabel(l.key(), l.value().get<std::string>(), origin);
    }
  }
  if (auto it = c.find("tiers"); it != c.end()) {
    if (!it->is_array()) return fail(where + ": \"tiers\" is not an array");
    for (size_t t = 0; t < it->size(); ++t) {
      const json& tj = (*it)[t];
      const std::string tw = where + " tier " + std::to_string(t + 1);
      if (!tj.is_object()) return fail(tw + " is not an object");
      auto name = stringField(tj, "name", tw, true);
      if (!name) return Error{name.error()};
      set.tier(*name);
      auto segs = tj.find("segments");
      if (segs == tj.end()) continue;
      if (!segs->is_array()) return fail(tw + ": \"segments\" is not an array");
      for (size_t s = 0; s < segs->size(); ++s) {
        const json& sj = (*segs)[s];
        const std::string sw = tw + " segment " + std::to_string(s + 1);
        if (!sj.is_object()) return fail(sw + " is not an object");
        auto start = numberField(sj, "start", sw);
        if (!start) return Error{start.error()};
        auto end = numberField(sj, "end", sw);
        if (!end) return Error{end.error()};
        auto label = stringField(sj, "label", sw, false);
        if (!label) return Error{label.error()};
        auto origin = originField(sj, "origin", sw, defaultOrigin(*name));
        if (!origin) return Error{origin.error()};
        if (auto ok = set.addSegment(*name, Segment{*start, *end, *label, *origin}); !ok) return fail(sw + ": " + ok.error());
      }
    }
  }
  return set;
}

}  // namespace

Result<std::vector<AnnotationSet>> parseJsonAnnotations(const std::string& text) {
  json doc;
  try {
    doc = json::parse(text);
  } catch (const json::parse_error& e) {
    return fail(std::string("not valid JSON: ") + e.what());
  } catch (const std::exception& e) {
    return fail(std::string("not valid JSON: ") + e.what());
  }
  if (!doc.is_object()) return fail("top level is not an object with \"clips\"");
  if (auto f = doc.find("format"); f != doc.end() && (!f->is_string() || *f != "emoscope-annotations"))
    return fail("\"format\" is not \"emoscope-annotations\"");
  if (auto v = doc.find("version"); v != doc.end() && (!v->is_number_integer() || v->get<long long>() > 1))
    return fail("unsupported \"version\" (this build reads version 1)");
  auto clips = doc.find("clips");
  if (clips == doc.end() || !clips->is_array()) return fail("missing the array \"clips\"");
  std::vector<AnnotationSet> sets;
  for (size_t i = 0; i < clips->size(); ++i) {
    auto set = clipFromJson((*clips)[i], "clip " + std::to_string(i + 1));
    if (!set) return Error{set.error()};
    sets.push_back(std::move(set).value());
  }
  return sets;
}

std::string toJsonAnnotations(const std::vector<AnnotationSet>& sets) {
  json clips = json::array();
  for (const auto& set : sets) {
    json c;
    c["file"] = set.clip;
    if (set.duration > 0) c["duration"] = set.duration;
    c["labels"] = json::object();
    c["origins"] = json::object();
    for (const auto& [tier, label] : set.clipLabels) {
      c["labels"][tier] = label;
      c["origins"][tier] = labelOriginName(set.clipOrigin(tier));
    }
    c["tiers"] = json::array();
    for (const auto& tier : set.tiers) {
      json segs = json::array();
      for (const auto& s : tier.segments) segs.push_back({{"start", s.start}, {"end", s.end}, {"label", s.label}, {"origin", labelOriginName(s.origin)}});
      c["tiers"].push_back({{"name", tier.name}, {"segments", segs}});
    }
    clips.push_back(std::move(c));
  }
  json doc{{"format", "emoscope-annotations"}, {"version", 1}, {"clips", clips}};
  // Invalid UTF-8 in a label must not throw: replace it.
  return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace emo
