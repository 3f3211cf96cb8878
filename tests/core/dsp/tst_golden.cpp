// Parity with librosa 0.10.2 (../shared/golden): filterbanks, window and every feature file of
// the sine440, chirp and ravdess signals, against both the float32 and float64 references.
#include <QtTest>

#include <cmath>
#include <limits>

#include "GoldenData.h"
#include "core/dsp/FeatureExtractor.h"
#include "core/dsp/SparseFilterbank.h"
#include "support/TestPaths.h"

using namespace emo;
using emo::test::Table;

namespace {

QString golden(const QString& rel) { return emo::test::shared("golden/" + rel); }

// Checks |ours - ref| <= absTol + relTol*|ref| wherever ref > floor (and everywhere: finite).
// Returns an empty string on success, else where the worst violation is.
QString compare(const Matrix& ours, const Table& ref, double absTol, double relTol,
                double floor = -std::numeric_limits<double>::infinity(), double* maxErr = nullptr) {
  if (ref.rows == 0) return "reference missing or unreadable";
  if (ours.rows != ref.rows || ours.cols != ref.cols)
    return QString("shape %1x%2, expected %3x%4").arg(ours.rows).arg(ours.cols).arg(ref.rows).arg(ref.cols);
  double worst = 0.0, worstRatio = 0.0;
  int wr = -1, wc = -1;
  for (int r = 0; r < ref.rows; ++r)
    for (int c = 0; c < ref.cols; ++c) {
      const double a = ours.at(r, c), b = ref.at(r, c);
      if (!std::isfinite(a)) return QString("non-finite value at frame %1 col %2").arg(r).arg(c);
      if (!(b > floor)) continue;
      const double err = std::fabs(a - b);
      const double ratio = err / (absTol + relTol * std::fabs(b));
      if (ratio > worstRatio) {
        worstRatio = ratio;
        worst = err;
        wr = r;
        wc = c;
      }
    }
  if (maxErr) *maxErr = worst;
  if (worstRatio > 1.0)
    return QString("error %1 at frame %2 col %3 (ours %4, ref %5)")
        .arg(worst).arg(wr).arg(wc).arg(ours.at(wr, wc), 0, 'g', 9).arg(ref.at(wr, wc), 0, 'g', 9);
  return {};
}

Matrix toMatrix(const std::vector<float>& v, int rows, int cols) {
  Matrix m(rows, cols);
  m.data = v;
  return m;
}

struct Check {
  FeatureKind kind;
  double absTol, relTol, floor;
};

}  // namespace

class TestGolden : public QObject {
  Q_OBJECT

 private slots:
  void window() {
    const auto w = paddedHannWindow(FeatureParams{});
    QString err = compare(toMatrix(w, 512, 1), emo::test::readCsv(golden("window_hann400_padded512.csv")), 1e-7, 0);
    QVERIFY2(err.isEmpty(), qPrintable(err));
    QCOMPARE(w[55], 0.0f);  // 56 zeros each side
    QCOMPARE(w[456], 0.0f);
    QVERIFY(w[56] == 0.0f && w[57] > 0.0f);  // periodic Hann starts at exactly 0
  }

  void fftFrequencies() {
    const auto f = emo::fftFrequencies(FeatureParams{});
    const QString err = compare(toMatrix(f, 257, 1), emo::test::readCsv(golden("fft_frequencies_257.csv")), 0.0, 1e-7);
    QVERIFY2(err.isEmpty(), qPrintable(err));
  }

  void melFilterbank() {
    const FeatureParams p;
    const Matrix fb = slaneyMelFilterbank(p);
    QString err = compare(fb, emo::test::readCsv(golden("mel_filterbank_64x257.csv")), 1e-9, 1e-6);
    QVERIFY2(err.isEmpty(), qPrintable(err));
    const auto edges = slaneyMelFrequencies(p.nMels + 2, p.fmin, p.effectiveFmax());
    Matrix e(66, 1);
    for (int i = 0; i < 66; ++i) e.at(i, 0) = float(edges[i]);
    err = compare(e, emo::test::readCsv(golden("mel_center_frequencies_66.csv")), 1e-3, 1e-7);
    QVERIFY2(err.isEmpty(), qPrintable(err));
    // The sparse form holds the same matrix and applies like a dense product.
    const SparseFilterbank sparse = SparseFilterbank::fromDense(fb);
    QCOMPARE(sparse.toDense().data, fb.data);
    QVERIFY(sparse.weights.size() < fb.data.size() / 10);
  }

  void chromaFilterbank() {
    const Matrix fb = emo::chromaFilterbank(FeatureParams{});
    QString err = compare(fb, emo::test::readCsv(golden("chroma_filterbank_12x257_tuning0.csv")), 1e-9, 1e-6);
    QVERIFY2(err.isEmpty(), qPrintable(err));
  }

  void features_data() {
    QTest::addColumn<QString>("signal");
    QTest::newRow("sine440") << "sine440";
    QTest::newRow("chirp") << "chirp";
    QTest::newRow("ravdess") << "ravdess";
  }

  void features() {
    QFETCH(QString, signal);
    const auto y = emo::test::readF32(golden(signal + "/input_16k.f32"));
    QVERIFY2(!y.empty(), "input_16k.f32 missing");
    FeatureExtractor fx{FeatureParams{}};
    std::vector<FeatureKind> kinds = allFeatureKinds();
    kinds.pop_back();  // F0 has no librosa reference here
    QCOMPARE(kinds.back(), FeatureKind::Chroma);
    const FeatureSet f = fx.compute(y.data(), y.size(), kinds);
    QCOMPARE(f.frames, int(1 + y.size() / 160));
    const double inf = -std::numeric_limits<double>::infinity();
    // {kind, abs, rel, floor}: compared where reference > floor.
    const Check checks[] = {
        {FeatureKind::PowerSpec, 0.0, 1e-4, 1e-8},    // relative 1e-4 on every bin above 1e-8
        {FeatureKind::PowerSpec, 1e-10, 1e-4, inf},   // and everywhere else absolute 1e-10
        {FeatureKind::MelPower, 1e-12, 1e-4, inf},
        {FeatureKind::LogMelDb, 1e-3, 0.0, -80.0},
        {FeatureKind::LogMelDb, 1e-3, 0.0, inf},      // including the -100 dB floor of silence
        {FeatureKind::Mfcc, 1e-3, 0.0, inf},
        {FeatureKind::MfccDelta, 1e-3, 0.0, inf},
        {FeatureKind::MfccDelta2, 1e-3, 0.0, inf},
        {FeatureKind::Zcr, 1e-7, 0.0, inf},           // float32 of count/400 (exact count below)
        {FeatureKind::Rms, 1e-6, 0.0, inf},
        {FeatureKind::SpectralCentroid, 1e-3, 0.0, inf},  // Hz
        {FeatureKind::SpectralBandwidth, 1e-3, 0.0, inf}, // Hz
        {FeatureKind::Chroma, 1e-5, 0.0, inf},
    };
    for (const QString& variant : {QString(""), QString("f64/")}) {
      for (const Check& c : checks) {
        const QString file = signal + "/" + variant + QString::fromStdString(featureFileName(c.kind));
        double maxErr = 0;
        const QString err = compare(f.get(c.kind), emo::test::readCsv(golden(file)), c.absTol, c.relTol, c.floor, &maxErr);
        QVERIFY2(err.isEmpty(), qPrintable(file + ": " + err));
        qInfo("%s floor %g: max error %.3g", qPrintable(file), c.floor, maxErr);
      }
    }
    // ZCR is a count / 400: exact.
    const Table zcr = emo::test::readCsv(golden(signal + "/zcr.csv"));
    for (int t = 0; t < f.frames; ++t)
      QCOMPARE(std::lround(f.get(FeatureKind::Zcr).at(t, 0) * 400.0), std::lround(zcr.at(t, 0) * 400.0));
  }

  // chroma_esttuning.csv: librosa's estimated tuning, stated in golden/README.txt, fed in.
  void chromaWithTuning_data() {
    QTest::addColumn<QString>("signal");
    QTest::addColumn<float>("tuning");
    QTest::newRow("sine440") << "sine440" << -0.04f;
    QTest::newRow("chirp") << "chirp" << -0.50f;
    QTest::newRow("ravdess") << "ravdess" << -0.48f;
  }

  void chromaWithTuning() {
    QFETCH(QString, signal);
    QFETCH(float, tuning);
    const auto y = emo::test::readF32(golden(signal + "/input_16k.f32"));
    FeatureParams p;
    p.tuning = tuning;
    QVERIFY(p.validate().ok());
    FeatureExtractor fx(p);
    const FeatureSet f = fx.compute(y.data(), y.size(), {FeatureKind::Chroma});
    const QString err = compare(f.get(FeatureKind::Chroma), emo::test::readCsv(golden(signal + "/chroma_esttuning.csv")), 1e-4, 0);
    QVERIFY2(err.isEmpty(), qPrintable(err));
  }

  // The ravdess clip ends in digital silence: the documented values there, and no NaN.
  void silentFrames() {
    const auto y = emo::test::readF32(golden("ravdess/input_16k.f32"));
    FeatureExtractor fx{FeatureParams{}};
    const FeatureSet f = fx.compute(y.data(), y.size(), seedFeatureKinds());
    for (int t = 397; t < f.frames; ++t) {
      for (int m = 0; m < 64; ++m) QCOMPARE(f.get(FeatureKind::LogMelDb).at(t, m), -100.0f);
      QCOMPARE(f.get(FeatureKind::SpectralCentroid).at(t, 0), 0.0f);
      QCOMPARE(f.get(FeatureKind::SpectralBandwidth).at(t, 0), 0.0f);
      QCOMPARE(f.get(FeatureKind::Rms).at(t, 0), 0.0f);
      QCOMPARE(f.get(FeatureKind::Zcr).at(t, 0), 0.0f);
      for (int c = 0; c < 12; ++c) QCOMPARE(f.get(FeatureKind::Chroma).at(t, c), 0.0f);
    }
    for (const auto& [kind, m] : f.items)
      for (float v : m.data) QVERIFY2(std::isfinite(v), featureName(kind).c_str());
  }

  void emptyAndTinyInputs() {
    FeatureExtractor fx{FeatureParams{}};
    const FeatureSet none = fx.compute(nullptr, 0, seedFeatureKinds());
    QCOMPARE(none.frames, 1);  // centred: one all-padding frame
    for (const auto& [kind, m] : none.items)
      for (float v : m.data) QVERIFY(std::isfinite(v));
    const float one[3] = {0.25f, -0.5f, 0.1f};
    const FeatureSet tiny = fx.compute(one, 3, seedFeatureKinds());
    QCOMPARE(tiny.frames, 1);
    QCOMPARE(tiny.get(FeatureKind::MfccDelta).at(0, 0), 0.0f);  // fewer frames than the delta width
    QVERIFY(tiny.get(FeatureKind::Rms).at(0, 0) > 0.0f);
  }
};

QTEST_GUILESS_MAIN(TestGolden)
#include "tst_golden.moc"
