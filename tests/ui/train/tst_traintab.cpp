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
#include <QListWidget>
#include <QValueAxis>
#include <QDateTime>
#include <QtTest>

#include <nlohmann/json.hpp>

#include "core/common/AtomicFile.h"
#include "core/model/ModelBundle.h"
#include "core/model/ModelSpec.h"
#include "core/train/ExperimentConfig.h"
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

  void shippedRecipeFillsTheForm() {
    AppContext context;
    TrainTab tab(&context);
    TrainForm* form = tab.form();
    auto* button = form->findChild<QPushButton*>(QStringLiteral("shippedRecipe"));
    QVERIFY(button);
    QVERIFY(form->job(false).config.toJson() != shippedRecipe().toJson());
    button->click();
    QCOMPARE(QString::fromStdString(form->job(false).config.toJson()), QString::fromStdString(shippedRecipe().toJson()));
    QCOMPARE(form->corpusAdversaryBox()->value(), 0.1);
    QCOMPARE(form->augmentCopiesBox()->value(), 3);
    QCOMPARE(form->keepBox()->currentData().toString(), QString("last"));
  }

  void ownStatisticsShareOnlyWithSpeakerNormalisation() {
    AppContext context;
    TrainTab tab(&context);
    TrainForm* form = tab.form();
    QComboBox* norm = form->normalisationBox();
    norm->setCurrentIndex(norm->findData(QString("utterance|all")));
    QVERIFY(!form->ownStatsBox()->isEnabled());
    form->ownStatsBox()->setValue(0.3);
    QCOMPARE(form->job(false).config.ownStatsShare, 0.0f);  // would be refused without speaker statistics
    QVERIFY(form->job(false).config.experimentOptions().ok());
    norm->setCurrentIndex(norm->findData(QString("speaker|all")));
    QVERIFY(form->ownStatsBox()->isEnabled());
    const ExperimentConfig config = form->job(false).config;
    QCOMPARE(config.ownStatsShare, 0.3f);
    auto options = config.experimentOptions();
    QVERIFY2(options.ok(), options ? "" : options.error().c_str());
    QCOMPARE(options->train.ownStatsShare, 0.3f);
  }

  void inputFeaturesReachTheConfig() {
    AppContext context;
    TrainTab tab(&context);
    TrainForm* form = tab.form();
    QCOMPARE(form->featuresBox()->currentText(), QString("default"));
    QCOMPARE(form->job(false).config.features, std::string());  // the model type's own input
    form->featuresBox()->setCurrentText("logmel_db, f0");
    const ExperimentConfig config = form->job(false).config;
    QCOMPARE(config.features, std::string("logmel_db,f0"));
    auto data = config.dataOptions();
    QVERIFY2(data.ok(), data ? "" : data.error().c_str());
    QCOMPARE(int(data->kinds.size()), 2);
    QCOMPARE(featureName(data->kinds[0]), std::string("logmel_db"));
    QCOMPARE(featureName(data->kinds[1]), std::string("f0"));
    form->featuresBox()->setCurrentText("logmel_db,pitch");
    data = form->job(false).config.dataOptions();
    QVERIFY(!data.ok());
    QVERIFY2(QString::fromStdString(data.error()).contains("pitch"), data.error().c_str());
  }

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

  void chartsTickAtRoundNumbers() {
    TrainingCharts charts;
    // Empty: whole epochs only (the axis read "1 1 1 1 2" with five ticks over 1..2).
    QCOMPARE(charts.epochAxis()->tickType(), QValueAxis::TicksDynamic);
    QCOMPARE(charts.epochAxis()->tickInterval(), 1.0);
    QCOMPARE(charts.epochAxis()->labelFormat(), QStringLiteral("%d"));
    // A loss of 2.36 gives ticks 0, 0.5, ... 2.5 (not 0.59 / 1.18 / 1.77 / 2.36).
    for (int e = 1; e <= 12; ++e) {
      EpochLog log;
      log.epoch = e;
      log.trainLoss = e == 1 ? 2.36 : 2.36 / e;
      log.valUa = 0.3;
      charts.addEpoch(log);
    }
    const double step = charts.lossAxis()->tickInterval();
    QCOMPARE(step, 0.5);
    QCOMPARE(charts.lossAxis()->min(), 0.0);
    QCOMPARE(charts.lossAxis()->max(), 2.5);
    QCOMPARE(charts.epochAxis()->tickInterval(), 2.0);  // 12 epochs: every other one
    for (double range : {0.07, 0.9, 3.3, 47.0, 1234.0}) {
      const double s = TrainingCharts::niceStep(range, 6);
      const double mantissa = s / std::pow(10.0, std::floor(std::log10(s) + 1e-9));
      QVERIFY2(std::abs(mantissa - 1) < 1e-9 || std::abs(mantissa - 2) < 1e-9 || std::abs(mantissa - 5) < 1e-9,
               qPrintable(QString::number(s)));
      QVERIFY(range / s <= 6.0 + 1e-9);
    }
  }

  void everyRunWritesANewBundleOfTheChosenSpeakers() {
    QTemporaryDir dir;
    QVERIFY(emo::test::writeRavdessSubset(dir.path(), {"01", "02", "03", "04"}) > 80);
    qputenv("EMO_CACHE_DIR", (dir.path() + "/cache").toUtf8());
    AppContext context;
    TrainTab tab(&context);
    TrainForm* form = tab.form();
    form->setSources({dir.path() + "/subset.csv"});
    QSignalSpy scanned(&tab, &TrainTab::scanFinished);
    tab.scanSources();
    QVERIFY(scanned.wait(60000));
    // The scan lists the speakers; leaving one out trains and tests on the others only.
    QCOMPARE(form->speakersList()->count(), 4);
    QVERIFY(form->chosenSpeakers().isEmpty());  // all: no subset
    form->speakersList()->item(3)->setCheckState(Qt::Unchecked);
    QCOMPARE(form->chosenSpeakers(), (QStringList{"ravdess:01", "ravdess:02", "ravdess:03"}));
    form->schemaBox()->setCurrentText(dir.path() + "/four.json");
    form->epochsBox()->setValue(2);
    form->patienceBox()->setValue(0);
    form->batchBox()->setValue(16);
    form->channelsBox()->setValue(16);
    form->hiddenBox()->setValue(16);
    form->foldsBox()->setValue(3);
    const QString bundle = dir.path() + "/models/model-same-name";
    form->setBundleFolder(bundle);
    QSignalSpy finished(&tab, &TrainTab::runFinished);
    tab.start();
    QVERIFY(finished.wait(300000));
    QVERIFY2(finished.takeFirst().at(0).toBool(), qPrintable(tab.statusText()));
    const TrainOutcome first = tab.lastOutcome();
    QVERIFY(QDir().mkpath(dir.path() + "/count"));
    const int threeActors = emo::test::writeRavdessSubset(dir.path() + "/count", {"01", "02", "03"});
    QCOMPARE(first.trainClips + first.testClips, threeActors);
    QVERIFY(!first.testSpeakers.contains("ravdess:04"));
    QCOMPARE(QFileInfo(first.bundleFolder).absoluteFilePath(), QFileInfo(bundle).absoluteFilePath());
    // The status says which epoch's weights were kept.
    QVERIFY(first.bestEpoch >= 1 && first.bestEpoch <= first.epochsRun);
    QVERIFY2(tab.statusText().contains(TrainTab::keptEpochText(first)), qPrintable(tab.statusText()));
    QVERIFY2(tab.statusText().contains(QStringLiteral("Kept the weights of epoch %1").arg(first.bestEpoch)) ||
                 tab.statusText().contains(QStringLiteral("last epoch, %1").arg(first.bestEpoch)),
             qPrintable(tab.statusText()));
    const QDateTime firstWritten = QFileInfo(bundle + "/model.json").lastModified();

    // A second run with the same folder name: a new bundle beside the first, never over it.
    QCOMPARE(form->bundleFolder(), bundle);
    tab.start();
    QVERIFY(finished.wait(300000));
    QVERIFY2(finished.takeFirst().at(0).toBool(), qPrintable(tab.statusText()));
    const TrainOutcome second = tab.lastOutcome();
    QVERIFY(second.bundleFolder != first.bundleFolder);
    QCOMPARE(QFileInfo(second.bundleFolder).fileName(), QStringLiteral("model-same-name-2"));
    QVERIFY(QFile::exists(first.bundleFolder + "/model.json"));
    QVERIFY(QFile::exists(second.bundleFolder + "/model.json"));
    QCOMPARE(QFileInfo(bundle + "/model.json").lastModified(), firstWritten);
    QStringList bundles = QDir(dir.path() + "/models").entryList({"model-same-name*"}, QDir::Dirs);
    bundles.removeIf([](const QString& n) { return n.endsWith(".checkpoint"); });
    QCOMPARE(bundles.size(), 2);
    // The worker itself refuses to save over a bundle, whatever asks it to.
    TrainJob job = form->job(false);
    job.bundleFolder = bundle;
    TrainWorker worker;
    QSignalSpy reports(&worker, &TrainWorker::reportsReady);
    worker.requestTrain(job);
    QTRY_VERIFY_WITH_TIMEOUT(!reports.isEmpty(), 10000);
    QString refusal;
    QTRY_VERIFY_WITH_TIMEOUT(([&] {
      for (const TrainReport& r : worker.takeReports())
        if (const auto* o = std::get_if<TrainOutcome>(&r)) refusal = o->error;
      return !refusal.isEmpty();
    }()), 10000);
    QVERIFY2(refusal.contains("already holds a model"), qPrintable(refusal));
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
