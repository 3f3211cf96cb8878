// The Review tab driven like an annotator would: open the shared sample clips, relabel them with
// the keyboard only, export and re-import every label format, batch-predict and cancel (with the
// default model when one is installed), and kill a running instance mid-edit to check the
// sidecar lost nothing.
#include <QLineEdit>
#include <QProcess>
#include <QProgressBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <iostream>

#include "core/annotate/AnnotationFormats.h"
#include "core/annotate/AnnotationStore.h"
#include "support/TestPaths.h"
#include "ui/common/AppContext.h"
#include "ui/live/FilePlayback.h"
#include "ui/review/ClipListModel.h"
#include "ui/review/ClipOverview.h"
#include "ui/review/ReviewDocument.h"
#include "ui/review/ReviewTab.h"
#include "ui/views/ProbabilityBars.h"
#include "../UiTestSupport.h"
#include "ReviewTestModel.h"

using namespace emo;
using namespace emo::ui;

namespace {

const char* kHelperEnv = "EMO_REVIEW_KILL_HELPER";

QString samplesDir() { return emo::test::shared("samples"); }

int rowOf(ReviewDocument* doc, const QString& fileName) {
  for (int i = 0; i < doc->count(); ++i)
    if (QFileInfo(doc->clip(i).key).fileName() == fileName) return i;
  return -1;
}

// Same clip labels and segments (a TextGrid or JSON import also brings the clip's duration;
// an Audacity track cannot say where its labels came from, so they come back "imported").
bool sameLabels(AnnotationSet a, AnnotationSet b, bool ignoreOrigins = false) {
  a.duration = b.duration = 0;
  if (ignoreOrigins)
    for (AnnotationSet* s : {&a, &b})
      for (auto& t : s->tiers)
        for (auto& seg : t.segments) seg.origin = LabelOrigin::Human;
  return a == b;
}

// The helper process: labels clips with the keyboard forever, printing each edit once the tab
// reports it saved. The parent SIGKILLs it at an arbitrary moment.
[[noreturn]] void runKillHelper() {
  AppContext context;
  ReviewTab tab(&context);
  tab.resize(1000, 600);
  tab.show();
  tab.activateWindow();
  if (!QTest::qWaitForWindowActive(&tab)) std::_Exit(3);
  if (!tab.openPaths({samplesDir()}).isEmpty()) std::_Exit(4);
  const int clips = tab.filter()->rowCount();
  const auto labels = tab.keyLabels();
  for (long long e = 0;; ++e) {
    const int proxyRow = static_cast<int>(e % clips);
    const int key = static_cast<int>((e / clips) % static_cast<long long>(labels.size()));
    tab.clipTable()->selectRow(proxyRow);
    QTest::keyClick(&tab, static_cast<Qt::Key>(Qt::Key_1 + key));
    const int row = tab.currentRow();
    std::cout << e << '\t' << tab.document()->clip(row).key.toStdString() << '\t' << labels[static_cast<size_t>(key)]
              << std::endl;  // flushed: the edit was saved before this line was written
    QCoreApplication::processEvents();
  }
}

}  // namespace

class TestReviewTab : public QObject {
  Q_OBJECT
 private:
  QTemporaryDir annotations_;
  QTemporaryDir model_;
  AppContext context_;

 private slots:
  void initTestCase() {
    if (qEnvironmentVariableIsSet(kHelperEnv)) runKillHelper();
    emo::test::isolateSettings("tst_reviewtab");
    QVERIFY(annotations_.isValid());
    // The shared samples folder is read-only; sidecars go to a test folder.
    qputenv("EMO_ANNOTATION_DIR", annotations_.path().toUtf8());
    // The default model when one is installed; otherwise a tiny one trained here (seconds).
    QCOMPARE(emo::test::loadReviewModel(context_, model_), QString());
  }

  void openAndRelabelWithKeyboard() {
    ReviewTab tab(&context_);
    tab.resize(1100, 650);
    tab.show();
    tab.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&tab));
    tab.player()->setAudible(false);

    QCOMPARE(tab.openPaths({"/nonexistent/folder"}).contains("no such file"), true);
    QCOMPARE(tab.openPaths({samplesDir()}), QString());
    ReviewDocument* doc = tab.document();
    QCOMPARE(doc->count(), 6);
    // Labels from the file names (RAVDESS emotion code, TESS word).
    QCOMPARE(doc->humanLabel(rowOf(doc, "03-01-05-02-01-01-05.wav")), QString("angry"));
    QCOMPARE(doc->humanLabel(rowOf(doc, "YAF_back_fear.wav")), QString("fearful"));
    QVERIFY(!doc->humanLabelIsExplicit(0));

    // Keyboard only: the first clip is selected; wait for its waveform.
    QCOMPARE(tab.clipTable()->currentIndex().row(), 0);
    QSignalSpy analysed(&tab, &ReviewTab::clipAnalysed);
    QVERIFY(analysed.wait(20000));
    QVERIFY(tab.overview()->duration() > 1.0);
    const int first = tab.currentRow();
    const auto labels = tab.keyLabels();
    QTest::keyClick(tab.clipTable(), Qt::Key_4);
    QCOMPARE(doc->humanLabel(first), QString::fromStdString(labels[3]));
    QVERIFY(doc->humanLabelIsExplicit(first));
    // On disk at once.
    auto store = AnnotationStore::open(doc->sidecarPath().toStdString());
    QVERIFY2(store, store.error().c_str());
    QCOMPARE(store->get(doc->clip(first).key.toStdString()).clipLabel("human"), labels[3]);

    // Next clip with N, label it 2; back with P; 0 clears back to the file-name label.
    QTest::keyClick(tab.clipTable(), Qt::Key_N);
    const int second = tab.currentRow();
    QVERIFY(second != first);
    QTest::keyClick(tab.clipTable(), Qt::Key_2);
    QCOMPARE(doc->humanLabel(second), QString::fromStdString(labels[1]));
    QTest::keyClick(tab.clipTable(), Qt::Key_0);
    QVERIFY(!doc->humanLabelIsExplicit(second));
    QCOMPARE(doc->humanLabel(second), doc->clip(second).fileLabel);
    QTest::keyClick(tab.clipTable(), Qt::Key_P);
    QCOMPARE(tab.currentRow(), first);

    // Play/pause with space, seek with the arrows.
    if (analysed.count() < 3) QVERIFY(analysed.wait(20000));
    QTest::keyClick(tab.clipTable(), Qt::Key_Right);
    QTest::keyClick(tab.clipTable(), Qt::Key_Right);
    QCOMPARE(tab.player()->position(), 1.0);
    QCOMPARE(tab.overview()->playhead(), 1.0);
    QTest::keyClick(tab.clipTable(), Qt::Key_Left);
    QCOMPARE(tab.player()->position(), 0.5);
    QTest::keyClick(tab.clipTable(), Qt::Key_Space);
    QVERIFY(tab.player()->playing());
    QTest::qWait(300);
    QTest::keyClick(tab.clipTable(), Qt::Key_Space);
    QVERIFY(!tab.player()->playing());
    QVERIFY(tab.player()->position() > 0.6);
    QVERIFY(tab.overview()->playhead() > 0.6);

    // The disagreement filter and the text filter narrow the list.
    auto* filterText = tab.findChild<QLineEdit*>("clipFilter");
    QVERIFY(filterText);
    filterText->setText("YAF");
    QCOMPARE(tab.filter()->rowCount(), 1);
    filterText->clear();
    QCOMPARE(tab.filter()->rowCount(), 6);
    ClipFilterParams unlabelled;
    unlabelled.mode = ClipFilterParams::Unlabelled;
    tab.filter()->setParams(unlabelled);
    QCOMPARE(tab.filter()->rowCount(), 0);  // every sample carries its label in its name
  }

  void openManifestAndFiles() {
    ReviewTab tab(&context_);
    QTemporaryDir dir;
    const QString csv = dir.path() + "/manifest.csv";
    QFile f(csv);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(("path,label,speaker\n" + emo::test::sample("YAF_back_fear.wav") + ",happy,tess:YAF\n" +
             emo::test::sample("03-01-05-02-01-01-05.wav") + ",sad,ravdess:05\n")
                .toUtf8());
    f.close();
    QCOMPARE(tab.openPaths({csv}), QString());
    ReviewDocument* doc = tab.document();
    QCOMPARE(doc->count(), 2);
    QVERIFY(rowOf(doc, "YAF_back_fear.wav") >= 0);
    QCOMPARE(doc->humanLabel(rowOf(doc, "YAF_back_fear.wav")), QString("happy"));  // the manifest's label
    QCOMPARE(doc->clip(rowOf(doc, "03-01-05-02-01-01-05.wav")).speaker, QString("ravdess:05"));
    // Two loose files: labels from their names.
    QCOMPARE(tab.openPaths({emo::test::sample("YAF_back_fear.wav"), emo::test::sample("03-01-01-01-01-01-07.wav")}),
             QString());
    QCOMPARE(doc->count(), 2);
    QCOMPARE(doc->clip(rowOf(doc, "03-01-01-01-01-01-07.wav")).fileLabel, QString("neutral"));
    QCOMPARE(doc->clip(rowOf(doc, "YAF_back_fear.wav")).fileLabel, QString("fearful"));
    // Bad input: a clear message, nothing changes.
    const QString error = tab.openPaths({dir.path() + "/notes.txt"});
    QVERIFY(!error.isEmpty());
    QCOMPARE(doc->count(), 2);
    QVERIFY(tab.statusText().contains(error));
  }

  void segmentsWithTheKeyboard() {
    if (!context_.model()) QSKIP("no model bundle in models/default: the timeline needs one");
    ReviewTab tab(&context_);
    tab.resize(1100, 650);
    tab.show();
    tab.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&tab));
    QSignalSpy analysed(&tab, &ReviewTab::clipAnalysed);
    QCOMPARE(tab.openPaths({samplesDir()}), QString());
    QVERIFY(analysed.wait(30000));
    QVERIFY(tab.overview()->timelineSegments() > 0);
    QTest::keyClick(tab.clipTable(), Qt::Key_BracketRight);  // first model segment
    auto [start, end] = tab.selectedSegment();
    QVERIFY(end > start);
    QTest::keyClick(tab.clipTable(), Qt::Key_3);
    const AnnotationSet set = tab.document()->annotations(tab.currentRow());
    const Tier* human = set.findTier("human");
    QVERIFY(human);
    QCOMPARE(human->segments.size(), size_t(1));
    QCOMPARE(human->segments[0].label, tab.keyLabels()[2]);
    QCOMPARE(human->segments[0].start, start);
    QTest::keyClick(tab.clipTable(), Qt::Key_Escape);
    QCOMPARE(tab.selectedSegment().second, 0.0);

    // The export carries both tiers: the human segment and the model's timeline.
    QTemporaryDir out;
    const QString grid = out.path() + "/clip.TextGrid";
    QCOMPARE(tab.exportLabels(grid, LabelFormat::TextGrid), QString());
    auto sets = readAnnotations(grid.toStdString());
    QVERIFY2(sets, sets.error().c_str());
    QVERIFY(sets->front().findTier("human"));
    const Tier* model = sets->front().findTier("model");
    QVERIFY(model);
    QVERIFY(!model->segments.empty());
    QCOMPARE(model->segments.front().start, start);  // the first run the keyboard selected
  }

  void exportAndReimportEachFormat() {
    ReviewTab tab(&context_);
    QCOMPARE(tab.openPaths({samplesDir()}), QString());
    ReviewDocument* doc = tab.document();
    const int row = rowOf(doc, "03-01-04-02-02-01-02.wav");
    tab.selectRow(row);
    QCOMPARE(tab.currentRow(), row);
    QCOMPARE(doc->setHumanLabel(row, "calm"), QString());
    QCOMPARE(doc->setSegmentLabel(row, 0.5, 1.25, "sad"), QString());
    QCOMPARE(doc->setSegmentLabel(row, 1.25, 2.0, "calm"), QString());
    const int other = rowOf(doc, "YAF_back_fear.wav");
    QCOMPARE(doc->setHumanLabel(other, "surprised"), QString());
    const AnnotationSet before = doc->annotations(row);

    QTemporaryDir out;
    for (LabelFormat f : {LabelFormat::Csv, LabelFormat::Json, LabelFormat::Audacity, LabelFormat::TextGrid}) {
      const QString path = out.path() + "/labels" + QString::fromStdString(labelFormatExtension(f));
      const AnnotationSet exported = doc->annotations(row);  // origins as the last import left them
      QCOMPARE(tab.exportLabels(path, f), QString());
      QVERIFY(QFileInfo::exists(path));
      // Wipe the clip's annotations, then import them back.
      QCOMPARE(doc->clearSegment(row, 0, 100), QString());
      QCOMPARE(doc->setHumanLabel(row, ""), QString());
      if (f == LabelFormat::Csv || f == LabelFormat::Json) QCOMPARE(doc->setHumanLabel(other, ""), QString());
      QCOMPARE(tab.importLabels(path), QString());
      const AnnotationSet after = doc->annotations(row);
      const Tier* human = after.findTier("human");
      QVERIFY2(human, qPrintable(path));
      QCOMPARE(human->segments.size(), size_t(2));
      QCOMPARE(human->segments[0].label, std::string("sad"));
      QCOMPARE(human->segments[1].end, 2.0);
      if (f == LabelFormat::Csv || f == LabelFormat::Json) {
        QCOMPARE(after.clipLabel("human"), std::string("calm"));  // clip labels travel in CSV/JSON
        QCOMPARE(doc->humanLabel(other), QString("surprised"));
      }
      QCOMPARE(doc->setHumanLabel(row, "calm"), QString());
      QCOMPARE(doc->setHumanLabel(other, "surprised"), QString());
      QVERIFY2(sameLabels(doc->annotations(row), before, true),
               (labelFormatName(f) + ":\n" + toCsvAnnotations({doc->annotations(row)}) + "expected\n" + toCsvAnnotations({before})).c_str());
      // Origins: CSV, JSON and TextGrid bring back what was exported; Audacity cannot carry them.
      if (f == LabelFormat::Audacity)
        QCOMPARE(human->segments[0].origin, LabelOrigin::Imported);
      else
        QVERIFY(sameLabels(doc->annotations(row), exported));
    }
    // A broken file is refused with its line number and changes nothing.
    const QString bad = out.path() + "/bad.txt";
    QFile f(bad);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("0.1\t0.5\tangry\nnonsense\n");
    f.close();
    const QString error = tab.importLabels(bad);
    QVERIFY2(error.contains("line 2"), qPrintable(error));
    QVERIFY(sameLabels(doc->annotations(row), before, true));
  }

  void batchPredictionAndCancel() {
    if (!context_.model()) QSKIP("no model bundle in models/default: batch prediction needs one");
    ReviewTab tab(&context_);
    QCOMPARE(tab.openPaths({samplesDir()}), QString());
    QSignalSpy done(&tab, &ReviewTab::batchFinished);
    tab.predictAll();
    QVERIFY(tab.predicting());
    QVERIFY(done.wait(120000));
    QCOMPARE(done.takeFirst().at(0).toBool(), false);
    ReviewDocument* doc = tab.document();
    for (int i = 0; i < doc->count(); ++i) {
      QVERIFY2(doc->clip(i).predicted, qPrintable(doc->clip(i).predictionError));
      QVERIFY(doc->clip(i).confidence > 0.0f && doc->clip(i).confidence <= 1.0f);
      QVERIFY(!doc->clip(i).modelLabel.isEmpty());
    }
    QCOMPARE(tab.progressBar()->value(), doc->count());
    // Disagreements filter shows exactly the disagreeing clips.
    ClipFilterParams p;
    p.mode = ClipFilterParams::Disagreements;
    tab.filter()->setParams(p);
    int disagreeing = 0;
    for (int i = 0; i < doc->count(); ++i) disagreeing += doc->disagrees(i) ? 1 : 0;
    QCOMPARE(tab.filter()->rowCount(), disagreeing);
    tab.filter()->setParams({});
    // Cancel: a second run stopped at once predicts fewer than all clips.
    doc->clearPredictions();
    tab.predictAll();
    tab.cancelPrediction();
    QVERIFY(done.wait(120000));
    QCOMPARE(done.takeFirst().at(0).toBool(), true);
    int predicted = 0;
    for (int i = 0; i < doc->count(); ++i) predicted += doc->clip(i).predicted ? 1 : 0;
    QVERIFY(predicted < doc->count());

    // Switching the model (what "Use this model" does) drops the old predictions, keeps the clip.
    tab.predictAll();
    QVERIFY(done.wait(120000));
    tab.selectRow(2);
    QCOMPARE(context_.loadModel(context_.modelFolder()), QString());
    QCOMPARE(tab.currentRow(), 2);
    for (int i = 0; i < doc->count(); ++i) QVERIFY(!doc->clip(i).predicted);
  }

  void screenshot() {
    const QString shots = qEnvironmentVariable("EMO_SCREENSHOT_DIR");
    if (shots.isEmpty()) QSKIP("set EMO_SCREENSHOT_DIR (scripts/screenshots-review-train.sh)");
    if (!context_.model()) QSKIP("no model: set EMO_MODEL_DIR");
    ReviewTab tab(&context_);
    tab.resize(1400, 800);
    tab.show();
    tab.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&tab));
    QSignalSpy analysed(&tab, &ReviewTab::clipAnalysed);
    QSignalSpy done(&tab, &ReviewTab::batchFinished);
    QCOMPARE(tab.openPaths({samplesDir()}), QString());
    QVERIFY(analysed.wait(30000));
    tab.predictAll();
    QVERIFY(done.wait(120000));
    tab.selectRow(rowOf(tab.document(), "03-01-05-02-01-01-05.wav"));
    QVERIFY(analysed.wait(30000));
    QTest::keyClick(tab.clipTable(), Qt::Key_BracketRight);
    QTest::keyClick(tab.clipTable(), Qt::Key_BracketRight);
    QTest::keyClick(tab.clipTable(), Qt::Key_2);  // the selected segment is labelled by hand
    QTest::keyClick(tab.clipTable(), Qt::Key_Right);
    QTest::qWait(200);
    QDir().mkpath(shots);
    QVERIFY(tab.grab().save(shots + "/review.png"));
  }

  void killLosesNothing() {
    QTemporaryDir sidecars;
    QProcess helper;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(kHelperEnv, "1");
    env.insert("EMO_ANNOTATION_DIR", sidecars.path());
    env.insert("QT_QPA_PLATFORM", "offscreen");
    helper.setProcessEnvironment(env);
    helper.setProgram(QCoreApplication::applicationFilePath());
    helper.setArguments({"killLosesNothing"});  // initTestCase runs first and turns into the helper
    helper.start();
    QVERIFY(helper.waitForStarted());
    // Let it make a good number of edits, then kill it without warning mid-stream.
    QByteArray out;
    QMap<QString, QString> lastReported;
    long long lastEdit = -1;
    auto parse = [&] {
      out += helper.readAllStandardOutput();
      const int end = out.lastIndexOf('\n');
      if (end < 0) return;
      for (const QByteArray& line : out.left(end).split('\n')) {
        const QList<QByteArray> parts = line.split('\t');
        if (parts.size() != 3) continue;  // QtTest's own lines
        lastEdit = parts[0].toLongLong();
        lastReported[QString::fromUtf8(parts[1])] = QString::fromUtf8(parts[2]);
      }
      out = out.mid(end + 1);
    };
    QElapsedTimer clock;
    clock.start();
    while (lastEdit < 40 && clock.elapsed() < 60000) {
      helper.waitForReadyRead(1000);
      parse();
      QVERIFY2(helper.state() == QProcess::Running, helper.readAllStandardError().constData());
    }
    QVERIFY2(lastEdit >= 40, helper.readAllStandardError().constData());
    ::kill(static_cast<pid_t>(helper.processId()), SIGKILL);
    QVERIFY(helper.waitForFinished(10000));
    QCOMPARE(helper.exitStatus(), QProcess::CrashExit);
    parse();

    // Every reported edit is in the sidecar, except that a later edit (saved, not yet reported)
    // may have replaced it.
    QVERIFY(lastEdit >= 39);
    qputenv("EMO_ANNOTATION_DIR", sidecars.path().toUtf8());
    const std::string sidecar = AnnotationStore::sidecarPathFor(samplesDir().toStdString());
    qputenv("EMO_ANNOTATION_DIR", annotations_.path().toUtf8());
    auto store = AnnotationStore::open(sidecar);
    QVERIFY2(store, store.error().c_str());  // never a torn file
    const auto labels = ReviewTab(&context_).keyLabels();
    const int clips = 6;
    const long long next = lastEdit + 1;  // the one edit that may be saved but unreported
    const QString nextClipLabel = QString::fromStdString(labels[static_cast<size_t>((next / clips) % long(labels.size()))]);
    int checked = 0;
    for (auto it = lastReported.begin(); it != lastReported.end(); ++it) {
      const QString stored = QString::fromStdString(store->get(it.key().toStdString()).clipLabel("human"));
      QVERIFY2(stored == it.value() || stored == nextClipLabel,
               qPrintable(it.key() + ": stored '" + stored + "', reported '" + it.value() + "'"));
      ++checked;
    }
    QCOMPARE(checked, clips);
  }
};

QTEST_MAIN(TestReviewTab)
#include "tst_reviewtab.moc"
