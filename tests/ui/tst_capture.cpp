// CaptureSink (the audio callback's QIODevice): converts every sample format and channel count
// to mono float, copes with frames split across writes, and only hands samples on.
#include <QtTest>
#include <cstring>
#include <vector>

#include "ui/live/CaptureSink.h"
#include "ui/live/PlaybackSource.h"

using namespace emo::ui;

namespace {
QAudioFormat fmt(QAudioFormat::SampleFormat f, int channels, int rate = 48000) {
  QAudioFormat a;
  a.setSampleFormat(f);
  a.setChannelCount(channels);
  a.setSampleRate(rate);
  return a;
}
}  // namespace

class TestCapture : public QObject {
  Q_OBJECT
 private slots:
  void convertsFormatsToMono() {
    float out[2];
    const int16_t s16[] = {16384, -16384, 32767, 32767};  // stereo: (0.5,-0.5) (1,1)
    CaptureSink::toMono(reinterpret_cast<const char*>(s16), 2, fmt(QAudioFormat::Int16, 2), out);
    QCOMPARE(out[0], 0.0f);
    QVERIFY(std::abs(out[1] - 1.0f) < 1e-4f);
    const float f32[] = {0.25f, -0.75f};
    CaptureSink::toMono(reinterpret_cast<const char*>(f32), 2, fmt(QAudioFormat::Float, 1), out);
    QCOMPARE(out[0], 0.25f);
    QCOMPARE(out[1], -0.75f);
    const int32_t s32[] = {1 << 30};
    CaptureSink::toMono(reinterpret_cast<const char*>(s32), 1, fmt(QAudioFormat::Int32, 1), out);
    QCOMPARE(out[0], 0.5f);
    const uint8_t u8[] = {128, 192};
    CaptureSink::toMono(reinterpret_cast<const char*>(u8), 2, fmt(QAudioFormat::UInt8, 1), out);
    QCOMPARE(out[0], 0.0f);
    QCOMPARE(out[1], 0.5f);
  }

  void handsOnEverySampleAcrossSplitWrites() {
    CaptureSink sink;
    sink.setFormat(fmt(QAudioFormat::Int16, 2));
    std::vector<float> got;
    got.reserve(20000);
    sink.setTarget([&got](const float* x, size_t n) { got.insert(got.end(), x, x + n); });
    QVERIFY(sink.open(QIODevice::WriteOnly));
    // 10000 stereo frames (larger than the conversion block), written in odd-sized pieces.
    std::vector<int16_t> pcm(20000);
    for (int i = 0; i < 10000; ++i) pcm[size_t(2 * i)] = pcm[size_t(2 * i + 1)] = int16_t(i % 1000);
    const char* bytes = reinterpret_cast<const char*>(pcm.data());
    qint64 pos = 0;
    const qint64 total = qint64(pcm.size() * 2);
    for (qint64 piece : {3, 1, 4097, 7, 10000, 9}) {
      QCOMPARE(sink.write(bytes + pos, piece), piece);
      pos += piece;
    }
    QCOMPARE(sink.write(bytes + pos, total - pos), total - pos);
    QCOMPARE(got.size(), size_t(10000));
    QCOMPARE(sink.framesReceived(), 10000LL);
    for (int i = 0; i < 10000; ++i) QCOMPARE(got[size_t(i)], float(i % 1000) / 32768.0f);
  }

  void playbackSourceFeedsWhatItPlays() {
    std::vector<float> audio(1000);
    for (size_t i = 0; i < audio.size(); ++i) audio[i] = float(i) / 2000.0f;
    PlaybackSource src;
    src.setSamples(&audio, fmt(QAudioFormat::Int16, 1, 16000));
    std::vector<float> analysed;
    src.setTarget([&](const float* x, size_t n) { analysed.insert(analysed.end(), x, x + n); });
    QVERIFY(src.open(QIODevice::ReadOnly | QIODevice::Unbuffered));  // as FilePlayback opens it
    QCOMPARE(src.bytesAvailable(), qint64(2000));
    QByteArray played = src.read(600);  // 300 samples
    QCOMPARE(played.size(), 600);
    QCOMPARE(analysed.size(), size_t(300));
    src.seekSample(900);
    played = src.read(1000);
    QCOMPARE(played.size(), 200);
    QCOMPARE(analysed.size(), size_t(400));
    QCOMPARE(analysed.back(), audio.back());
    QVERIFY(src.atEnd());
  }
};

QTEST_GUILESS_MAIN(TestCapture)
#include "tst_capture.moc"
