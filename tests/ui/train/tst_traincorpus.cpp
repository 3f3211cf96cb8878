// The Train tab's "unseen corpus" evaluation, driven through its widgets: a manifest mixing real
// RAVDESS and TESS clips, the RAVDESS corpus held out (leave-one-corpus-out fold 1, as
// `emoscope-cli cv --group corpus` runs it), scored over RAVDESS's own labels.
#include <QComboBox>
#include <QDir>
#include <QPushButton>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include "support/TestPaths.h"
#include "ui/common/AppContext.h"
#include "ui/train/TrainForm.h"
#include "ui/train/TrainTab.h"
#include "../UiTestSupport.h"

using namespace emo;
using namespace emo::ui;

namespace {

// RAVDESS actor 01 (neutral, happy, sad, angry) and 8 TESS clips per speaker of the same emotions.
int writeMixedManifest(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::WriteOnly)) return 0;
  f.write("path,label,speaker\n");
  int n = 0;
  const QMap<QString, QString> ravdess{{"01", "neutral"}, {"03", "happy"}, {"04", "sad"}, {"05", "angry"}};
  const QDir actor(emo::test::shared("data/ravdess/Actor_01"));
  for (const QString& file : actor.entryList({"*.flac"}, QDir::Files, QDir::Name))
    if (ravdess.contains(file.section('-', 2, 2))) {
      f.write(QString("%1,%2,ravdess:01\n").arg(actor.filePath(file), ravdess.value(file.section('-', 2, 2))).toUtf8());
      ++n;
    }
  for (const QString spk : {"OAF", "YAF"})
    for (const QString emotion : {"neutral", "happy", "sad", "angry"}) {
      const QDir dir(emo::test::shared("data/tess/" + spk + "_" + emotion));
      for (const QString& file : dir.entryList({"*.flac"}, QDir::Files, QDir::Name).mid(0, 8)) {
        f.write(QString("%1,%2,tess:%3\n").arg(dir.filePath(file), emotion, spk).toUtf8());
        ++n;
      }
    }
  return n;
}

}  // namespace

class TestTrainCorpus : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() { emo::test::isolateSettings("tst_traincorpus"); }

  void unseenCorpus() {
    QTemporaryDir dir;
    const QString manifest = dir.path() + "/mixed.csv";
    QCOMPARE(writeMixedManifest(manifest), 28 + 64);
    qputenv("EMO_CACHE_DIR", (dir.path() + "/cache").toUtf8());
    AppContext context;
    TrainTab tab(&context);
    TrainForm* form = tab.form();
    form->setSources({manifest});
    QCOMPARE(form->evaluationBox()->count(), 3);
    QCOMPARE(QString::fromStdString(form->job(false).config.group), QString("speaker"));
    form->evaluationBox()->setCurrentIndex(2);
    QVERIFY(form->corpusHeldOut());
    QVERIFY(!form->speakerDependentWarningVisible());
    QCOMPARE(QString::fromStdString(form->job(false).config.group), QString("corpus"));
    form->modelTypeBox()->setCurrentText("stats_conv1d");
    form->epochsBox()->setValue(1);
    form->patienceBox()->setValue(0);
    form->channelsBox()->setValue(8);
    form->hiddenBox()->setValue(16);
    form->setBundleFolder(dir.path() + "/bundle");

    QSignalSpy finished(&tab, &TrainTab::runFinished);
    QTest::mouseClick(tab.startButton(), Qt::LeftButton);
    QVERIFY(finished.wait(600000));
    QVERIFY2(finished.takeFirst().at(0).toBool(), qPrintable(tab.statusText()));
    const TrainOutcome& out = tab.lastOutcome();
    QCOMPARE(out.testCorpus, QString("ravdess"));  // the first source's corpus
    QCOMPARE(out.testClips, 28);
    QCOMPARE(out.trainClips, 64);
    QCOMPARE(out.testSpeakers, QStringList{"ravdess:01"});
    QVERIFY2(tab.statusText().contains("unseen corpus ravdess"), qPrintable(tab.statusText()));
    // Scored over RAVDESS's own labels (all 8 of ravdess8); the bundle records the held-out corpus.
    QCOMPARE(int(out.test.labels.size()), 8);
    QCOMPARE(out.test.count, 28);
    const auto saved = nlohmann::json::parse(out.metricsJson);
    QCOMPARE(saved["test"]["held_out_corpus"].get<std::string>(), std::string("ravdess"));
    QCOMPARE(saved["configuration"]["group"].get<std::string>(), std::string("corpus"));
    QCOMPARE(saved["configuration"]["data"][0].get<std::string>(), std::string("mixed.csv"));
  }
};

QTEST_MAIN(TestTrainCorpus)
#include "tst_traincorpus.moc"
