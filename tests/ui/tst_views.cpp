// The live views on synthetic data: they receive, keep and paint what they are given.
#include <QSignalSpy>
#include <QtTest>
#include <cmath>

#include "UiTestSupport.h"
#include "core/audio/AudioReader.h"
#include "core/infer/EmotionFrame.h"
#include "ui/live/ProbabilitySmoother.h"
#include "ui/views/ColorMap.h"
#include "ui/views/EmotionLabel.h"
#include "ui/views/EmotionTimelineChart.h"
#include "ui/views/LevelMeter.h"
#include "ui/views/ProbabilityBars.h"
#include "ui/views/SpectrogramView.h"
#include "ui/views/WaveformView.h"

using namespace emo;
using namespace emo::ui;

namespace {
const std::vector<std::string> kLabels = {"neutral", "happy", "sad", "angry"};

EmotionFrame frame(double t, std::vector<float> p) {
  EmotionFrame f;
  f.time = t;
  f.speech = !p.empty();
  f.probabilities = std::move(p);
  if (f.speech) {
    f.top = int(std::max_element(f.probabilities.begin(), f.probabilities.end()) - f.probabilities.begin());
    f.confidence = f.probabilities[size_t(f.top)];
  }
  return f;
}
}  // namespace

class TestViews : public QObject {
  Q_OBJECT
 private slots:
  void colorMapIsMonotoneInLightness() {
    for (auto kind : {ColorMap::Kind::Viridis, ColorMap::Kind::Magma}) {
      ColorMap m(kind);
      // Perceptual maps brighten from low to high values.
      QVERIFY(qGray(m.at(0.0f)) < qGray(m.at(0.5f)));
      QVERIFY(qGray(m.at(0.5f)) < qGray(m.at(1.0f)));
      QCOMPARE(m.at(-3.0f), m.at(0.0f));
      QCOMPARE(m.at(std::nanf("")), m.at(0.0f));
      QCOMPARE(m.atDb(-20.0f, -100.0f, -20.0f), m.at(1.0f));
    }
  }

  void spectrogramPaintsOnlyNewColumnsAndScrolls() {
    SpectrogramView v;
    SpectrogramViewParams p;
    p.historyColumns = 50;
    p.melBands = 8;
    v.setParams(p);
    v.resize(400, 200);
    v.show();
    QVERIFY(QTest::qWaitForWindowExposed(&v));
    Matrix cols(3, 8, -100.0f);
    for (int r = 0; r < 3; ++r) cols.at(r, 6) = -10.0f;  // one loud band
    v.appendColumns(cols);
    QCOMPARE(v.columnsReceived(), 3LL);
    QVERIFY(qGray(v.newestColour(6)) > qGray(v.newestColour(1)));
    // A wider input re-initialises for the new band count.
    Matrix wide(2, 64, -50.0f);
    v.appendColumns(wide);
    QCOMPARE(v.params().melBands, 64);
    QCOMPARE(v.columnsReceived(), 2LL);
    const long long paints = v.paintCount();
    v.repaint();
    QCOMPARE(v.paintCount(), paints + 1);
    // Mel axis: band centres rise monotonically inside [fmin, fmax].
    QVERIFY(v.bandHz(0) > 0.0f && v.bandHz(0) < v.bandHz(32) && v.bandHz(63) < 8000.0f);
  }

  void waveformKeepsEnvelope() {
    WaveformView w;
    WaveformViewParams p;
    p.historySeconds = 1.0;
    p.bucketSeconds = 0.01;
    w.setParams(p);
    std::vector<float> x(16000);
    for (size_t i = 0; i < x.size(); ++i) x[i] = 0.5f * std::sin(2.0f * 3.14159f * 440.0f * float(i) / 16000.0f);
    w.appendSamples(x.data(), x.size(), 16000);
    QCOMPARE(w.bucketsReceived(), 100LL);
    QVERIFY(std::abs(w.visiblePeak() - 0.5f) < 0.01f);
    w.clear();
    QCOMPARE(w.visiblePeak(), 0.0f);
    w.resize(300, 80);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
  }

  void quietAudioIsScaledUp() {
    // A real sentence at its own level, and the same at -40 dB (a quiet recording).
    auto a = readAudioMono(test::sample("03-01-05-02-01-01-05.wav").toStdString());
    QVERIFY2(a, a.error().c_str());
    float peak = 0.0f;
    for (float v : a->samples) peak = std::max(peak, std::abs(v));
    WaveformView loud;
    loud.appendSamples(a->samples.data(), a->samples.size(), a->sampleRate);
    QVERIFY2(loud.displayGain() < 0.9f / peak + 1e-3f, qPrintable(QString::number(loud.displayGain())));
    std::vector<float> quiet = a->samples;
    for (float& v : quiet) v *= 0.01f;
    WaveformView soft;
    soft.appendSamples(quiet.data(), quiet.size(), a->sampleRate);
    // Drawn 90 % tall, or as tall as 40 dB of gain allows: not as a flat line.
    const float drawn = soft.visiblePeak() * soft.displayGain();
    QVERIFY2(std::abs(drawn - std::min(0.9f, 100.0f * soft.visiblePeak())) < 0.01f, qPrintable(QString::number(drawn)));
    QVERIFY(drawn > 50.0f * soft.visiblePeak());
    QVERIFY(soft.displayGain() > 50.0f);
    std::vector<float> silence(16000, 0.0f);
    WaveformView none;
    none.appendSamples(silence.data(), silence.size(), 16000);
    QCOMPARE(none.displayGain(), 1.0f);  // digital silence stays flat
  }

  void barsShowProbabilitiesAndNoSpeech() {
    ProbabilityBars b;
    b.setLabels(kLabels);
    b.setProbabilities({0.1f, 0.6f, 0.2f, 0.1f});
    QVERIFY(b.speech());
    QCOMPARE(b.topIndex(), 1);
    b.setProbabilities({0.5f, 0.5f});  // wrong size: ignored
    QCOMPARE(b.probabilities().size(), size_t(4));
    b.setNoSpeech();
    QVERIFY(!b.speech());
    b.resize(300, 150);
    b.show();
    QVERIFY(QTest::qWaitForWindowExposed(&b));
    QImage img = b.grab().toImage();
    QVERIFY(!img.isNull());
  }

  void emotionLabelStates() {
    EmotionLabel l;
    QCOMPARE(l.state(), EmotionLabel::State::Idle);
    l.setEmotion("happy", 1, 0.72f);
    QCOMPARE(l.state(), EmotionLabel::State::Emotion);
    QCOMPARE(l.text(), QStringLiteral("Happy"));
    QCOMPARE(l.confidence(), 0.72f);
    l.setNoSpeech();
    QCOMPARE(l.state(), EmotionLabel::State::NoSpeech);
    QCOMPARE(l.text(), QStringLiteral("no speech"));
    // Presentation scale grows the label.
    const int h = l.sizeHint().height();
    l.setScale(2.5);
    QVERIFY(l.sizeHint().height() > 2 * h);
  }

  void timelineScrollsAndDropsOldPoints() {
    EmotionTimelineChart c;
    EmotionTimelineParams p;
    p.windowSeconds = 5.0;
    c.setParams(p);
    c.setLabels(kLabels);
    QCOMPARE(c.seriesCount(), 4);
    QCOMPARE(c.seriesName(2), QStringLiteral("Sad"));
    std::vector<EmotionFrame> frames;
    for (int i = 1; i <= 100; ++i)  // 10 s at 10 frames/s; every 10th frame without speech
      frames.push_back(i % 10 == 0 ? frame(0.1 * i, {}) : frame(0.1 * i, {0.1f, 0.2f, 0.3f, 0.4f}));
    c.appendFrames(frames);
    QVERIFY(c.pointCount(0) <= 52 && c.pointCount(0) >= 50);
    QCOMPARE(c.lastValue(3), 0.0);  // the last frame had no speech
    QCOMPARE(c.axisMax(), 10.0);
    QCOMPARE(c.axisMin(), 5.0);
    c.appendFrames({frame(10.1, {0.7f, 0.1f, 0.1f, 0.1f})});
    QCOMPARE(c.lastValue(0), double(0.7f));
    c.showAll(frames);
    QCOMPARE(c.pointCount(1), 100);
    QCOMPARE(c.axisMin(), 0.0);
    c.setDarkTheme(true);
    QCOMPARE(c.seriesCount(), 4);
  }

  void levelMeterTracksRms() {
    LevelMeter m;
    std::vector<float> x(1600, 0.1f);
    m.pushSamples(x.data(), x.size());
    QVERIFY(std::abs(m.levelDb() - (-20.0f)) < 0.1f);
    std::vector<float> quiet(1600, 0.0f);
    m.pushSamples(quiet.data(), quiet.size());
    QVERIFY(m.levelDb() < -100.0f);
    QVERIFY(m.peakDb() > -22.0f);  // the peak holds and decays slowly
  }

  void smootherAveragesOverTime() {
    ProbabilitySmoother s(1.0);
    EmotionFrame a = s.apply(frame(0.1, {1.0f, 0.0f, 0.0f, 0.0f}));
    QCOMPARE(a.top, 0);
    EmotionFrame b = s.apply(frame(0.2, {0.0f, 1.0f, 0.0f, 0.0f}));
    QCOMPARE(b.top, 0);  // one 100 ms frame does not flip a 1 s average
    QVERIFY(b.probabilities[1] > 0.05f && b.probabilities[1] < 0.15f);
    EmotionFrame silent = s.apply(frame(0.3, {}));
    QVERIFY(!silent.speech);
  }
};

QTEST_MAIN(TestViews)
#include "tst_views.moc"
