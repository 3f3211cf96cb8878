// emoscope-cli predict end to end on the original samples (48 kHz mono, 48 kHz stereo, 24.4 kHz
// TESS) with the shipped model: valid probabilities summing to 1 for every label, the stereo file
// handled, silence giving "no speech", timeline and label export (Audacity, TextGrid) readable by
// the annotation parsers, sharding, a bad file among good ones, and a corrupt bundle refused.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

#include "core/annotate/AnnotationFormats.h"
#include "core/audio/AudioWriter.h"
#include "core/infer/ModelLocator.h"
#include "support/CliRun.h"
#include "support/TestPaths.h"

using emo::test::runCli;
using emo::test::shared;

namespace {

QStringList sampleFiles() {
  return {shared("samples/03-01-05-02-01-01-05.wav"), shared("samples/03-01-08-01-02-02-01.wav"),
          shared("samples/YAF_back_fear.wav")};
}

QJsonArray parseArray(const QString& text) {
  const QJsonDocument d = QJsonDocument::fromJson(text.toUtf8());
  return d.array();
}

}  // namespace

class TestCliPredict : public QObject {
  Q_OBJECT

  QTemporaryDir tmp_;

 private slots:
  void jsonOnSamples() {
    const auto r = runCli(QStringList{"predict", "--json"} + sampleFiles());
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QJsonArray all = parseArray(r.out);
    QCOMPARE(all.size(), 3);
    for (const auto& v : all) {
      const QJsonObject o = v.toObject();
      QVERIFY(o.contains("file") && o.contains("label") && o.contains("probabilities"));
      const QJsonObject probs = o["probabilities"].toObject();
      QCOMPARE(probs.size(), 8);
      double sum = 0, best = -1;
      QString bestLabel;
      for (auto it = probs.begin(); it != probs.end(); ++it) {
        const double p = it.value().toDouble();
        QVERIFY(p >= 0 && p <= 1);
        sum += p;
        if (p > best) best = p, bestLabel = it.key();
      }
      QVERIFY2(std::abs(sum - 1.0) < 1e-3, qPrintable(QString::number(sum)));
      QCOMPARE(o["label"].toString(), bestLabel);
    }
  }

  void textAndCsv() {
    const QString stereo = shared("samples/03-01-08-01-02-02-01.wav");
    const auto text = runCli({"predict", stereo});
    QVERIFY2(text.code == 0, qPrintable(text.err));
    QVERIFY(text.out.startsWith(stereo));
    QVERIFY(text.out.contains("surprised\t"));
    const auto csv = runCli({"predict", "--csv", stereo});
    QVERIFY2(csv.code == 0, qPrintable(csv.err));
    const QStringList lines = csv.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 2);
    QVERIFY(lines[0].startsWith("file,label,neutral"));
    QCOMPARE(lines[1].split(',').size(), 10);
  }

  void silenceIsNoSpeech() {
    const QString path = tmp_.filePath("silence.wav");
    QVERIFY(emo::writeWav(path.toStdString(), std::vector<float>(16000 * 2, 0.0f), 16000));
    const auto r = runCli({"predict", "--json", path});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QJsonObject o = parseArray(r.out).at(0).toObject();
    QCOMPARE(o["label"].toString(), QString("no speech"));
    QVERIFY(o["probabilities"].toObject().isEmpty());
  }

  void timelineAndLabelFiles() {
    const QString clip = shared("samples/03-01-08-01-02-02-01.wav");
    const auto r = runCli({"predict", "--json", "--timeline", "--window", "1.5", "--hop", "0.25", clip});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QJsonArray timeline = parseArray(r.out).at(0).toObject()["timeline"].toArray();
    QVERIFY(timeline.size() > 10);
    double previousEnd = 0;
    for (const auto& v : timeline) {
      const QJsonObject s = v.toObject();
      QVERIFY(s["start"].toDouble() >= previousEnd - 1e-9);
      QVERIFY(s["end"].toDouble() > s["start"].toDouble());
      previousEnd = s["end"].toDouble();
    }
    for (const QString fmt : {"audacity", "textgrid"}) {
      const QString out = tmp_.filePath("labels_" + fmt);
      const auto w = runCli({"predict", "--labels", fmt, "--out", out, clip});
      QVERIFY2(w.code == 0, qPrintable(w.err));
      auto sets = emo::readAnnotations(out.toStdString(), emo::parseLabelFormat(fmt.toStdString()).value());
      QVERIFY2(sets, sets.error().c_str());
      const emo::Tier* tier = sets->at(0).findTier(fmt == "audacity" ? "human" : "model");
      QVERIFY(tier);
      QVERIFY(!tier->segments.empty());
    }
  }

  void shardsPartitionAFolder() {
    const QString folder = shared("samples");
    QStringList seen;
    for (const char* shard : {"1/2", "2/2"}) {
      const auto r = runCli({"predict", "--json", "--shard", shard, folder});
      QVERIFY2(r.code == 0, qPrintable(r.err));
      QVERIFY(r.err.contains("[1/"));  // progress for a folder
      for (const auto& v : parseArray(r.out)) seen << v.toObject()["file"].toString();
    }
    QCOMPARE(seen.size(), 6);
    seen.removeDuplicates();
    QCOMPARE(seen.size(), 6);
  }

  void badFileAmongGoodOnes() {
    const QString bad = tmp_.filePath("not_audio.wav");
    QFile f(bad);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("this is not a RIFF file at all");
    f.close();
    const auto r = runCli({"predict", "--json", bad, shared("samples/YAF_back_fear.wav")});
    QCOMPARE(r.code, 1);
    QVERIFY(r.err.contains("not_audio.wav"));
    QCOMPARE(parseArray(r.out).size(), 1);
  }

  void corruptBundleIsRefused() {
    QDir d(tmp_.path());
    QVERIFY(d.mkpath("bundle"));
    const QString src = QString::fromStdString(emo::defaultModelFolder(EMO_SOURCE_DIR));
    QVERIFY(QFile::copy(src + "/model.json", tmp_.filePath("bundle/model.json")));
    QFile w(tmp_.filePath("bundle/model.pt"));
    QVERIFY(w.open(QIODevice::WriteOnly));
    w.write(QByteArray(1000, 'x'));
    w.close();
    const auto r = runCli({"predict", "--model", tmp_.filePath("bundle"), shared("samples/YAF_back_fear.wav")});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains("cannot load the model"), qPrintable(r.err));
    QVERIFY2(r.err.contains("model.pt") || r.err.contains("weights"), qPrintable(r.err));

    const auto missing = runCli({"predict", "--model", tmp_.filePath("nothing"), shared("samples/YAF_back_fear.wav")});
    QCOMPARE(missing.code, 1);
    QVERIFY(missing.err.contains("nothing"));
  }

  void usageErrorsExitTwo() {
    QCOMPARE(runCli({"predict"}).code, 2);
    QCOMPARE(runCli({"predict", "--labels", "mp3", "--out", "x", shared("samples/YAF_back_fear.wav")}).code, 2);
  }
};

QTEST_GUILESS_MAIN(TestCliPredict)
#include "tst_cli_predict.moc"
