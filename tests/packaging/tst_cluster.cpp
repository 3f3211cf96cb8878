// The cluster recipes in packaging/cluster/ checked as far as this machine allows (no Slurm,
// no cluster): the Kubernetes manifests parse as YAML with the fields their API requires
// (check-recipes.py, PyYAML), the Dockerfile and Slurm scripts have their essentials, the
// scripts pass `bash -n`, and the checker itself rejects broken manifests.
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "support/TestPaths.h"

namespace {

struct Run {
  int code = -1;
  QString out;
};

Run run(const QString& program, const QStringList& args) {
  QProcess p;
  p.setProcessChannelMode(QProcess::MergedChannels);
  p.start(program, args);
  Run r;
  if (!p.waitForStarted(10000) || !p.waitForFinished(60000)) return r;
  r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
  r.out = QString::fromUtf8(p.readAll());
  return r;
}

QString recipes() { return emo::test::sourceDir() + "/packaging/cluster"; }
QString checker() { return recipes() + "/check-recipes.py"; }

}  // namespace

class TestCluster : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;

 private slots:
  void initTestCase() {
    if (run("python3", {"-c", "import yaml"}).code != 0) QSKIP("python3 with PyYAML is needed (apt-get install python3-yaml)");
    QVERIFY(tmp_.isValid());
  }

  void recipesPassTheChecks() {
    const Run r = run("python3", {checker()});
    QVERIFY2(r.code == 0, qPrintable(r.out));
    QVERIFY2(r.out.contains("checked 5 recipes: 0 problems"), qPrintable(r.out));
  }

  void scriptsParse() {
    const QStringList scripts = QDir(recipes()).entryList({"*.sbatch"}, QDir::Files);
    QCOMPARE(scripts.size(), 2);
    for (const QString& s : scripts + QStringList{"../../scripts/gpu-check.sh"}) {
      const Run r = run("bash", {"-n", recipes() + "/" + s});
      QVERIFY2(r.code == 0, qPrintable(s + ": " + r.out));
    }
  }

  void checkerRejectsBrokenManifests() {
    QFile good(recipes() + "/k8s-predict-indexed-job.yaml");
    QVERIFY(good.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(good.readAll());
    struct Case {
      QString from, to;
      const char* says;
    };
    const QList<Case> cases{
        {"          image: emoscope:0.1.0\n", "", "needs an image"},
        {"      restartPolicy: Never\n", "      restartPolicy: Always\n", "restartPolicy Never or OnFailure"},
        {"  completions: 8\n", "  completions: 4\n", "SHARDS (8) must equal completions (4)"},
        {"            - name: results\n              mountPath", "            - name: outputs\n              mountPath", "does not declare"},
        {"apiVersion: batch/v1\n", "apiVersion: batch/v2\n", "apiVersion batch/v1"},
        {"  name: emoscope-predict\n", "  name: EmoScope_Predict\n", "DNS-1123"},
        {"      containers:\n", "      containers: [\n", "not YAML"},
    };
    for (const Case& c : cases) {
      QVERIFY2(text.contains(c.from), qPrintable(c.from));
      QString broken = text;
      broken.replace(c.from, c.to);
      const QString path = tmp_.filePath("broken.yaml");
      QFile f(path);
      QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
      f.write(broken.toUtf8());
      f.close();
      const Run r = run("python3", {checker(), path});
      QVERIFY2(r.code == 1, c.says);
      QVERIFY2(r.out.contains(c.says), qPrintable(r.out));
    }
  }
};

QTEST_GUILESS_MAIN(TestCluster)
#include "tst_cluster.moc"
