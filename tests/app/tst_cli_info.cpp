// emoscope-cli info, end to end: text and JSON output for real samples (compared with the core's
// probeAudio and an independent look at the WAV header), and a bad file among good ones (message
// on stderr, exit code 1, the good files still printed).
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "core/audio/AudioReader.h"
#include "support/CliRun.h"
#include "support/TestPaths.h"

namespace {

using Run = emo::test::CliResult;

Run cli(const QStringList& args) { return emo::test::runCli(args, 60000); }

}  // namespace

class TestCliInfo : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { QVERIFY2(QFile::exists(emo::test::cliPath()), qPrintable(emo::test::cliPath())); }

  void textForStereoSample() {
    const QString file = emo::test::shared("samples/03-01-08-01-02-02-01.wav");
    const Run r = cli({"info", file});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY(r.err.isEmpty());
    auto info = emo::probeAudio(file.toStdString());
    QVERIFY(info.ok());
    // The data chunk size / 4 bytes per stereo frame, read from the file itself.
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray bytes = f.readAll();
    const int data = bytes.indexOf("data");
    QVERIFY(data > 0);
    quint32 dataBytes = 0;
    memcpy(&dataBytes, bytes.constData() + data + 4, 4);
    QCOMPARE(info->frames, qint64(dataBytes / 4));

    QVERIFY(r.out.startsWith(file + "\n"));
    QVERIFY2(r.out.contains(QRegularExpression("container:\\s+WAV\\n")), qPrintable(r.out));
    QVERIFY2(r.out.contains(QRegularExpression("encoding:\\s+PCM_16\\n")), qPrintable(r.out));
    QVERIFY2(r.out.contains(QRegularExpression("sample rate:\\s+48000 Hz\\n")), qPrintable(r.out));
    QVERIFY2(r.out.contains(QRegularExpression("channels:\\s+2\\n")), qPrintable(r.out));
    QVERIFY2(r.out.contains(QRegularExpression(QString("frames:\\s+%1\\n").arg(dataBytes / 4))), qPrintable(r.out));
    const QString duration = QString::number(double(dataBytes / 4) / 48000.0, 'f', 3);
    QVERIFY2(r.out.contains(QRegularExpression("duration:\\s+" + QRegularExpression::escape(duration) + " s")),
             qPrintable(r.out));
  }

  void jsonForTwoSamples() {
    const QString a = emo::test::shared("samples/YAF_back_fear.wav");
    const QString b = emo::test::shared("samples/03-01-01-01-01-01-07.wav");
    const Run r = cli({"info", a, b, "--json"});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QJsonParseError perr;
    const QJsonDocument doc = QJsonDocument::fromJson(r.out.toUtf8(), &perr);
    QVERIFY2(perr.error == QJsonParseError::NoError, qPrintable(perr.errorString() + "\n" + r.out));
    QVERIFY(doc.isArray());
    const QJsonArray arr = doc.array();
    QCOMPARE(arr.size(), 2);
    const QStringList files{a, b};
    for (int i = 0; i < 2; ++i) {
      const QJsonObject o = arr[i].toObject();
      auto info = emo::probeAudio(files[i].toStdString());
      QVERIFY(info.ok());
      QCOMPARE(o["path"].toString(), files[i]);
      QCOMPARE(o["container"].toString(), QString("WAV"));
      QCOMPARE(o["encoding"].toString(), QString("PCM_16"));
      QCOMPARE(o["sample_rate"].toInt(), info->sampleRate);
      QCOMPARE(o["channels"].toInt(), 1);
      QCOMPARE(qint64(o["frames"].toDouble()), info->frames);
      QVERIFY(std::abs(o["duration_s"].toDouble() - double(info->frames) / info->sampleRate) < 1e-9);
    }
    QCOMPARE(arr[0].toObject()["sample_rate"].toInt(), 24414);
    QCOMPARE(arr[1].toObject()["sample_rate"].toInt(), 48000);
  }

  void badFileAmongGoodOnes() {
    QTemporaryDir dir;
    const QString bad = dir.filePath("notaudio.wav");
    QFile f(bad);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("plain text, not a RIFF header, repeated. plain text, not a RIFF header, repeated.\n");
    f.close();
    const QString good = emo::test::shared("samples/YAF_back_fear.wav");
    const QString missing = dir.filePath("missing.flac");
    const Run r = cli({"info", bad, good, missing});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(bad + ": not an audio file libsndfile can read"), qPrintable(r.err));
    QVERIFY2(r.err.contains(missing + ": no such file"), qPrintable(r.err));
    QVERIFY2(r.out.contains(good) && r.out.contains("24414 Hz"), qPrintable(r.out));  // the good file still printed
    QVERIFY(!r.out.contains(bad));
  }

  void onlyBadFile() {
    const Run r = cli({"info", QDir::tempPath()});  // a folder
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains("is a folder"), qPrintable(r.err));
    QVERIFY(r.out.trimmed().isEmpty());
  }
};

QTEST_GUILESS_MAIN(TestCliInfo)
#include "tst_cli_info.moc"
