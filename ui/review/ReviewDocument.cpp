#include "ui/review/ReviewDocument.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <algorithm>
#include <map>
#include <set>

#include "core/data/DatasetScanner.h"
#include "core/data/LabelVocabulary.h"

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
  modelSegments_.assign(clips_.size(), {});
  durations_.assign(clips_.size(), 0.0);
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
  return !store_.get(clip(row).key.toStdString()).clipLabel(kHumanTier).empty();
}

bool ReviewDocument::disagrees(int row) const {
  const QString human = humanLabel(row);
  const ReviewClip& c = clip(row);
  if (human.isEmpty() || !c.predicted || c.modelLabel.isEmpty() || !c.predictionError.isEmpty()) return false;
  return canonicalLabel(human.toStdString()) != canonicalLabel(c.modelLabel.toStdString());
}

AnnotationSet ReviewDocument::annotations(int row) const { return store_.get(clip(row).key.toStdString()); }

QString ReviewDocument::save(const AnnotationSet& set, int row) {
  auto ok = store_.put(set);
  emit clipChanged(row);
  return ok ? QString() : tr("Could not autosave the annotations: %1").arg(QString::fromStdString(ok.error()));
}

QString ReviewDocument::setHumanLabel(int row, const QString& label) {
  AnnotationSet set = annotations(row);
  set.setClipLabel(kHumanTier, label.toStdString());
  return save(set, row);
}

QString ReviewDocument::setSegmentLabel(int row, double start, double end, const QString& label) {
  AnnotationSet set = annotations(row);
  if (auto ok = set.assign(kHumanTier, Segment{start, end, label.toStdString()}); !ok)
    return QString::fromStdString(ok.error());
  return save(set, row);
}

QString ReviewDocument::clearSegment(int row, double start, double end) {
  AnnotationSet set = annotations(row);
  set.erase(kHumanTier, start, end);
  return save(set, row);
}

void ReviewDocument::setPrediction(int row, const QString& label, float confidence, std::vector<float> probabilities,
                                   const QString& error) {
  ReviewClip& c = clips_.at(static_cast<size_t>(row));
  c.predicted = error.isEmpty();
  c.modelLabel = label;
  c.confidence = confidence;
  c.probabilities = std::move(probabilities);
  c.predictionError = error;
  emit clipChanged(row);
}

void ReviewDocument::clearPredictions() {
  for (auto& c : clips_) {
    c.predicted = false;
    c.modelLabel.clear();
    c.confidence = 0;
    c.probabilities.clear();
    c.predictionError.clear();
  }
  for (auto& s : modelSegments_) s.clear();
  for (int i = 0; i < count(); ++i) emit clipChanged(i);  // rows stay put (no reset: keeps the selection)
}

void ReviewDocument::setModelTimeline(int row, std::vector<Segment> segments, double duration) {
  modelSegments_.at(static_cast<size_t>(row)) = std::move(segments);
  durations_.at(static_cast<size_t>(row)) = duration;
}

AnnotationSet ReviewDocument::exportSet(int row) const {
  AnnotationSet set = annotations(row);
  set.clip = clip(row).key.toStdString();
  if (!humanLabelIsExplicit(row) && !clip(row).fileLabel.isEmpty())
    set.setClipLabel(kHumanTier, clip(row).fileLabel.toStdString());
  const size_t r = static_cast<size_t>(row);
  set.duration = std::max(set.duration, durations_[r]);
  if (clip(row).predicted && !clip(row).modelLabel.isEmpty()) set.setClipLabel(kModelTier, clip(row).modelLabel.toStdString());
  if (!modelSegments_[r].empty()) set.tier(kModelTier).segments = modelSegments_[r];
  return set;
}

QString ReviewDocument::exportTo(const QString& path, LabelFormat format, int row) const {
  std::vector<AnnotationSet> sets;
  if (format == LabelFormat::Csv || format == LabelFormat::Json) {
    for (int i = 0; i < count(); ++i) sets.push_back(exportSet(i));
  } else {
    if (row < 0 || row >= count()) return tr("Select the clip to export (%1 files hold one clip).")
                                              .arg(QString::fromStdString(labelFormatName(format)));
    sets.push_back(exportSet(row));
  }
  auto ok = writeAnnotations(path.toStdString(), format, sets);
  return ok ? QString() : QString::fromStdString(ok.error());
}

QString ReviewDocument::importFrom(const QString& path, int row, int* matched) {
  if (matched) *matched = 0;
  auto format = labelFormatForPath(path.toStdString());
  if (!format) return QString::fromStdString(format.error());
  auto sets = readAnnotations(path.toStdString(), *format);
  if (!sets) return QString::fromStdString(sets.error());
  std::vector<std::pair<int, AnnotationSet>> updates;
  if (*format == LabelFormat::Audacity || *format == LabelFormat::TextGrid) {
    if (row < 0 || row >= count()) return tr("Select the clip these labels belong to, then import.");
    updates.emplace_back(row, sets->front());
  } else {
    for (const auto& s : *sets) {
      const QString name = QString::fromStdString(s.clip);
      int found = -1;
      for (int i = 0; i < count() && found < 0; ++i)
        if (clip(i).key == name) found = i;
      for (int i = 0; i < count() && found < 0; ++i)
        if (QFileInfo(clip(i).path).fileName() == QFileInfo(name).fileName()) found = i;
      if (found >= 0) updates.emplace_back(found, s);
    }
    if (updates.empty()) return tr("%1: none of its %2 clips is open here.").arg(path).arg(sets->size());
  }
  std::vector<AnnotationSet> merged;
  for (auto& [r, s] : updates) {
    AnnotationSet set = annotations(r);  // merged: imported tiers and clip labels replace theirs only
    set.duration = std::max(set.duration, s.duration);
    for (const auto& [tier, label] : s.clipLabels)
      if (tier != kModelTier) set.setClipLabel(tier, label);
    for (const auto& t : s.tiers)
      if (t.name != kModelTier) set.tier(t.name).segments = t.segments;
    merged.push_back(std::move(set));
  }
  auto ok = store_.putAll(merged);
  for (auto& u : updates) emit clipChanged(u.first);
  if (matched) *matched = static_cast<int>(updates.size());
  return ok ? QString() : tr("Could not autosave the annotations: %1").arg(QString::fromStdString(ok.error()));
}

}  // namespace emo::ui
