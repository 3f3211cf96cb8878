#pragma once
// Label file formats for AnnotationSets. Parsers take the file's text and either return the sets
// or refuse with a message naming the line ("line 7: end 0.5 is not after start 1.2"); they never
// throw or crash on malformed input (they are fuzzed). Writers produce text; writeAnnotations()
// writes a file atomically. Pure functions; any thread.
//
//   CSV      header file,start,end,label,tier,origin; one row per segment; a row with empty start
//            and end is the clip-level label of that tier. Many clips per file. RFC 4180 quoting.
//   JSON     {"format":"emoscope-annotations","version":1,"clips":[{"file","duration",
//            "labels":{tier:label},"origins":{tier:origin},"tiers":[{"name","segments":[{"start",
//            "end","label","origin"}]}]}]}
//   Audacity one label track: "start<TAB>end<TAB>label" per line in seconds; lines starting with
//            '\' (Audacity's spectral selection) are ignored; LF or CRLF. One tier, one clip.
//   TextGrid Praat long ("ooTextFile") form written, long and short forms read (UTF-8, or UTF-16
//            with a BOM as Praat writes non-ASCII text). One IntervalTier per tier; gaps are
//            written as empty intervals and read back as gaps; points go to a TextTier. One clip;
//            clip labels are not kept.
//
// Point labels (start == end) are kept by all four. Label origins (LabelOrigin): CSV and JSON
// keep them in a column/field; TextGrid keeps them as a Praat comment after each label ("! origin=
// model", which Praat skips); Audacity has no place for them, so what it brings is "imported". A
// CSV without the origin column and a TextGrid label without the comment are "imported" too.
//
//   auto sets = emo::readAnnotations("clip.TextGrid");             // format from the extension
//   emo::writeAnnotations("out.txt", emo::LabelFormat::Audacity, sets.value());
#include <string>
#include <vector>

#include "core/annotate/AnnotationSet.h"
#include "core/common/Result.h"

namespace emo {

enum class LabelFormat { Csv, Json, Audacity, TextGrid };

/// "csv", "json", "audacity", "textgrid" (case-insensitive) -> format; a clear error otherwise.
Result<LabelFormat> parseLabelFormat(const std::string& name);
std::string labelFormatName(LabelFormat format);
/// The usual extension with its dot: ".csv", ".json", ".txt", ".TextGrid".
std::string labelFormatExtension(LabelFormat format);
/// Guess from a file name: .csv, .json, .TextGrid, .txt/.labels (Audacity); error otherwise.
Result<LabelFormat> labelFormatForPath(const std::string& path);

/// One CSV field as the CSV writer writes it (RFC 4180: quoted when it holds , " CR LF or edge
/// spaces, quotes doubled).
std::string csvQuote(const std::string& field);

// --- text <-> sets -----------------------------------------------------------------------------
Result<std::vector<AnnotationSet>> parseCsvAnnotations(const std::string& text);
std::string toCsvAnnotations(const std::vector<AnnotationSet>& sets);

Result<std::vector<AnnotationSet>> parseJsonAnnotations(const std::string& text);
std::string toJsonAnnotations(const std::vector<AnnotationSet>& sets);

/// One label track read into tier `tierName` of a set for clip `clip`.
Result<AnnotationSet> parseAudacityLabels(const std::string& text, const std::string& tierName = "human",
                                          const std::string& clip = "");
/// Writes one tier of one set (Audacity has one track per file). An absent tier gives an empty file.
std::string toAudacityLabels(const AnnotationSet& set, const std::string& tierName = "human");

Result<AnnotationSet> parseTextGrid(const std::string& text, const std::string& clip = "");
/// Fails if a tier's segments overlap (Praat interval tiers cannot).
Result<std::string> toTextGrid(const AnnotationSet& set);

// --- files -------------------------------------------------------------------------------------
/// Reads a label file; the format comes from the extension unless given. Audacity and TextGrid
/// files give one set whose clip is the label file's stem. Messages start with the path.
Result<std::vector<AnnotationSet>> readAnnotations(const std::string& path);
Result<std::vector<AnnotationSet>> readAnnotations(const std::string& path, LabelFormat format);
/// Writes atomically. Audacity and TextGrid hold one clip: exactly one set is required, and
/// Audacity writes `tierName` only.
Status writeAnnotations(const std::string& path, LabelFormat format, const std::vector<AnnotationSet>& sets,
                        const std::string& tierName = "human");

}  // namespace emo
