#include "ui/review/ReviewDocument.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <algorithm>
#include <map>
#include <set>

#include "core/data/DatasetScanner.h"
#include "core/data/LabelVocabulary.h"
#include "ui/review/AnnotationEditCommand.h"
#include "ui/review/ModelLane.h"

namespace emo::ui {
namespace {

QString commonFolder(const QStringList& folders) {
  if (folders.isEmpty()) return {};
  QStringList common = QDir::cleanPath(folders.front()).split('/');
  for (const QString& f : folders) {
    const QStringList parts = QDir::cleanPath(f).split('/');
    int n = 0;
    while (n < common.size() && n < parts.size() && common[n] == parts[n]) ++n;
    common = common.mid(0, n);
  }
  const QString joined = common.join('/');
  return joined.isEmpty() ? QStringLiteral("/") : joined;
}

// Labels the adapters find for the audio files under `folder` (absolute path -> clip). "auto"
// picks the adapter that parses most files; a folder mixing corpora (RAVDESS and TESS samples)
// is then scanned again with each name adapter for the files still unlabelled.
void scanLabels(const QString& folder, std::map<QString, Clip>& out, QStringList& notes) {
  ScanOptions o;
  o.detectDuplicates = false;
  auto report = scanDataset(folder.toStdString(), o);
  if (!report) {
    notes << QString::fromStdString(report.error());
    return;
  }
  for (const auto& c : report->clips) out.emplace(QFileInfo(QString::fromStdString(c.path)).absoluteFilePath(), c);
  if (report->skipped.empty()) return;
  for (const char* adapter : {"ravdess", "tess", "nemo", "crema-d", "savee", "emodb"}) {
    if (report->adapter == adapter) continue;
    o.adapter = adapter;
    auto more = scanDataset(folder.toStdString(), o);
    if (!more) continue;
    for (const auto& c : more->clips) out.emplace(QFileInfo(QString::fromStdString(c.path)).absoluteFilePath(), c);
  }
}

}  // namespace

ReviewDocument::ReviewDocument(QObject* parent) : QObject(parent) {}

QString ReviewDocument::open(const QStringList& paths) {
  if (paths.isEmpty()) return tr("Nothing to open.");
  std::map<QString, Clip> labelled;
  std::set<QString> files;
  std::set<QString> scannedFolders;
  QStringList folders, notes;
  for (const QString& p : paths) {
    const QFileInfo fi(p);
    if (!fi.exists()) return tr("%1: no such file or folder").arg(p);
    if (fi.isDir()) {
      const QString dir = fi.absoluteFilePath();
      scanLabels(dir, labelled, notes);
      scannedFolders.insert(dir);
      QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
      while (it.hasNext()) {
        const QFileInfo f(it.next());
        if (isAudioExtension(f.suffix().toStdString())) files.insert(f.absoluteFilePath());
      }
      folders << dir;
    } else if (fi.suffix().compare("csv", Qt::CaseInsensitive) == 0) {
      ScanOptions o;
      o.detectDuplicates = false;
      o.adapter = "manifest";
      auto report = scanDataset(fi.absoluteFilePath().toStdString(), o);
      if (!report) return QString::fromStdString(report.error());
      for (const auto& c : report->clips) {
        const QString abs = QFileInfo(QString::fromStdString(c.path)).absoluteFilePath();
        labelled[abs] = c;
        files.insert(abs);
      }
      for (const auto& s : report->skipped)
        notes << QString::fromStdString(s.path + ": " + s.reason);
      folders << fi.absolutePath();  // clips are named relative to the manifest, as in it
    } else if (isAudioExtension(fi.suffix().toStdString())) {
      const QString dir = fi.absolutePath();
      if (!scannedFolders.count(dir)) {
        scanLabels(dir, labelled, notes);
        scannedFolders.insert(dir);
      }
      files.insert(fi.absoluteFilePath());
      folders << dir;
    } else {
      return tr("%1: not an audio file, a folder or a CSV manifest").arg(p);
    }
  }
  if (files.empty()) return tr("No audio files found in %1.").arg(paths.join(", "));
  const QString root = commonFolder(folders);
  auto store = AnnotationStore::open(AnnotationStore::sidecarPathFor(root.toStdString()));
  if (!store) return QString::fromStdString(store.error());

  std::vector<ReviewClip> clips;
  const QDir rootDir(root);
  for (const QString& f : files) {
    ReviewClip c;
    c.path = f;
    c.key = rootDir.relativeFilePath(f);
    if (auto it = labelled.find(f); it != labelled.end()) {
      c.fileLabel = QString::fromStdString(it->second.label);
      c.speaker = QString::fromStdString(it->second.speaker);
    }
    clips.push_back(std::move(c));
  }
  clips_ = std::move(clips);
  durations_.assign(clips_.size(), 0.0);
  undo_.clear();  // the commands name rows of the clips that were open
  saveError_.clear();
  store_ = std::move(store).value();
  root_ = root;
  notes_ = notes;
  emit reset();
  return {};
}

QString ReviewDocument::humanLabel(int row) const {
  const std::string set = store_.get(clip(row).key.toStdString()).clipLabel(kHumanTier);
  return set.empty() ? clip(row).fileLabel : QString::fromStdString(set);
}

bool ReviewDocument::humanLabelIsExplicit(int row) const {
  const AnnotationSet set = store_.get(clip(row).key.toStdString());
  return !set.clipLabel(kHumanTier).empty() && set.clipOrigin(kHumanTier) != LabelOrigin::FileName;
}

bool ReviewDocument::disagrees(int row) const {
  const QString human = humanLabel(row);
  const ReviewClip& c = clip(row);
  if (human.isEmpty() || !c.predicted || c.modelLabel.isEmpty() || !c.predictionError.isEmpty()) return false;
  return canonicalLabel(human.toStdString()) != canonicalLabel(c.modelLabel.toStdString());
}

AnnotationSet ReviewDocument::annotations(int row) const { return store_.get(clip(row).key.toStdString()); }

bool ReviewDocument::isKnownLabel(const QString& label) const {
  const std::string canonical = canonicalLabel(label.toStdString());
  const auto& known = canonicalLabels();
  if (std::find(known.begin(), known.end(), canonical) != known.end()) return true;
  for (const auto& m : modelLabels_)
    if (canonicalLabel(m) == canonical) return true;
  return false;
}

QStringList ReviewDocument::unknownLabels(int row) const {
  QStringList out;
  const AnnotationSet set = annotations(row);
  for (const auto& [tier, label] : set.clipLabels)
    if (!isModelTier(tier) && !isKnownLabel(QString::fromStdString(label))) out << QString::fromStdString(label);
  for (const auto& t : set.tiers) {
    if (isModelTier(t.name)) continue;
    for (const auto& s : t.segments)
      if (!s.label.empty() && !isKnownLabel(QString::fromStdString(s.label))) out << QString::fromStdString(s.label);
  }
  return out;
}

void ReviewDocument::replaceAnnotations(int row, const AnnotationSet& set) {
  auto ok = store_.put(set);
  saveError_ = ok ? QString() : tr("Could not autosave the annotations: %1").arg(QString::fromStdString(ok.error()));
  emit clipChanged(row);
}

QString ReviewDocument::commit(int row, const AnnotationSet& after, const QString& text) {
  AnnotationSet before = annotations(row);
  if (before == after) return {};
  undo_.push(new AnnotationEditCommand(this, row, std::move(before), after, text));  // runs redo()
  return saveError_;
}

QString ReviewDocument::setHumanLabel(int row, const QString& label) {
  AnnotationSet set = annotations(row);
  set.setClipLabel(kHumanTier, label.toStdString());
  return commit(row, set, label.isEmpty() ? tr("Clear the clip label") : tr("Label the clip %1").arg(label));
}

QString ReviewDocument::setSegmentLabel(int row, double start, double end, const QString& label, const QString& tier) {
  if (isModelTier(tier)) return tr("The model tier is the model's: label a human tier.");
  AnnotationSet set = annotations(row);
  if (auto ok = set.assign(tier.toStdString(), Segment{start, end, label.toStdString(), LabelOrigin::Human}); !ok)
    return QString::fromStdString(ok.error());
  const QString what = end > start ? tr("Label %1–%2 s %3").arg(start, 0, 'f', 2).arg(end, 0, 'f', 2).arg(label)
                                   : tr("Point %1 at %2 s").arg(label).arg(start, 0, 'f', 2);
  return commit(row, set, what);
}

QString ReviewDocument::clearSegment(int row, double start, double end, const QString& tier) {
  AnnotationSet set = annotations(row);
  set.erase(tier.toStdString(), start, end);
  return commit(row, set, tr("Clear %1–%2 s").arg(start, 0, 'f', 2).arg(end, 0, 'f', 2));
}

QString ReviewDocument::relabelSegment(int row, const QString& tier, int index, const QString& label) {
  if (isModelTier(tier)) return tr("The model tier is the model's: label a human tier.");
  AnnotationSet set = annotations(row);
  const Tier* t = set.findTier(tier.toStdString());
  if (!t || index < 0 || index >= static_cast<int>(t->segments.size())) return tr("No such label to edit.");
  Segment& s = set.tier(tier.toStdString()).segments[static_cast<size_t>(index)];
  s.label = label.toStdString();
  s.origin = LabelOrigin::Human;
  return commit(row, set, tr("Rename a label to %1").arg(label));
}

QString ReviewDocument::moveSegmentEdge(int row, const QString& tier, int index, int which, double seconds) {
  if (isModelTier(tier)) return tr("The model tier is the model's: its boundaries do not move.");
  AnnotationSet set = annotations(row);
  if (auto ok = set.moveEdge(tier.toStdString(), static_cast<size_t>(std::max(0, index)), which, seconds); !ok)
    return QString::fromStdString(ok.error());
  return commit(row, set, tr("Move a boundary to %1 s").arg(seconds, 0, 'f', 3));
}

QString ReviewDocument::addTier(int row, const QString& name) {
  const QString n = name.trimmed();
  if (n.isEmpty()) return tr("A tier needs a name.");
  AnnotationSet set = annotations(row);
  if (isModelTier(n) || n == kHumanTier || set.findTier(n.toStdString())) return tr("There is already a tier called %1.").arg(n);
  set.tier(kHumanTier);  // "human" stays the first tier
  set.tier(n.toStdString());
  return commit(row, set, tr("Add tier %1").arg(n));
}

QStringList ReviewDocument::humanTiers(int row) const {
  QStringList out{kHumanTier};
  if (row < 0 || row >= count()) return out;
  for (const auto& t : annotations(row).tiers) {
    const QString n = QString::fromStdString(t.name);
    if (!isModelTier(n) && !out.contains(n)) out << n;
  }
  return out;
}

void ReviewDocument::setPrediction(int row, const QString& label, float confidence, std::vector<float> probabilities,
                                   const QString& error, std::vector<TimelineSegment> lane, const QString& rule,
                                   bool uncertain) {
  ReviewClip& c = clips_.at(static_cast<size_t>(row));
  c.predicted = error.isEmpty();
  c.modelLabel = label;
  c.uncertain = uncertain && c.predicted;
  c.confidence = confidence;
  c.probabilities = std::move(probabilities);
  c.predictionError = error;
  c.lane = std::move(lane);
  c.rule = rule;
  emit clipChanged(row);
}

void ReviewDocument::clearPredictions() {
  for (auto& c : clips_) {
    c.predicted = false;
    c.modelLabel.clear();
    c.uncertain = false;
    c.confidence = 0;
    c.probabilities.clear();
    c.predictionError.clear();
    c.lane.clear();
    c.rule.clear();
  }
  for (int i = 0; i < count(); ++i) emit clipChanged(i);  // rows stay put (no reset: keeps the selection)
}

void ReviewDocument::setDuration(int row, double seconds) { durations_.at(static_cast<size_t>(row)) = seconds; }

std::vector<Segment> ReviewDocument::modelSegments(int row) const {
  std::vector<Segment> out;
  for (const auto& s : clip(row).lane) {  // runs of one label become one segment
    if (!s.speech || s.top < 0 || s.top >= static_cast<int>(modelLabels_.size())) continue;
    const std::string& label = modelLabels_[static_cast<size_t>(s.top)];
    if (!out.empty() && out.back().label == label && s.start <= out.back().end + 1e-6)
      out.back().end = s.end;
    else
      out.push_back(Segment{s.start, s.end, label, LabelOrigin::Model});
  }
  return out;
}

std::vector<Segment> ReviewDocument::uncertainSegments(int row) const {
  std::vector<Segment> out;
  for (const auto& s : clip(row).lane) {
    if (!laneTileUncertain(s, uncertainRule_)) continue;
    if (!out.empty() && s.start <= out.back().end + 1e-6)
      out.back().end = s.end;
    else
      out.push_back(Segment{s.start, s.end, "uncertain", LabelOrigin::Model});
  }
  return out;
}

}  // namespace emo::ui
