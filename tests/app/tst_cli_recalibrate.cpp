// emoscope-cli recalibrate on a copy of the shipped model and real clips of two of its
// validation speakers (RAVDESS 06: 4 clips, nEMO MP0: 16 clips, so counting clips and weighing
// corpora differ): --dry-run leaves model.json as it was; a fit writes calibration and
// metrics.calibration with the clips per corpus and the weighting; corpus weighting gives another
// temperature than clip weighting; the predicted label stays (weights untouched); a speaker the
// model was trained on and an unknown weighting are refused with exit 2. --from-cv takes the
// calibration the shipped recipe's speaker-grouped cv cross-fitted on its folds
// (docs/results/crosscorpus/spkown24f0cal_pooled.json) and refuses a cv of another recipe or of
// leave-one-corpus-out folds.
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

QByteArray readBytes(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QJsonObject modelJson(const QString& bundle) { return QJsonDocument::fromJson(readBytes(bundle + "/model.json")).object(); }

/// Manifest rows "path,speaker" of the named files of `folder` that exist.
QStringList rows(const QString& folder, const QStringList& names, const QString& speaker) {
  QStringList out;
  for (const QString& n : names) {
    const QString path = QDir(shared(folder)).filePath(n);
    if (QFile::exists(path)) out << QString("%1,%2").arg(path, speaker);
  }
  return out;
}

}  // namespace

class TestCliRecalibrate : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;
  QString manifest_, bundle_;

  emo::test::CliResult recalibrate(QStringList extra) {
    return runCli(QStringList{"recalibrate", "--model", bundle_, "--data", manifest_} + extra, 300000,
                  tmp_.filePath("cache"));
  }
  QString predictedLabel(const QString& clip) {
    const auto r = runCli({"predict", "--json", "--model", bundle_, clip});
    return r.code == 0 ? QJsonDocument::fromJson(r.out.toUtf8()).array().first().toObject()["label"].toString() : "?";
  }

 private slots:
  void initTestCase() {
    const QString shipped = QString::fromStdString(emo::defaultModelFolder(EMO_SOURCE_DIR));
    QVERIFY(!shipped.isEmpty());
    const QJsonObject td = modelJson(shipped)["training_data"].toObject();
    const auto validation = td["validation_speakers"].toVariant().toStringList();
    if (!validation.contains("ravdess:06") || !validation.contains("nemo:MP0"))
      QSKIP("the shipped model's validation speakers are not RAVDESS 06 and nEMO MP0");
    bundle_ = tmp_.filePath("bundle");
    QVERIFY(emo::test::copyShippedModel(bundle_));
    // Label by RAVDESS code: 01 neutral, 03 happy, 04 sad, 05 angry; nEMO by its word.
    QStringList body;
    for (const QString& r : rows("data/ravdess/Actor_06",
                                 {"03-01-01-01-01-01-06.flac", "03-01-03-02-01-01-06.flac", "03-01-04-02-01-01-06.flac",
                                  "03-01-05-02-01-01-06.flac"},
                                 "ravdess:06")) {
      const QString code = QFileInfo(r.section(',', 0, 0)).fileName().section('-', 2, 2);
      const QString label = code == "01" ? "neutral" : code == "03" ? "happy" : code == "04" ? "sad" : "angry";
      body << QString("%1,%2,%3").arg(r.section(',', 0, 0), label, r.section(',', 1, 1));
    }
    const QStringList nemoWords{"anger", "fear", "happiness", "neutral", "sadness", "surprised"};
    const QStringList nemoLabels{"angry", "fearful", "happy", "neutral", "sad", "surprised"};
    QStringList nemoNames;
    for (const QString& n : QDir(shared("data/nemo/samples")).entryList({"MP0_*.ogg"}, QDir::Files, QDir::Name))
      if (nemoNames.size() < 16) nemoNames << n;
    for (const QString& r : rows("data/nemo/samples", nemoNames, "nemo:MP0")) {
      const QString word = QFileInfo(r.section(',', 0, 0)).fileName().section('_', 1, 1);
      body << QString("%1,%2,%3").arg(r.section(',', 0, 0), nemoLabels.value(nemoWords.indexOf(word)), r.section(',', 1, 1));
    }
    QCOMPARE(body.size(), 20);
    manifest_ = tmp_.filePath("held-out.csv");
    QFile f(manifest_);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Text));
    f.write(("path,label,speaker\n" + body.join("\n") + "\n").toUtf8());
  }

  void dryRunWritesNothing() {
    const QByteArray before = readBytes(bundle_ + "/model.json");
    const auto r = recalibrate({"--dry-run"});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains("fitted on 20 clips of 2 speakers (corpus-weighted)"), qPrintable(r.out));
    QCOMPARE(readBytes(bundle_ + "/model.json"), before);
  }

  void fitWritesCalibration() {
    const QString clip = QString(readBytes(manifest_)).split("\n").at(1).section(",", 0, 0);
    const QString labelBefore = predictedLabel(clip);
    QVERIFY(labelBefore != "?");

    auto r = recalibrate({"--weighting", "clip", "--speakers", "ravdess:06", "nemo:MP0"});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QJsonObject byClip = modelJson(bundle_);
    const QJsonObject fitClip = byClip["metrics"].toObject()["calibration"].toObject();
    QCOMPARE(fitClip["weighting"].toString(), QString("clip"));
    QCOMPARE(fitClip["clips"].toInt(), 20);
    QCOMPARE(fitClip["clips_per_corpus"].toObject()["ravdess"].toInt(), 4);
    QCOMPARE(fitClip["clips_per_corpus"].toObject()["nemo"].toInt(), 16);
    const double tClip = byClip["calibration"].toObject()["temperature"].toDouble();
    QCOMPARE(fitClip["temperature"].toDouble(), tClip);

    r = recalibrate({});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QJsonObject byCorpus = modelJson(bundle_);
    const QJsonObject fitCorpus = byCorpus["metrics"].toObject()["calibration"].toObject();
    QCOMPARE(fitCorpus["weighting"].toString(), QString("corpus"));
    QVERIFY(fitCorpus["ece_per_corpus"].toObject().contains("ravdess"));
    const double tCorpus = byCorpus["calibration"].toObject()["temperature"].toDouble();
    QVERIFY2(std::abs(tCorpus - tClip) > 0.01, qPrintable(QString("T %1 and %2").arg(tCorpus).arg(tClip)));
    QVERIFY(tCorpus > 0 && fitCorpus["nll_after"].toDouble() <= fitCorpus["nll_before"].toDouble() + 1e-9);
    // The weights are untouched: the bundle still loads and predicts the same label.
    QCOMPARE(predictedLabel(clip), labelBefore);
  }

  void fromCrossValidation() {
    const QString cvPath = QString(EMO_SOURCE_DIR) + "/docs/results/crosscorpus/spkown24f0cal_pooled.json";
    const QJsonObject cv = QJsonDocument::fromJson(readBytes(cvPath)).object();
    const QJsonObject fit = cv["calibration_crossfit"].toObject()["out_of_fold"].toObject();
    QVERIFY2(fit["temperature"].toDouble() > 0, qPrintable(cvPath));
    auto r = runCli({"recalibrate", "--model", bundle_, "--from-cv", cvPath});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains("out-of-fold clips of 5 folds"), qPrintable(r.out));
    const QJsonObject model = modelJson(bundle_);
    QCOMPARE(model["calibration"].toObject()["temperature"].toDouble(), fit["temperature"].toDouble());
    QCOMPARE(model["calibration"].toObject()["uncertain_below"].toDouble(), fit["uncertain_below"].toDouble());
    const QJsonObject record = model["metrics"].toObject()["calibration"].toObject();
    QCOMPARE(record["cv_results"].toString(), QString("spkown24f0cal_pooled.json"));
    QCOMPARE(record["clips"].toInt(), fit["clips"].toInt());

    // Another recipe (a learning rate the model was not trained with) and leave-one-corpus-out
    // folds are refused, and model.json stays as it was.
    const QByteArray before = readBytes(bundle_ + "/model.json");
    QJsonObject other = cv;
    QJsonObject config = other["config"].toObject();
    config["lr"] = 0.01;
    other["config"] = config;
    const QString otherPath = tmp_.filePath("other-recipe.json");
    QFile f(otherPath);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QJsonDocument(other).toJson());
    f.close();
    r = runCli({"recalibrate", "--model", bundle_, "--from-cv", otherPath});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("not this model's recipe") && r.err.contains("lr 0.01"), qPrintable(r.err));
    other = cv;
    other["group"] = "corpus";
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(QJsonDocument(other).toJson());
    f.close();
    r = runCli({"recalibrate", "--model", bundle_, "--from-cv", otherPath});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("--group speaker"), qPrintable(r.err));
    QCOMPARE(readBytes(bundle_ + "/model.json"), before);
  }

  void refusals() {
    auto r = recalibrate({"--speakers", "ravdess:01"});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("ravdess:01") && r.err.contains("training data"), qPrintable(r.err));
    r = recalibrate({"--weighting", "speaker"});
    QCOMPARE(r.code, 2);
    QVERIFY(r.err.contains("corpus or clip"));
    r = runCli({"recalibrate", "--model", tmp_.filePath("missing"), "--data", manifest_});
    QCOMPARE(r.code, 1);
    QVERIFY(r.err.contains("missing"));
  }
};

QTEST_GUILESS_MAIN(TestCliRecalibrate)
#include "tst_cli_recalibrate.moc"
