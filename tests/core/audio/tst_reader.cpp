// Reading audio: the six shared samples (checked against an independent WAV parser), a format
// matrix built at test time (containers x encodings x rates x channel counts, each read back at
// 16 kHz and compared with the analytic signal), and AudioFileReader + Resampler streaming.
#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

#include <random>

#include "AudioTestUtil.h"
#include "core/audio/AudioReader.h"
#include "core/audio/AudioWriter.h"
#include "core/audio/Resampler.h"
#include "support/TestPaths.h"

using namespace emo;
using namespace emo::test;

namespace {


// Channel c of the matrix signal at time t: two tones below 4 kHz (inside every rate's band),
// different amplitude and phase per channel so the downmix is not any single channel.
// `lfeSilent`: Vorbis treats the 6th of 6 channels as LFE and low-passes it at 44.1/48 kHz (a
// deliberate codec choice that removes our tones there, measured SNR 12 dB), so that channel is
// left silent for Vorbis 6-channel files.
double matrixChannel(int c, double t, bool lfeSilent = false) {
  if (lfeSilent && c == 5) return 0.0;
  const double a = 0.35 * (1.0 - 0.08 * c), b = 0.22 * (1.0 + 0.05 * c);
  return a * std::sin(2 * kPi * 300.0 * t + 0.7 * c) + b * std::sin(2 * kPi * 1100.0 * t - 0.4 * c);
}
double matrixMono(int channels, double t, bool lfeSilent) {
  double s = 0;
  for (int c = 0; c < channels; ++c) s += matrixChannel(c, t, lfeSilent);
  return s / channels;
}

constexpr double kMatrixSeconds = 0.5;
constexpr size_t kEdge = 480;  ///< 30 ms at 16 kHz skipped at both ends (resampler start-up on an abrupt onset)

}  // namespace

class TestReader : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;

 private slots:
  void initTestCase() { QVERIFY(dir_.isValid()); }

  void sharedSamples_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("rate");
    QTest::addColumn<int>("channels");
    QTest::newRow("01-07") << "03-01-01-01-01-01-07.wav" << 48000 << 1;
    QTest::newRow("03-12") << "03-01-03-02-01-02-12.wav" << 48000 << 1;
    QTest::newRow("04-02") << "03-01-04-02-02-01-02.wav" << 48000 << 1;
    QTest::newRow("05-05") << "03-01-05-02-01-01-05.wav" << 48000 << 1;
    QTest::newRow("08-01 stereo") << "03-01-08-01-02-02-01.wav" << 48000 << 2;
    QTest::newRow("TESS") << "YAF_back_fear.wav" << 24414 << 1;
  }
  void sharedSamples() {
    QFETCH(QString, file);
    QFETCH(int, rate);
    QFETCH(int, channels);
    const QString path = shared("samples/" + file);
    const Pcm16Wav raw = parsePcm16Wav(path);  // independent of libsndfile
    QVERIFY2(raw.frames() > 0, qPrintable(path));
    QCOMPARE(raw.rate, rate);
    QCOMPARE(raw.channels, channels);

    auto info = probeAudio(path.toStdString());
    QVERIFY2(info.ok(), info.error().c_str());
    QCOMPARE(info->path, path.toStdString());
    QCOMPARE(info->container, std::string("WAV"));
    QCOMPARE(info->encoding, std::string("PCM_16"));
    QCOMPARE(info->sampleRate, rate);
    QCOMPARE(info->channels, channels);
    QCOMPARE(info->frames, int64_t(raw.frames()));
    QCOMPARE(info->seconds(), double(raw.frames()) / rate);
    QVERIFY(info->warnings.empty());

    // Native rate: the downmix is the average of the channels, sample for sample.
    auto native = readAudioMono(path.toStdString(), nativeRate());
    QVERIFY2(native.ok(), native.error().c_str());
    QCOMPARE(native->sampleRate, rate);
    QCOMPARE(native->samples.size(), raw.frames());
    QCOMPARE(native->seconds(), info->seconds());
    double worst = 0;
    for (size_t i = 0; i < raw.frames(); ++i) {
      double avg = 0;
      for (int c = 0; c < channels; ++c) avg += raw.interleaved[i * size_t(channels) + size_t(c)];
      worst = std::max(worst, std::abs(avg / channels - native->samples[i]));
    }
    QVERIFY2(worst < 1e-7, qPrintable(QString("downmix differs by %1").arg(worst)));

    // Default: 16 kHz, the same duration.
    auto model = readAudioMono(path.toStdString());
    QVERIFY(model.ok());
    QCOMPARE(model->sampleRate, kModelSampleRate);
    const double expected = double(raw.frames()) * 16000.0 / rate;
    QVERIFY2(std::abs(double(model->samples.size()) - expected) <= 1.0,
             qPrintable(QString("%1 samples, expected %2").arg(model->samples.size()).arg(expected)));
  }

  // The shared stereo sample has two identical channels, so its downmix is its left channel.
  // Synthetic stereo shows the average: L = x, R = -x gives silence; L = x, R = 0 gives x / 2.
  void stereoDownmixAverages() {
    const Pcm16Wav raw = parsePcm16Wav(shared("samples/03-01-08-01-02-02-01.wav"));
    QCOMPARE(raw.channels, 2);
    auto sample = readAudioMono(shared("samples/03-01-08-01-02-02-01.wav").toStdString(), nativeRate());
    QVERIFY(sample.ok());
    for (size_t i = 0; i < raw.frames(); i += 997) QCOMPARE(sample->samples[i], raw.interleaved[2 * i]);

    const std::vector<float> x = sine(700, 8000, 4000, 0.6);
    std::vector<float> opposite(8000), oneSided(8000);
    for (size_t i = 0; i < 4000; ++i) {
      opposite[2 * i] = x[i], opposite[2 * i + 1] = -x[i];
      oneSided[2 * i] = x[i], oneSided[2 * i + 1] = 0.0f;
    }
    const std::string p1 = QDir(dir_.path()).filePath("opposite.wav").toStdString();
    const std::string p2 = QDir(dir_.path()).filePath("onesided.wav").toStdString();
    QVERIFY(writeAudioFile(p1, opposite.data(), 4000, 8000, 2, {"WAV", "FLOAT"}).ok());
    QVERIFY(writeAudioFile(p2, oneSided.data(), 4000, 8000, 2, {"WAV", "FLOAT"}).ok());
    auto a = readAudioMono(p1, nativeRate());
    auto b = readAudioMono(p2, nativeRate());
    QVERIFY(a.ok() && b.ok());
    QCOMPARE(a->samples.size(), size_t(4000));
    for (size_t i = 0; i < 4000; ++i) {
      QCOMPARE(a->samples[i], 0.0f);
      QCOMPARE(b->samples[i], x[i] / 2.0f);
    }
  }

  void maxSecondsStopsEarly() {
    ReadOptions o;
    o.maxSeconds = 1.0;
    auto a = readAudioMono(shared("samples/03-01-01-01-01-01-07.wav").toStdString(), o);
    QVERIFY(a.ok());
    QVERIFY2(std::abs(double(a->samples.size()) - 16000.0) <= 1.0, qPrintable(QString::number(a->samples.size())));
    auto full = readAudioMono(shared("samples/03-01-01-01-01-01-07.wav").toStdString());
    QVERIFY(full.ok());
    // The first 0.99 s agree with the full read (the last few ms differ: the cut is a new edge).
    QVERIFY(maxAbsDiff(a->samples, full->samples, 0, 160) < 1e-6);
  }

  // AudioFileReader in random blocks through a streaming Resampler == readAudioMono.
  void streamingEqualsWholeFile_data() {
    QTest::addColumn<QString>("file");
    QTest::newRow("stereo 48k") << "03-01-08-01-02-02-01.wav";
    QTest::newRow("24414 Hz") << "YAF_back_fear.wav";
  }
  void streamingEqualsWholeFile() {
    QFETCH(QString, file);
    const std::string path = shared("samples/" + file).toStdString();
    auto whole = readAudioMono(path);
    QVERIFY(whole.ok());

    AudioFileReader reader;
    Status opened = reader.open(path);
    QVERIFY2(opened.ok(), opened.error().c_str());
    auto resampler = Resampler::create(reader.info().sampleRate, kModelSampleRate);
    QVERIFY(resampler.ok());
    std::mt19937 rng(7);
    std::uniform_int_distribution<size_t> blockSize(1, 9000);
    std::vector<float> block, streamed;
    size_t frames = 0;
    for (;;) {
      auto got = reader.read(block, blockSize(rng));
      QVERIFY2(got.ok(), got.error().c_str());
      QCOMPARE(block.size(), *got);
      if (*got == 0) break;
      frames += *got;
      resampler->process(block.data(), block.size(), streamed);
    }
    resampler->flush(streamed);
    QCOMPARE(int64_t(frames), reader.info().frames);
    auto again = reader.read(block, 100);  // stays at end of file
    QVERIFY(again.ok());
    QCOMPARE(*again, size_t(0));
    QCOMPARE(streamed.size(), whole->samples.size());
    const double diff = maxAbsDiff(streamed, whole->samples);
    QVERIFY2(diff <= 1e-6, qPrintable(QString("max diff %1").arg(diff)));
  }

  void readerLifecycle() {
    AudioFileReader closed;
    std::vector<float> block;
    QVERIFY(!closed.read(block, 10).ok());
    AudioFileReader a;
    QVERIFY(a.open(shared("samples/YAF_back_fear.wav").toStdString()).ok());
    AudioFileReader b = std::move(a);  // movable; the moved-from reader fails cleanly
    QCOMPARE(b.info().sampleRate, 24414);
    QVERIFY(!a.read(block, 10).ok());  // NOLINT(bugprone-use-after-move): checking exactly that
    QCOMPARE(a.info().sampleRate, 0);
    auto got = b.read(block, 1000);
    QVERIFY(got.ok());
    QCOMPARE(*got, size_t(1000));
    b.close();
    QVERIFY(!b.read(block, 10).ok());
  }

  // Containers x encodings x rates x channel counts, written at test time with writeAudioFile.
  void formatMatrix_data() {
    QTest::addColumn<QString>("container");
    QTest::addColumn<QString>("encoding");
    QTest::addColumn<int>("rate");
    QTest::addColumn<int>("channels");
    const std::vector<std::pair<const char*, const char*>> formats = {
        {"WAV", "PCM_U8"}, {"WAV", "PCM_16"}, {"WAV", "PCM_24"}, {"WAV", "PCM_32"}, {"WAV", "FLOAT"},
        {"WAV", "DOUBLE"}, {"AIFF", "PCM_S8"}, {"AIFF", "PCM_16"}, {"AIFF", "PCM_24"}, {"AIFF", "PCM_32"},
        {"AIFF", "FLOAT"}, {"FLAC", "PCM_S8"}, {"FLAC", "PCM_16"}, {"FLAC", "PCM_24"}, {"OGG", "VORBIS"}};
    for (const auto& [container, encoding] : formats)
      for (int rate : {8000, 22050, 44100, 48000, 96000})
        for (int channels : {1, 2, 6})
          QTest::addRow("%s/%s/%d/%dch", container, encoding, rate, channels)
              << container << encoding << rate << channels;
  }
  void formatMatrix() {
    QFETCH(QString, container);
    QFETCH(QString, encoding);
    QFETCH(int, rate);
    QFETCH(int, channels);
    const size_t frames = size_t(kMatrixSeconds * rate);
    const bool lfeSilent = encoding == "VORBIS" && channels == 6;
    std::vector<float> interleaved(frames * size_t(channels));
    for (size_t i = 0; i < frames; ++i)
      for (int c = 0; c < channels; ++c)
        interleaved[i * size_t(channels) + size_t(c)] = float(matrixChannel(c, double(i) / rate, lfeSilent));
    const QString name = QString("m_%1_%2_%3_%4.%5").arg(container, encoding).arg(rate).arg(channels).arg(container.toLower());
    const std::string path = QDir(dir_.path()).filePath(name).toStdString();
    Status written = writeAudioFile(path, interleaved.data(), frames, rate, channels,
                                    {container.toStdString(), encoding.toStdString()});
    QVERIFY2(written.ok(), written.error().c_str());

    auto info = probeAudio(path);
    QVERIFY2(info.ok(), info.error().c_str());
    QCOMPARE(QString::fromStdString(info->container), container);
    QCOMPARE(QString::fromStdString(info->encoding), encoding);
    QCOMPARE(info->sampleRate, rate);
    QCOMPARE(info->channels, channels);
    // libsndfile quirk: an 8-bit AIFF with an odd byte count gets its pad byte counted as one more
    // frame in the COMM chunk it writes (sox reads the same count), a zero sample at the end.
    const bool padFrame = container == "AIFF" && encoding == "PCM_S8" && (frames * size_t(channels)) % 2 == 1;
    QCOMPARE(info->frames, int64_t(frames + (padFrame ? 1 : 0)));

    auto audio = readAudioMono(path);
    QVERIFY2(audio.ok(), audio.error().c_str());
    QCOMPARE(audio->sampleRate, 16000);
    const size_t n = size_t(kMatrixSeconds * 16000);
    QVERIFY2(std::abs(double(audio->samples.size()) - double(n)) <= 1.0, qPrintable(QString::number(audio->samples.size())));
    std::vector<float> reference(n);
    for (size_t i = 0; i < n; ++i) reference[i] = float(matrixMono(channels, double(i) / 16000.0, lfeSilent));
    const double err = maxAbsDiff(audio->samples, reference, kEdge, kEdge);
    const double snr = snrDb(audio->samples, reference, 0, kEdge, kEdge);
    // Tolerances (max |error| against the analytic downmix at 16 kHz, 30 ms edges skipped):
    //  8-bit: quantisation step 2/256, so up to ~0.004 per sample before the resampler filter;
    //  16-bit: 1.5e-5 quantisation plus the soxr HQ passband error;
    //  24/32-bit, float, double: the soxr HQ passband error alone;
    //  Vorbis is lossy: judged by SNR instead.
    // Worst cases measured over the 225 rows: 8-bit 8.9e-3, 16-bit 3.5e-5, others 3.6e-7, Vorbis
    // SNR 29.0 dB (22.05 kHz mono). The bounds leave ~35% headroom (a factor 3 at 24-bit and up).
    double tolerance = 1e-6;
    if (encoding.endsWith("8")) tolerance = 0.012;
    else if (encoding == "PCM_16") tolerance = 6e-5;
    if (encoding == "VORBIS") {
      QVERIFY2(snr > 25.0, qPrintable(QString("SNR %1 dB").arg(snr)));
    } else {
      QVERIFY2(err <= tolerance, qPrintable(QString("max error %1 > %2 (SNR %3 dB)").arg(err).arg(tolerance).arg(snr)));
    }
  }
};

QTEST_GUILESS_MAIN(TestReader)
#include "tst_reader.moc"
