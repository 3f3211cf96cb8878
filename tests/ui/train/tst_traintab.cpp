// The Train tab driven through its widgets on a small real subset of RAVDESS (4 emotions, 6
// actors, a few epochs): the scan summary, the speaker-dependent warning, a run that is
// cancelled and resumed, live charts, the confusion matrix and per-class table, export, and
// "Use this model" switching the shared model.
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QFile>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include <nlohmann/json.hpp>

#include "core/common/AtomicFile.h"
#include "core/model/ModelBundle.h"
#include "core/model/ModelSpec.h"
#include "support/TestPaths.h"
#include "ui/common/AppContext.h"
#include "ui/train/ConfusionHeatmap.h"
#include "ui/train/TrainForm.h"
#include "ui/train/TrainTab.h"
#include "ui/train/TrainingCharts.h"
#include "../UiTestSupport.h"
#include "TinyModel.h"

using namespace emo;
using namespace emo::ui;

class TestTrainTab : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() { emo::test::isolateSettings("tst_traintab"); }

  void badDataGivesAMessage() {
    AppContext context;
    TrainTab tab(&context);
    QTemporaryDir dir;
    tab.form()->setSources({dir.path() + "/missing.csv"});
    tab.form()->setBundleFolder(dir.path() + "/bundle");
    QSignalSpy finished(&tab, &TrainTab::runFinished);
    tab.start();
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.takeFirst().at(0).toBool(), false);
    QVERIFY2(tab.statusText().contains("missing.csv"), qPrintable(tab.statusText()));
    QVERIFY(tab.startButton()->isEnabled());
    QVERIFY(!tab.useButton()->isEnabled());
    QVERIFY(!context.model());
  }

  void trainCancelResumeAndUse() {
    QTemporaryDir dir;
    QVERIFY2(emo::test::writeRavdessSubset(dir.path(), {"01", "02", "03", "04", "05", "06"}) > 100,
             "the RAVDESS subset is missing from the shared data");
    const QString manifest = dir.path() + "/subset.csv", schema = dir.path() + "/four.json";
    qputenv("EMO_CACHE_DIR", (dir.path() + "/cache").toUtf8());

    AppContext context;
    TrainTab tab(&context);
    tab.resize(1400, 950);
    tab.show();
    QVERIFY(QTest::qWaitForWindowExposed(&tab));
    TrainForm* form = tab.form();

    // Summary of the chosen data.
    form->setSources({manifest});
    QSignalSpy scanned(&tab, &TrainTab::scanFinished);
    tab.scanSources();
    QVERIFY(scanned.wait(60000));
    QVERIFY2(tab.summaryText().contains("angry"), qPrintable(tab.summaryText()));
    QVERIFY2(tab.summaryText().contains("ravdess:06"), qPrintable(tab.summaryText()));

    // A random split is allowed only with the visible warning.
    QVERIFY(!form->speakerDependentWarningVisible());
    QVERIFY(!tab.splitWarningVisible());
    form->evaluationBox()->setCurrentIndex(1);
    QVERIFY(form->speakerDependentWarningVisible());
    QVERIFY(tab.splitWarningVisible());
    form->evaluationBox()->setCurrentIndex(0);
    QVERIFY(!form->speakerDependentWarningVisible());
    QVERIFY(!tab.splitWarningVisible());

    form->schemaBox()->setCurrentText(schema);
    form->modelTypeBox()->setCurrentText("crnn_attn");
    form->epochsBox()->setValue(3);
    form->patienceBox()->setValue(0);
    form->batchBox()->setValue(16);
    form->channelsBox()->setValue(32);
    form->hiddenBox()->setValue(32);
    form->foldsBox()->setValue(3);
    form->lrScheduleBox()->setCurrentText("cosine");
    form->mixupBox()->setValue(0.2);
    QCOMPARE(QString::fromStdString(form->job(false).config.lrSchedule), QString("cosine"));
    QCOMPARE(form->job(false).config.mixup, 0.2f);
    form->membersBox()->setValue(3);  // an ensemble (trained in core.train.checkpoint); one here
    QCOMPARE(form->job(false).config.members, 3);
    QCOMPARE(form->membersBox()->maximum(), ModelSpec::kMaxMembers);
    form->membersBox()->setValue(1);
    form->normalisationBox()->setCurrentIndex(4);
    QCOMPARE(QString::fromStdString(form->job(false).config.norm), QString("speaker"));
    QCOMPARE(QString::fromStdString(form->job(false).config.speakerStats), QString("neutral"));
    form->normalisationBox()->setCurrentIndex(0);
    QCOMPARE(QString::fromStdString(form->job(false).config.norm), QString());
    // The screenshot script keeps the bundle for the Review tab's screenshot.
    const QString keep = qEnvironmentVariable("EMO_TRAINTAB_KEEP_BUNDLE");
    const QString bundle = keep.isEmpty() ? dir.path() + "/bundle" : keep;
    form->setBundleFolder(bundle);

    // Start; the window keeps processing events while the worker trains.
    QSignalSpy finished(&tab, &TrainTab::runFinished);
    QTest::mouseClick(tab.startButton(), Qt::LeftButton);
    QVERIFY(tab.running());
    QVERIFY(!tab.startButton()->isEnabled());
    QVERIFY(tab.cancelButton()->isEnabled());
    QElapsedTimer clock;
    clock.start();
    qint64 longestGap = 0, last = 0;
    QTimer ticker;
    QObject::connect(&ticker, &QTimer::timeout, [&] {
      longestGap = std::max(longestGap, clock.elapsed() - last);
      last = clock.elapsed();
    });
    ticker.start(20);
    // Cancel after the first epoch.
    QTRY_VERIFY_WITH_TIMEOUT(tab.charts()->epochs() >= 1 || !finished.isEmpty(), 120000);
    QVERIFY2(finished.isEmpty(), qPrintable(tab.statusText()));
    QTest::mouseClick(tab.cancelButton(), Qt::LeftButton);
    QVERIFY(finished.wait(60000));
    QCOMPARE(finished.takeFirst().at(0).toBool(), false);
    QVERIFY(tab.lastOutcome().cancelled);
    QVERIFY2(tab.resumeButton()->isEnabled(), qPrintable(tab.statusText()));
    QVERIFY(!tab.useButton()->isEnabled());
    const int epochsBeforeResume = tab.charts()->epochs();
    QVERIFY(epochsBeforeResume >= 1);

    // Resume continues from the checkpoint and finishes the 3 epochs.
    QTest::mouseClick(tab.resumeButton(), Qt::LeftButton);
    QVERIFY(tab.running());
    QVERIFY(finished.wait(300000));
    ticker.stop();
    QVERIFY2(finished.takeFirst().at(0).toBool(), qPrintable(tab.statusText()));
    QVERIFY2(longestGap < 1000, qPrintable(QString("the GUI thread stalled for %1 ms").arg(longestGap)));
    const TrainOutcome& out = tab.lastOutcome();
    QCOMPARE(int(out.history.size()) >= 3 - epochsBeforeResume, true);
    QCOMPARE(tab.charts()->epochs(), 3);
    QVERIFY(tab.charts()->lastTrainLoss() > 0);
    QVERIFY(tab.charts()->lastValidationUa() >= 0);
    QVERIFY(!out.speakerDependent);
    QCOMPARE(out.testSpeakers.size(), 2);
    const auto saved = nlohmann::json::parse(out.metricsJson);  // what the bundle records
    QCOMPARE(saved["configuration"]["lr_schedule"].get<std::string>(), std::string("cosine"));
    QCOMPARE(saved["configuration"]["mixup"].get<float>(), 0.2f);

    // Confusion matrix and per-class table over the held-out speakers.
    QCOMPARE(tab.heatmap()->classCount(), 4);
    QCOMPARE(tab.heatmap()->total(), out.testClips);
    QVERIFY(out.testClips > 20);
    QCOMPARE(tab.classTable()->rowCount(), 4);
    double recallSum = 0;
    for (int r = 0; r < 4; ++r) recallSum += tab.classTable()->item(r, 2)->text().toDouble();
    QVERIFY(std::abs(recallSum / 4 - out.test.ua) < 0.01);

    // Export: PNGs and JSON.
    const QString exportDir = dir.path() + "/export";
    QCOMPARE(tab.exportResults(exportDir), QString());
    QVERIFY(!QImage(exportDir + "/training-charts.png").isNull());
    QVERIFY(!QImage(exportDir + "/confusion.png").isNull());
    auto json = readFileBytes((exportDir + "/metrics.json").toStdString());
    QVERIFY(json);
    const auto j = nlohmann::json::parse(*json);
    QCOMPARE(int(j["history"].size()), 3);
    QCOMPARE(j["test"]["confusion"].size(), size_t(4));

    // The bundle is saved; "Use this model" makes it the shared model.
    QVERIFY(QFile::exists(bundle + "/model.json"));
    QVERIFY(tab.useButton()->isEnabled());
    QSignalSpy modelChanged(&context, &AppContext::modelChanged);
    QTest::mouseClick(tab.useButton(), Qt::LeftButton);
    QCOMPARE(modelChanged.count(), 1);
    QVERIFY(context.model());
    QCOMPARE(context.model()->labels(), (std::vector<std::string>{"neutral", "happy", "sad", "angry"}));
    QVERIFY2(tab.modelInUseText().contains(QFileInfo(bundle).fileName()), qPrintable(tab.modelInUseText()));

    if (const QString shots = qEnvironmentVariable("EMO_SCREENSHOT_DIR"); !shots.isEmpty()) {
      QDir().mkpath(shots);
      QVERIFY(tab.grab().save(shots + "/train.png"));
      form->evaluationBox()->setCurrentIndex(1);  // the speaker-dependent warning, as a user would see it
      QVERIFY(tab.grab().save(shots + "/train_random_split_warning.png"));
      form->evaluationBox()->setCurrentIndex(0);
    }
  }
};

QTEST_MAIN(TestTrainTab)
#include "tst_traintab.moc"
