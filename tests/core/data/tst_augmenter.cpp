// Augmenter effects checked on analytic signals (sines, tone bursts, seeded noise).
#include <QtTest>

#include <cmath>
#include <random>

#include "core/data/Augmenter.h"

using namespace emo;

namespace {

constexpr int kRate = 16000;
constexpr double kPi = 3.14159265358979323846;

std::vector<float> sine(double hz, double seconds, double amp = 0.5, int rate = kRate) {
  std::vector<float> x(size_t(seconds * rate));
  for (size_t i = 0; i < x.size(); ++i) x[i] = float(amp * std::sin(2 * kPi * hz * double(i) / rate));
  return x;
}

double power(const std::vector<float>& x, size_t from = 0, size_t to = SIZE_MAX) {
  to = std::min(to, x.size());
  double s = 0;
  for (size_t i = from; i < to; ++i) s += double(x[i]) * x[i];
  return to > from ? s / double(to - from) : 0.0;
}

double db(double ratio) { return 10.0 * std::log10(ratio); }

// Frequency from upward zero crossings (linear interpolation) over [from, to).
double frequency(const std::vector<float>& x, size_t from, size_t to) {
  double first = -1, last = -1;
  int count = 0;
  for (size_t i = from + 1; i < to; ++i) {
    if (x[i - 1] < 0 && x[i] >= 0) {
      const double t = double(i - 1) + x[i - 1] / (x[i - 1] - x[i]);
      if (first < 0) first = t;
      last = t;
      ++count;
    }
  }
  return count > 1 ? (count - 1) * kRate / (last - first) : 0.0;
}

}  // namespace

class TestAugmenter : public QObject {
  Q_OBJECT

 private slots:
  void gainIsExact() {
    for (float g : {-12.0f, -3.0f, 0.0f, 6.5f}) {
      const auto x = sine(440, 0.5, 0.1);
      auto y = x;
      Augmenter::applyGainDb(y, g);
      QVERIFY2(std::abs(db(power(y) / power(x)) - g) < 1e-3, qPrintable(QString::number(g)));
    }
  }

  void noiseHitsSnr() {
    for (float snr : {-5.0f, 0.0f, 10.0f, 25.0f}) {
      const auto x = sine(300, 1.0, 0.3);
      auto y = x;
      std::mt19937_64 rng(17);
      Augmenter::addNoiseAtSnr(y, snr, rng);
      std::vector<float> n(x.size());
      for (size_t i = 0; i < x.size(); ++i) n[i] = y[i] - x[i];
      const double measured = db(power(x) / power(n));
      QVERIFY2(std::abs(measured - snr) < 0.2, qPrintable(QString("asked %1 got %2").arg(snr).arg(measured)));
    }
  }

  void telephoneBandRejectsOutOfBand() {
    auto attenuation = [](double hz) {
      const auto x = sine(hz, 1.0);
      auto y = x;
      Augmenter::telephoneBand(y, kRate);
      return db(power(y, kRate / 2) / power(x, kRate / 2));  // second half: no start transient
    };
    QVERIFY2(attenuation(150) <= -20.0, qPrintable(QString::number(attenuation(150))));
    QVERIFY2(attenuation(100) <= -20.0, qPrintable(QString::number(attenuation(100))));
    QVERIFY2(attenuation(4500) <= -20.0, qPrintable(QString::number(attenuation(4500))));
    QVERIFY2(attenuation(6000) <= -20.0, qPrintable(QString::number(attenuation(6000))));
    QVERIFY2(std::abs(attenuation(1000)) < 1.0, qPrintable(QString::number(attenuation(1000))));

    const auto x = sine(6000, 1.0);
    auto y = x;
    Augmenter::lowPass(y, kRate, 3000.0f);
    QVERIFY(db(power(y, kRate / 2) / power(x, kRate / 2)) <= -20.0);
  }

  void speedChangesLength() {
    const auto x = sine(200, 1.0);
    for (float f : {1.1f, 0.9f}) {
      const auto y = Augmenter::changeSpeed(x, kRate, f);
      const double want = double(x.size()) / f;
      QVERIFY2(std::abs(double(y.size()) - want) <= 0.005 * want,
               qPrintable(QString("factor %1: %2 samples, want %3").arg(f).arg(y.size()).arg(want)));
      const double hz = frequency(y, y.size() / 10, y.size() * 9 / 10);
      QVERIFY2(std::abs(hz - 200.0 * f) < 0.02 * 200.0 * f, qPrintable(QString::number(hz)));
    }
  }

  void pitchShiftKeepsDuration() {
    const auto x = sine(220, 1.0);
    for (float st : {12.0f, -12.0f, 3.0f}) {
      const auto y = Augmenter::shiftPitch(x, kRate, st);
      QVERIFY(std::abs(double(y.size()) - double(x.size())) <= 0.01 * double(x.size()));
      const double want = 220.0 * std::pow(2.0, st / 12.0);
      const double hz = frequency(y, y.size() / 10, y.size() * 9 / 10);
      QVERIFY2(std::abs(hz - want) < 0.02 * want,
               qPrintable(QString("%1 semitones: %2 Hz, want %3").arg(st).arg(hz).arg(want)));
      QVERIFY(power(y, y.size() / 10, y.size() * 9 / 10) > 0.25 * power(x));  // not silenced
    }
  }

  void reverbLengthensDecay() {
    // A 0.2 s noise burst, then silence.
    std::vector<float> x(kRate, 0.0f);
    std::mt19937_64 src(5);
    std::normal_distribution<float> normal(0.0f, 0.1f);
    for (int i = 0; i < kRate / 5; ++i) x[size_t(i)] = normal(src);
    auto tail = [&](const std::vector<float>& y) {
      return power(y, kRate * 3 / 10, kRate / 2) / power(x, 0, kRate / 5);
    };
    std::mt19937_64 rngA(1), rngB(1);
    const auto shortRoom = Augmenter::reverberate(x, kRate, 0.2f, rngA);
    const auto longRoom = Augmenter::reverberate(x, kRate, 0.8f, rngB);
    QCOMPARE(longRoom.size(), x.size());
    QCOMPARE(tail(x), 0.0);
    QVERIFY2(db(tail(longRoom)) > -40.0, qPrintable(QString::number(db(tail(longRoom)))));
    QVERIFY(tail(longRoom) > 10.0 * tail(shortRoom));
    QCOMPARE(longRoom[0], x[0]);  // direct path kept at unity
  }

  void specAugmentMasksWithinWidths() {
    AugmentParams p;
    p.freqMasks = 2;
    p.freqMaskWidth = 8;
    p.timeMasks = 2;
    p.timeMaskWidth = 20;
    const Augmenter aug(p);
    Matrix base(100, 40);
    for (int r = 0; r < 100; ++r)
      for (int c = 0; c < 40; ++c) base.at(r, c) = float(c) * 1000.0f + float(r) + 1.0f;
    bool anyMask = false;
    for (uint64_t seed = 0; seed < 50; ++seed) {
      Matrix m = base;
      std::mt19937_64 rng(seed);
      aug.applySpecAugment(m, rng);
      std::vector<int> colChanged(40, 0), rowChanged(100, 0);
      for (int r = 0; r < 100; ++r)
        for (int c = 0; c < 40; ++c)
          if (m.at(r, c) != base.at(r, c)) {
            QCOMPARE(m.at(r, c), float(c) * 1000.0f + 50.5f);  // the column mean
            ++colChanged[size_t(c)];
            ++rowChanged[size_t(r)];
          }
      auto runs = [](const std::vector<int>& full, int& longest) {
        int count = 0, cur = 0;
        longest = 0;
        for (size_t i = 0; i <= full.size(); ++i) {
          if (i < full.size() && full[i]) {
            if (cur++ == 0) ++count;
            longest = std::max(longest, cur);
          } else {
            cur = 0;
          }
        }
        return count;
      };
      std::vector<int> fullCols(40), fullRows(100);
      for (int c = 0; c < 40; ++c) fullCols[size_t(c)] = colChanged[size_t(c)] == 100;
      for (int r = 0; r < 100; ++r) fullRows[size_t(r)] = rowChanged[size_t(r)] == 40;
      int longestCols = 0, longestRows = 0;
      const int colRuns = runs(fullCols, longestCols), rowRuns = runs(fullRows, longestRows);
      QVERIFY(colRuns <= 2 && longestCols <= (colRuns == 2 ? 8 : 16));
      QVERIFY(rowRuns <= 2 && longestRows <= (rowRuns == 2 ? 20 : 40));
      // Every changed cell lies in a masked column or a masked row.
      for (int r = 0; r < 100; ++r)
        for (int c = 0; c < 40; ++c)
          if (m.at(r, c) != base.at(r, c)) QVERIFY(fullCols[size_t(c)] || fullRows[size_t(r)]);
      anyMask = anyMask || colRuns > 0 || rowRuns > 0;
    }
    QVERIFY(anyMask);
  }

  void sameSeedSameOutput() {
    auto p = AugmentParams::preset("robust").value();
    p.probability = 1.0f;
    const Augmenter aug(p);
    auto x = sine(180, 1.0, 0.3);
    std::mt19937_64 noise(3);
    Augmenter::addNoiseAtSnr(x, 20.0f, noise);
    std::mt19937_64 a(99), b(99), c(100);
    const auto ya = aug.applyWaveform(x, kRate, a);
    const auto yb = aug.applyWaveform(x, kRate, b);
    const auto yc = aug.applyWaveform(x, kRate, c);
    QVERIFY(!ya.empty());
    QCOMPARE(ya, yb);
    QVERIFY(ya != yc);
    QVERIFY(ya != x);
    Matrix ma(50, 20, 1.0f), mb(50, 20, 1.0f);
    for (size_t i = 0; i < ma.data.size(); ++i) ma.data[i] = mb.data[i] = float(i % 37);
    std::mt19937_64 sa(4), sb(4);
    aug.applySpecAugment(ma, sa);
    aug.applySpecAugment(mb, sb);
    QCOMPARE(ma.data, mb.data);
  }

  void chainRespectsSwitches() {
    AugmentParams p;
    p.probability = 1.0f;
    const auto x = sine(250, 0.5);
    std::mt19937_64 rng(1);
    QCOMPARE(Augmenter(p).applyWaveform(x, kRate, rng), x);  // nothing enabled
    p.timeShift = true;
    const auto shifted = Augmenter(p).applyWaveform(x, kRate, rng);
    QCOMPARE(shifted.size(), x.size());
    QVERIFY(shifted != x);
    p.timeShift = false;
    p.speed = true;
    p.speedMin = p.speedMax = 1.25f;
    QVERIFY(std::abs(double(Augmenter(p).applyWaveform(x, kRate, rng).size()) - x.size() / 1.25) < 0.01 * x.size());
    p.probability = 0.0f;
    QCOMPARE(Augmenter(p).applyWaveform(x, kRate, rng), x);
  }

  void paramsJson() {
    auto robust = AugmentParams::preset("robust");
    QVERIFY(robust.ok());
    QVERIFY(robust->anyWaveform() && robust->specAugment && robust->reverb && robust->pitch);
    auto light = AugmentParams::preset("light").value();
    QVERIFY(light.gain && light.noise && light.timeShift && !light.speed && !light.specAugment);
    auto voice = AugmentParams::preset("voice").value();
    QVERIFY(voice.speed && voice.pitch && !voice.gain && !voice.noise && !voice.reverb && !voice.specAugment);
    auto both = AugmentParams::preset("light+voice").value();  // each effect keeps its preset's range
    QVERIFY(both.gain && both.noise && both.timeShift && both.speed && both.pitch && !both.reverb);
    QCOMPARE(both.gainDbMax, light.gainDbMax);
    QCOMPARE(both.snrDbMin, light.snrDbMin);
    QCOMPARE(both.speedMax, voice.speedMax);
    QVERIFY(!AugmentParams::preset("light+").ok());
    QVERIFY(!AugmentParams::preset("light+heavy").ok());
    QVERIFY(!AugmentParams::preset("none").value().anyWaveform());
    QVERIFY(!AugmentParams::preset("heavy").ok());

    robust->snrDbMin = 7.5f;
    robust->timeMaskWidth = 11;
    auto back = AugmentParams::fromJson(robust->toJson());
    QVERIFY2(back.ok(), back.error().c_str());
    QCOMPARE(back->toJson(), robust->toJson());
    auto partial = AugmentParams::fromJson("{\"noise\": true, \"snrDbMin\": 3}");
    QVERIFY(partial.ok());
    QVERIFY(partial->noise && partial->snrDbMin == 3.0f && partial->snrDbMax == 30.0f);
    auto unknown = AugmentParams::fromJson("{\"echo\": true}");
    QVERIFY(!unknown.ok());
    QVERIFY(QString::fromStdString(unknown.error()).contains("echo"));
    QVERIFY(!AugmentParams::fromJson("{\"gain\": 1}").ok());
    QVERIFY(!AugmentParams::fromJson("{\"speedMin\": 1.2, \"speedMax\": 1.1}").ok());
    QVERIFY(!AugmentParams::fromJson("not json").ok());
  }
};

QTEST_GUILESS_MAIN(TestAugmenter)
#include "tst_augmenter.moc"
