// Bad input never crashes and always gets a specific message that starts with the path: missing,
// folder, unreadable, empty, zero frames, truncated header/data, lying header, non-audio bytes,
// NaN/Inf samples, 0 Hz, absurd and infinite rates, chunk sizes that overflow, files over
// ReadOptions::maxFileSeconds, damaged FLAC.
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <unistd.h>

#include <cmath>

#include "AudioTestUtil.h"
#include "core/audio/AudioReader.h"
#include "core/audio/AudioWriter.h"
#include "support/TestPaths.h"

using namespace emo;
using namespace emo::test;

namespace {

void put32(QByteArray& b, uint32_t v) { b.append(reinterpret_cast<const char*>(&v), 4); }
void put16(QByteArray& b, uint16_t v) { b.append(reinterpret_cast<const char*>(&v), 2); }

// A canonical WAV: fmt tag 1 (PCM) or 3 (float), with the data chunk size the caller chooses
// (`declaredDataBytes` < 0 means the true size).
QByteArray wavBytes(const QByteArray& data, int rate, int channels, int bits, int tag, long declaredDataBytes = -1) {
  QByteArray b;
  const uint32_t dataSize = declaredDataBytes < 0 ? uint32_t(data.size()) : uint32_t(declaredDataBytes);
  b.append("RIFF");
  put32(b, 36 + dataSize);
  b.append("WAVEfmt ");
  put32(b, 16);
  put16(b, uint16_t(tag));
  put16(b, uint16_t(channels));
  put32(b, uint32_t(rate));
  put32(b, uint32_t(rate * channels * bits / 8));
  put16(b, uint16_t(channels * bits / 8));
  put16(b, uint16_t(bits));
  b.append("data");
  put32(b, dataSize);
  b.append(data);
  return b;
}

QByteArray pcm16(size_t n, double freq = 440, double rate = 16000) {
  QByteArray d;
  for (size_t i = 0; i < n; ++i) put16(d, uint16_t(int16_t(std::lround(12000 * std::sin(2 * kPi * freq * double(i) / rate)))));
  return d;
}

QByteArray float32(const std::vector<float>& x) {
  return QByteArray(reinterpret_cast<const char*>(x.data()), int(x.size() * sizeof(float)));
}

}  // namespace

class TestBadInput : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;

  std::string file(const char* name, const QByteArray& bytes) {
    const QString p = QDir(dir_.path()).filePath(name);
    QFile f(p);
    if (!f.open(QIODevice::WriteOnly)) return {};
    f.write(bytes);
    return p.toStdString();
  }
  // readAudioMono fails with a message starting with the path and containing `what`; so does the
  // header-only probeAudio unless the problem is in the sample data (`inData`).
  static void expectError(const std::string& path, const QString& what, bool inData = false) {
    auto probe = probeAudio(path);
    QVERIFY2(probe.ok() == inData, qPrintable("probe result unexpected for " + QString::fromStdString(path)));
    auto read = readAudioMono(path);
    QVERIFY2(!read.ok(), qPrintable("read accepted " + QString::fromStdString(path)));
    const QString msg = QString::fromStdString(read.error());
    QVERIFY2(msg.startsWith(QString::fromStdString(path) + ":"), qPrintable(msg));
    QVERIFY2(msg.contains(what), qPrintable("'" + msg + "' lacks '" + what + "'"));
  }

 private slots:
  void initTestCase() { QVERIFY(dir_.isValid()); }

  void missingFile() { expectError(QDir(dir_.path()).filePath("nope.wav").toStdString(), "no such file"); }
  void folder() { expectError(dir_.path().toStdString(), "is a folder"); }
  void emptyPath() {
    auto r = readAudioMono("");
    QVERIFY(!r.ok());
    QVERIFY2(QString::fromStdString(r.error()).contains("no audio file given"), r.error().c_str());
  }
  void unreadable() {
    if (::geteuid() == 0) QSKIP("running as root: file permissions do not stop reading");
    const std::string p = file("locked.wav", wavBytes(pcm16(1600), 16000, 1, 16, 1));
    QVERIFY(QFile::setPermissions(QString::fromStdString(p), QFileDevice::Permissions{}));
    expectError(p, "permission denied");
  }
  void emptyFile() { expectError(file("empty.wav", QByteArray()), "file is empty (0 bytes)"); }
  void zeroFrames() { expectError(file("zero.wav", wavBytes(QByteArray(), 16000, 1, 16, 1)), "contains no audio"); }
  void truncatedHeader() {
    const QByteArray whole = wavBytes(pcm16(1600), 16000, 1, 16, 1);
    expectError(file("cut-header.wav", whole.left(30)), "not an audio file libsndfile can read");
  }
  void nonAudioBytes() {
    QByteArray text;
    for (int i = 0; i < 50; ++i) text.append("this is a text file pretending to be audio\n");
    const std::string p = file("text.wav", text);
    expectError(p, "not an audio file libsndfile can read: ");
    QVERIFY(QString::fromStdString(readAudioMono(p).error()).contains("Format not recognised"));
  }
  void nanSample() {
    std::vector<float> x(16000, 0.1f);
    x[8000] = std::nanf("");
    expectError(file("nan.wav", wavBytes(float32(x), 16000, 1, 32, 3)),
                "sample at 0.500 s (frame 8000, channel 1) is NaN", true);
  }
  // AudioFileReader reports the bad sample once and keeps refusing afterwards.
  void nanStopsTheStreamingReader() {
    std::vector<float> x(16000, 0.1f);
    x[100] = std::nanf("");
    const std::string p = file("nan-stream.wav", wavBytes(float32(x), 16000, 1, 32, 3));
    AudioFileReader reader;
    QVERIFY(reader.open(p).ok());
    std::vector<float> block;
    auto first = reader.read(block, 50);
    QVERIFY(first.ok());
    QCOMPARE(*first, size_t(50));
    auto bad = reader.read(block, 4000);
    QVERIFY(!bad.ok());
    QVERIFY2(QString::fromStdString(bad.error()).contains("frame 100, channel 1) is NaN"), bad.error().c_str());
    QVERIFY(block.empty());
    auto again = reader.read(block, 4000);
    QVERIFY(!again.ok());
    QCOMPARE(again.error(), bad.error());
  }
  void infSampleInSecondChannel() {
    std::vector<float> x(2 * 8000, -0.2f);
    x[2 * 4000 + 1] = INFINITY;  // frame 4000, channel 2, at 8 kHz = 0.5 s
    expectError(file("inf.wav", wavBytes(float32(x), 8000, 2, 32, 3)), "sample at 0.500 s (frame 4000, channel 2) is infinite",
                true);
  }
  void zeroRateWav() { expectError(file("rate0.wav", wavBytes(pcm16(1600), 0, 1, 16, 1)), "sample rate 0 Hz is not plausible"); }
  void absurdRateWav() {
    // Issue 18: a valid header at a rate above the limit is refused as too fast, not as damaged;
    // a rate field that disagrees with the byte rate beside it is damage.
    expectError(file("rate2m.wav", wavBytes(pcm16(1600), 2000000, 1, 16, 1)),
                "sample rate 2000000 Hz is above the highest rate EmoScope reads (768000 Hz); the header itself is valid");
    QByteArray damaged = wavBytes(pcm16(1600), 16000, 1, 16, 1);
    const uint32_t rate = 1000000;
    memcpy(damaged.data() + 24, &rate, 4);  // the rate field; the byte rate still says 32000
    expectError(file("rate1m.wav", damaged), "sample rate 1000000 Hz is not plausible (expected 1 Hz..768000 Hz); the header is damaged");
  }
  void zeroRateAiff() {
    // A valid AIFF whose COMM sample rate (80-bit float at offset 16 in the chunk) is zeroed.
    const std::string good = QDir(dir_.path()).filePath("good.aiff").toStdString();
    const std::vector<float> x = sine(440, 16000, 1600);
    QVERIFY(writeAudioFile(good, x.data(), x.size(), 16000, 1, {"AIFF", "PCM_16"}).ok());
    QFile f(QString::fromStdString(good));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QByteArray bytes = f.readAll();
    const int comm = bytes.indexOf("COMM");
    QVERIFY(comm > 0);
    for (int i = 0; i < 10; ++i) bytes[comm + 16 + i] = 0;
    expectError(file("rate0.aiff", bytes), "sample rate 0 Hz is not plausible");
  }
  // Fuzzing work (issue 7); the inputs are in tests/fuzz/regressions/audio_reader/.
  void infiniteDeclaredRate() {
    // libsndfile refuses this AIFF and its COMM rate (80-bit float) is infinite: the message cast
    // the rate to an integer (undefined behaviour).
    QFile f(emo::test::sourceDir() + "/tests/fuzz/regressions/audio_reader/aiff-infinite-rate");
    QVERIFY(f.open(QIODevice::ReadOnly));
    expectError(file("rateinf.aiff", f.readAll()), "sample rate inf Hz is not plausible");
  }
  void hugeChunkSizeDoesNotHang() {
    // A RIFF chunk of 0xFFFFFFF8 bytes: the header walk computed 8 + size in 32 bits, which wrapped
    // to 0, and looped forever.
    QByteArray b("RIFF");
    put32(b, 36);
    b.append("WAVEJUNK");
    put32(b, 0xFFFFFFF8u);
    b.append("0123456789abcdef");
    expectError(file("hugechunk.wav", b), "not an audio file libsndfile can read");
  }
  void floatNearLimitStereoDownmixStaysFinite() {
    // Two finite channels of 3e38 averaged in float added up to inf.
    std::vector<float> x(2 * 480, 3e38f);
    auto r = readAudioMono(file("bigstereo.wav", wavBytes(float32(x), 16000, 2, 32, 3)));
    QVERIFY2(r.ok(), r.error().c_str());
    for (float v : r->samples) QVERIFY(std::isfinite(v) && std::abs(v - 3e38f) < 1e32f);
  }
  void floatNearLimitResampleOverflowIsRefused() {
    // Finite +-3.3e38 steps at 48 kHz overshoot past FLT_MAX in the resampling filter.
    std::vector<float> x(960);
    for (size_t i = 0; i < x.size(); ++i) x[i] = (i / 50) % 2 ? 3.3e38f : -3.3e38f;
    expectError(file("bigsteps48k.wav", wavBytes(float32(x), 48000, 1, 32, 3)), "overflow when resampled to 16000 Hz",
                true);
  }
  void longerThanLimit() {
    const std::string p = file("onesec.wav", wavBytes(pcm16(16000), 16000, 1, 16, 1));
    ReadOptions o;
    o.maxFileSeconds = 0.5;
    auto r = readAudioMono(p, o);
    QVERIFY(!r.ok());
    QVERIFY2(QString::fromStdString(r.error()).startsWith(QString::fromStdString(p)), r.error().c_str());
    QVERIFY2(QString::fromStdString(r.error()).contains("is 1.000 s long, more than the 0.500 s limit"), r.error().c_str());
    o.maxFileSeconds = 2.0;
    QVERIFY(readAudioMono(p, o).ok());
  }
  void badTargetRate() {
    const std::string p = file("ok.wav", wavBytes(pcm16(1600), 16000, 1, 16, 1));
    ReadOptions o;
    o.targetRate = -5;
    auto r = readAudioMono(p, o);
    QVERIFY(!r.ok());
    QVERIFY2(QString::fromStdString(r.error()).contains("target rate -5 Hz"), r.error().c_str());
  }

  // Policy: a header that claims more data than the file holds is read as far as the real data
  // goes (exactly those samples), with a warning; the same for a file cut in the middle of data.
  void lyingHeaderReadsWhatIsThere() {
    const QByteArray data = pcm16(16000);
    const std::string honest = file("honest.wav", wavBytes(data, 16000, 1, 16, 1));
    const std::string liar = file("liar.wav", wavBytes(data, 16000, 1, 16, 1, 4L * data.size()));
    auto truth = readAudioMono(honest);
    auto lie = readAudioMono(liar);
    QVERIFY2(lie.ok(), lie.error().c_str());
    QVERIFY(truth.ok());
    QVERIFY(truth->warnings.empty());
    QCOMPARE(lie->samples.size(), truth->samples.size());
    QVERIFY(lie->samples == truth->samples);
    QCOMPARE(lie->warnings.size(), size_t(1));
    QVERIFY2(QString::fromStdString(lie->warnings[0]).contains("header declares more data than the file holds"),
             lie->warnings[0].c_str());
    auto info = probeAudio(liar);
    QVERIFY(info.ok());
    QCOMPARE(info->frames, int64_t(16000));
    QCOMPARE(info->warnings.size(), size_t(1));
  }
  // Header fields that do not concern the data size (here a wrong bytes/sec and RIFF size) are
  // no reason to warn or fail.
  void harmlessHeaderFlawIsSilent() {
    QByteArray bytes = wavBytes(pcm16(1600), 16000, 1, 16, 1);
    const uint32_t wrongByteRate = 96000;
    memcpy(bytes.data() + 28, &wrongByteRate, 4);
    auto r = readAudioMono(file("byterate.wav", bytes));
    QVERIFY2(r.ok(), r.error().c_str());
    QCOMPARE(r->samples.size(), size_t(1600));
    QVERIFY2(r->warnings.empty(), r->warnings.empty() ? "" : r->warnings[0].c_str());
  }
  void truncatedDataReadsWhatIsThere() {
    const QByteArray whole = wavBytes(pcm16(16000), 16000, 1, 16, 1);
    const std::string cut = file("cut-data.wav", whole.left(44 + 2 * 6000 + 1));  // 6000.5 frames
    auto r = readAudioMono(cut, [] { ReadOptions o; o.targetRate = 0; return o; }());
    QVERIFY2(r.ok(), r.error().c_str());
    QCOMPARE(r->samples.size(), size_t(6000));
    const Pcm16Wav raw = parsePcm16Wav(QString::fromStdString(cut));
    for (size_t i = 0; i < 6000; ++i) QCOMPARE(r->samples[i], raw.interleaved[i]);
    QVERIFY(!r->warnings.empty());
  }
  void truncatedFlacKeepsDecodedPart() {
    const std::string good = QDir(dir_.path()).filePath("good.flac").toStdString();
    const std::vector<float> x = sine(440, 16000, 32000, 0.5);
    QVERIFY(writeAudioFile(good, x.data(), x.size(), 16000, 1, {"FLAC", "PCM_16"}).ok());
    QFile f(QString::fromStdString(good));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray bytes = f.readAll();
    const std::string half = file("half.flac", bytes.left(bytes.size() / 2));
    ReadOptions native;
    native.targetRate = 0;
    auto r = readAudioMono(half, native);
    QVERIFY2(r.ok(), r.error().c_str());
    QVERIFY(r->samples.size() > 0 && r->samples.size() < 32000);
    QVERIFY(maxAbsDiff(r->samples, x) < 1e-4);  // what is returned is the real audio
    QCOMPARE(r->warnings.size(), size_t(1));
    QVERIFY2(QString::fromStdString(r->warnings[0]).contains("decoding stopped at"), r->warnings[0].c_str());
    // Cut inside the first frame: nothing decodes, which is an error.
    expectError(file("stub.flac", bytes.left(200)), "decoding failed at the start of the audio", true);
  }
};

QTEST_GUILESS_MAIN(TestBadInput)
#include "tst_badinput.moc"
