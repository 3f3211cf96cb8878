#pragma once
// Test helper: a real but tiny model bundle trained on a small RAVDESS subset through the same
// core calls the Train tab and the CLI use (a few seconds on 2 cores), for tests that need a model
// when no default bundle is installed. Also writes the subset as a CSV manifest.
#include <QDir>
#include <QString>
#include <QStringList>

#include "core/common/AtomicFile.h"
#include "core/train/ExperimentConfig.h"
#include "support/TestPaths.h"

namespace emo::test {

/// Writes <dir>/subset.csv (neutral, happy, sad, angry of the given RAVDESS actors) and
/// <dir>/four.json (a 4-class schema). Returns the number of clips (0 if the data is missing).
inline int writeRavdessSubset(const QString& dir, const QStringList& actors) {
  const QStringList emotions{"01", "03", "04", "05"};
  const QStringList names{"neutral", "happy", "sad", "angry"};
  QString csv = "path,label,speaker\n";
  int rows = 0;
  for (const QString& actor : actors) {
    const QDir folder(shared("data/ravdess/Actor_" + actor));
    for (const QString& f : folder.entryList({"*.flac"}, QDir::Files, QDir::Name)) {
      const int e = static_cast<int>(emotions.indexOf(f.section('-', 2, 2)));
      if (e < 0) continue;
      csv += folder.absoluteFilePath(f) + "," + names[e] + ",ravdess:" + actor + "\n";
      ++rows;
    }
  }
  if (!writeFileAtomically((dir + "/subset.csv").toStdString(), csv.toStdString())) return 0;
  if (!writeFileAtomically((dir + "/four.json").toStdString(),
                           "{\"name\": \"four\", \"classes\": [\"neutral\", \"happy\", \"sad\", \"angry\"]}\n"))
    return 0;
  return rows;
}

/// Trains a 4-class crnn_attn for `epochs` on actors 01-04 and saves it to <dir>/model.
/// Returns "" or the error.
inline QString trainTinyModel(const QString& dir, int epochs = 2) {
  if (writeRavdessSubset(dir, {"01", "02", "03", "04"}) == 0) return "no RAVDESS data under " + sharedDir();
  ExperimentConfig c;
  c.data = {(dir + "/subset.csv").toStdString()};
  c.schema = (dir + "/four.json").toStdString();
  c.modelType = "crnn_attn";
  c.epochs = epochs;
  c.patience = 0;
  c.batchSize = 16;
  c.channels = 32;
  c.hidden = 32;
  c.cacheDir = (dir + "/cache").toStdString();
  auto data = c.dataOptions();
  if (!data) return QString::fromStdString(data.error());
  auto exp = c.experimentOptions();
  if (!exp) return QString::fromStdString(exp.error());
  auto ds = loadFeatureDataset(*data);
  if (!ds) return QString::fromStdString(ds.error());
  std::vector<int> all(ds->clips.size());
  for (size_t i = 0; i < all.size(); ++i) all[i] = static_cast<int>(i);
  auto trained = trainOnClips(*ds, *data, all, *exp);
  if (!trained) return QString::fromStdString(trained.error());
  auto ok = trained->bundle->save((dir + "/model").toStdString());
  return ok ? QString() : QString::fromStdString(ok.error());
}

}  // namespace emo::test
