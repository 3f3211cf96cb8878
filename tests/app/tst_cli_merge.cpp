// emoscope-cli merge: the outputs of predict --shard 1/2 and 2/2 over the shared samples folder
// (JSON, CSV with a timeline, and folders of label files) merge into exactly what one unsharded
// run gives; a missing shard, a repeated shard, shards of different counts, a file found in two
// shards and a name without I-of-N are refused with messages that say so.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include "support/CliRun.h"
#include "support/TestPaths.h"

using emo::test::runCli;

namespace {

bool writeText(const QString& path, const QString& text) {
  QFile f(path);
  if (!f.open(QIODevice::WriteOnly)) return false;
  f.write(text.toUtf8());
  return true;
}

QString readText(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

QStringList folderFiles(const QString& dir) { return QDir(dir).entryList(QDir::Files, QDir::Name); }

}  // namespace

class TestCliMerge : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;
  QString samples_;

  QString path(const QString& name) const { return tmp_.filePath(name); }

 private slots:
  void initTestCase() {
    samples_ = emo::test::shared("samples");
    if (!QFileInfo::exists(samples_)) QSKIP("shared samples not available");
    QVERIFY(tmp_.isValid());
  }

  void jsonShardsMergeToTheUnshardedRun() {
    const auto whole = runCli({"predict", "--json", "--device", "cpu", samples_});
    QVERIFY2(whole.code == 0, qPrintable(whole.err));
    for (const QString shard : {"1", "2"}) {
      const auto r = runCli({"predict", "--json", "--shard", shard + "/2", samples_});
      QVERIFY2(r.code == 0, qPrintable(r.err));
      QVERIFY(writeText(path("preds-" + shard + "-of-2.json"), r.out));
    }
    // Given in any order.
    const auto m = runCli({"merge", path("preds-2-of-2.json"), path("preds-1-of-2.json"), "--out", path("merged.json")});
    QVERIFY2(m.code == 0, qPrintable(m.err));
    const QJsonArray merged = QJsonDocument::fromJson(readText(path("merged.json")).toUtf8()).array();
    const QJsonArray expected = QJsonDocument::fromJson(whole.out.toUtf8()).array();
    QCOMPARE(expected.size(), 6);
    QCOMPARE(merged, expected);
  }

  void csvTimelineShardsMerge() {
    const auto whole = runCli({"predict", "--csv", "--timeline", samples_});
    QVERIFY2(whole.code == 0, qPrintable(whole.err));
    for (const QString shard : {"1", "2"}) {
      const auto r = runCli({"predict", "--csv", "--timeline", "--shard", shard + "/2", samples_});
      QVERIFY2(r.code == 0, qPrintable(r.err));
      QVERIFY(writeText(path("t-" + shard + "-of-2.csv"), r.out));
    }
    const auto m = runCli({"merge", path("t-1-of-2.csv"), path("t-2-of-2.csv")});
    QVERIFY2(m.code == 0, qPrintable(m.err));
    QVERIFY(whole.out.count('\n') > 7);  // several segments per file
    QCOMPARE(m.out, whole.out);
  }

  void labelFoldersMerge() {
    const auto whole = runCli({"predict", "--labels", "audacity", "--out", path("labels-all"), samples_});
    QVERIFY2(whole.code == 0, qPrintable(whole.err));
    QStringList shardDirs;
    for (const QString shard : {"1", "2"}) {
      shardDirs << path("labels-" + shard + "-of-2");
      const auto r = runCli({"predict", "--labels", "audacity", "--shard", shard + "/2", "--out", shardDirs.last(), samples_});
      QVERIFY2(r.code == 0, qPrintable(r.err));
    }
    const auto m = runCli(QStringList{"merge"} + shardDirs + QStringList{"--out", path("labels-merged")});
    QVERIFY2(m.code == 0, qPrintable(m.err));
    QCOMPARE(folderFiles(path("labels-merged")).size(), 6);
    QCOMPARE(folderFiles(path("labels-merged")), folderFiles(path("labels-all")));
    for (const QString& f : folderFiles(path("labels-all")))
      QCOMPARE(readText(path("labels-merged/" + f)), readText(path("labels-all/" + f)));
  }

  void refusesIncompleteOrRepeatedShards() {
    QVERIFY(writeText(path("a-1-of-3.json"), R"([{"file": "x.wav", "label": "sad"}])"));
    QVERIFY(writeText(path("a-2-of-3.json"), R"([{"file": "y.wav", "label": "sad"}])"));
    QVERIFY(writeText(path("b-2-of-3.json"), R"([{"file": "z.wav", "label": "sad"}])"));
    QVERIFY(writeText(path("a-3-of-3.json"), R"([{"file": "x.wav", "label": "calm", "error": "unreadable"}])"));
    QVERIFY(writeText(path("c-2-of-4.json"), "[]"));
    QVERIFY(writeText(path("nameless.json"), "[]"));
    struct Case {
      QStringList inputs;
      const char* says;
    };
    const QList<Case> cases{
        {{path("a-1-of-3.json"), path("a-2-of-3.json")}, "missing shard(s) 3 of 3"},
        {{path("a-1-of-3.json"), path("a-2-of-3.json"), path("b-2-of-3.json"), path("a-3-of-3.json")}, "shard 2 of 3 given twice"},
        {{path("a-1-of-3.json"), path("c-2-of-4.json")}, "shard of 4"},
        {{path("nameless.json")}, "does not say which shard"},
        {{path("a-1-of-3.json"), path("a-2-of-3.json"), path("a-3-of-3.json")}, "'x.wav' is in two shards"},
    };
    for (const Case& c : cases) {
      const auto r = runCli(QStringList{"merge", "--out", path("refused.json")} + c.inputs);
      QVERIFY2(r.code != 0, c.says);
      QVERIFY2(r.err.contains(c.says), qPrintable(r.err));
      QVERIFY(!QFileInfo::exists(path("refused.json")));
    }
    // Fields it does not know (an "error" per failed file) pass through.
    QVERIFY(writeText(path("d-1-of-2.json"), R"([{"file": "p.wav", "label": "sad", "extra": 1}])"));
    QVERIFY(writeText(path("d-2-of-2.json"), R"([{"file": "q.wav", "error": "unreadable"}])"));
    const auto ok = runCli({"merge", path("d-1-of-2.json"), path("d-2-of-2.json")});
    QVERIFY2(ok.code == 0, qPrintable(ok.err));
    const QJsonArray a = QJsonDocument::fromJson(ok.out.toUtf8()).array();
    QCOMPARE(a.size(), 2);
    QCOMPARE(a[0].toObject()["extra"].toInt(), 1);
    QCOMPARE(a[1].toObject()["error"].toString(), QString("unreadable"));
  }
};

QTEST_GUILESS_MAIN(TestCliMerge)
#include "tst_cli_merge.moc"
