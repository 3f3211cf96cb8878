// F0 (YIN): synthetic sines and harmonic tones 100-400 Hz within 1%, silence and white noise
// unvoiced; FeatureKind::F0 has two columns (Hz, voiced flag).
#include <QtTest>

#include <cmath>
#include <random>

#include "core/dsp/FeatureExtractor.h"

using namespace emo;

namespace {

std::vector<float> tone(double f0, int harmonics, double seconds = 1.0, int sr = 16000) {
  std::vector<float> y(size_t(seconds * sr));
  const double pi = 3.14159265358979323846;
  for (size_t n = 0; n < y.size(); ++n) {
    double v = 0.0;
    for (int h = 1; h <= harmonics; ++h) v += std::sin(2 * pi * f0 * h * n / sr + 0.3 * h) / h;
    y[n] = float(0.3 * v);
  }
  return y;
}

}  // namespace

class TestPitch : public QObject {
  Q_OBJECT

 private slots:
  void tones_data() {
    QTest::addColumn<double>("f0");
    QTest::addColumn<int>("harmonics");
    for (double f : {100.0, 146.8, 220.0, 311.1, 400.0}) {
      QTest::newRow(qPrintable(QString("sine %1").arg(f))) << f << 1;
      QTest::newRow(qPrintable(QString("harmonic %1").arg(f))) << f << 6;
    }
  }

  void tones() {
    QFETCH(double, f0);
    QFETCH(int, harmonics);
    const auto y = tone(f0, harmonics);
    FeatureExtractor fx{FeatureParams{}};
    const FeatureSet f = fx.compute(y.data(), y.size(), {FeatureKind::F0});
    const Matrix& m = f.get(FeatureKind::F0);
    QCOMPARE(m.cols, 2);
    QCOMPARE(m.rows, 101);
    // Frames whose 1024-sample window lies inside the tone.
    for (int t = 4; t < m.rows - 4; ++t) {
      QVERIFY2(m.at(t, 1) == 1.0f, qPrintable(QString("frame %1 unvoiced").arg(t)));
      const double err = std::fabs(m.at(t, 0) - f0) / f0;
      QVERIFY2(err < 0.01, qPrintable(QString("frame %1: %2 Hz for %3 Hz").arg(t).arg(m.at(t, 0)).arg(f0)));
    }
  }

  void silenceIsUnvoiced() {
    const std::vector<float> y(16000, 0.0f);
    FeatureExtractor fx{FeatureParams{}};
    const Matrix m = fx.compute(y.data(), y.size(), {FeatureKind::F0}).get(FeatureKind::F0);
    for (int t = 0; t < m.rows; ++t) {
      QCOMPARE(m.at(t, 0), 0.0f);
      QCOMPARE(m.at(t, 1), 0.0f);
    }
  }

  void whiteNoiseIsUnvoiced() {
    std::mt19937 rng(42);
    std::normal_distribution<float> noise(0.0f, 0.2f);
    std::vector<float> y(32000);
    for (float& v : y) v = noise(rng);
    FeatureExtractor fx{FeatureParams{}};
    const Matrix m = fx.compute(y.data(), y.size(), {FeatureKind::F0}).get(FeatureKind::F0);
    int voiced = 0;
    for (int t = 0; t < m.rows; ++t) {
      voiced += m.at(t, 1) != 0.0f;
      if (m.at(t, 1) == 0.0f) QCOMPARE(m.at(t, 0), 0.0f);
    }
    QVERIFY2(voiced == 0, qPrintable(QString("%1 of %2 noise frames voiced").arg(voiced).arg(m.rows)));
  }

  void toneThenSilence() {
    auto y = tone(200.0, 3, 0.5);
    y.resize(16000, 0.0f);
    FeatureExtractor fx{FeatureParams{}};
    const Matrix m = fx.compute(y.data(), y.size(), {FeatureKind::F0}).get(FeatureKind::F0);
    QCOMPARE(m.at(20, 1), 1.0f);
    QCOMPARE(m.at(90, 1), 0.0f);  // window entirely in the silent half
  }
};

QTEST_GUILESS_MAIN(TestPitch)
#include "tst_pitch.moc"
