// AudioWriter: WAV round trips (PCM16 and float), other containers, invalid format pairs, and the
// atomic-write guarantees (missing folder, failed overwrite keeps the old file, no temp left).
#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

#include "AudioTestUtil.h"
#include "core/audio/AudioReader.h"
#include "core/audio/AudioWriter.h"
#include "support/TestPaths.h"

using namespace emo;
using namespace emo::test;

class TestWriter : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  std::string path(const char* name) const { return QDir(dir_.path()).filePath(name).toStdString(); }

 private slots:
  void initTestCase() { QVERIFY(dir_.isValid()); }

  void pcm16RoundTrip() {
    const std::vector<float> y = sine(440, 16000, 8000, 0.7);
    const std::string p = path("pcm16.wav");
    Status s = writeWav(p, y, 16000);
    QVERIFY2(s.ok(), s.error().c_str());
    auto info = probeAudio(p);
    QVERIFY2(info.ok(), info.error().c_str());
    QCOMPARE(info->container, std::string("WAV"));
    QCOMPARE(info->encoding, std::string("PCM_16"));
    QCOMPARE(info->sampleRate, 16000);
    QCOMPARE(info->channels, 1);
    QCOMPARE(info->frames, int64_t(8000));
    // Independent parse of the bytes: libsndfile wrote round(x * 32767)-style 16-bit values.
    const Pcm16Wav raw = parsePcm16Wav(QString::fromStdString(p));
    QCOMPARE(raw.frames(), size_t(8000));
    QVERIFY(maxAbsDiff(raw.interleaved, y) <= 1.0 / 32768 + 1e-6);
    auto back = readAudioMono(p, nativeRate());
    QVERIFY(back.ok());
    QCOMPARE(back->sampleRate, 16000);
    QVERIFY(maxAbsDiff(back->samples, y) <= 1.0 / 32768 + 1e-6);
  }

  void float32RoundTripIsExact() {
    std::vector<float> stereo(2 * 4000);
    for (size_t i = 0; i < 4000; ++i) {
      stereo[2 * i] = 0.9f * std::sin(float(i) * 0.01f);
      stereo[2 * i + 1] = -0.3f * std::cos(float(i) * 0.05f);
    }
    const std::string p = path("float.wav");
    Status s = writeWav(p, stereo.data(), 4000, 22050, 2, WavEncoding::Float32);
    QVERIFY2(s.ok(), s.error().c_str());
    auto info = probeAudio(p);
    QVERIFY(info.ok());
    QCOMPARE(info->encoding, std::string("FLOAT"));
    QCOMPARE(info->channels, 2);
    QCOMPARE(info->sampleRate, 22050);
    auto back = readAudioMono(p, nativeRate());
    QVERIFY(back.ok());
    QCOMPARE(back->samples.size(), size_t(4000));
    for (size_t i = 0; i < 4000; ++i) QCOMPARE(back->samples[i], (stereo[2 * i] + stereo[2 * i + 1]) / 2.0f);
  }

  void otherContainers_data() {
    QTest::addColumn<QString>("container");
    QTest::addColumn<QString>("encoding");
    QTest::addColumn<QString>("file");
    QTest::addColumn<double>("tolerance");
    QTest::newRow("FLAC/PCM_24") << "FLAC" << "PCM_24" << "a.flac" << 1.0 / (1 << 23) + 1e-7;
    QTest::newRow("AIFF/PCM_32") << "aiff" << "pcm_32" << "a.aiff" << 1e-7;
    QTest::newRow("WAV/DOUBLE") << "WAV" << "DOUBLE" << "d.wav" << 0.0;
    QTest::newRow("WAV/PCM_U8") << "WAV" << "PCM_U8" << "u8.wav" << 1.0 / 128 + 1e-6;
    QTest::newRow("OGG/VORBIS") << "OGG" << "VORBIS" << "v.ogg" << 0.05;  // lossy
  }
  void otherContainers() {
    QFETCH(QString, container);
    QFETCH(QString, encoding);
    QFETCH(QString, file);
    QFETCH(double, tolerance);
    const std::vector<float> y = sine(500, 16000, 16000, 0.5);
    const std::string p = path(file.toUtf8().constData());
    Status s = writeAudioFile(p, y.data(), y.size(), 16000, 1, {container.toStdString(), encoding.toStdString()});
    QVERIFY2(s.ok(), s.error().c_str());
    auto info = probeAudio(p);
    QVERIFY2(info.ok(), info.error().c_str());
    QCOMPARE(QString::fromStdString(info->container), container.toUpper());
    QCOMPARE(QString::fromStdString(info->encoding), encoding.toUpper());
    QCOMPARE(info->frames, int64_t(16000));
    auto back = readAudioMono(p, nativeRate());
    QVERIFY(back.ok());
    const double err = maxAbsDiff(back->samples, y, 100, 100);
    QVERIFY2(err <= tolerance, qPrintable(QString("max error %1 > %2").arg(err).arg(tolerance)));
  }

  void invalidFormatPairsAreRefused_data() {
    QTest::addColumn<QString>("container");
    QTest::addColumn<QString>("encoding");
    QTest::addColumn<QString>("expected");
    QTest::newRow("FLAC/FLOAT") << "FLAC" << "FLOAT" << "cannot write FLOAT in a FLAC file";
    QTest::newRow("WAV/VORBIS") << "WAV" << "VORBIS" << "cannot write VORBIS in a WAV file";
    QTest::newRow("OGG/PCM_16") << "OGG" << "PCM_16" << "cannot write PCM_16 in a OGG file";
    QTest::newRow("FLAC/DOUBLE") << "FLAC" << "DOUBLE" << "cannot write DOUBLE in a FLAC file";
    QTest::newRow("MP9") << "MP9" << "PCM_16" << "unknown container \"MP9\"";
    QTest::newRow("PCM_12") << "WAV" << "PCM_12" << "unknown encoding \"PCM_12\"";
  }
  void invalidFormatPairsAreRefused() {
    QFETCH(QString, container);
    QFETCH(QString, encoding);
    QFETCH(QString, expected);
    const std::vector<float> y(100, 0.1f);
    const std::string p = path(qPrintable("invalid-" + container + "-" + encoding));
    Status s = writeAudioFile(p, y.data(), y.size(), 16000, 1, {container.toStdString(), encoding.toStdString()});
    QVERIFY(!s.ok());
    const QString msg = QString::fromStdString(s.error());
    QVERIFY2(msg.startsWith(QString::fromStdString(p)), qPrintable(msg));
    QVERIFY2(msg.contains(expected), qPrintable(msg));
    QVERIFY(!QFile::exists(QString::fromStdString(p)));
  }

  void badArgumentsAreRefused() {
    const std::vector<float> y(100, 0.1f);
    Status s = writeWav(path("r0.wav"), y.data(), y.size(), 0, 1);
    QVERIFY(!s.ok());
    QVERIFY2(QString::fromStdString(s.error()).contains("sample rate 0 Hz"), s.error().c_str());
    s = writeWav(path("c0.wav"), y.data(), y.size(), 16000, 0);
    QVERIFY(!s.ok());
    QVERIFY2(QString::fromStdString(s.error()).contains("channel count 0"), s.error().c_str());
    s = writeWav(path("null.wav"), nullptr, 10, 16000, 1);
    QVERIFY(!s.ok());
    s = writeWav("", y, 16000);
    QVERIFY(!s.ok());
  }

  void missingFolderIsAnError() {
    const std::string p = path("no/such/folder/out.wav");
    Status s = writeWav(p, std::vector<float>(100, 0.1f), 16000);
    QVERIFY(!s.ok());
    const QString msg = QString::fromStdString(s.error());
    QVERIFY2(msg.contains(QString::fromStdString(p)), qPrintable(msg));
    QVERIFY2(msg.contains("No such file or directory"), qPrintable(msg));
  }

  // A write that fails half-way (a NaN sample after a full block) leaves the old file as it was
  // and no temporary file behind.
  void failedOverwriteKeepsOldFile() {
    QTemporaryDir local;
    const std::string p = QDir(local.path()).filePath("keep.wav").toStdString();
    const std::vector<float> old = sine(220, 16000, 16000, 0.25);
    QVERIFY(writeWav(p, old, 16000).ok());
    QFile f(QString::fromStdString(p));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray before = f.readAll();
    f.close();

    std::vector<float> bad = sine(880, 16000, 200000, 0.5);
    bad[150000] = std::nanf("");
    Status s = writeWav(p, bad, 16000);
    QVERIFY(!s.ok());
    const QString msg = QString::fromStdString(s.error());
    QVERIFY2(msg.contains("sample 150000") && msg.contains("NaN"), qPrintable(msg));
    QVERIFY2(msg.contains("previous file is unchanged"), qPrintable(msg));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), before);
    QCOMPARE(QDir(local.path()).entryList(QDir::Files), QStringList{"keep.wav"});
  }

  void overwriteReplacesFile() {
    const std::string p = path("replace.wav");
    QVERIFY(writeWav(p, std::vector<float>(1000, 0.1f), 16000).ok());
    QVERIFY(writeWav(p, std::vector<float>(3000, -0.2f), 8000).ok());
    auto info = probeAudio(p);
    QVERIFY(info.ok());
    QCOMPARE(info->frames, int64_t(3000));
    QCOMPARE(info->sampleRate, 8000);
  }
};

QTEST_GUILESS_MAIN(TestWriter)
#include "tst_writer.moc"
