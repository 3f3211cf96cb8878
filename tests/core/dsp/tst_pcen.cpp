// PCEN: the recursion against closed forms, against an independent straightforward
// implementation on real speech, streaming against whole-signal extraction, and its channel
// robustness (a fixed per-band gain moves PCEN much less than log-mel).
#include <QtTest>

#include <cmath>
#include <random>

#include "GoldenData.h"
#include "core/dsp/FeatureExtractor.h"
#include "core/dsp/Pcen.h"
#include "core/dsp/StreamingFeatureExtractor.h"
#include "support/TestPaths.h"

using namespace emo;

namespace {

constexpr double kScale = 2147483648.0;

// The librosa formula written out directly (double precision, no log-space tricks), with the
// smoother started at the first frame: M[0] = S[0], M[t] = (1-b) M[t-1] + b S[t].
Matrix reference(const Matrix& mel, double b) {
  Matrix out(mel.rows, mel.cols);
  std::vector<double> M(size_t(mel.cols), 0.0);
  for (int t = 0; t < mel.rows; ++t)
    for (int k = 0; k < mel.cols; ++k) {
      const double S = double(mel.at(t, k)) * kScale;
      M[size_t(k)] = t == 0 ? S : (1 - b) * M[size_t(k)] + b * S;
      out.at(t, k) = float(std::pow(S / std::pow(1e-6 + M[size_t(k)], 0.98) + 2.0, 0.5) - std::sqrt(2.0));
    }
  return out;
}

// A RAVDESS clip at 16 kHz (the golden set's input).
std::vector<float> speech() { return test::readF32(test::shared("golden/ravdess/input_16k.f32")); }

}  // namespace

class TestPcen : public QObject {
  Q_OBJECT

 private slots:
  void smoothingCoefficientIsLibrosas() {
    // T = 0.4 s * 16000 / 160 = 40 frames; b = (sqrt(1 + 4 T^2) - 1) / (2 T^2).
    PcenFilter f(FeatureParams{}, 4);
    QVERIFY(std::abs(f.smoothing() - (std::sqrt(1.0 + 4.0 * 1600.0) - 1.0) / 3200.0) < 1e-15);
    QVERIFY(std::abs(f.smoothing() - 0.0246895) < 1e-6);
  }

  void constantAndStepInputs() {
    FeatureParams fp;
    PcenFilter f(fp, 1);
    const double b = f.smoothing();
    // Constant input: M = S from the first frame, out = sqrt(S / (eps + S)^0.98 + 2) - sqrt(2).
    const float s = 1e-3f;
    const double S = double(s) * kScale;
    const double want = std::sqrt(S / std::pow(1e-6 + S, 0.98) + 2.0) - std::sqrt(2.0);
    float out = 0;
    for (int t = 0; t < 50; ++t) {
      f.apply(&s, &out);
      QVERIFY2(std::abs(out - want) < 1e-5 * want, qPrintable(QString("%1 vs %2").arg(out).arg(want)));
    }
    // A step from s to 100 s at frame 50: M[50 + n] = S2 + (S - S2) (1 - b)^(n + 1).
    const float s2 = 100.0f * s;
    const double S2 = double(s2) * kScale;
    for (int n = 0; n < 200; ++n) {
      f.apply(&s2, &out);
      const double M = S2 + (S - S2) * std::pow(1 - b, n + 1);
      const double w = std::sqrt(S2 / std::pow(1e-6 + M, 0.98) + 2.0) - std::sqrt(2.0);
      QVERIFY2(std::abs(out - w) < 1e-4 * w, qPrintable(QString("frame %1: %2 vs %3").arg(n).arg(out).arg(w)));
    }
    // Reset starts over from the next frame's own value.
    f.reset();
    f.apply(&s, &out);
    QVERIFY(std::abs(out - want) < 1e-5 * want);
  }

  void matchesDirectFormulaOnSpeech() {
    const auto y = speech();
    QVERIFY(!y.empty());
    FeatureExtractor fx{FeatureParams{}};
    const FeatureSet f = fx.compute(y.data(), y.size(), {FeatureKind::MelPower, FeatureKind::Pcen});
    const Matrix& pcen = f.get(FeatureKind::Pcen);
    QCOMPARE(pcen.rows, f.frames);
    QCOMPARE(pcen.cols, 64);
    const Matrix ref = reference(f.get(FeatureKind::MelPower), PcenFilter(FeatureParams{}, 1).smoothing());
    double maxRel = 0;
    for (size_t i = 0; i < ref.data.size(); ++i)
      maxRel = std::max(maxRel, std::abs(double(pcen.data[i]) - ref.data[i]) / (std::abs(double(ref.data[i])) + 1e-3));
    qInfo("PCEN vs direct formula: max relative error %.3g", maxRel);
    QVERIFY(maxRel < 1e-4);
    // Without MelPower requested, PCEN is the same.
    const FeatureSet alone = fx.compute(y.data(), y.size(), {FeatureKind::Pcen});
    QCOMPARE(alone.get(FeatureKind::Pcen).data, pcen.data);
  }

  void streamingEqualsBatch() {
    const auto y = speech();
    const std::vector<FeatureKind> kinds{FeatureKind::Pcen, FeatureKind::LogMelDb};
    FeatureExtractor fx{FeatureParams{}};
    const FeatureSet batch = fx.compute(y.data(), y.size(), kinds);
    StreamingFeatureExtractor sx(FeatureParams{}, kinds);
    std::mt19937 rng(3);
    Matrix got(0, 64);
    for (size_t pos = 0; pos < y.size();) {
      const size_t n = std::min<size_t>(y.size() - pos, std::uniform_int_distribution<size_t>(1, 3000)(rng));
      got.appendRows(sx.push(y.data() + pos, n).get(FeatureKind::Pcen));
      pos += n;
    }
    got.appendRows(sx.finish().get(FeatureKind::Pcen));
    QCOMPARE(got.rows, batch.frames);
    QCOMPARE(got.data, batch.get(FeatureKind::Pcen).data);  // bit-identical
    // A second stream after reset starts its smoother afresh.
    sx.reset();
    Matrix again(0, 64);
    again.appendRows(sx.push(y.data(), y.size()).get(FeatureKind::Pcen));
    again.appendRows(sx.finish().get(FeatureKind::Pcen));
    QCOMPARE(again.data, got.data);
  }

  void fixedChannelGainMovesPcenLittle() {
    // A fixed per-band gain g moves steady PCEN by a factor g^(1-0.98) inside the compression;
    // on speech, +20 dB in every band changes PCEN by a few per cent while log-mel moves 20 dB.
    const auto y = speech();
    std::vector<float> loud(y);
    for (float& v : loud) v *= 10.0f;
    FeatureExtractor fx{FeatureParams{}};
    const Matrix a = fx.compute(y.data(), y.size(), {FeatureKind::Pcen}).get(FeatureKind::Pcen);
    const Matrix b = fx.compute(loud.data(), loud.size(), {FeatureKind::Pcen}).get(FeatureKind::Pcen);
    double num = 0, den = 0;
    for (size_t i = 0; i < a.data.size(); ++i) {
      num += std::abs(double(b.data[i]) - a.data[i]);
      den += std::abs(double(a.data[i]));
    }
    qInfo("PCEN mean relative change for +20 dB: %.4f", num / den);
    QVERIFY(num / den > 0.0);
    QVERIFY(num / den < 0.1);
  }
};

QTEST_GUILESS_MAIN(TestPcen)
#include "tst_pcen.moc"
