// A steady live reading: the headline holds the last utterance's result through a pause (marked
// as held, bars greyed), the whole-recording summary (share of speech time per emotion) sits next
// to it, smoothing is one setting that gives the same result in normal and presentation modes,
// and "Analyse instantly" says its headline is the whole file. Real speech (RAVDESS) through the
// real window and the shipped model.
#include <QLabel>
#include <QSignalSpy>
#include <QtTest>

#include <algorithm>
#include <numeric>

#include "UiTestSupport.h"
#include "core/audio/AudioReader.h"
#include "core/infer/LiveSession.h"
#include "core/model/ModelBundle.h"
#include "ui/MainWindow.h"
#include "ui/live/LiveEngine.h"
#include "ui/live/LiveTab.h"
#include "ui/live/PresentationMode.h"
#include "ui/live/ReadingHold.h"
#include "ui/views/EmotionLabel.h"
#include "ui/views/ProbabilityBars.h"

using namespace emo;
using namespace emo::ui;

namespace {

/// The angry sentence, then `pause` seconds of silence, at 16 kHz.
std::vector<float> speechThenPause(double pause) {
  auto a = readAudioMono(test::sample("03-01-05-02-01-01-05.wav").toStdString());
  std::vector<float> out = a ? a->samples : std::vector<float>{};
  out.resize(out.size() + size_t(pause * 16000), 0.0f);
  return out;
}

/// Plays `audio` through the window (silently paced) and returns every frame the engine made.
std::vector<EmotionFrame> play(LiveTab* live, std::vector<float> audio, const std::function<void()>& during = {}) {
  std::vector<EmotionFrame> frames;
  auto c = QObject::connect(live->engine(), &LiveEngine::updated, live, [&](const LiveUpdate& u) {
    frames.insert(frames.end(), u.frames.begin(), u.frames.end());
    if (during) during();
  });
  QSignalSpy done(live, &LiveTab::fileAnalysed);
  live->openAudio(std::move(audio), 16000, QStringLiteral("speech then pause"));
  done.wait(30000);
  QObject::disconnect(c);
  return frames;
}

}  // namespace

/// The headline shows an emotion reading: a label, or "Uncertain (maybe ...)" when the model's
/// calibration says the reading is too unsure (the shipped model on most voices).
static bool showsAReading(EmotionLabel::State s) {
  return s == EmotionLabel::State::Emotion || s == EmotionLabel::State::Uncertain;
}

class TestSteadyReading : public QObject {
  Q_OBJECT
  AppContext ctx_;

  // A frame at `time`; top and confidence follow the probabilities (none: no speech).
  static EmotionFrame frame(double time, bool speech, float levelDb, std::vector<float> probabilities) {
    EmotionFrame f;
    f.time = time;
    f.speech = speech;
    f.levelDb = levelDb;
    f.probabilities = std::move(probabilities);
    if (!f.probabilities.empty()) {
      f.top = static_cast<int>(std::max_element(f.probabilities.begin(), f.probabilities.end()) - f.probabilities.begin());
      f.confidence = f.probabilities[static_cast<size_t>(f.top)];
    }
    return f;
  }

 private slots:
  void initTestCase() {
    test::isolateSettings("tst_steadyreading");
    EMO_REQUIRE_DEFAULT_MODEL(ctx_);
  }

  void holdKeepsTheUtteranceMeanNotItsLastWindow() {
    ReadingHold hold;
    const EmotionFrame a = frame(0.1, true, -20.0f, {0.8f, 0.2f});
    const EmotionFrame b = frame(0.2, true, -20.0f, {0.4f, 0.6f});  // the trailing window's spike
    EmotionFrame quiet = frame(0.3, false, -70.0f, {});
    QVERIFY(!hold.apply(quiet).frame.speech);  // nothing heard yet: "no speech"
    QVERIFY(!hold.apply(a).held);
    QCOMPARE(hold.apply(b).frame.top, 1);
    const ReadingHold::Reading r = hold.apply(quiet);
    QVERIFY(r.held);
    QCOMPARE(r.frame.top, 0);  // mean (0.6, 0.4): the utterance, not its last window
    QVERIFY(std::abs(r.frame.probabilities[0] - 0.6f) < 1e-6f);
    QCOMPARE(r.heldSince, 0.3);
    quiet.time = 5.0;
    QVERIFY(hold.apply(quiet).held);  // held through the whole pause
    QCOMPARE(hold.current().heldSince, 0.3);
    QVERIFY(!hold.apply(b).held);  // speech again: a new utterance
    QCOMPARE(hold.current().frame.top, 1);
  }

  void livePauseShowsTheHeldUtterance() {
    MainWindow w(&ctx_);
    w.show();
    LiveTab* live = w.liveTab();
    live->setAudiblePlayback(false);
    live->setInstantAnalysis(false);
    live->setSmoothingSeconds(0.0);  // compare with the engine's own frames
    bool sawHeld = false, sawNoSpeechHeadline = false;
    QString heldCaption;
    std::vector<float> heldBars;
    std::vector<EmotionFrame> frames = play(live, speechThenPause(3.0), [&] {
      if (live->readingKind() == QStringLiteral("held") && !sawHeld) {
        sawHeld = true;
        heldCaption = live->readingCaption();
        heldBars = live->bars()->probabilities();
        QVERIFY(showsAReading(live->emotionLabel()->state()));
        QVERIFY(!live->bars()->speech());  // greyed: not what is heard now
      }
      if (sawHeld && live->emotionLabel()->state() == EmotionLabel::State::NoSpeech) sawNoSpeechHeadline = true;
    });
    QVERIFY(!frames.empty());
    QVERIFY2(sawHeld, "the pause never showed a held reading");
    QVERIFY2(!sawNoSpeechHeadline, "the headline fell back to \"no speech\" during the pause");
    QVERIFY2(heldCaption.startsWith(QStringLiteral("Held")), qPrintable(heldCaption));
    // The held values are the mean of the utterance's speech frames.
    std::vector<double> sum;
    int n = 0;
    for (const EmotionFrame& f : frames) {
      if (!f.speech) {
        if (n > 0) break;
        continue;
      }
      if (sum.empty()) sum.assign(f.probabilities.size(), 0.0);
      for (size_t i = 0; i < sum.size(); ++i) sum[i] += f.probabilities[i];
      ++n;
    }
    QVERIFY(n > 5);
    QCOMPARE(heldBars.size(), sum.size());
    for (size_t i = 0; i < sum.size(); ++i) QVERIFY(std::abs(heldBars[i] - sum[i] / n) < 1e-5);
    // Still held at the end of the 3 s pause.
    QCOMPARE(live->readingKind(), QStringLiteral("held"));
    QVERIFY(showsAReading(live->emotionLabel()->state()));

    // The whole-recording summary: shares of the speech time, from the same frames; readings
    // under the model's "uncertain" threshold count as uncertain time, not as their top label.
    const double below = ctx_.model()->info().uncertainBelow;
    int speech = 0, uncertain = 0;
    std::vector<int> top(sum.size(), 0);
    for (const EmotionFrame& f : frames) {
      if (!f.speech) continue;
      ++speech;
      if (f.probabilities[size_t(f.top)] < below) ++uncertain;
      else ++top[size_t(f.top)];
    }
    QVERIFY(std::abs(live->summary().speechSeconds() - speech * 0.1) < 0.051);
    const std::vector<double> shares = live->summary().shares();
    QVERIFY(std::abs(live->summary().uncertainShare() - double(uncertain) / speech) < 1e-6);
    QVERIFY(std::abs(std::accumulate(shares.begin(), shares.end(), live->summary().uncertainShare()) - 1.0) < 1e-9);
    const QString text = live->summaryText();
    QVERIFY2(text.startsWith(QStringLiteral("Whole file")) && text.contains(QStringLiteral("s of speech")), qPrintable(text));
    if (uncertain < speech) {
      const size_t best = size_t(std::max_element(top.begin(), top.end()) - top.begin());
      QCOMPARE(size_t(std::max_element(shares.begin(), shares.end()) - shares.begin()), best);
      QVERIFY2(text.contains(QString::number(int(shares[best] * 100.0 + 0.5)) + QStringLiteral(" %")), qPrintable(text));
    }
    if (uncertain > 0) {
      const QString share = QString::number(int(double(uncertain) / speech * 100.0 + 0.5)) + QStringLiteral(" %");
      QVERIFY2(text.contains(QStringLiteral("Uncertain")) && text.contains(share), qPrintable(text));
    }
    QVERIFY(live->summaryView()->isVisible());
  }

  void smoothingIsOneSettingForBothModes() {
    MainWindow w(&ctx_);
    w.show();
    LiveTab* live = w.liveTab();
    live->setAudiblePlayback(false);
    live->setInstantAnalysis(false);
    live->setSmoothingSeconds(2.0);
    QCOMPARE(QSettings().value(QStringLiteral("live/smoothingSeconds")).toDouble(), 2.0);
    {
      LiveTab other(&ctx_);
      QCOMPARE(other.smoothingSeconds(), 2.0);  // remembered
    }
    auto a = readAudioMono(test::sample("03-01-05-02-01-01-05.wav").toStdString());
    QVERIFY(a);
    std::vector<float> probsNormal, probsPresenting;
    std::vector<EmotionFrame> raw = play(live, a->samples);
    probsNormal = live->bars()->probabilities();
    // Smoothing changes what is shown: the bars are not the last raw frame.
    EmotionFrame lastSpeech;
    for (const EmotionFrame& f : raw)
      if (f.speech) lastSpeech = f;
    QVERIFY(!probsNormal.empty());
    if (live->readingKind() == QStringLiteral("now")) QVERIFY(probsNormal != lastSpeech.probabilities);
    // The same audio in presentation mode gives the same reading.
    w.presentation()->setActive(true);
    play(live, a->samples);
    probsPresenting = live->bars()->probabilities();
    w.presentation()->setActive(false);
    QCOMPARE(probsPresenting.size(), probsNormal.size());
    for (size_t i = 0; i < probsNormal.size(); ++i) QVERIFY(std::abs(probsNormal[i] - probsPresenting[i]) < 1e-5f);
    live->setSmoothingSeconds(1.0);
  }

  void instantAnalysisSaysItIsTheWholeFile() {
    MainWindow w(&ctx_);
    w.show();
    LiveTab* live = w.liveTab();
    live->setInstantAnalysis(true);
    QSignalSpy done(live, &LiveTab::fileAnalysed);
    QCOMPARE(live->openFile(test::sample("YAF_back_fear.wav")), QString());
    QVERIFY(done.wait(20000));
    QCOMPARE(live->readingKind(), QStringLiteral("file"));
    QVERIFY2(live->readingCaption().startsWith(QStringLiteral("Whole file: mean over")), qPrintable(live->readingCaption()));
    QVERIFY(live->readingCaption().contains(QStringLiteral("not the last window")));
    QVERIFY2(live->summaryText().startsWith(QStringLiteral("Whole file")), qPrintable(live->summaryText()));
    QVERIFY(live->summary().speechSeconds() > 0.5);
    live->setInstantAnalysis(false);
  }
};

QTEST_MAIN(TestSteadyReading)
#include "tst_steadyreading.moc"
