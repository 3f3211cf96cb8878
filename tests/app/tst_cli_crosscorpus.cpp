// emoscope-cli cv --group corpus (leave-one-corpus-out) and the per-corpus scores of cv: a tiny
// model through the CLI on a manifest mixing real RAVDESS, TESS and nEMO clips; a single corpus
// and an unknown grouping are refused with a clear message.
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <functional>

#include "core/audio/AudioReader.h"
#include "support/CliRun.h"
#include "support/TestPaths.h"

namespace {

using Run = emo::test::CliResult;

Run cli(const QStringList& args, const QString& cacheDir) { return emo::test::runCli(args, 600000, cacheDir); }

// Appends manifest rows "path,label,corpus:speaker" for up to `perLabel` files per label of a
// folder; `speakerLabel` gives a file's speaker and label ("" to skip the file).
using Namer = std::function<std::pair<QString, QString>(const QString& file)>;
int addRows(QFile& f, const QString& folder, const QString& corpus, const Namer& speakerLabel, int perLabel) {
  int n = 0;
  QMap<QString, int> taken;
  const QDir dir(emo::test::shared(folder));
  for (const QString& file : dir.entryList(QDir::Files, QDir::Name)) {
    const auto [speaker, label] = speakerLabel(file);
    if (label.isEmpty() || taken[speaker + label]++ >= perLabel) continue;
    f.write(QString("%1,%2,%3:%4\n").arg(dir.filePath(file), label, corpus, speaker).toUtf8());
    ++n;
  }
  return n;
}

const QMap<QString, QString> kRavdess{{"01", "neutral"}, {"03", "happy"}, {"04", "sad"}, {"05", "angry"}};
const QMap<QString, QString> kTess{{"neutral", "neutral"}, {"happy", "happy"}, {"sad", "sad"}, {"angry", "angry"}};
const QMap<QString, QString> kNemo{{"neutral", "neutral"}, {"happiness", "happy"}, {"sadness", "sad"}, {"anger", "angry"}};

// RAVDESS 03-01-EE-II-SS-RR-AA, TESS SPK_word_emotion, nEMO SPK_emotion_n (4 emotions each).
std::pair<QString, QString> ravdessName(const QString& f) { return {f.section('-', 6, 6).section('.', 0, 0), kRavdess.value(f.section('-', 2, 2))}; }
std::pair<QString, QString> tessName(const QString& f) {
  const QString spk = f.section('_', 0, 0);  // OA_bite_neutral: the corpus's own typo for OAF
  return {spk.size() == 2 ? spk + "F" : spk, kTess.value(f.section('_', 2, 2).section('.', 0, 0))};
}
std::pair<QString, QString> nemoName(const QString& f) {
  const QString spk = f.section('_', 0, 0);
  return {spk, spk == "EB0" || spk == "KS0" ? kNemo.value(f.section('_', 1, 1)) : QString()};
}

QJsonObject readJson(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return {};
  return QJsonDocument::fromJson(f.readAll()).object();
}

}  // namespace

class TestCliCrossCorpus : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;
  QString cache_;

 private slots:
  void initTestCase() {
    if (!QFileInfo::exists(emo::test::shared("data/nemo/samples"))) QSKIP("shared nEMO data not available");
    cache_ = tmp_.filePath("cache");
    QFile mixed(tmp_.filePath("mixed.csv")), single(tmp_.filePath("single.csv"));
    QVERIFY(mixed.open(QIODevice::WriteOnly) && single.open(QIODevice::WriteOnly));
    mixed.write("path,label,speaker\n");
    single.write("path,label,speaker\n");
    for (const char* actor : {"01", "02"}) {
      // 6 takes of happy, sad and angry; neutral has only 4 (no strong intensity).
      QCOMPARE(addRows(mixed, QString("data/ravdess/Actor_") + actor, "ravdess", ravdessName, 6), 22);
      QCOMPARE(addRows(single, QString("data/ravdess/Actor_") + actor, "ravdess", ravdessName, 3), 12);
    }
    for (const char* spk : {"OAF", "YAF"})
      for (const QString& emotion : kTess.keys())
        QCOMPARE(addRows(mixed, QString("data/tess/%1_%2").arg(spk, emotion), "tess", tessName, 6), 6);
    QCOMPARE(addRows(mixed, "data/nemo/samples", "nemo", nemoName, 6), 48);
  }

  void singleCorpusIsRefused() {
    const Run r = cli({"cv", "--group", "corpus", "--data", tmp_.filePath("single.csv"), "--model-type", "stats_conv1d",
                       "--epochs", "1"}, cache_);
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("leave-one-corpus-out needs clips of two corpora or more") && r.err.contains("'ravdess'"),
             qPrintable(r.err));
  }

  void unknownGroupIsRefused() {
    const Run r = cli({"cv", "--group", "language", "--data", tmp_.filePath("single.csv")}, cache_);
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("--group must be 'speaker' or 'corpus'"), qPrintable(r.err));
  }

  // Three folds, each corpus held out once and scored over its own labels; lengths bucketed.
  void leaveOneCorpusOut() {
    const QString json = tmp_.filePath("loco.json");
    const Run r = cli({"cv", "--group", "corpus", "--data", tmp_.filePath("mixed.csv"), "--model-type", "stats_conv1d",
                       "--epochs", "1", "--channels", "8", "--hidden", "16", "--threads", "1", "--json", json}, cache_);
    QVERIFY2(r.code == 0, qPrintable(r.err + r.out));
    const QJsonObject j = readJson(json);
    QCOMPARE(j["group"].toString(), QString("corpus"));
    QCOMPARE(j["protocol"].toString(), QString("leave-one-corpus-out"));
    const QJsonArray held = j["held_out_corpora"].toArray();
    QCOMPARE(held.size(), 3);
    QCOMPARE(held[0].toString() + held[1].toString() + held[2].toString(), QString("ravdesstessnemo"));
    const QJsonObject per = j["per_corpus"].toObject();
    QCOMPARE(per.size(), 3);
    double meanUa = 0;
    for (const QString& c : {"ravdess", "tess", "nemo"}) {
      const QJsonObject m = per[c].toObject();
      const int clips = c == "ravdess" ? 44 : 48;
      QCOMPARE(m["count"].toInt(), clips);
      QCOMPARE(j["speaker_prior_balanced"].toObject()[c].toObject()["count"].toInt(), clips);
      QVERIFY(m["ua"].toDouble() >= 0 && m["ua"].toDouble() <= 1);
      QCOMPARE(m["fold_ua"].toArray().size(), 1);
      int counted = 0;
      for (const QString& b : {"<1s", "1-2s", ">2s"}) counted += m["by_length"].toObject()[b].toObject()["count"].toInt();
      QCOMPARE(counted, clips);
      meanUa += m["ua"].toDouble() / 3;
      QVERIFY2(r.out.contains(QString("  %1 ").arg(c)), qPrintable(r.out));
    }
    // ravdess8 schema: RAVDESS can produce all 8 classes, TESS 7 (no calm), nEMO 6 (no calm, no disgust).
    QCOMPARE(per["ravdess"].toObject()["labels"].toArray().size(), 8);
    QCOMPARE(per["tess"].toObject()["labels"].toArray().size(), 7);
    QCOMPARE(per["nemo"].toObject()["labels"].toArray().size(), 6);
    QVERIFY(std::abs(j["ua"].toDouble() - meanUa) < 1e-9);  // headline = mean of the restricted scores
    QVERIFY(j["unrestricted"].toObject().contains("ua"));
    // The length buckets hold the clips their audio length puts there (16 kHz files: the frame
    // count gives the length to the sample at the bucket edges).
    QMap<QString, QMap<QString, int>> expected;
    QFile csv(tmp_.filePath("mixed.csv"));
    QVERIFY(csv.open(QIODevice::ReadOnly));
    csv.readLine();
    while (!csv.atEnd()) {
      const QStringList row = QString::fromUtf8(csv.readLine()).trimmed().split(',');
      auto info = emo::probeAudio(row[0].toStdString());
      QVERIFY(info.ok());
      const double sec = info->seconds();
      ++expected[row[2].section(':', 0, 0)][sec < 1 ? "<1s" : sec < 2 ? "1-2s" : ">2s"];
    }
    for (const QString& c : {"ravdess", "tess", "nemo"})
      for (const QString& b : {"<1s", "1-2s", ">2s"})
        QCOMPARE(per[c].toObject()["by_length"].toObject()[b].toObject()["count"].toInt(), expected[c][b]);
    // model.json-bound configuration names the data, never a path of this machine.
    const QJsonArray data = j["config"].toObject()["data"].toArray();
    QCOMPARE(data.size(), 1);
    QCOMPARE(data[0].toString(), QString("mixed.csv"));
  }

  // Pooled speaker folds report every corpus too.
  void pooledSpeakerFoldsPerCorpus() {
    const QString json = tmp_.filePath("pooled.json");
    const Run r = cli({"cv", "--group", "speaker", "--folds", "2", "--data", tmp_.filePath("mixed.csv"), "--model-type",
                       "stats_conv1d", "--epochs", "1", "--channels", "8", "--hidden", "16", "--json", json}, cache_);
    QVERIFY2(r.code == 0, qPrintable(r.err + r.out));
    const QJsonObject per = readJson(json)["per_corpus"].toObject();
    QCOMPARE(per.size(), 3);
    int clips = 0;
    for (const QString& c : per.keys()) clips += per[c].toObject()["count"].toInt();
    QCOMPARE(clips, 44 + 48 + 48);
    QVERIFY2(r.out.contains("per corpus"), qPrintable(r.out));
  }

  // The figures go into a bundle's model.json as metrics.cross_corpus (data named, no paths).
  void recordInBundle() {
    const QString bundle = tmp_.filePath("bundle");
    QVERIFY(QDir().mkpath(bundle));
    for (const char* f : {"model.json", "model.pt"})
      QVERIFY(QFile::copy(emo::test::sourceDir() + "/models/default/" + f, bundle + "/" + f));
    QStringList earlier = readJson(bundle + "/model.json")["metrics"].toObject().keys();
    earlier.removeAll(QStringLiteral("cross_corpus"));
    QVERIFY(!earlier.isEmpty());  // the shipped model carries other figures (e.g. its training fit)
    const Run wrong = cli({"record-cross-corpus", "--model", bundle, "--pooled", tmp_.filePath("loco.json")}, cache_);
    QCOMPARE(wrong.code, 2);
    QVERIFY2(wrong.err.contains("expected a cv --group speaker result"), qPrintable(wrong.err));
    const Run r = cli({"record-cross-corpus", "--model", bundle, "--loco", tmp_.filePath("loco.json"), "--pooled",
                       tmp_.filePath("pooled.json")}, cache_);
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QJsonObject model = readJson(bundle + "/model.json");
    const QJsonObject cc = model["metrics"].toObject()["cross_corpus"].toObject();
    const QJsonObject loco = readJson(tmp_.filePath("loco.json"));
    for (const QString& c : {"ravdess", "tess", "nemo"})
      QCOMPARE(cc["leave_one_corpus_out"].toObject()["per_corpus"].toObject()[c].toObject()["ua"].toDouble(),
               loco["per_corpus"].toObject()[c].toObject()["ua"].toDouble());
    QCOMPARE(cc["pooled_speaker_folds"].toObject()["per_corpus"].toObject().size(), 3);
    for (const QString& key : earlier) QVERIFY2(model["metrics"].toObject().contains(key), qPrintable(key));  // kept
    QFile f(bundle + "/model.json");
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray text = f.readAll();
    QVERIFY2(!text.contains(tmp_.path().toUtf8()), "model.json names a path of this machine");
    QVERIFY2(!text.contains("/shared/data/"), "model.json names a path of this machine");
  }
};

QTEST_GUILESS_MAIN(TestCliCrossCorpus)
#include "tst_cli_crosscorpus.moc"
