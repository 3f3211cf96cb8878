// FrameKernels: the vectorised dB conversion against a long-double reference (and its clamps and
// special values), the multi-frame filterbank product bit-identical to the one-frame one, the
// lane-split double reductions against long-double sums, and block computation of frames
// bit-identical to one frame at a time.
#include <QtTest>

#include <cfloat>
#include <cmath>
#include <limits>
#include <random>

#include "core/dsp/FeatureExtractor.h"
#include "core/dsp/FrameEngine.h"
#include "core/dsp/FrameKernels.h"

using namespace emo;

namespace {

std::vector<float> uniform(size_t n, float lo, float hi, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> u(lo, hi);
  std::vector<float> v(n);
  for (float& x : v) x = u(rng);
  return v;
}

}  // namespace

class TestKernels : public QObject {
  Q_OBJECT

 private slots:
  // 10 log10 over 40 decades, odd lengths (the scalar tail), against long double: within one
  // float rounding of the exact value.
  void powerToDbMatchesLog10() {
    std::mt19937 rng(5);
    std::uniform_real_distribution<double> decade(-20.0, 20.0);
    for (int n : {1, 3, 4, 64, 67, 257}) {
      std::vector<float> x(n), out(n);
      for (float& v : x) v = static_cast<float>(std::pow(10.0, decade(rng)));
      x[0] = 1.0f;
      if (n > 2) x[2] = std::sqrt(2.0f);  // the mantissa split point
      kernels::powerToDb(x.data(), n, 1e-30f, out.data());
      for (int k = 0; k < n; ++k) {
        const long double ref = 10.0L * std::log10(static_cast<long double>(std::max(1e-30f, x[k])));
        const double err = std::fabs(double(out[k] - ref));
        QVERIFY2(err <= std::fabs(double(ref)) * 1.2e-7 + 1e-12,
                 qPrintable(QString("x=%1: %2 vs %3").arg(double(x[k])).arg(double(out[k])).arg(double(ref))));
      }
    }
  }

  // amin clamps (NaN too, as std::max(amin, x) does), infinity stays infinite, a subnormal amin
  // takes the exact path.
  void powerToDbClampsAndSpecials() {
    const float nan = std::numeric_limits<float>::quiet_NaN(), inf = std::numeric_limits<float>::infinity();
    std::vector<float> x = {0.0f, -1.0f, nan, 1e-12f, inf, 100.0f, 1e-10f, 2.0f};
    std::vector<float> out(x.size());
    kernels::powerToDb(x.data(), int(x.size()), 1e-10f, out.data());
    for (int k : {0, 1, 2, 3, 6}) QCOMPARE(out[k], -100.0f);
    QVERIFY(std::isinf(out[4]) && out[4] > 0);
    QCOMPARE(out[5], 20.0f);
    QVERIFY(std::fabs(out[7] - 3.0103f) < 1e-4f);
    const float tiny = FLT_MIN / 8;  // subnormal
    std::vector<float> y = {0.0f, 1.0f, 1e-3f, 0.5f, 4.0f};
    std::vector<float> dy(y.size());
    kernels::powerToDb(y.data(), int(y.size()), tiny, dy.data());
    QVERIFY(std::fabs(dy[0] - float(10.0 * std::log10(double(tiny)))) < 1e-4f);
    QCOMPARE(dy[1], 0.0f);
    QVERIFY(std::fabs(dy[2] + 30.0f) < 1e-5f);
  }

  // The multi-frame product equals the one-frame product bit for bit, for padded widths the
  // engine uses (8..48) and a width that falls back (13), for 1..8 frames.
  void batchProductIsBitIdentical() {
    for (int cols : {8, 16, 40, 48, 13}) {
      const int rows = 257, stride = 260;
      const auto W = uniform(size_t(rows) * cols, -1.0f, 1.0f, cols);
      const auto X = uniform(size_t(8) * stride, 0.0f, 10.0f, 100 + cols);
      for (int frames = 1; frames <= 8; ++frames) {
        std::vector<float> batch(size_t(frames) * (cols + 3), -7.0f), single(cols);
        kernels::accumulateRowsBatch(W.data(), X.data(), stride, rows, cols, frames, batch.data(), cols + 3);
        for (int f = 0; f < frames; ++f) {
          kernels::accumulateRows(W.data(), X.data() + size_t(f) * stride, rows, cols, single.data());
          for (int c = 0; c < cols; ++c) QCOMPARE(batch[size_t(f) * (cols + 3) + c], single[c]);
          for (int c = cols; c < cols + 3; ++c) QCOMPARE(batch[size_t(f) * (cols + 3) + c], -7.0f);  // untouched
        }
      }
    }
  }

  // Lane-split double sums against long double, lengths around the 16-lane blocks.
  void reductionsMatchLongDouble() {
    for (int n : {1, 15, 16, 17, 257, 400}) {
      const auto m = uniform(n, 0.0f, 3.0f, n);
      const auto f = uniform(n, 0.0f, 8000.0f, n + 1);
      long double s = 0, fs = 0, sq = 0;
      for (int k = 0; k < n; ++k) {
        s += m[k];
        fs += (long double)f[k] * m[k];
        sq += (long double)m[k] * m[k];
      }
      const long double c = fs / s;
      long double spread = 0;
      for (int k = 0; k < n; ++k) spread += m[k] * ((long double)f[k] - (double)c) * ((long double)f[k] - (double)c);
      double sum = 0, fsum = 0;
      kernels::dualSum(m.data(), f.data(), n, &sum, &fsum);
      QVERIFY(std::fabs(sum - double(s)) <= 1e-13 * double(s));
      QVERIFY(std::fabs(fsum - double(fs)) <= 1e-13 * double(fs));
      QVERIFY(std::fabs(kernels::sumSquares(m.data(), n) - double(sq)) <= 1e-13 * double(sq));
      const double sp = kernels::spreadSum(m.data(), f.data(), n, double(c));
      QVERIFY(std::fabs(sp - double(spread)) <= 1e-12 * double(spread) + 1e-9);
    }
  }

  // Every block size gives the rows one frame at a time gives, at both edges and inside.
  void blocksEqualSingleFrames() {
    const auto y = uniform(16000, -0.5f, 0.5f, 9);
    FrameEngine engine{FeatureParams{}};
    SignalView v;
    v.data = y.data();
    v.length = static_cast<long long>(y.size());
    v.first = y.front();
    v.last = y.back();
    const long long T = engine.frameCount(v.length);
    const int bins = engine.columns(FeatureKind::PowerSpec), nm = engine.columns(FeatureKind::Mfcc);
    const int nc = engine.columns(FeatureKind::Chroma), nl = engine.columns(FeatureKind::LogMelDb);
    auto run = [&](int block) {
      std::vector<float> power(size_t(T) * bins), mfcc(size_t(T) * nm), chroma(size_t(T) * nc), logmel(size_t(T) * nl),
          centroid(T), bw(T), rms(T);
      for (long long t = 0; t < T; t += block) {
        FrameRows r;
        r.power = &power[size_t(t) * bins];
        r.mfcc = &mfcc[size_t(t) * nm];
        r.chroma = &chroma[size_t(t) * nc];
        r.logmel = &logmel[size_t(t) * nl];
        r.centroid = &centroid[size_t(t)];
        r.bandwidth = &bw[size_t(t)];
        r.rms = &rms[size_t(t)];
        engine.computeBlock(v, t, int(std::min<long long>(block, T - t)), r);
      }
      std::vector<float> all = power;
      for (const auto* part : {&mfcc, &chroma, &logmel, &centroid, &bw, &rms}) all.insert(all.end(), part->begin(), part->end());
      return all;
    };
    const auto one = run(1);
    for (int block : {2, 3, 5, 8}) QVERIFY2(run(block) == one, qPrintable(QString("block %1").arg(block)));
  }
};

QTEST_GUILESS_MAIN(TestKernels)
#include "tst_kernels.moc"
