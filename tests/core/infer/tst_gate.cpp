// The adaptive speech gate (issue 18): quiet speech is speech, noise alone is not, at any level.
// The quietest normal-intensity sad RAVDESS clips (found here by measuring their peaks; the issue's
// "peaks near -40 dBFS") are speech for the utterance and the timeline (the paths the CLI and
// the Review tab take); white and pink noise at -60..-10 dBFS, digital silence, and noise that
// starts after a silent stretch give no scored window.
#include <QDir>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

#include "InferTestModel.h"
#include "core/audio/AudioReader.h"
#include "core/infer/SpeechGate.h"
#include "core/infer/StreamingClassifier.h"
#include "core/infer/TimelinePredictor.h"
#include "support/TestPaths.h"

using namespace emo;

namespace {

constexpr int kRate = 16000;

/// Gaussian white noise, or pink noise (Paul Kellet's filter of white noise), scaled to an RMS of
/// `rmsDb` dBFS.
std::vector<float> noise(double seconds, float rmsDb, bool pink, unsigned seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<float> white(0.0f, 1.0f);
  std::vector<float> x(static_cast<size_t>(seconds * kRate));
  float b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0;
  for (float& v : x) {
    const float w = white(rng);
    if (!pink) {
      v = w;
      continue;
    }
    b0 = 0.99886f * b0 + w * 0.0555179f;
    b1 = 0.99332f * b1 + w * 0.0750759f;
    b2 = 0.96900f * b2 + w * 0.1538520f;
    b3 = 0.86650f * b3 + w * 0.3104856f;
    b4 = 0.55000f * b4 + w * 0.5329522f;
    b5 = -0.7616f * b5 - w * 0.0168980f;
    v = b0 + b1 + b2 + b3 + b4 + b5 + b6 + w * 0.5362f;
    b6 = w * 0.115926f;
  }
  double sum = 0;
  for (float v : x) sum += double(v) * v;
  const double gain = std::pow(10.0, rmsDb / 20.0) / std::sqrt(sum / double(x.size()));
  for (float& v : x) v = static_cast<float>(v * gain);
  return x;
}

float peakDb(const std::vector<float>& x) {
  float peak = 0;
  for (float v : x) peak = std::max(peak, std::abs(v));
  return SpeechGate::toDb(peak);
}

}  // namespace

class TestGate : public QObject {
  Q_OBJECT

  std::shared_ptr<const ModelBundle> model_;

  /// Every frame the stream emits for `x` (pushed in 100 ms blocks) is "no speech" and not held.
  void expectNoSpeech(const std::vector<float>& x, const QString& what) {
    StreamingClassifier stream(model_);
    for (size_t pos = 0; pos < x.size(); pos += kRate / 10)
      QVERIFY(stream.push(x.data() + pos, std::min<size_t>(kRate / 10, x.size() - pos), kRate));
    stream.finish();
    const auto frames = stream.takeFrames();
    QVERIFY(!frames.empty());
    for (const auto& f : frames)
      QVERIFY2(!f.speech && !f.held && f.probabilities.empty(), qPrintable(QString("%1: frame at %2 s").arg(what).arg(f.time)));
    auto u = TimelinePredictor(model_).predictUtterance(AudioBuffer{x, kRate, {}});
    QVERIFY2(u && !u->speech, qPrintable(what + ": the utterance was classified"));
  }

 private slots:
  void initTestCase() {
    model_ = test::defaultModel();
    QVERIFY2(model_, "the default model must load");
  }

  void quietSadClipsAreSpeech() {
    // Normal-intensity sad clips (03-01-04-01-*) of every actor; the quiet ones peak under -38 dBFS.
    const QDir root(test::shared("data/ravdess"));
    int quiet = 0;
    for (const QString& actor : root.entryList({"Actor_*"}, QDir::Dirs, QDir::Name)) {
      const QDir dir(root.filePath(actor));
      for (const QString& name : dir.entryList({"03-01-04-01-*.flac"}, QDir::Files, QDir::Name)) {
        const std::string path = dir.filePath(name).toStdString();
        auto audio = readAudioMono(path);
        QVERIFY2(audio, audio.error().c_str());
        const float peak = peakDb(audio->samples);
        if (peak > -38.0f) continue;
        ++quiet;
        TimelinePredictor predictor(model_);
        auto u = predictor.predictUtterance(*audio);
        QVERIFY2(u, u.error().c_str());
        QVERIFY2(u->speech, qPrintable(QString("%1 (peak %2 dBFS) is 'no speech'").arg(name).arg(peak, 0, 'f', 1)));
        auto t = predictor.timeline(*audio);
        QVERIFY2(t, t.error().c_str());
        const double speechSeconds = std::accumulate(t->begin(), t->end(), 0.0, [](double s, const TimelineSegment& g) {
          return s + (g.speech ? g.end - g.start : 0.0);
        });
        QVERIFY2(speechSeconds >= 0.5, qPrintable(QString("%1: only %2 s of the timeline is speech").arg(name).arg(speechSeconds)));
      }
    }
    QVERIFY2(quiet >= 4, qPrintable(QString("expected several quiet sad clips, found %1").arg(quiet)));
  }

  void noiseAloneIsNoSpeech() {
    for (bool pink : {false, true})
      for (float level : {-60.0f, -40.0f, -20.0f, -10.0f})
        expectNoSpeech(noise(6.0, level, pink, 11), QString("%1 noise at %2 dBFS").arg(pink ? "pink" : "white").arg(level));
  }

  void digitalSilenceIsNoSpeech() {
    expectNoSpeech(std::vector<float>(kRate * 4, 0.0f), "digital silence");
    // The absolute floor: 16-bit dither (about -100 dBFS) is silence too.
    expectNoSpeech(noise(4.0, -100.0f, false, 5), "dither");
  }

  void noiseAfterSilenceIsNoSpeech() {
    // A fan (broadband, steady) switched on after 3 s of digital silence, which holds the
    // percentile down: the gate learns the fan from its steadiness within kSteadySeconds.
    std::vector<float> x(kRate * 3, 0.0f);
    const auto fan = noise(5.0, -35.0f, false, 9);
    x.insert(x.end(), fan.begin(), fan.end());
    expectNoSpeech(x, "pink noise after silence");
  }

  void gateFollowsTheInputsFloor() {
    // The same frames give the same decisions, and the floor is the noise's level (within a
    // few dB) whatever that level is.
    for (float level : {-65.0f, -45.0f, -25.0f}) {
      SpeechGate gate(-70.0f, 10.0f, 0.01);
      const auto x = noise(3.0, level, false, 3);
      for (size_t pos = 0; pos + 160 <= x.size(); pos += 160) {
        double sum = 0;
        for (size_t i = pos; i < pos + 160; ++i) sum += double(x[i]) * x[i];
        gate.push(static_cast<float>(std::sqrt(sum / 160)));
      }
      QVERIFY2(std::abs(gate.noiseFloorDb() - level) < 3.0f, qPrintable(QString("floor %1 for noise at %2").arg(gate.noiseFloorDb()).arg(level)));
    }
  }
};

QTEST_GUILESS_MAIN(TestGate)
#include "tst_gate.moc"
