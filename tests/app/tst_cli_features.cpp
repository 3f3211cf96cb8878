// emoscope-cli features / bench features, end to end on the golden sine and real RAVDESS files.
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

#include "core/audio/AudioReader.h"
#include "core/dsp/FeatureExtractor.h"
#include "core/dsp/StreamingFeatureExtractor.h"
#include "support/CliRun.h"
#include "support/TestPaths.h"

namespace {

using Run = emo::test::CliResult;

Run cli(const QStringList& args) { return emo::test::runCli(args, 60000); }

QVector<QVector<double>> csv(const QString& path) {
  QVector<QVector<double>> rows;
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly | QIODevice::Text)) return rows;
  while (!f.atEnd()) {
    const QString line = QString::fromLatin1(f.readLine()).trimmed();
    if (line.isEmpty()) continue;
    QVector<double> row;
    for (const QString& v : line.split(',')) row.push_back(v.toDouble());
    rows.push_back(row);
  }
  return rows;
}

}  // namespace

class TestCliFeatures : public QObject {
  Q_OBJECT

 private slots:
  void mfccMatchesGolden() {
    QTemporaryDir dir;
    const Run r = cli({"features", emo::test::shared("golden/sine440/input_16k_pcm16.wav"), "--out", dir.path()});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const auto ours = csv(dir.filePath("mfcc.csv"));
    const auto ref = csv(emo::test::shared("golden/sine440/mfcc.csv"));
    QCOMPARE(ref.size(), 101);
    QCOMPARE(ours.size(), ref.size());
    double worst = 0;
    for (int t = 0; t < ref.size(); ++t) {
      QCOMPARE(ours[t].size(), 40);
      for (int c = 0; c < 40; ++c) worst = std::max(worst, std::fabs(ours[t][c] - ref[t][c]));
    }
    QVERIFY2(worst <= 1e-3, qPrintable(QString("max |mfcc - golden| = %1").arg(worst)));
    for (const char* name : {"power_spec", "mel_power", "logmel_db", "mfcc_delta", "mfcc_delta2", "zcr", "rms",
                             "spectral_centroid", "spectral_bandwidth", "chroma", "f0"})
      QVERIFY2(QFile::exists(dir.filePath(QString(name) + ".csv")), name);
    QCOMPARE(csv(dir.filePath("f0.csv")).value(50).size(), 2);
    QVERIFY(std::fabs(csv(dir.filePath("f0.csv"))[50][0] - 440.0) < 4.4);  // YIN on the 440 Hz sine
  }

  void presetChangesLayout() {
    QTemporaryDir dir;
    const Run r = cli({"features", emo::test::shared("golden/sine440/input_16k_pcm16.wav"), "--out", dir.path(),
                       "--preset", "mfcc13"});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QCOMPARE(csv(dir.filePath("mfcc.csv")).value(0).size(), 13);
  }

  void badInputs() {
    QTemporaryDir dir;
    const QString junk = dir.filePath("junk.wav");
    QFile f(junk);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("this is not audio at all, just text pretending to be a wav file\n");
    f.close();
    Run r = cli({"features", junk, "--out", dir.filePath("out")});
    QVERIFY(r.code != 0);
    QVERIFY2(r.err.contains("junk.wav"), qPrintable(r.err));
    QVERIFY(!QFile::exists(dir.filePath("out/mfcc.csv")));

    r = cli({"features", dir.filePath("missing.flac"), "--out", dir.filePath("out")});
    QVERIFY(r.code != 0);
    QVERIFY2(r.err.contains("missing.flac"), qPrintable(r.err));

    r = cli({"features", emo::test::shared("golden/sine440/input_16k_pcm16.wav"), "--out", dir.path(), "--preset",
             "nonsense"});
    QVERIFY(r.code != 0);
    QVERIFY2(r.err.contains("nonsense"), qPrintable(r.err));

    const QString params = dir.filePath("p.json");
    QFile pf(params);
    QVERIFY(pf.open(QIODevice::WriteOnly));
    pf.write("{\"nMels\": 64, \"hopLength\": 0}");
    pf.close();
    r = cli({"features", emo::test::shared("golden/sine440/input_16k_pcm16.wav"), "--out", dir.path(), "--params",
             params});
    QVERIFY(r.code != 0);
    QVERIFY2(r.err.contains("hopLength"), qPrintable(r.err));
  }

  // End to end on a real corpus FLAC (tests/core/dsp links the DSP layer only, without the
  // decoder): decoded audio streamed in uneven blocks equals whole-file extraction bitwise.
  void streamingOnRavdessFlac() {
    const QString path = emo::test::shared("data/ravdess/Actor_01/03-01-05-02-01-01-01.flac");
    const auto audio = emo::readAudioMono(path.toStdString());
    QVERIFY2(audio.ok(), audio.error().c_str());
    const std::vector<float>& y = audio->samples;
    emo::FeatureExtractor fx{emo::FeatureParams{}};
    const emo::FeatureSet whole = fx.compute(y.data(), y.size(), emo::seedFeatureKinds());
    emo::StreamingFeatureExtractor sx(emo::FeatureParams{}, emo::seedFeatureKinds());
    emo::FeatureSet streamed;
    const size_t blocks[] = {1, 7, 160, 1000, 4096, 333};
    size_t pos = 0;
    for (int i = 0; pos < y.size(); ++i) {
      const size_t n = std::min(y.size() - pos, blocks[i % 6]);
      const emo::FeatureSet part = sx.push(y.data() + pos, n);
      pos += n;
      for (const auto& [kind, m] : part.items) streamed.getOrAdd(kind, m.cols).appendRows(m);
      streamed.frames += part.frames;
    }
    const emo::FeatureSet tail = sx.finish();
    for (const auto& [kind, m] : tail.items) streamed.getOrAdd(kind, m.cols).appendRows(m);
    streamed.frames += tail.frames;
    QCOMPARE(streamed.frames, whole.frames);
    for (const auto& [kind, m] : whole.items) {
      QVERIFY2(streamed.get(kind).data == m.data, emo::featureName(kind).c_str());
    }
  }

  void benchJson() {
    const Run r = cli({"bench", "features", "--limit", "3", "--json"});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(o.value("files").toInt(), 3);
    QVERIFY(o.value("x_realtime").toDouble() > 0.0);
    QVERIFY(o.value("x_realtime_with_decode").toDouble() > 0.0);
    QVERIFY(o.value("x_realtime_with_decode").toDouble() <= o.value("x_realtime").toDouble());
    QVERIFY(o.value("audio_seconds").toDouble() > 1.0);
    // decode time per audio second agrees with the totals it is made of
    const double perSecond = o.value("decode_ms_per_audio_second").toDouble();
    QVERIFY(perSecond > 0.0);
    QVERIFY(std::fabs(perSecond - o.value("decode_resample_seconds").toDouble() * 1e3 / o.value("audio_seconds").toDouble()) <=
            1e-9 * perSecond);
    QVERIFY(!o.contains("per_kind_us_per_frame"));
  }

  // --per-kind times every group of the table in docs/PERFORMANCE.md (timings are not compared:
  // speed belongs to benchmarks); a repeat count of 0 is refused.
  void benchPerKind() {
    const Run r = cli({"bench", "features", "--limit", "2", "--json", "--per-kind", "--repeat", "2"});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QJsonObject k = QJsonDocument::fromJson(r.out.toUtf8()).object().value("per_kind_us_per_frame").toObject();
    QCOMPARE(k.size(), 10);
    for (const QString& name : k.keys()) QVERIFY2(k.value(name).toDouble() > 0.0, qPrintable(name));
    for (const char* name : {"power spectrum (window + FFT + |X|^2)", "+ mel", "+ dB", "+ DCT (MFCC)", "+ two deltas",
                             "centroid + bandwidth", "chroma", "ZCR", "RMS", "seed set"})
      QVERIFY2(k.contains(name), name);
    QVERIFY(cli({"bench", "features", "--limit", "1", "--per-kind", "--repeat", "0"}).code != 0);  // refused
  }
};

QTEST_GUILESS_MAIN(TestCliFeatures)
#include "tst_cli_features.moc"
