// StreamingFeatureExtractor: audio pushed in blocks of any size gives exactly the frames of
// whole-signal extraction (bitwise), frames arrive as soon as their samples (and delta context)
// exist, and reset()/finish() start new streams cleanly.
#include <QtTest>

#include <random>

#include "GoldenData.h"
#include "core/dsp/FeatureExtractor.h"
#include "core/dsp/StreamingFeatureExtractor.h"
#include "support/TestPaths.h"

using namespace emo;

namespace {

std::vector<float> input(const QString& signal) {
  return emo::test::readF32(emo::test::shared("golden/" + signal + "/input_16k.f32"));
}

// Feeds y in blocks chosen by nextSize and returns the concatenated output.
template <class F>
FeatureSet stream(StreamingFeatureExtractor& sx, const std::vector<float>& y, F nextSize) {
  FeatureSet all;
  auto append = [&](const FeatureSet& part) {
    for (const auto& [kind, m] : part.items) {
      Matrix& dst = all.getOrAdd(kind, m.cols);
      dst.cols = m.cols;
      dst.data.insert(dst.data.end(), m.data.begin(), m.data.end());
      dst.rows += m.rows;
    }
    all.frames += part.frames;
  };
  size_t pos = 0;
  while (pos < y.size()) {
    const size_t n = std::min(y.size() - pos, nextSize());
    append(sx.push(y.data() + pos, n));
    pos += n;
  }
  append(sx.finish());
  return all;
}

QString diff(const FeatureSet& a, const FeatureSet& b) {
  if (a.frames != b.frames) return QString("frames %1 vs %2").arg(a.frames).arg(b.frames);
  for (const auto& [kind, m] : b.items) {
    if (!a.has(kind)) return QString::fromStdString("missing " + featureName(kind));
    const Matrix& s = a.get(kind);
    if (s.rows != m.rows || s.cols != m.cols) return QString::fromStdString("shape of " + featureName(kind));
    for (size_t i = 0; i < m.data.size(); ++i)
      if (s.data[i] != m.data[i])
        return QString("%1 differs at frame %2 col %3: %4 vs %5")
            .arg(QString::fromStdString(featureName(kind))).arg(int(i) / m.cols).arg(int(i) % m.cols)
            .arg(s.data[i], 0, 'g', 9).arg(m.data[i], 0, 'g', 9);
  }
  return {};
}

}  // namespace

class TestStreaming : public QObject {
  Q_OBJECT

 private slots:
  void matchesWholeSignal_data() {
    QTest::addColumn<QString>("signal");
    QTest::addColumn<int>("block");  // 0 = random sizes 1..5000
    for (const char* s : {"sine440", "chirp", "ravdess"})
      for (int b : {1, 7, 160, 1000, 4096, 0})
        QTest::newRow(qPrintable(QString("%1/%2").arg(s).arg(b))) << QString(s) << b;
  }

  void matchesWholeSignal() {
    QFETCH(QString, signal);
    QFETCH(int, block);
    const auto y = input(signal);
    QVERIFY(!y.empty());
    const std::vector<FeatureKind> kinds = allFeatureKinds();  // every kind, F0 included
    FeatureExtractor fx{FeatureParams{}};
    const FeatureSet whole = fx.compute(y.data(), y.size(), kinds);
    StreamingFeatureExtractor sx(FeatureParams{}, kinds);
    std::mt19937 rng(1234 + block);
    std::uniform_int_distribution<int> size(1, 5000);
    const FeatureSet streamed = stream(sx, y, [&]() -> size_t { return block ? size_t(block) : size_t(size(rng)); });
    const QString d = diff(streamed, whole);
    QVERIFY2(d.isEmpty(), qPrintable(d));
    QCOMPARE(sx.framesEmitted(), (long long)whole.frames);
  }

  void seedSetAndOtherParams() {
    const auto y = input("chirp");
    FeatureParams p = FeatureParams::preset("wideband").value();
    p.center = false;
    for (const FeatureParams& params : {FeatureParams{}, p}) {
      FeatureExtractor fx(params);
      const FeatureSet whole = fx.compute(y.data(), y.size(), seedFeatureKinds());
      StreamingFeatureExtractor sx(params, seedFeatureKinds());
      std::mt19937 rng(7);
      std::uniform_int_distribution<int> size(1, 700);
      const FeatureSet streamed = stream(sx, y, [&]() -> size_t { return size_t(size(rng)); });
      const QString d = diff(streamed, whole);
      QVERIFY2(d.isEmpty(), qPrintable(d));
    }
  }

  // Regression (found by the live-pipeline soak): a long stream of kinds without MFCCs crashed
  // when the history trim erased rows of the empty MFCC history. 30 s of the real clip, looped,
  // in random blocks must still equal whole-signal extraction.
  void longStreamWithoutMfcc() {
    const auto clip = input("ravdess");
    std::vector<float> y;
    while (y.size() < 16000u * 30) y.insert(y.end(), clip.begin(), clip.end());
    const std::vector<FeatureKind> kinds{FeatureKind::LogMelDb, FeatureKind::Rms};
    FeatureExtractor fx{FeatureParams{}};
    const FeatureSet whole = fx.compute(y.data(), y.size(), kinds);
    StreamingFeatureExtractor sx(FeatureParams{}, kinds);
    std::mt19937 rng(99);
    std::uniform_int_distribution<int> size(1, 3000);
    const FeatureSet streamed = stream(sx, y, [&]() -> size_t { return size_t(size(rng)); });
    const QString d = diff(streamed, whole);
    QVERIFY2(d.isEmpty(), qPrintable(d));
  }

  // Frames come out while audio is still arriving: frame t needs samples to t*160 + 256 and
  // deltas wait 4 frames more.
  void latency() {
    const auto y = input("ravdess");
    StreamingFeatureExtractor sx(FeatureParams{}, seedFeatureKinds());
    const size_t n = 32000;
    const FeatureSet part = sx.push(y.data(), n);
    const long long ready = (n - 256) / 160 + 1;  // frames whose window is complete
    QCOMPARE(sx.framesEmitted(), ready - 4);
    QCOMPARE(part.frames, int(ready - 4));
    QCOMPARE(part.get(FeatureKind::MfccDelta).rows, part.frames);
    StreamingFeatureExtractor plain(FeatureParams{}, {FeatureKind::LogMelDb});
    QCOMPARE(plain.push(y.data(), n).frames, int(ready));  // no delta: no extra wait
  }

  void resetAndRestart() {
    const auto y = input("sine440");
    FeatureExtractor fx{FeatureParams{}};
    const FeatureSet whole = fx.compute(y.data(), y.size(), seedFeatureKinds());
    StreamingFeatureExtractor sx(FeatureParams{}, seedFeatureKinds());
    const auto ravdess = input("ravdess");
    sx.push(ravdess.data(), 20000);  // abandoned stream
    sx.reset();
    QCOMPARE(sx.framesEmitted(), 0LL);
    QString d = diff(stream(sx, y, [] { return size_t(333); }), whole);
    QVERIFY2(d.isEmpty(), qPrintable(d));
    // After finish(), the next push starts a new stream.
    d = diff(stream(sx, y, [] { return size_t(4096); }), whole);
    QVERIFY2(d.isEmpty(), qPrintable(d));
  }

  void emptyAndShortStreams() {
    StreamingFeatureExtractor sx(FeatureParams{}, seedFeatureKinds());
    const FeatureSet none = sx.push(nullptr, 0);
    QCOMPARE(none.frames, 0);
    QCOMPARE(none.get(FeatureKind::Mfcc).cols, 40);
    const FeatureSet end = sx.finish();
    QCOMPARE(end.frames, 1);  // as FeatureExtractor on 0 samples
    const float few[5] = {0.1f, -0.2f, 0.3f, 0.0f, 0.5f};
    FeatureExtractor fx{FeatureParams{}};
    const FeatureSet whole = fx.compute(few, 5, seedFeatureKinds());
    const std::vector<float> v(few, few + 5);
    const QString d = diff(stream(sx, v, [] { return size_t(2); }), whole);
    QVERIFY2(d.isEmpty(), qPrintable(d));
  }
};

QTEST_GUILESS_MAIN(TestStreaming)
#include "tst_streaming.moc"
