// emoscope-cli evaluate with the shipped model (issue 18): it needs no --model (as predict), and
// data from speakers the model was trained on (model.json's training_data: RAVDESS actors 01-20,
// TESS) draws a warning naming them, "speaker_dependent" and "speakers_in_training" in the JSON,
// and the scores of the unseen speakers (nEMO actors here) on their own. A speaker-normalised
// model is also scored with each source of test-time speaker statistics (issue 14).
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include "core/infer/ModelLocator.h"
#include "support/CliRun.h"
#include "support/TestBundles.h"
#include "support/TestPaths.h"

using emo::test::runCli;
using emo::test::shared;

namespace {

QJsonObject readJson(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return {};
  return QJsonDocument::fromJson(f.readAll()).object();
}

/// Four RAVDESS clips of actor 01 (in the shipped model's training data), or none.
QStringList ravdessRows(bool include) {
  if (!include) return {};
  const QDir dir(shared("data/ravdess/Actor_01"));
  QStringList rows;
  for (const char* name : {"03-01-01-01-01-01-01.flac", "03-01-05-02-01-01-01.flac", "03-01-04-02-01-01-01.flac",
                           "03-01-03-02-01-01-01.flac"}) {
    const QString emotion = QString(name).section('-', 2, 2);
    const QString label = emotion == "01" ? "neutral" : emotion == "05" ? "angry" : emotion == "04" ? "sad" : "happy";
    rows << QString("%1,%2,ravdess:01").arg(dir.filePath(name), label);
  }
  return rows;
}

/// Four nEMO clips of speaker MP0: one of the shipped model's validation speakers, which only
/// fitted its calibration (--keep last), so evaluate counts them as unseen.
QStringList nemoRows() {
  const QDir dir(shared("data/nemo/samples"));
  QStringList rows;
  for (const auto& [name, label] : {std::pair{"MP0_anger_10.ogg", "angry"}, {"MP0_anger_14.ogg", "angry"},
                                    {"MP0_neutral_13.ogg", "neutral"}, {"MP0_sadness_1.ogg", "sad"}})
    if (QFile::exists(dir.filePath(name))) rows << QString("%1,%2,nemo:MP0").arg(dir.filePath(name), label);
  return rows;
}

bool writeManifest(const QString& path, const QStringList& rows) {
  QFile f(path);
  if (!f.open(QIODevice::WriteOnly | QIODevice::Text)) return false;
  f.write("path,label,speaker\n");
  for (const QString& r : rows) f.write((r + "\n").toUtf8());
  return true;
}

}  // namespace

class TestCliEvaluate : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;

  emo::test::CliResult evaluate(const QString& manifest, const QString& json, const QStringList& model = {}) {
    return runCli(QStringList{"evaluate", "--data", manifest, "--json", json, "--cache-dir", tmp_.filePath("cache")} + model,
                  300000);
  }

 private slots:
  void initTestCase() { QCOMPARE(nemoRows().size(), 4); }

  void seenSpeakersWarn() {
    const QString manifest = tmp_.filePath("mixed.csv");
    QVERIFY(writeManifest(manifest, ravdessRows(true) + nemoRows()));
    const auto r = evaluate(manifest, tmp_.filePath("mixed.json"));
    QVERIFY2(r.code == 0, qPrintable(r.err));  // no --model: the shipped one, as predict
    QVERIFY2(r.err.contains("warning") && r.err.contains("ravdess:01"), qPrintable(r.err));
    QVERIFY(!r.err.contains("nemo:MP0"));
    QVERIFY2(r.out.contains("WARNING: speaker-dependent"), qPrintable(r.out));
    const QJsonObject j = readJson(tmp_.filePath("mixed.json"));
    QCOMPARE(j["model"].toString(), QString::fromStdString(emo::defaultModelFolder(EMO_SOURCE_DIR)));
    QCOMPARE(j["count"].toInt(), 8);
    QCOMPARE(j["speaker_dependent"].toBool(), true);
    QCOMPARE(j["speakers_in_training"].toArray(), QJsonArray{"ravdess:01"});
    const QJsonObject unseen = j["unseen_speakers"].toObject();
    QCOMPARE(unseen["count"].toInt(), 4);
    QCOMPARE(unseen["speaker_dependent"].toBool(), false);
    QVERIFY(r.out.contains("not trained on only (4 clips)"));
  }

  void unseenSpeakersDoNot() {
    const QString manifest = tmp_.filePath("nemo.csv");
    QVERIFY(writeManifest(manifest, nemoRows()));
    const auto r = evaluate(manifest, tmp_.filePath("nemo.json"));
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(!r.err.contains("warning"), qPrintable(r.err));
    const QJsonObject j = readJson(tmp_.filePath("nemo.json"));
    QCOMPARE(j["count"].toInt(), 4);
    QCOMPARE(j["speaker_dependent"].toBool(), false);
    QVERIFY(j["speakers_in_training"].toArray().isEmpty());
    QVERIFY(!j.contains("unseen_speakers"));
    QVERIFY(!j.contains("warning"));
  }

  void speakerModelComparesStatisticsSources() {
    const QString bundle = tmp_.filePath("speaker-model");  // the shipped weights, normalised per speaker
    QVERIFY(emo::test::copyShippedModel(bundle, "speaker"));
    const QString manifest = tmp_.filePath("two-speakers.csv");
    QVERIFY(writeManifest(manifest, ravdessRows(true) + nemoRows()));
    const auto r = evaluate(manifest, tmp_.filePath("speaker.json"), {"--model", bundle});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains("test-time speaker statistics"), qPrintable(r.out));
    const QJsonObject j = readJson(tmp_.filePath("speaker.json"));
    const QJsonObject sources = j["test_time_stats"].toObject()["sources"].toObject();
    QCOMPARE(sources.keys(), (QStringList{"all_clips", "neutral", "none", "session"}));
    for (const QString& corpus : {"ravdess", "nemo"}) {
      for (const QString& source : sources.keys())
        QCOMPARE(sources[source].toObject()[corpus].toObject()["count"].toInt(), 4);
      // The evaluation itself normalises each speaker with all of its clips.
      QCOMPARE(sources["all_clips"].toObject()[corpus].toObject()["confusion"],
               j["per_corpus"].toObject()[corpus].toObject()["confusion"]);
      // Each speaker's predictions balanced by their own mean: the same clips, scored again.
      const QJsonObject balanced = j["speaker_prior_balanced"].toObject()[corpus].toObject();
      QCOMPARE(balanced["count"].toInt(), 4);
      QVERIFY(balanced["ua"].toDouble() >= 0 && balanced["ua"].toDouble() <= 1);
    }
    QVERIFY2(r.out.contains("divided by their mean prediction"), qPrintable(r.out));
    // No statistics: the bundle's utterance fallback, i.e. the same weights normalised per utterance.
    const QString utterance = tmp_.filePath("utterance-model");
    QVERIFY(emo::test::copyShippedModel(utterance, "utterance"));
    const auto shipped = evaluate(manifest, tmp_.filePath("utterance.json"), {"--model", utterance});
    QVERIFY2(shipped.code == 0, qPrintable(shipped.err));
    const QJsonObject u = readJson(tmp_.filePath("utterance.json"));
    QVERIFY(!u.contains("test_time_stats"));
    for (const QString& corpus : {"ravdess", "nemo"})
      QCOMPARE(sources["none"].toObject()[corpus].toObject()["confusion"],
               u["per_corpus"].toObject()[corpus].toObject()["confusion"]);
  }
};

QTEST_GUILESS_MAIN(TestCliEvaluate)
#include "tst_cli_evaluate.moc"
