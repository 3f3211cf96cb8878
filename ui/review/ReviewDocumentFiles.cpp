// ReviewDocument: label files in and out (the four label formats) and layers for other tools.
#include <QDir>
#include <QFileInfo>
#include <algorithm>

#include "core/common/AtomicFile.h"
#include "ui/review/AnnotationEditCommand.h"
#include "ui/review/ReviewDocument.h"

namespace emo::ui {

AnnotationSet ReviewDocument::exportSet(int row) const {
  AnnotationSet set = annotations(row);
  set.clip = clip(row).key.toStdString();
  if (!humanLabelIsExplicit(row) && !clip(row).fileLabel.isEmpty())
    set.setClipLabel(kHumanTier, clip(row).fileLabel.toStdString(), LabelOrigin::FileName);
  const size_t r = static_cast<size_t>(row);
  set.duration = std::max(set.duration, durations_[r]);
  if (!clip(row).lane.empty()) set.duration = std::max(set.duration, clip(row).lane.back().end);
  if (clip(row).predicted && !clip(row).modelLabel.isEmpty())
    set.setClipLabel(kModelTier, clip(row).modelLabel.toStdString(), LabelOrigin::Model);
  std::vector<Segment> model = modelSegments(row);
  if (!model.empty()) set.tier(kModelTier).segments = std::move(model);
  // A model with an "uncertain" threshold says, next to its label, whether the label is only a
  // guess (the clip) and where its lane is (the tiles); a model without one exports as before.
  if (uncertainRule_.calibrated() && clip(row).predicted && clip(row).modelLabel != QStringLiteral("no speech") &&
      !clip(row).modelLabel.isEmpty()) {
    set.setClipLabel(kModelStatusTier, clip(row).uncertain ? "uncertain" : "confident", LabelOrigin::Model);
    std::vector<Segment> unsure = uncertainSegments(row);
    if (!unsure.empty()) set.tier(kModelStatusTier).segments = std::move(unsure);
  }
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

QString ReviewDocument::importFrom(const QString& path, int row, ImportReport* report) {
  ImportReport local;
  ImportReport& rep = report ? *report : local;
  rep = ImportReport{};
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
  auto tally = [&](const std::string& label) {
    if (label.empty() || isKnownLabel(QString::fromStdString(label))) return;
    ++rep.unknown;
    const QString l = QString::fromStdString(label);
    if (!rep.unknownExamples.contains(l) && rep.unknownExamples.size() < 5) rep.unknownExamples << l;
  };
  undo_.beginMacro(tr("Import %1").arg(QFileInfo(path).fileName()));
  for (auto& [r, s] : updates) {
    AnnotationSet set = annotations(r);  // merged: imported tiers and clip labels replace theirs only
    set.duration = std::max(set.duration, s.duration);
    for (const auto& [tier, label] : s.clipLabels) {
      if (isModelTier(tier)) continue;
      const LabelOrigin origin = s.clipOrigin(tier);
      tally(label);
      if (tier == kHumanTier && origin == LabelOrigin::FileName && QString::fromStdString(label) == clip(r).fileLabel)
        set.setClipLabel(tier, "");  // the file name says it already: it stays a file-name label
      else
        set.setClipLabel(tier, label, origin);
    }
    for (const auto& t : s.tiers) {
      if (isModelTier(t.name)) continue;
      for (const auto& seg : t.segments) tally(seg.label);
      set.tier(t.name).segments = t.segments;
    }
    commit(r, set, tr("Import labels"));
  }
  undo_.endMacro();
  rep.matched = static_cast<int>(updates.size());
  return saveError_;
}

namespace {

QString safeStem(const QString& key) {
  QString stem = key;
  const int dot = stem.lastIndexOf('.');
  if (dot > stem.lastIndexOf('/')) stem.truncate(dot);
  stem.replace('/', '_');
  return stem;
}

}  // namespace

QString ReviewDocument::exportLayers(const QString& folder, int* files) const {
  int written = 0;
  if (files) *files = 0;
  if (!QDir().mkpath(folder)) return tr("Cannot create %1").arg(folder);
  auto write = [&](const QString& name, const std::string& text) -> QString {
    auto ok = writeFileAtomically((folder + '/' + name).toStdString(), text);
    if (!ok) return QString::fromStdString(ok.error());
    ++written;
    return {};
  };
  for (int row = 0; row < count(); ++row) {
    const AnnotationSet set = exportSet(row);
    const QString stem = safeStem(clip(row).key);
    for (const auto& tier : set.tiers)  // Audacity: one label track per tier, model included
      if (QString e = write(stem + '.' + QString::fromStdString(tier.name) + ".txt", toAudacityLabels(set, tier.name));
          !e.isEmpty())
        return e;
    // Sonic Visualiser: one time-value layer per emotion, a value per lane tile (at its centre;
    // no-speech tiles are 0).
    const auto& lane = clip(row).lane;
    if (lane.empty()) continue;
    for (size_t k = 0; k < modelLabels_.size(); ++k) {
      std::string csv;
      for (const auto& t : lane) {
        const double v = t.speech && k < t.probabilities.size() ? t.probabilities[k] : 0.0;
        csv += QString::number((t.start + t.end) / 2, 'f', 3).toStdString() + "," +
               QString::number(v, 'f', 4).toStdString() + "\n";
      }
      if (QString e = write(stem + '.' + QString::fromStdString(modelLabels_[k]) + ".csv", csv); !e.isEmpty()) return e;
    }
  }
  if (files) *files = written;
  return {};
}

}  // namespace emo::ui
