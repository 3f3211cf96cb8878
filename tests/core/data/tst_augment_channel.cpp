// The channel and room effects of the Augmenter, each alone: room reverberation, microphone
// colouring, codecs, coloured noise and babble of other speakers; and the single-effect presets.
#include <QtTest>

#include <cmath>
#include <random>
#include <set>

#include "core/audio/AudioReader.h"
#include "core/data/Augmenter.h"
#include "support/TestPaths.h"

using namespace emo;

namespace {

constexpr int kRate = 16000;
constexpr double kPi = 3.14159265358979323846;

std::vector<float> sine(double hz, double seconds, double amp = 0.3) {
  std::vector<float> x(size_t(seconds * kRate));
  for (size_t i = 0; i < x.size(); ++i) x[i] = float(amp * std::sin(2 * kPi * hz * double(i) / kRate));
  return x;
}

double power(const std::vector<float>& x, size_t from = 0, size_t to = SIZE_MAX) {
  to = std::min(to, x.size());
  double s = 0;
  for (size_t i = from; i < to; ++i) s += double(x[i]) * x[i];
  return to > from ? s / double(to - from) : 0.0;
}

double db(double ratio) { return 10.0 * std::log10(ratio); }

// Amplitude of the `hz` component of the second half of x (an even number of Hz fits whole
// cycles into 0.5 s, so the projection is exact).
double amplitude(const std::vector<float>& x, double hz) {
  double c = 0, s = 0;
  const size_t from = x.size() / 2;
  for (size_t i = from; i < x.size(); ++i) {
    c += x[i] * std::cos(2 * kPi * hz * double(i) / kRate);
    s += x[i] * std::sin(2 * kPi * hz * double(i) / kRate);
  }
  return 2.0 * std::sqrt(c * c + s * s) / double(x.size() - from);
}

// Gain of a channel at `hz` relative to refHz, both tones in one 1 s signal (the RMS
// restoring scales both alike and cancels), second half only (no start transient).
double gainAt(double hz, Augmenter::Channel ch, uint64_t seed, double refHz = 1000.0) {
  std::vector<float> x = sine(hz, 1.0, 0.1);
  const std::vector<float> ref = sine(refHz, 1.0, 0.1);
  for (size_t i = 0; i < x.size(); ++i) x[i] += ref[i];
  std::mt19937_64 rng(seed);
  Augmenter::applyChannel(x, kRate, ch, rng);
  return 20.0 * std::log10(amplitude(x, hz) / amplitude(x, refHz));
}

std::vector<float> speech(const QString& relative) {
  ReadOptions ro;
  ro.targetRate = kRate;
  auto a = readAudioMono(test::shared(relative).toStdString(), ro);
  return a ? a->samples : std::vector<float>{};
}

// Normalised cross-correlation of x and y at lag 0.
double correlation(const std::vector<float>& x, const std::vector<float>& y) {
  double xy = 0, xx = 0, yy = 0;
  for (size_t i = 0; i < std::min(x.size(), y.size()); ++i) xy += double(x[i]) * y[i], xx += double(x[i]) * x[i], yy += double(y[i]) * y[i];
  return xy / std::sqrt(xx * yy);
}

Clip clip(const QString& relative, const std::string& speaker) {
  Clip c;
  c.path = test::shared(relative).toStdString();
  c.speaker = speaker;
  c.corpus = "ravdess";
  return c;
}

}  // namespace

class TestAugmentChannel : public QObject {
  Q_OBJECT

 private slots:
  void eachPresetSwitchesOneEffect() {
    struct One { const char* name; bool AugmentParams::*flag; };
    const One ones[] = {{"gain", &AugmentParams::gain},     {"noise", &AugmentParams::noise},
                        {"babble", &AugmentParams::babble}, {"shift", &AugmentParams::timeShift},
                        {"speed", &AugmentParams::speed},   {"pitch", &AugmentParams::pitch},
                        {"bandlimit", &AugmentParams::bandLimit}, {"band", &AugmentParams::channel},
                        {"reverb", &AugmentParams::reverb}, {"reverb3", &AugmentParams::reverb},
                        {"codec", &AugmentParams::codec},   {"specaug", &AugmentParams::specAugment}};
    for (const One& one : ones) {
      auto p = AugmentParams::preset(one.name);
      QVERIFY2(p.ok(), one.name);
      for (const One& other : ones)
        QCOMPARE(p.value().*(other.flag), other.flag == one.flag);
    }
    QVERIFY(AugmentParams::preset("noise")->brownNoise);
    QVERIFY(!AugmentParams::preset("robust")->brownNoise);
    QCOMPARE(AugmentParams::preset("reverb")->drrDbMax, 12.0f);
    QCOMPARE(AugmentParams::preset("reverb3")->drrDbMax, AugmentParams::preset("robust")->drrDbMax);
    // robust is exactly the sum of its parts.
    auto parts = AugmentParams::preset("gain+noise+shift+speed+pitch+bandlimit+reverb3+specaug").value();
    parts.brownNoise = false;
    QCOMPARE(parts.toJson(), AugmentParams::preset("robust")->toJson());
    auto combined = AugmentParams::preset("reverb+band+codec+babble");
    QVERIFY(combined.ok() && combined->reverb && combined->channel && combined->codec && combined->babble && !combined->noise);
    auto back = AugmentParams::fromJson(combined->toJson());
    QVERIFY2(back.ok(), back.ok() ? "" : back.error().c_str());
    QCOMPARE(back->toJson(), combined->toJson());
    QVERIFY(!AugmentParams::fromJson("{\"rt60Min\": 0}").ok());
    QVERIFY(!AugmentParams::fromJson("{\"drrDbMin\": 5, \"drrDbMax\": 1}").ok());
  }

  void reverbHitsDirectToReverberantRatio() {
    // An impulse gives the room response itself: direct energy at 0, the tail after it.
    std::vector<float> impulse(kRate, 0.0f);
    impulse[0] = 1.0f;
    for (float drr : {0.0f, 6.0f, 12.0f}) {
      std::mt19937_64 rng(3);
      const auto h = Augmenter::reverberate(impulse, kRate, 0.5f, rng, drr);
      QCOMPARE(h.size(), impulse.size());
      QCOMPARE(h[0], 1.0f);
      const double tail = power(h, 1) * double(h.size() - 1);
      QVERIFY2(std::abs(db(1.0 / tail) - drr) < 0.05, qPrintable(QString("DRR %1: %2").arg(drr).arg(db(1.0 / tail))));
      // Energy 60 dB down after RT60: compare 50 ms windows at 0.05 s and 0.35 s (expect -36 dB).
      const double early = power(h, kRate / 20, kRate / 10), late = power(h, kRate * 35 / 100, kRate * 40 / 100);
      QVERIFY2(std::abs(db(late / early) + 36.0) < 3.0, qPrintable(QString::number(db(late / early))));
    }
  }

  void channelsShapeTheBand() {
    for (uint64_t seed : {1u, 2u, 3u}) {
      QVERIFY(gainAt(150, Augmenter::Channel::Telephone, seed) < -20.0);
      QVERIFY(gainAt(5000, Augmenter::Channel::Telephone, seed) < -20.0);
      QVERIFY(gainAt(60, Augmenter::Channel::Laptop, seed) < -12.0);  // high-pass at >= 150 Hz
      QVERIFY(gainAt(7900, Augmenter::Channel::Laptop, seed) < -6.0);  // low-pass at <= 7.5 kHz
    }
    // The laptop resonance lifts its 2-5 kHz region over 1 kHz for some draw.
    double best = -100;
    for (uint64_t seed = 0; seed < 8; ++seed) best = std::max(best, gainAt(3500, Augmenter::Channel::Laptop, seed));
    QVERIFY2(best > 2.0, qPrintable(QString::number(best)));
    // Tilt: low and high move in opposite directions, by at most 2 x 6 dB.
    for (uint64_t seed = 0; seed < 6; ++seed) {
      const double low = gainAt(100, Augmenter::Channel::Tilt, seed), high = gainAt(7000, Augmenter::Channel::Tilt, seed);
      QVERIFY2(std::abs(low) <= 12.5 && std::abs(high) <= 12.5 && low * high <= 0.0,
               qPrintable(QString("%1 %2").arg(low).arg(high)));
    }
    // The clip's level is kept.
    auto x = speech("data/ravdess/Actor_01/03-01-05-01-01-01-01.flac");
    QVERIFY(!x.empty());
    for (int c = 0; c < 3; ++c) {
      auto y = x;
      std::mt19937_64 rng(9);
      Augmenter::applyChannel(y, kRate, static_cast<Augmenter::Channel>(c), rng);
      QVERIFY(y != x);
      QVERIFY2(std::abs(db(power(y) / power(x))) < 0.01, qPrintable(QString::number(db(power(y) / power(x)))));
    }
  }

  void codecsRoundTripSpeech() {
    const auto x = speech("data/ravdess/Actor_02/03-01-03-01-01-01-02.flac");
    QVERIFY(!x.empty());
    for (Codec c : {Codec::Vorbis, Codec::Opus, Codec::Gsm610, Codec::Mp3}) {
      auto y = codecRoundTrip(x, kRate, c, 1.0);
      QVERIFY2(y.ok(), y.ok() ? "" : y.error().c_str());
      const auto& v = y.value();
      QCOMPARE(v.size(), x.size());
      QVERIFY(v != x);
      const double level = db(power(v) / power(x));
      std::vector<float> err(x.size());
      for (size_t i = 0; i < x.size(); ++i) err[i] = v[i] - x[i];
      const double snr = db(power(x) / power(err)), r = correlation(x, v);
      qInfo("%s: level %+.2f dB, SNR %.1f dB, correlation %.3f", codecName(c).c_str(), level, snr, r);
      QVERIFY2(std::abs(level) < 3.0, qPrintable(QString::fromStdString(codecName(c)) + " level " + QString::number(level)));
      // Time-aligned and still the same speech, but audibly changed.
      QVERIFY2(r > 0.5, qPrintable(QString::fromStdString(codecName(c)) + " correlation " + QString::number(r)));
      QVERIFY2(snr < 30.0, qPrintable(QString::fromStdString(codecName(c)) + " SNR " + QString::number(snr)));
    }
    QVERIFY(codecRoundTrip({}, kRate, Codec::Opus, 1.0)->empty());
    QVERIFY(!codecRoundTrip(x, 0, Codec::Opus, 1.0).ok());
    // A rate Opus lacks goes through 16 kHz and keeps its length.
    auto odd = codecRoundTrip(std::vector<float>(x.begin(), x.begin() + 22050), 22050, Codec::Opus, 0.8);
    QVERIFY(odd.ok() && odd->size() == 22050u);
  }

  void noiseColoursHaveTheirSlopes() {
    const auto x = sine(1000, 2.0);
    // {SNR in dB, power of the noise over power of its first difference in dB}: the second
    // grows with low-frequency weight (white ~ -3 dB, brown much higher).
    auto measure = [&](Augmenter::NoiseColour colour) {
      auto y = x;
      std::mt19937_64 rng(4);
      Augmenter::addColouredNoise(y, 0.0f, colour, rng);
      std::vector<float> n(x.size()), diff(x.size(), 0.0f);
      for (size_t i = 0; i < x.size(); ++i) n[i] = y[i] - x[i];
      for (size_t i = 1; i < n.size(); ++i) diff[i] = n[i] - n[i - 1];
      return std::pair<double, double>(db(power(x) / power(n)), db(power(n) / power(diff)));
    };
    const auto white = measure(Augmenter::NoiseColour::White), pink = measure(Augmenter::NoiseColour::Pink),
               brown = measure(Augmenter::NoiseColour::Brown);
    for (const auto& m : {white, pink, brown}) QVERIFY(std::abs(m.first) < 0.01);
    QVERIFY2(white.second < pink.second && pink.second < brown.second && brown.second - white.second > 15.0,
             qPrintable(QString("%1 %2 %3").arg(white.second).arg(pink.second).arg(brown.second)));
  }

  void babbleComesFromOtherSpeakers() {
    const std::vector<Clip> clips = {clip("data/ravdess/Actor_01/03-01-01-01-01-01-01.flac", "ravdess:01"),
                                     clip("data/ravdess/Actor_01/03-01-01-01-01-02-01.flac", "ravdess:01"),
                                     clip("data/ravdess/Actor_02/03-01-01-01-01-01-02.flac", "ravdess:02"),
                                     clip("data/ravdess/Actor_03/03-01-01-01-01-01-03.flac", "ravdess:03")};
    auto pool = BabblePool::fromClips(clips, kRate, 3, 7);
    QVERIFY2(pool.ok(), pool.ok() ? "" : pool.error().c_str());
    QCOMPARE(pool->size(), size_t(3));
    std::set<std::string> speakers;
    for (const auto& c : pool->clips()) {
      speakers.insert(c.speaker);
      QVERIFY(std::abs(power(c.samples) - 1.0) < 1e-3);
    }
    QCOMPARE(speakers.size(), size_t(3));  // one clip per speaker before any second one
    QVERIFY(pool->fingerprint() != 0);
    QCOMPARE(BabblePool::fromClips(clips, kRate, 3, 7)->fingerprint(), pool->fingerprint());
    QVERIFY(BabblePool::fromClips(clips, kRate, 4, 7)->fingerprint() != pool->fingerprint());  // a fourth file
    // Babble for speaker 01 holds only 02 and 03: with 2 talkers it is their two clips summed.
    std::mt19937_64 rng(5);
    const auto b = pool->make(20000, 2, "ravdess:01", rng);
    QCOMPARE(b.size(), size_t(20000));
    QVERIFY(power(b) > 0.5);
    std::mt19937_64 again(5);
    QCOMPARE(pool->make(20000, 2, "ravdess:01", again), b);
    BabblePool single({{"ravdess:01", std::vector<float>(100, 1.0f)}});
    QVERIFY(single.make(50, 3, "ravdess:01", rng).empty());
    QVERIFY(!BabblePool::fromClips({clips[0], clips[1]}, kRate, 4, 1).ok());  // one speaker only

    // Through the Augmenter: at the asked SNR, deterministic, nothing without a pool.
    auto p = AugmentParams::preset("babble").value();
    p.probability = 1.0f;
    p.babbleSnrDbMin = p.babbleSnrDbMax = 12.0f;
    const auto x = speech("data/ravdess/Actor_01/03-01-05-01-01-01-01.flac");
    const Augmenter with(p, std::make_shared<const BabblePool>(std::move(pool.value())));
    std::mt19937_64 r1(11), r2(11);
    const auto y1 = with.applyWaveform(x, kRate, r1, "ravdess:01"), y2 = with.applyWaveform(x, kRate, r2, "ravdess:01");
    QCOMPARE(y1, y2);
    std::vector<float> n(x.size());
    for (size_t i = 0; i < x.size(); ++i) n[i] = y1[i] - x[i];
    QVERIFY2(std::abs(db(power(x) / power(n)) - 12.0) < 0.01, qPrintable(QString::number(db(power(x) / power(n)))));
    std::mt19937_64 r3(11);
    QCOMPARE(Augmenter(p).applyWaveform(x, kRate, r3, "ravdess:01"), x);
  }

  void singleEffectsAreSeeded() {
    const auto x = speech("data/ravdess/Actor_03/03-01-04-01-02-01-03.flac");
    QVERIFY(!x.empty());
    for (const char* name : {"reverb", "band", "codec", "noise"}) {
      auto p = AugmentParams::preset(name).value();
      p.probability = 1.0f;
      const Augmenter aug(p);
      std::mt19937_64 a(21), b(21);
      const auto ya = aug.applyWaveform(x, kRate, a), yb = aug.applyWaveform(x, kRate, b);
      QCOMPARE(ya, yb);
      QCOMPARE(ya.size(), x.size());
      QVERIFY2(ya != x, name);
      bool differs = false;
      for (uint64_t s = 22; s < 26 && !differs; ++s) {
        std::mt19937_64 c(s);
        differs = aug.applyWaveform(x, kRate, c) != ya;
      }
      QVERIFY2(differs, name);
    }
  }
};

QTEST_GUILESS_MAIN(TestAugmentChannel)
#include "tst_augment_channel.moc"
