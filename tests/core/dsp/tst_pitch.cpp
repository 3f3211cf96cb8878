// F0 (YIN): synthetic sines and harmonic tones 100-400 Hz within 1%, silence and white noise
// unvoiced; FeatureKind::F0 has two columns (Hz, voiced flag); the FFT difference function agrees
// with the lag-by-lag sum of the YIN paper on real speech.
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <random>

#include "core/dsp/FeatureExtractor.h"
#include "core/dsp/YinPitch.h"
#include "support/TestPaths.h"

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

/// YIN exactly as de Cheveigné & Kawahara write it: the difference function summed lag by lag
/// (what YinPitch computed before it used FFTW). Returns f0 in Hz, 0 when unvoiced.
double lagSumYin(const float* x, const FeatureParams& p) {
  const int maxTau = YinPitch::lastLag(p), tauMax = maxTau - 1;
  const int tauMin = std::max(2, int(std::floor(p.sampleRate / double(p.f0Max))));
  const int w = p.f0FrameLength - maxTau;
  double energy = 0.0;
  for (int j = 0; j < p.f0FrameLength; ++j) energy += double(x[j]) * x[j];
  if (energy < 1e-10 * p.f0FrameLength) return 0.0;
  std::vector<double> cmnd(maxTau + 1, 1.0);
  double running = 0.0;
  for (int tau = 1; tau <= maxTau; ++tau) {
    double d = 0.0;
    for (int j = 0; j < w; ++j) d += (double(x[j]) - x[j + tau]) * (double(x[j]) - x[j + tau]);
    running += d;
    cmnd[tau] = running > 0.0 ? d * tau / running : 1.0;
  }
  for (int tau = tauMin; tau <= tauMax; ++tau) {
    if (cmnd[tau] >= p.yinThreshold) continue;
    while (tau + 1 <= tauMax && cmnd[tau + 1] < cmnd[tau]) ++tau;
    const double a = cmnd[tau - 1], b = cmnd[tau], c = cmnd[tau + 1], denom = a - 2 * b + c;
    const double shift = denom > 0.0 ? std::clamp(0.5 * (a - c) / denom, -1.0, 1.0) : 0.0;
    return p.sampleRate / (tau + shift);
  }
  return 0.0;
}

std::vector<float> readF32(const QString& path) {
  std::ifstream in(path.toStdString(), std::ios::binary | std::ios::ate);
  std::vector<float> y(in ? size_t(in.tellg()) / sizeof(float) : 0);
  in.seekg(0);
  in.read(reinterpret_cast<char*>(y.data()), std::streamsize(y.size() * sizeof(float)));
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

  // Found by fuzz_feature_params when the difference function was summed lag by lag (then ~4 s of
  // work per second of audio, so validate() refused them): with FFTW they are accepted and work.
  void longFrameAtAnOddRate() {
    const auto p = FeatureParams::fromJson("{\"sampleRate\": 97530, \"fmax\": 8000, \"f0FrameLength\": 9895}");
    QVERIFY2(p.ok(), p.error().c_str());
    QVERIFY2(p->validate().ok(), p->validate().error().c_str());
    QCOMPARE(YinPitch::fftLength(*p), 16384);
    const auto y = tone(220.0, 4, 0.5, p->sampleRate);
    const Matrix m = FeatureExtractor{*p}.compute(y.data(), y.size(), {FeatureKind::F0}).get(FeatureKind::F0);
    const int mid = m.rows / 2;
    QCOMPARE(m.at(mid, 1), 1.0f);
    QVERIFY2(std::fabs(m.at(mid, 0) - 220.0) < 2.2, qPrintable(QString("%1 Hz").arg(m.at(mid, 0))));
  }

  // The difference function from FFTW's cross-correlation and prefix-sum energies gives the same
  // pitch track as the lag-by-lag sum, frame by frame, on 4.1 s of real speech (RAVDESS, 16 kHz).
  void fftDifferenceMatchesLagSum() {
    const std::vector<float> y = readF32(emo::test::shared("golden/ravdess/input_16k.f32"));
    QVERIFY2(y.size() > 16000, "golden/ravdess/input_16k.f32 missing or short");
    const FeatureParams p;
    YinPitch yin(p);
    int frames = 0, voiced = 0;
    for (size_t start = 0; start + p.f0FrameLength <= y.size(); start += p.hopLength, ++frames) {
      float out[2];
      yin.estimate(y.data() + start, out);
      const double expected = lagSumYin(y.data() + start, p);
      QVERIFY2((out[1] == 1.0f) == (expected > 0.0),
               qPrintable(QString("frame %1: voiced %2, lag sum says %3 Hz").arg(frames).arg(out[1]).arg(expected)));
      if (expected > 0.0) {
        ++voiced;
        QVERIFY2(std::fabs(out[0] - expected) <= 1e-5 * expected,
                 qPrintable(QString("frame %1: %2 Hz, lag sum %3 Hz").arg(frames).arg(out[0]).arg(expected)));
      }
    }
    QVERIFY2(voiced >= 50, qPrintable(QString("only %1 of %2 frames voiced").arg(voiced).arg(frames)));
  }
};

QTEST_GUILESS_MAIN(TestPitch)
#include "tst_pitch.moc"
