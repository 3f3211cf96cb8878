// Fuzz target: label files (core/annotate). Every input goes to all four parsers: CSV
// (parseCsvAnnotations), JSON (parseJsonAnnotations), Audacity (parseAudacityLabels) and Praat
// TextGrid (parseTextGrid: UTF-8/UTF-16 decoding, tokenizer, long and short forms). Whatever
// parses is written back with all four writers.
// Invariants (besides no crash, leak or UB):
//  * JSON round trip: toJsonAnnotations -> parseJsonAnnotations gives equal sets (it is the
//    autosave format, so nothing may be lost).
//  * CSV and Audacity round trips (6-decimal seconds) re-parse to the same segment times
//    (within 1e-6 s) when every time is in 0..1e6 s and every segment is longer than 1e-5 s.
//  * TextGrid round trip: when toTextGrid succeeds, its text parses to the same labelled
//    segments.
#include <cmath>
#include <vector>

#include "FuzzSupport.h"
#include "core/annotate/AnnotationFormats.h"

namespace {

using emo::AnnotationSet;

bool plausible(const std::vector<AnnotationSet>& sets) {
  for (const auto& set : sets)
    for (const auto& tier : set.tiers)
      for (const auto& s : tier.segments)
        if (s.end > 1e6 || s.end - s.start < 1e-5) return false;
  return true;
}

// Same tiers (by order), same segment times within 1e-6 s; labels too when `labels`.
bool sameSegments(const AnnotationSet& a, const AnnotationSet& b, bool labels) {
  std::vector<const emo::Tier*> ta, tb;
  for (const auto& t : a.tiers) if (!t.segments.empty()) ta.push_back(&t);
  for (const auto& t : b.tiers) if (!t.segments.empty()) tb.push_back(&t);
  if (ta.size() != tb.size()) return false;
  for (size_t i = 0; i < ta.size(); ++i) {
    if (ta[i]->segments.size() != tb[i]->segments.size()) return false;
    for (size_t k = 0; k < ta[i]->segments.size(); ++k) {
      const auto& x = ta[i]->segments[k];
      const auto& y = tb[i]->segments[k];
      if (std::abs(x.start - y.start) > 1e-6 || std::abs(x.end - y.end) > 1e-6) return false;
      if (labels && x.label != y.label) return false;
    }
  }
  return true;
}

void writeAll(const std::vector<AnnotationSet>& sets) {
  (void)emo::toCsvAnnotations(sets);
  (void)emo::toJsonAnnotations(sets);
  for (const auto& set : sets) {
    (void)emo::toAudacityLabels(set);
    (void)emo::toTextGrid(set);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);

  if (auto csv = emo::parseCsvAnnotations(text)) {
    writeAll(*csv);
    if (plausible(*csv)) {
      auto again = emo::parseCsvAnnotations(emo::toCsvAnnotations(*csv));
      FUZZ_CHECK(again.ok(), "CSV written by toCsvAnnotations parses");
      FUZZ_CHECK(again->size() == csv->size(), "CSV round trip keeps the clips");
      for (size_t i = 0; i < csv->size(); ++i) {
        FUZZ_CHECK((*again)[i].clipLabels == (*csv)[i].clipLabels, "CSV round trip keeps clip labels");
        FUZZ_CHECK(sameSegments((*csv)[i], (*again)[i], true), "CSV round trip keeps segments");
      }
    }
  }

  if (auto json = emo::parseJsonAnnotations(text)) {
    writeAll(*json);
    auto again = emo::parseJsonAnnotations(emo::toJsonAnnotations(*json));
    FUZZ_CHECK(again.ok(), "JSON written by toJsonAnnotations parses");
    FUZZ_CHECK(*again == *json, "JSON round trip gives equal sets");
  }

  if (auto aud = emo::parseAudacityLabels(text, "human", "clip")) {
    writeAll({*aud});
    if (plausible({*aud})) {
      auto again = emo::parseAudacityLabels(emo::toAudacityLabels(*aud), "human", "clip");
      FUZZ_CHECK(again.ok(), "Audacity labels written by toAudacityLabels parse");
      FUZZ_CHECK(sameSegments(*aud, *again, false), "Audacity round trip keeps segment times");
    }
  }

  if (auto grid = emo::parseTextGrid(text, "clip")) {
    writeAll({*grid});
    if (auto written = emo::toTextGrid(*grid)) {
      auto again = emo::parseTextGrid(*written, "clip");
      FUZZ_CHECK(again.ok(), "TextGrid written by toTextGrid parses");
      FUZZ_CHECK(sameSegments(*grid, *again, true), "TextGrid round trip keeps segments");
    }
  }
  return 0;
}
