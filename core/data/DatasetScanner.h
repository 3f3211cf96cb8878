#pragma once
// Scanning datasets: adapters parse each corpus's own naming and produce Clips.
//   ravdess : 03-01-EE-II-SS-RR-AA.<ext>            speaker "ravdess:AA"
//   crema-d : 1001_DFA_ANG_XX.<ext>                  speaker "crema-d:1001"
//   tess    : OAF_word_emotion.<ext> (also OA_bite_neutral typo), speaker "tess:OAF"/"tess:YAF"
//   nemo    : EB0_anger_12.<ext> (<speaker>_<emotion>_<n>)  speaker "nemo:EB0"
//   savee   : DC_a01.<ext> or DC/a01.<ext>          speaker "savee:DC"
//   emodb   : 03a01Fa.<ext>                         speaker "emodb:03"
//   folder  : <root>/<label>/<file>                 speaker "folder:<parent of label or 'unknown'>"
//   manifest: CSV with header path,label,speaker (paths relative to the CSV's folder or absolute)
// Manifest speakers become "manifest:<speaker>" ("manifest:unknown" if blank) unless they already
// hold a ':' ("ravdess:01"). In "auto" the folder adapter only counts folders named after a known
// emotion (or synonym); chosen explicitly, any folder name is taken as a label.
// Any extension the audio reader supports (wav, flac, ogg, oga, aiff, aif, au, caf, w64, ...).
// Labels map through the corpus label table (CorpusLabels.h, docs/LABELS.md).
// "auto" picks the adapter that parses most files. Every skipped file is reported with its reason;
// identical audio under two names is detected (content hash) and reported.
// Thread: any; progress callbacks run on the calling thread.
//
//   emo::ScanOptions opt;                       // adapter "auto", duplicates detected
//   auto report = emo::scanDataset("/data/ravdess", opt);
//   if (!report) { std::cerr << report.error() << "\n"; return 1; }
//   std::cout << report->summary();             // counts, skipped files with reasons, duplicates
//   auto folds = emo::speakerGroupedKFold(report->clips, 5, 42);   // SpeakerSplits.h
#include <map>
#include <string>
#include <vector>

#include "core/common/Progress.h"
#include "core/common/Result.h"
#include "core/data/Clip.h"

namespace emo {

struct ScanOptions {
  std::string adapter = "auto";  ///< "auto", "ravdess", "crema-d", "tess", "nemo", "savee", "emodb", "folder", "manifest"
  bool detectDuplicates = true;  ///< hash file contents to find identical audio
  ProgressFn progress;           ///< optional
};

struct SkippedFile {
  std::string path;
  std::string reason;
};

struct DuplicateGroup {
  std::vector<std::string> paths;  ///< two or more files with identical content
};

struct ScanReport {
  std::string root;
  std::string adapter;                          ///< the adapter used
  std::vector<Clip> clips;                      ///< canonical labels (no schema applied yet)
  std::vector<SkippedFile> skipped;
  std::vector<DuplicateGroup> duplicates;
  std::map<std::string, int> perLabel() const;
  std::map<std::string, int> perSpeaker() const;
  /// Readable multi-line summary: counts per label and speaker, skipped files, duplicates.
  std::string summary() const;
  std::string toJson() const;
};

/// Scans a folder or a CSV manifest.
Result<ScanReport> scanDataset(const std::string& folderOrCsv, const ScanOptions& options = {});
/// Adapter names for --adapter.
std::vector<std::string> adapterNames();
/// True for extensions the reader accepts (case-insensitive, with or without the dot).
bool isAudioExtension(const std::string& ext);

}  // namespace emo
