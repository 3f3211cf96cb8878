// Faults, end to end through emoscope-cli: a training process killed (SIGKILL) in the middle
// of its run resumes from its checkpoint to the same final model as an uninterrupted run.
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "support/CliRun.h"
#include "support/TestPaths.h"

using emo::test::runCli;

namespace {

QJsonObject readJson(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return {};
  return QJsonDocument::fromJson(f.readAll()).object();
}

}  // namespace

class TestFaults : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;

  QStringList trainArgs(const QString& out, const QString& checkpoint) const {
    const QString data = emo::test::shared("data/ravdess");
    return {"train",   "--data", data + "/Actor_01", data + "/Actor_02", "--model-type", "crnn_attn",
            "--channels", "16",  "--hidden",         "16",               "--layers",     "2",
            "--epochs",   "8",   "--validation-fraction", "0",           "--threads",    "1",
            "--seed",     "5",   "--cache-dir",      tmp_.filePath("cache"), "--checkpoint", checkpoint,
            "--out",      out,   "--json",           out + ".json"};
  }

 private slots:
  void killedTrainingResumesToTheSameModel() {
    QVERIFY(tmp_.isValid());
    // Uninterrupted reference run.
    const QString ref = tmp_.filePath("reference");
    const auto r = runCli(trainArgs(ref, tmp_.filePath("ck_ref")), 600000);
    QVERIFY2(r.code == 0, qPrintable(r.err));

    // Same run, killed as soon as its second epoch's checkpoint is on disk (mid-run).
    const QString ck = tmp_.filePath("ck_killed");
    const QString out = tmp_.filePath("resumed");
    QProcess p;
    p.start(emo::test::cliPath(), trainArgs(out, ck));
    QVERIFY(p.waitForStarted());
    QElapsedTimer t;
    t.start();
    bool killed = false;
    while (t.elapsed() < 600000 && p.state() == QProcess::Running) {
      const QJsonObject state = readJson(ck + "/ckpt/state.json");
      if (state["epoch"].toInt() >= 2) {
        p.kill();  // SIGKILL: no chance to clean up
        killed = true;
        break;
      }
      QTest::qWait(50);
    }
    p.waitForFinished();
    QVERIFY2(killed, "the training finished before it could be killed");
    QVERIFY(!QFileInfo::exists(out + "/model.json"));

    QStringList resume = trainArgs(out, ck);
    resume << "--resume";
    const auto res = runCli(resume, 600000);
    QVERIFY2(res.code == 0, qPrintable(res.err));

    // Same final model: identical training history and weights hash.
    const QJsonObject a = readJson(ref + "/model.json"), b = readJson(out + "/model.json");
    QCOMPARE(b["hyperparameters"], a["hyperparameters"]);
    QCOMPARE(b["weights_fnv1a64"].toString(), a["weights_fnv1a64"].toString());
  }
};

QTEST_GUILESS_MAIN(TestFaults)
#include "tst_faults.moc"
