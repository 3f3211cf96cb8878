// The Live tab driven through the real window with sample files: played in real time through the
// streaming pipeline, analysed instantly, dropped on the window, saved; bad input gives a message.
#include <QFile>
#include <QMimeData>
#include <QSignalSpy>
#include <QSlider>
#include <QStatusBar>
#include <QLabel>
#include <QTemporaryDir>
#include <QtTest>
#include <numeric>

#include "core/audio/AudioReader.h"
#include "core/infer/LiveSession.h"
#include "core/model/ModelBundle.h"
#include "UiTestSupport.h"
#include "ui/MainWindow.h"
#include "ui/live/LiveEngine.h"
#include "ui/live/LiveTab.h"
#include "ui/live/MessageOverlay.h"
#include "ui/views/EmotionLabel.h"
#include "ui/views/EmotionTimelineChart.h"
#include "ui/views/ProbabilityBars.h"
#include "ui/views/SpectrogramView.h"
#include "ui/views/WaveformView.h"

using namespace emo;
using namespace emo::ui;

/// The headline shows an emotion reading: a label, or "Uncertain (maybe ...)" when the model's
/// calibration says the reading is too unsure (the shipped model on most voices).
static bool showsAReading(EmotionLabel::State s) {
  return s == EmotionLabel::State::Emotion || s == EmotionLabel::State::Uncertain;
}

class TestLiveTab : public QObject {
  Q_OBJECT
  AppContext ctx_;

 private slots:
  void initTestCase() {
    test::isolateSettings("tst_livetab");
    EMO_REQUIRE_DEFAULT_MODEL(ctx_);
  }

  void windowOpensOnDefaultModel() {
    AppContext ctx;
    MainWindow w(&ctx);
    QCOMPARE(w.loadInitialModel(), QString());
    QVERIFY(ctx.model() != nullptr);
    QCOMPARE(w.tabs()->count(), 3);
    QCOMPARE(w.tabs()->tabText(0), QStringLiteral("Live"));
    QCOMPARE(w.tabs()->tabText(1), QStringLiteral("Review"));
    QCOMPARE(w.tabs()->tabText(2), QStringLiteral("Train"));
    QVERIFY(w.statusModelText().contains(QString::fromStdString(ctx.model()->modelType())));
    QVERIFY(w.statusDeviceText().contains(QStringLiteral("CPU")) || w.statusDeviceText().contains(QStringLiteral("CUDA")));
    QVERIFY(w.statusInputText().startsWith(QStringLiteral("Input:")));
    QCOMPARE(w.liveTab()->bars()->probabilities().size(), size_t(0));
    QCOMPARE(w.liveTab()->timeline()->seriesCount(), int(ctx.model()->labels().size()));
  }

  void playedFileFillsEveryView() {
    MainWindow w(&ctx_);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    LiveTab* live = w.liveTab();
    live->setAudiblePlayback(false);
    live->setInstantAnalysis(false);
    live->setSmoothingSeconds(0.0);  // the bars show the engine's frames as they are
    long long speech = 0;
    std::vector<float> lastProbs;
    std::vector<double> utterance;  // sum over the last run of speech frames (what a pause holds)
    int utteranceFrames = 0;
    bool lastWasSpeech = false;
    connect(live->engine(), &LiveEngine::updated, this, [&](const LiveUpdate& u) {
      for (const EmotionFrame& f : u.frames) {
        if (f.speech) {
          ++speech, lastProbs = f.probabilities;
          if (!lastWasSpeech) utterance.assign(f.probabilities.size(), 0.0), utteranceFrames = 0;
          for (size_t i = 0; i < utterance.size(); ++i) utterance[i] += f.probabilities[i];
          ++utteranceFrames;
        }
        lastWasSpeech = f.speech;
      }
    });
    QSignalSpy done(live, &LiveTab::fileAnalysed);
    const QString path = test::sample("03-01-05-02-01-01-05.wav");  // angry, 48 kHz
    QCOMPARE(live->openFile(path), QString());
    QVERIFY(live->playingFile());
    // While it plays, the views fill in step (not all at once).
    QTRY_VERIFY_WITH_TIMEOUT(live->spectrogram()->columnsReceived() > 50, 3000);
    QVERIFY(live->playingFile());
    QVERIFY(done.wait(15000));
    const double seconds = probeAudio(path.toStdString())->seconds();
    // 100 columns a second and about 10 emotion frames a second of audio.
    QVERIFY(std::abs(live->spectrogram()->columnsReceived() - seconds * 100) < 30);
    QVERIFY(live->framesShown() >= int(seconds * 10) - 25);
    QVERIFY(live->waveform()->bucketsReceived() > seconds * 90);
    QVERIFY2(speech > 0, "the engine found no speech in an acted sentence");
    QCOMPARE(live->speechFramesShown(), speech);
    // Bars and chart show probabilities that the engine computed.
    const auto& labels = ctx_.model()->labels();
    const ProbabilityBars* bars = live->bars();
    QCOMPARE(bars->probabilities().size(), labels.size());
    const float sum = std::accumulate(bars->probabilities().begin(), bars->probabilities().end(), 0.0f);
    QVERIFY(std::abs(sum - 1.0f) < 1e-3f);
    if (live->readingKind() == QStringLiteral("held")) {  // the file ends in a pause: its last utterance's mean
      for (size_t i = 0; i < utterance.size(); ++i)
        QVERIFY(std::abs(bars->probabilities()[i] - utterance[i] / utteranceFrames) < 1e-5);
    } else {
      QCOMPARE(bars->probabilities(), lastProbs);
    }
    const EmotionTimelineChart* chart = live->timeline();
    QVERIFY(chart->pointCount(0) > 20);
    double maxSeen = 0.0;
    for (int i = 0; i < chart->seriesCount(); ++i) maxSeen = std::max(maxSeen, chart->lastValue(i));
    QVERIFY(maxSeen >= 0.0 && maxSeen <= 1.0);
    const EmotionLabel* label = live->emotionLabel();
    QVERIFY(label->state() != EmotionLabel::State::Idle);
    if (label->state() == EmotionLabel::State::Emotion) {
      QCOMPARE(label->text().toLower(), QString::fromStdString(labels[size_t(bars->topIndex())]).toLower());
      QCOMPARE(label->confidence(), bars->probabilities()[size_t(bars->topIndex())]);
    }
    QVERIFY(!live->analysing());
  }

  void instantAnalysisShowsWholeFile() {
    MainWindow w(&ctx_);
    w.show();
    LiveTab* live = w.liveTab();
    live->setInstantAnalysis(true);
    QSignalSpy done(live, &LiveTab::fileAnalysed);
    const QString path = test::sample("YAF_back_fear.wav");  // 24 414 Hz
    QCOMPARE(live->openFile(path), QString());
    QVERIFY(done.wait(20000));
    const int frames = done.first().first().toInt();
    const double seconds = probeAudio(path.toStdString())->seconds();
    QVERIFY(frames >= int(seconds * 10) - 25);
    QCOMPARE(live->timeline()->pointCount(0), frames);
    QCOMPARE(live->timeline()->axisMin(), 0.0);
    QVERIFY(live->spectrogram()->columnsReceived() > seconds * 90);
    QVERIFY(showsAReading(live->emotionLabel()->state()));
    const auto& p = live->bars()->probabilities();
    QCOMPARE(p.size(), ctx_.model()->labels().size());
    QCOMPARE(live->emotionLabel()->confidence(), *std::max_element(p.begin(), p.end()));
    QVERIFY(live->instantAnalysis());
    // The mode is remembered.
    LiveTab other(&ctx_);
    QVERIFY(other.instantAnalysis());
    live->setInstantAnalysis(false);
  }

  void droppedFileIsOpened() {
    MainWindow w(&ctx_);
    w.show();
    LiveTab* live = w.liveTab();
    live->setAudiblePlayback(false);
    live->setInstantAnalysis(false);
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(test::sample("03-01-03-02-01-02-12.wav"))});
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(live, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(live, &drop);
    QVERIFY(live->playingFile());
    QTRY_VERIFY_WITH_TIMEOUT(live->spectrogram()->columnsReceived() > 30, 3000);
    live->stopFile();
    QVERIFY(!live->playingFile());
  }

  void seekingRestartsAnalysisAtThePosition() {
    MainWindow w(&ctx_);
    w.show();
    LiveTab* live = w.liveTab();
    live->setAudiblePlayback(false);
    live->setInstantAnalysis(false);
    QCOMPARE(live->openFile(test::sample("YAF_back_fear.wav")), QString());
    auto* slider = live->findChild<QSlider*>(QStringLiteral("position"));
    QVERIFY(slider);
    QVERIFY(slider->maximum() >= 15);  // tenths of a second
    std::vector<double> times;
    connect(live->engine(), &LiveEngine::updated, this, [&](const LiveUpdate& u) {
      for (const EmotionFrame& f : u.frames) times.push_back(f.time);
    });
    QTest::qWait(300);
    slider->setValue(10);  // 1.0 s
    emit slider->sliderReleased();
    QVERIFY(live->playingFile());
    times.clear();
    QSignalSpy done(live, &LiveTab::fileAnalysed);
    QVERIFY(done.wait(10000));
    QVERIFY(!times.empty());
    QVERIFY2(times.front() >= 1.0, "frames after a seek carry file time");
  }

  void badFilesGiveMessagesNotCrashes() {
    QTemporaryDir tmp;
    MainWindow w(&ctx_);
    w.show();
    LiveTab* live = w.liveTab();
    QString err = live->openFile(tmp.filePath(QStringLiteral("missing.wav")));
    QVERIFY(!err.isEmpty());
    const QString shown = live->overlay()->currentMessage();
    QVERIFY(shown.contains(QStringLiteral("missing.wav")));
    QCOMPARE(shown.count(QStringLiteral("missing.wav")), 1);  // named once, by its name
    QVERIFY2(!shown.contains(tmp.path()), qPrintable(shown));
    // The status bar shows it whole at the default window size.
    w.resize(1280, 800);
    QApplication::processEvents();
    live->showMessage(shown);
    QCOMPARE(w.statusBar()->currentMessage(), shown);
    int room = w.statusBar()->width();
    for (QLabel* l : w.statusBar()->findChildren<QLabel*>())
      if (l->isVisible() && l->objectName().startsWith(QStringLiteral("status"))) room -= l->width();
    QVERIFY2(w.statusBar()->fontMetrics().horizontalAdvance(shown) < room,
             qPrintable(QStringLiteral("%1 px of text in %2 px").arg(w.statusBar()->fontMetrics().horizontalAdvance(shown)).arg(room)));
    QFile junk(tmp.filePath(QStringLiteral("junk.wav")));
    QVERIFY(junk.open(QIODevice::WriteOnly));
    junk.write("this is not audio at all, just text pretending to be a wav file");
    junk.close();
    err = live->openFile(junk.fileName());
    QVERIFY(!err.isEmpty());
    QVERIFY(!live->playingFile());
    QVERIFY(QApplication::activeModalWidget() == nullptr);
    QVERIFY(!live->saveRecording(tmp.filePath(QStringLiteral("x.wav"))).isEmpty());  // nothing yet
    // A good file clears the error everywhere.
    QVERIFY(!live->overlay()->currentMessage().isEmpty());
    live->setInstantAnalysis(true);
    QSignalSpy done(live, &LiveTab::fileAnalysed);
    QCOMPARE(live->openFile(test::sample("03-01-01-01-01-01-07.wav")), QString());
    QCOMPARE(live->overlay()->currentMessage(), QString());
    QCOMPARE(w.statusBar()->currentMessage(), QString());
    QVERIFY(done.wait(20000));
    live->setInstantAnalysis(false);
  }

  void saveWritesTheAnalysedAudio() {
    QTemporaryDir tmp;
    MainWindow w(&ctx_);
    LiveTab* live = w.liveTab();
    live->setInstantAnalysis(true);
    QSignalSpy done(live, &LiveTab::fileAnalysed);
    const QString path = test::sample("03-01-01-01-01-01-07.wav");
    QCOMPARE(live->openFile(path), QString());
    QVERIFY(done.wait(20000));
    const QString out = tmp.filePath(QStringLiteral("saved.wav"));
    QCOMPARE(live->saveRecording(out), QString());
    auto a = probeAudio(path.toStdString());
    auto b = probeAudio(out.toStdString());
    QVERIFY(a && b);
    QCOMPARE(b->frames, a->frames);
    QCOMPARE(b->channels, 1);
    live->setInstantAnalysis(false);
  }
};

QTEST_MAIN(TestLiveTab)
#include "tst_livetab.moc"
