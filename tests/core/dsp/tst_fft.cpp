// The STFT (FFTW double precision, any nFft) against a direct DFT, extractors built and run on
// several threads at once, and invalid parameters refused without a crash.
#include <QtTest>

#include <cmath>
#include <random>
#include <thread>

#include "core/dsp/FeatureExtractor.h"
#include "core/dsp/SparseFilterbank.h"
#include "core/dsp/StreamingFeatureExtractor.h"

using namespace emo;

namespace {

constexpr double kPi = 3.14159265358979323846;

std::vector<float> noise(size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> u(-0.5f, 0.5f);
  std::vector<float> y(n);
  for (float& v : y) v = u(rng);
  return y;
}

// |DFT|^2 of frame t of y (centred, zero padded), straight from the definition, in double.
std::vector<double> directPower(const std::vector<float>& y, const FeatureParams& p, int t) {
  const std::vector<float> w = paddedHannWindow(p);
  std::vector<double> out(p.bins());
  for (int k = 0; k < p.bins(); ++k) {
    double re = 0, im = 0;
    for (int j = 0; j < p.nFft; ++j) {
      const long long i = (long long)t * p.hopLength - p.nFft / 2 + j;
      const double x = i >= 0 && i < (long long)y.size() ? double(w[j]) * y[size_t(i)] : 0.0;
      re += x * std::cos(2 * kPi * double(j) * k / p.nFft);
      im -= x * std::sin(2 * kPi * double(j) * k / p.nFft);
    }
    out[k] = re * re + im * im;
  }
  return out;
}

}  // namespace

class TestFft : public QObject {
  Q_OBJECT

 private slots:
  // Power-of-two and other sizes against the direct DFT, to 1e-9 of the frame's strongest bin
  // (double precision everywhere; FFTW single precision was 1e-5 here).
  void powerSpectrumPaths_data() {
    QTest::addColumn<int>("nFft");
    QTest::addColumn<double>("tolerance");
    QTest::newRow("512") << 512 << 1e-9;
    QTest::newRow("1024") << 1024 << 1e-9;
    QTest::newRow("400") << 400 << 1e-9;
    QTest::newRow("480") << 480 << 1e-9;
  }

  void powerSpectrumPaths() {
    QFETCH(int, nFft);
    QFETCH(double, tolerance);
    FeatureParams p;
    p.nFft = nFft;
    p.winLength = 400;
    QVERIFY(p.validate().ok());
    const auto y = noise(8000, 3);
    FeatureExtractor fx(p);
    const Matrix power = fx.compute(y.data(), y.size(), {FeatureKind::PowerSpec}).get(FeatureKind::PowerSpec);
    QCOMPARE(power.cols, p.bins());
    for (int t : {0, 7, 25, 50}) {
      const auto ref = directPower(y, p, t);
      const double peak = *std::max_element(ref.begin(), ref.end());
      for (int k = 0; k < p.bins(); ++k)
        QVERIFY2(std::fabs(power.at(t, k) - ref[k]) <= tolerance * peak + 1e-6 * ref[k],
                 qPrintable(QString("frame %1 bin %2: %3 vs %4").arg(t).arg(k).arg(power.at(t, k)).arg(ref[k])));
    }
  }

  // FFTW planning is not thread-safe: extractors (two sizes) are created, used and destroyed
  // on four threads at once, and every thread gets the single-thread result.
  void concurrentExtractors() {
    const auto y = noise(16000, 11);
    std::vector<FeatureParams> params(2);
    params[1].nFft = 400;
    std::vector<FeatureSet> expected;
    for (const auto& p : params) expected.push_back(FeatureExtractor(p).compute(y.data(), y.size(), seedFeatureKinds()));
    std::vector<int> mismatches(4, 0);
    std::vector<std::thread> threads;
    for (int i = 0; i < 4; ++i)
      threads.emplace_back([&, i] {
        for (int round = 0; round < 10; ++round) {
          const FeatureParams& p = params[(i + round) % 2];
          FeatureExtractor fx(p);
          StreamingFeatureExtractor sx(p, seedFeatureKinds());
          const FeatureSet f = fx.compute(y.data(), y.size(), seedFeatureKinds());
          const FeatureSet& e = expected[(i + round) % 2];
          for (FeatureKind k : seedFeatureKinds())
            if (f.get(k).data != e.get(k).data) ++mismatches[i];
        }
      });
    for (auto& t : threads) t.join();
    for (int m : mismatches) QCOMPARE(m, 0);
  }

  void invalidParamsComputeNothing() {
    FeatureParams p;
    p.hopLength = 0;
    FeatureExtractor fx(p);
    QVERIFY(!fx.status().ok());
    QVERIFY(QString::fromStdString(fx.status().error()).contains("hopLength"));
    const auto y = noise(1000, 1);
    const FeatureSet f = fx.compute(y.data(), y.size(), seedFeatureKinds());
    QCOMPARE(f.frames, 0);
    QVERIFY(f.items.empty());
    StreamingFeatureExtractor sx(p, seedFeatureKinds());
    QVERIFY(!sx.status().ok());
    QCOMPARE(sx.push(y.data(), y.size()).frames, 0);
    QCOMPARE(sx.finish().frames, 0);
  }
};

QTEST_GUILESS_MAIN(TestFft)
#include "tst_fft.moc"
