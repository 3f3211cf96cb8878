// emoscope-cli train / evaluate / cv end to end: a tiny model trained through the CLI on real
// RAVDESS clips (a manifest of 6 actors), evaluated, and the JSON reports checked.
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

#include "support/CliRun.h"
#include "support/TestPaths.h"

namespace {

using Run = emo::test::CliResult;

Run cli(const QStringList& args, const QString& cacheDir) { return emo::test::runCli(args, 300000, cacheDir); }

QJsonObject readJson(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return {};
  return QJsonDocument::fromJson(f.readAll()).object();
}

// Manifest of RAVDESS actors `actors`, labels limited to `emotions` (RAVDESS codes), if given.
bool writeManifest(const QString& path, const QStringList& actors, const QStringList& emotions = {}) {
  static const QMap<QString, QString> names{{"01", "neutral"}, {"02", "calm"},    {"03", "happy"},   {"04", "sad"},
                                            {"05", "angry"},   {"06", "fearful"}, {"07", "disgust"}, {"08", "surprised"}};
  QFile f(path);
  if (!f.open(QIODevice::WriteOnly | QIODevice::Text)) return false;
  f.write("path,label,speaker\n");
  int n = 0;
  for (const QString& a : actors) {
    QDir dir(emo::test::shared("data/ravdess/Actor_" + a));
    for (const QString& file : dir.entryList({"*.flac"}, QDir::Files, QDir::Name)) {
      const QString emotion = file.section('-', 2, 2);
      if (!emotions.isEmpty() && !emotions.contains(emotion)) continue;
      f.write(QString("%1,%2,ravdess:%3\n").arg(dir.filePath(file), names.value(emotion), a).toUtf8());
      ++n;
    }
  }
  return n > 0;
}

void checkReport(const QJsonObject& j) {
  for (const char* key : {"wa", "ua", "macro_f1", "labels", "per_class", "confusion"})
    QVERIFY2(j.contains(key), key);
  QVERIFY(j["wa"].toDouble() >= 0.0 && j["wa"].toDouble() <= 1.0);
  QVERIFY(j["ua"].toDouble() >= 0.0 && j["ua"].toDouble() <= 1.0);
  const int K = j["labels"].toArray().size();
  QCOMPARE(j["confusion"].toArray().size(), K);
  QCOMPARE(j["per_class"].toObject().size(), K);
}

}  // namespace

class TestCliTrain : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;
  QString cache_;

 private slots:
  void initTestCase() {
    if (!QFileInfo::exists(emo::test::shared("data/ravdess/Actor_01"))) QSKIP("shared RAVDESS data not available");
    QVERIFY(tmp_.isValid());
    cache_ = tmp_.filePath("cache");
    QVERIFY(writeManifest(tmp_.filePath("six.csv"), {"01", "02", "03", "04", "05", "06"}));
  }

  void trainEvaluate() {
    const QString bundle = tmp_.filePath("tiny");
    const Run t = cli({"train", "--data", tmp_.filePath("six.csv"), "--model-type", "crnn_attn", "--out", bundle,
                       "--epochs", "3", "--channels", "16", "--hidden", "16", "--layers", "2", "--test-speakers", "05",
                       "06", "--json", tmp_.filePath("train.json")},
                      cache_);
    QVERIFY2(t.code == 0, qPrintable(t.err + t.out));
    QVERIFY(QFileInfo::exists(bundle + "/model.json"));
    const QJsonObject model = readJson(bundle + "/model.json");
    for (const char* key : {"format_version", "model_type", "labels", "schema", "feature_params", "normalisation",
                            "architecture", "hyperparameters", "training_data", "metrics", "parameters"})
      QVERIFY2(model.contains(key), key);
    QCOMPARE(model["model_type"].toString(), QString("crnn_attn"));
    QCOMPARE(model["labels"].toArray().size(), 8);
    QVERIFY(model["parameters"].toInt() > 0);
    // Test speakers 05 and 06 are not in the training summary.
    const QJsonArray speakers = model["training_data"].toObject()["speakers"].toArray();
    QCOMPARE(speakers.size(), 4);
    QVERIFY(!speakers.contains(QString("ravdess:05")));
    checkReport(readJson(tmp_.filePath("train.json"))["test"].toObject());

    const Run e = cli({"evaluate", "--model", bundle, "--data", tmp_.filePath("six.csv"), "--json", tmp_.filePath("eval.json")}, cache_);
    QVERIFY2(e.code == 0, qPrintable(e.err));
    const QJsonObject ev = readJson(tmp_.filePath("eval.json"));
    checkReport(ev);
    QCOMPARE(ev["count"].toInt(), 360);
    QVERIFY(!ev.contains("restricted"));
    QVERIFY(e.out.contains("UA"));

    // Data with only some of the model's labels: scores restricted to them are reported too.
    QVERIFY(writeManifest(tmp_.filePath("two.csv"), {"05"}, {"04", "05"}));
    const Run r = cli({"evaluate", "--model", bundle, "--data", tmp_.filePath("two.csv"), "--json", tmp_.filePath("two.json")}, cache_);
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QJsonObject two = readJson(tmp_.filePath("two.json"));
    checkReport(two);
    QVERIFY(two.contains("restricted"));
    QCOMPARE(two["restricted"].toObject()["labels"].toArray().size(), 2);
  }

  void crossValidation() {
    const Run c = cli({"cv", "--data", tmp_.filePath("six.csv"), "--folds", "2", "--group", "speaker", "--model-type",
                       "stats_conv1d", "--epochs", "2", "--channels", "8", "--hidden", "16", "--json", tmp_.filePath("cv.json")},
                      cache_);
    QVERIFY2(c.code == 0, qPrintable(c.err + c.out));
    const QJsonObject j = readJson(tmp_.filePath("cv.json"));
    checkReport(j);
    QVERIFY(j.contains("ua_std"));
    QCOMPARE(j["folds"].toArray().size(), 2);
    QCOMPARE(j["speaker_dependent"].toBool(), false);
    // Each fold records the calibration it fitted on its validation speakers and its test ECE
    // without the temperature; at T = 1 that is the fold's own ECE.
    double eceAtT1 = 0;
    bool fitted = false;
    for (const auto& fold : j["folds"].toArray()) {
      const QJsonObject cal = fold.toObject()["calibration"].toObject();
      const double t = cal["temperature"].toDouble(), e = cal["ece_at_t1"].toDouble(-1);
      QVERIFY2(t > 0 && e >= 0 && e <= 1 && cal.contains("uncertain_below"), qPrintable(QJsonDocument(cal).toJson()));
      if (t == 1.0) QVERIFY(std::abs(e - fold.toObject()["ece"].toDouble()) < 1e-6);
      fitted = fitted || t != 1.0;
      eceAtT1 += e / 2;
    }
    QVERIFY(std::abs(j["ece_at_t1"].toDouble() - eceAtT1) < 1e-9);
    QCOMPARE(c.out.contains("fitted temperature per fold"), fitted);
    // The calibration cross-fitted on the folds' test clips: one fit per fold (on the other
    // fold), its ECE there, and the fit on every fold's clips (all 360 test clips).
    const QJsonObject crossfit = j["calibration_crossfit"].toObject();
    const QJsonArray crossfitFolds = crossfit["folds"].toArray();
    QCOMPARE(crossfitFolds.size(), 2);
    double crossfitEce = 0;
    for (const auto& fold : crossfitFolds) {
      QVERIFY(fold.toObject()["temperature"].toDouble() > 0);
      crossfitEce += fold.toObject()["ece"].toDouble() / 2;
    }
    QVERIFY(std::abs(crossfit["ece"].toDouble() - crossfitEce) < 1e-9);
    QCOMPARE(crossfit["out_of_fold"].toObject()["clips"].toInt(), 360);
    QVERIFY(crossfit["out_of_fold"].toObject()["temperature"].toDouble() > 0);
    QVERIFY(c.out.contains("cross-fitted calibration"));

    const Run r = cli({"cv", "--data", tmp_.filePath("six.csv"), "--folds", "2", "--split", "random", "--model-type",
                       "stats_conv1d", "--epochs", "1", "--channels", "8", "--hidden", "16", "--json", tmp_.filePath("cvr.json")},
                      cache_);
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY(r.err.contains("speaker-dependent"));
    QCOMPARE(readJson(tmp_.filePath("cvr.json"))["speaker_dependent"].toBool(), true);
  }

  void badInput() {
    const Run m = cli({"evaluate", "--model", tmp_.filePath("missing"), "--data", tmp_.filePath("six.csv")}, cache_);
    QVERIFY(m.code != 0);
    QVERIFY(m.err.contains("not a model bundle folder"));
    const Run t = cli({"train", "--data", tmp_.filePath("six.csv"), "--model-type", "nope", "--out", tmp_.filePath("x")}, cache_);
    QCOMPARE(t.code, 2);
    QVERIFY(t.err.contains("unknown model type"));
    const Run s = cli({"train", "--data", tmp_.filePath("six.csv"), "--speaker-stats", "neutral", "--out", tmp_.filePath("x")}, cache_);
    QCOMPARE(s.code, 2);
    QVERIFY2(s.err.contains("applies to --norm speaker only"), qPrintable(s.err));
    QVERIFY(!QFileInfo::exists(tmp_.filePath("x")));
  }
};

QTEST_GUILESS_MAIN(TestCliTrain)
#include "tst_cli_train.moc"
