// The bad-input table of docs/RELIABILITY.md, through emoscope-cli predict: every bad input
// gets a specific message on stderr naming the file (exit code 1, the good files in the same
// call still predicted) or, where the audio is usable, a prediction plus a warning. Never a
// crash. Inputs are crafted from a real sample (truncated, lying header, NaN samples, non-UTF-8
// name) or written with the core writer (8 channels, 192 kHz).
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <fstream>

#include "core/audio/AudioWriter.h"
#include "support/CliRun.h"
#include "support/TestPaths.h"

using emo::test::runCli;

namespace {

QByteArray sampleBytes() {
  QFile f(emo::test::shared("samples/YAF_back_fear.wav"));
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writeBytes(const QString& path, const QByteArray& bytes) {
  QFile f(path);
  QVERIFY(f.open(QIODevice::WriteOnly));
  f.write(bytes);
}

/// A speech-like test signal: a 200 Hz harmonic tone with a syllable-rate envelope.
std::vector<float> voiced(int rate, double seconds, int channels) {
  std::vector<float> x(static_cast<size_t>(rate * seconds) * channels);
  for (size_t i = 0; i < x.size() / channels; ++i) {
    const double t = double(i) / rate;
    const double env = 0.5 * (1 - std::cos(2 * M_PI * 4 * t));
    const double v = env * (0.3 * std::sin(2 * M_PI * 200 * t) + 0.15 * std::sin(2 * M_PI * 400 * t));
    for (int c = 0; c < channels; ++c) x[i * channels + c] = static_cast<float>(v);
  }
  return x;
}

}  // namespace

class TestCliBadInput : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;

  QString path(const QString& name) const { return tmp_.filePath(name); }

  /// A valid 32-bit float WAV of a voiced signal with one sample replaced by `bad` (the writer
  /// refuses non-finite samples, so the bytes are patched after writing).
  void writeFloatWavWith(const QString& file, float bad) {
    const auto x = voiced(16000, 1.0, 1);
    QVERIFY(emo::writeWav(file.toStdString(), x.data(), x.size(), 16000, 1, emo::WavEncoding::Float32));
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadWrite));
    QByteArray b = f.readAll();
    const int data = b.indexOf("data");
    QVERIFY(data > 0);
    memcpy(b.data() + data + 8 + 4 * 100, &bad, 4);
    f.seek(0);
    f.write(b);
  }

  void expectRefused(const QString& file, const QString& needle) {
    const auto r = runCli({"predict", "--json", file, emo::test::shared("samples/YAF_back_fear.wav")});
    QVERIFY2(r.code == 1, qPrintable(QString("exit %1: %2").arg(r.code).arg(r.err)));
    QVERIFY2(r.err.contains(QFileInfo(file).fileName()), qPrintable(r.err));
    QVERIFY2(r.err.contains(needle, Qt::CaseInsensitive), qPrintable("expected '" + needle + "' in: " + r.err));
    const QJsonArray all = QJsonDocument::fromJson(r.out.toUtf8()).array();
    QCOMPARE(all.size(), 2);  // the good file is still done; the bad one is an entry with its error
    QVERIFY2(all[0].toObject()["error"].toString().contains(needle, Qt::CaseInsensitive), qPrintable(r.out));
    QVERIFY(!all[1].toObject()["label"].toString().isEmpty());
  }

  void expectPredicted(const QString& file, const QString& warning = {}) {
    const auto r = runCli({"predict", "--json", file});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QJsonArray a = QJsonDocument::fromJson(r.out.toUtf8()).array();
    QCOMPARE(a.size(), 1);
    QVERIFY(!a[0].toObject()["label"].toString().isEmpty());
    if (!warning.isEmpty()) QVERIFY2(r.err.contains(warning, Qt::CaseInsensitive), qPrintable(r.err));
  }

 private slots:
  void initTestCase() { QVERIFY(!sampleBytes().isEmpty()); }

  void emptyFile() {
    writeBytes(path("empty.wav"), {});
    expectRefused(path("empty.wav"), "empty");
  }
  void notAudio() {
    writeBytes(path("notes.wav"), "these are meeting notes, not audio\n");
    expectRefused(path("notes.wav"), "not an audio file");
  }
  void missingPath() { expectRefused(path("missing.wav"), "no such file"); }
  void folderWithoutAudio() {
    QVERIFY(QDir(tmp_.path()).mkpath("emptyfolder"));
    expectRefused(path("emptyfolder"), "no audio");
  }
  void nanSamples() { writeFloatWavWith(path("nan.wav"), std::nanf("")), expectRefused(path("nan.wav"), "NaN"); }
  void infSamples() { writeFloatWavWith(path("inf.wav"), INFINITY), expectRefused(path("inf.wav"), "Inf"); }
  void truncatedData() {
    writeBytes(path("truncated.wav"), sampleBytes().left(20000));
    expectPredicted(path("truncated.wav"), "declares more data");
  }
  void headerLiesAboutSize() {
    QByteArray b = sampleBytes();
    const int data = b.indexOf("data");
    QVERIFY(data > 0);
    quint32 size;
    memcpy(&size, b.constData() + data + 4, 4);
    size *= 10;
    memcpy(b.data() + data + 4, &size, 4);
    writeBytes(path("lies.wav"), b);
    expectPredicted(path("lies.wav"), "declares more data");
  }
  void eightChannels() {
    const auto x = voiced(16000, 2.0, 8);
    QVERIFY(emo::writeWav(path("eight.wav").toStdString(), x.data(), x.size() / 8, 16000, 8));
    expectPredicted(path("eight.wav"));
  }
  void rate192k() {
    const auto x = voiced(192000, 2.0, 1);
    QVERIFY(emo::writeWav(path("hi.wav").toStdString(), x.data(), x.size(), 192000, 1));
    expectPredicted(path("hi.wav"));
  }
  void rate2MHzWithAValidHeader() {
    // Issue 18: a well-formed WAV at 2 MHz was refused as "header damaged"; its header is valid,
    // the rate is only above what EmoScope reads.
    QByteArray b("RIFF");
    auto put32 = [&](quint32 v) { b.append(reinterpret_cast<const char*>(&v), 4); };
    auto put16 = [&](quint16 v) { b.append(reinterpret_cast<const char*>(&v), 2); };
    const quint32 rate = 2000000, dataBytes = 2 * 20000;
    put32(36 + dataBytes);
    b.append("WAVEfmt ");
    put32(16);
    put16(1);         // PCM
    put16(1);         // mono
    put32(rate);
    put32(rate * 2);  // byte rate
    put16(2);         // block align
    put16(16);        // bits
    b.append("data");
    put32(dataBytes);
    b.append(QByteArray(int(dataBytes), '\0'));
    writeBytes(path("fast.wav"), b);
    expectRefused(path("fast.wav"), "sample rate 2000000 Hz is above the highest rate EmoScope reads (768000 Hz)");
    const auto r = runCli({"predict", path("fast.wav")});
    QVERIFY2(!r.err.contains("damaged"), qPrintable(r.err));
  }
  void nonUtf8Name() {
    // The name's bytes are not UTF-8; the CLI finds it by listing its folder.
    QVERIFY(QDir(tmp_.path()).mkpath("latin1"));
    const QByteArray name = QFile::encodeName(path("latin1")) + "/name_\xff\xfe.wav";
    std::ofstream(name.toStdString(), std::ios::binary).write(sampleBytes().constData(), sampleBytes().size());
    const auto r = runCli({"predict", path("latin1")});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY(r.out.contains("name_"));
  }
};

QTEST_GUILESS_MAIN(TestCliBadInput)
#include "tst_cli_badinput.moc"
