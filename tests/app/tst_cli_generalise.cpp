// The generalisation options of train/cv through the CLI on real audio of two corpora (RAVDESS
// actors 01 and 02, a slice of nEMO): --corpus-adversary trains and records its weight, and its
// bundle has exactly the parameters of a plain one; --teacher/--distill-weight distils from a
// saved bundle and records the teacher by name (no path); a teacher with another feature set,
// a teacher without a weight, and an adversary over one corpus are refused with clear messages.
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include "support/CliRun.h"
#include "support/TestPaths.h"

namespace {

QJsonObject modelJson(const QString& bundle) {
  QFile f(bundle + "/model.json");
  if (!f.open(QIODevice::ReadOnly)) return {};
  return QJsonDocument::fromJson(f.readAll()).object();
}

}  // namespace

class TestCliGeneralise : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;
  QStringList data_;  // --data values: two RAVDESS actors and the nEMO slice

  emo::test::CliResult train(const QStringList& extra, const QString& out) {
    QStringList args{"train", "--data"};
    args << data_ << QStringList{"--model-type", "crnn_attn", "--epochs", "1", "--channels", "8", "--hidden", "16",
                                 "--threads", "1", "--crop-min-frames", "100", "--crop-max-frames", "150",
                                 "--validation-fraction", "0", "--sampling", "corpus", "--out", out};
    return emo::test::runCli(args + extra, 600000, tmp_.filePath("cache"));
  }

 private slots:
  void initTestCase() {
    const QString nemo = emo::test::shared("data/nemo/samples");
    if (!QFileInfo::exists(nemo)) QSKIP("shared nEMO data not available");
    // nEMO: 5 clips of each of 4 emotions of speakers EB0 and KS0, labels as the schema names them.
    QFile csv(tmp_.filePath("nemo.csv"));
    QVERIFY(csv.open(QIODevice::WriteOnly));
    csv.write("path,label,speaker\n");
    const QMap<QString, QString> labels{{"anger", "angry"}, {"happiness", "happy"}, {"neutral", "neutral"}, {"sadness", "sad"}};
    int rows = 0;
    for (const QString& speaker : {"EB0", "KS0"})
      for (auto it = labels.begin(); it != labels.end(); ++it)
        for (int n = 1; n <= 5; ++n, ++rows)
          csv.write(QString("%1/%2_%3_%4.ogg,%5,nemo:%2\n").arg(nemo, speaker, it.key()).arg(n).arg(it.value()).toUtf8());
    QCOMPARE(rows, 40);
    csv.close();
    data_ = {emo::test::shared("data/ravdess/Actor_01"), emo::test::shared("data/ravdess/Actor_02"), csv.fileName()};
  }

  void corpusAdversaryTrainsAndIsNotSaved() {
    const QString plain = tmp_.filePath("plain"), adv = tmp_.filePath("adversary");
    const auto a = train({}, plain);
    QVERIFY2(a.code == 0, qPrintable(a.err + a.out));
    const auto b = train({"--corpus-adversary", "0.25"}, adv);
    QVERIFY2(b.code == 0, qPrintable(b.err + b.out));
    const QJsonObject withBranch = modelJson(adv), without = modelJson(plain);
    QCOMPARE(withBranch["hyperparameters"].toObject()["corpus_adversary"].toDouble(), 0.25);
    QCOMPARE(without["hyperparameters"].toObject()["corpus_adversary"].toDouble(), 0.0);
    QVERIFY(withBranch["parameters"].toInt() > 0);
    QCOMPARE(withBranch["parameters"].toInt(), without["parameters"].toInt());  // the classifier is not in the bundle
    QCOMPARE(withBranch["training_data"].toObject()["corpora"].toObject().size(), 2);
    // It loads and predicts like any bundle.
    const auto p = emo::test::runCli({"predict", "--model", adv, emo::test::shared("data/ravdess/Actor_03/03-01-05-01-01-01-03.flac")});
    QVERIFY2(p.code == 0, qPrintable(p.err));
  }

  void distilsFromATeacher() {
    const QString student = tmp_.filePath("student");
    const auto r = train({"--teacher", tmp_.filePath("plain"), "--distill-weight", "0.75", "--distill-temperature", "3"}, student);
    QVERIFY2(r.code == 0, qPrintable(r.err + r.out));
    const QJsonObject h = modelJson(student)["hyperparameters"].toObject();
    QCOMPARE(h["distill_weight"].toDouble(), 0.75);
    QCOMPARE(h["distill_temperature"].toDouble(), 3.0);
    QCOMPARE(h["teacher"].toString(), QString("plain"));  // by name, never a path of this machine
  }

  void mismatchesAreRefused() {
    auto r = train({"--features", "mfcc", "--teacher", tmp_.filePath("plain"), "--distill-weight", "0.5"}, tmp_.filePath("x"));
    QVERIFY(r.code != 0);
    QVERIFY2(r.err.contains("teacher bundle refused: its features (logmel_db) are not the student's (") && r.err.contains("mfcc"), qPrintable(r.err));
    r = train({"--teacher", tmp_.filePath("plain")}, tmp_.filePath("x"));
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("--teacher needs --distill-weight"), qPrintable(r.err));
    r = train({"--teacher", tmp_.filePath("missing"), "--distill-weight", "0.5"}, tmp_.filePath("x"));
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("--teacher: "), qPrintable(r.err));
    data_ = data_.mid(0, 2);  // RAVDESS alone
    r = train({"--corpus-adversary", "0.1"}, tmp_.filePath("x"));
    QVERIFY(r.code != 0);
    QVERIFY2(r.err.contains("the corpus adversary needs training clips of two corpora or more (got 1)"), qPrintable(r.err));
    QVERIFY(!QFileInfo::exists(tmp_.filePath("x")));
  }
};

QTEST_GUILESS_MAIN(TestCliGeneralise)
#include "tst_cli_generalise.moc"
