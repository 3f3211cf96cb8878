// emoscope-cli predict end to end on the original samples (48 kHz mono, 48 kHz stereo, 24.4 kHz
// TESS) with the shipped model: valid probabilities summing to 1 for every label, the stereo file
// handled, silence giving "no speech", timeline and label export (Audacity, TextGrid) readable by
// the annotation parsers, sharding, a bad file among good ones, and a corrupt bundle refused.
// Issue 18: probabilities in the model's label order, JSON numbers with the precision they carry,
// timelines from 0 to the file's end with equal hops, failed files as entries with an "error"
// field (JSON and CSV), and --labels --out keeping the timeline off stdout. Issue 14:
// --same-speaker gives a speaker-normalised model the statistics of the inputs' speech, exactly
// as a profile made from the same recordings with `calibrate`.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <QRegularExpression>

#include <algorithm>
#include <cmath>

#include "core/annotate/AnnotationFormats.h"
#include "core/audio/AudioWriter.h"
#include "core/infer/ModelLocator.h"
#include "support/CliRun.h"
#include "support/TestBundles.h"
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

/// The shipped model's labels, in its own order (model.json).
QStringList modelLabels() {
  QFile f(QString::fromStdString(emo::defaultModelFolder(EMO_SOURCE_DIR)) + "/model.json");
  if (!f.open(QIODevice::ReadOnly)) return {};
  QStringList out;
  for (const auto& v : QJsonDocument::fromJson(f.readAll()).object()["labels"].toArray()) out << v.toString();
  return out;
}

/// One CSV line split into fields (RFC 4180 quoting).
QStringList csvFields(const QString& line) {
  QStringList out;
  QString field;
  bool quoted = false;
  for (int i = 0; i < line.size(); ++i) {
    const QChar c = line[i];
    if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"') field += '"', ++i;
    else if (c == '"') quoted = !quoted;
    else if (c == ',' && !quoted) out << field, field.clear();
    else field += c;
  }
  out << field;
  return out;
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

  // A calibrated model (model.json "calibration") marks each speech reading "uncertain" exactly
  // when its top probability is below the model's threshold.
  void jsonMarksUncertainReadings() {
    QFile f(QString::fromStdString(emo::defaultModelFolder(EMO_SOURCE_DIR)) + "/model.json");
    QVERIFY(f.open(QIODevice::ReadOnly));
    const double threshold = QJsonDocument::fromJson(f.readAll()).object()["calibration"].toObject()["uncertain_below"].toDouble();
    if (threshold <= 0) QSKIP("the shipped model has no calibration");
    const auto r = runCli(QStringList{"predict", "--json"} + sampleFiles());
    QCOMPARE(r.code, 0);
    const QJsonArray all = parseArray(r.out);
    QVERIFY(!all.isEmpty());
    for (const auto& v : all) {
      const QJsonObject o = v.toObject();
      if (!o["speech"].toBool()) continue;
      QVERIFY2(o.contains("uncertain"), qPrintable(o["file"].toString()));
      double top = 0;
      for (const auto& p : o["probabilities"].toObject()) top = std::max(top, p.toDouble());
      if (std::abs(top - threshold) < 2e-4) continue;  // printed to 1e-4: too close to tell
      QCOMPARE(o["uncertain"].toBool(), top < threshold);
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
    QVERIFY(lines[0].endsWith(",error"));
    QCOMPARE(csvFields(lines[1]).size(), 11);
    QVERIFY(csvFields(lines[1]).last().isEmpty());
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
    const QJsonArray all = parseArray(r.out);
    QCOMPARE(all.size(), 2);  // the failed file is an entry too, with its error
    QCOMPARE(all[0].toObject()["file"].toString(), bad);
    QVERIFY2(all[0].toObject()["error"].toString().contains("not an audio file"), qPrintable(r.out));
    QVERIFY(!all[0].toObject().contains("label"));
    QVERIFY(!all[1].toObject().contains("error"));
    QCOMPARE(all[1].toObject()["label"].toString().isEmpty(), false);

    // A path that does not exist, and CSV: a row per failed file with the error column filled.
    const QString missing = tmp_.filePath("missing.wav");
    const auto csv = runCli({"predict", "--csv", "--timeline", missing, bad, shared("samples/YAF_back_fear.wav")});
    QCOMPARE(csv.code, 1);
    const QStringList lines = csv.out.trimmed().split('\n');
    const QStringList header = csvFields(lines[0]);
    QCOMPARE(header.last(), QString("error"));
    QVERIFY(lines.size() > 3);
    const QStringList first = csvFields(lines[1]), second = csvFields(lines[2]);
    QCOMPARE(first.size(), header.size());
    QCOMPARE(second.size(), header.size());
    QCOMPARE(first[0], missing);
    QVERIFY2(first.last().contains("no such file"), qPrintable(lines[1]));
    QCOMPARE(second[0], bad);
    QVERIFY2(second.last().contains("not an audio file"), qPrintable(lines[2]));
    for (int i = 3; i < lines.size(); ++i) {
      QCOMPARE(csvFields(lines[i]).size(), header.size());
      QVERIFY(csvFields(lines[i]).last().isEmpty());
    }
  }

  void jsonListsProbabilitiesInModelOrder() {
    const QStringList labels = modelLabels();
    QCOMPARE(labels.size(), 8);
    QStringList sorted = labels;
    sorted.sort();
    QVERIFY(sorted != labels);  // otherwise the test could not tell the orders apart
    const auto r = runCli({"predict", "--json", "--timeline", shared("samples/YAF_back_fear.wav")});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    // QJsonObject sorts its keys, so the order is read from the text: every probabilities object
    // lists the labels in the model's order.
    const QRegularExpression object("\"probabilities\": \\{([^}]*)\\}");
    int objects = 0;
    for (auto it = object.globalMatch(r.out); it.hasNext();) {
      const QString body = it.next().captured(1);
      if (body.trimmed().isEmpty()) continue;  // a "no speech" segment
      int previous = -1;
      for (const QString& label : labels) {
        const int at = body.indexOf("\"" + label + "\":");
        QVERIFY2(at > previous, qPrintable(label + " out of order in " + body));
        previous = at;
      }
      ++objects;
    }
    QVERIFY(objects > 5);  // the utterance and the timeline's speech segments
  }

  void jsonNumbersCarryTheirPrecision() {
    const QString clip = shared("data/ravdess/Actor_03/03-01-05-02-01-01-03.flac");  // 4.404 s
    const auto r = runCli({"predict", "--json", "--timeline", clip});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    // No number has more than 4 decimals; times have at most 3.
    const QRegularExpression number("\"(\\w+)\": (-?[0-9]+\\.([0-9]+)(e-?[0-9]+)?)");
    int numbers = 0;
    for (auto it = number.globalMatch(r.out); it.hasNext();) {
      const auto m = it.next();
      const bool time = m.captured(1) == "start" || m.captured(1) == "end" || m.captured(1) == "seconds";
      QVERIFY2(m.captured(4).isEmpty(), qPrintable(m.captured(0)));
      QVERIFY2(m.captured(3).size() <= (time ? 3 : 4), qPrintable(m.captured(0)));
      ++numbers;
    }
    QVERIFY(numbers > 100);
    // The timeline runs from 0 to the file's end in equal hops of 0.1 s.
    const QJsonObject o = parseArray(r.out).at(0).toObject();
    QCOMPARE(o["seconds"].toDouble(), 4.404);
    const QJsonArray t = o["timeline"].toArray();
    QCOMPARE(t.size(), 45);
    QCOMPARE(t.first().toObject()["start"].toDouble(), 0.0);
    QCOMPARE(t.last().toObject()["end"].toDouble(), 4.404);
    for (int k = 0; k < t.size(); ++k) {
      QVERIFY(std::abs(t[k].toObject()["start"].toDouble() - 0.1 * k) < 1e-9);
      if (k + 1 < t.size()) QCOMPARE(t[k].toObject()["end"].toDouble(), t[k + 1].toObject()["start"].toDouble());
    }
  }

  void labelsOutKeepsTheTimelineOffStdout() {
    const QString clip = shared("samples/03-01-08-01-02-02-01.wav");
    const QString out = tmp_.filePath("quiet.txt");
    const auto r = runCli({"predict", "--labels", "audacity", "--out", out, clip});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY(QFileInfo(out).size() > 0);
    QVERIFY2(!r.out.contains(" s\t"), qPrintable(r.out));  // timeline rows read "  0.00-0.10 s\tlabel"
    QCOMPARE(r.out.trimmed().split('\n').size(), 1 + 8);  // the file's line and its 8 probabilities
    const auto json = runCli({"predict", "--json", "--labels", "audacity", "--out", out, clip});
    QVERIFY2(json.code == 0, qPrintable(json.err));
    QVERIFY(!parseArray(json.out).at(0).toObject().contains("timeline"));
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

  void sameSpeakerUsesTheInputsStatistics() {
    // The shipped network, told to normalise per speaker (weights unchanged).
    const QString bundle = tmp_.filePath("speaker-model");
    QVERIFY(emo::test::copyShippedModel(bundle, "speaker"));

    QStringList files;  // actor 01's four neutral sentences
    for (const char* f : {"03-01-01-01-01-01-01.flac", "03-01-01-01-01-02-01.flac", "03-01-01-01-02-01-01.flac",
                          "03-01-01-01-02-02-01.flac"})
      files << shared(QString("data/ravdess/Actor_01/") + f);
    const QString profile = tmp_.filePath("a01.profile.json");
    const auto made = runCli(QStringList{"calibrate", "--name", "a01", "--model", bundle, "--out", profile} + files);
    QVERIFY2(made.code == 0, qPrintable(made.err));

    auto probabilities = [&](const QStringList& extra) {
      const auto r = runCli(QStringList{"predict", "--json", "--model", bundle} + extra + files);
      QStringList out;
      if (r.code != 0) return QStringList{"failed: " + r.err};
      for (const auto& v : parseArray(r.out))
        out << QString(QJsonDocument(v.toObject()["probabilities"].toObject()).toJson(QJsonDocument::Compact));
      return out;
    };
    const QStringList sameSpeaker = probabilities({"--same-speaker"});
    QCOMPARE(sameSpeaker.size(), files.size());
    QCOMPARE(sameSpeaker, probabilities({"--profile", profile}));
    QVERIFY(sameSpeaker != probabilities({}));  // without statistics: each file by itself

    QCOMPARE(runCli(QStringList{"predict", "--same-speaker", "--profile", profile} + files).code, 2);
    const QString utterance = tmp_.filePath("utterance-model");  // the same weights, normalised per utterance
    QVERIFY(emo::test::copyShippedModel(utterance, "utterance"));
    const auto ignored = runCli(QStringList{"predict", "--json", "--same-speaker", "--model", utterance} + files);
    QCOMPARE(ignored.code, 0);
    QVERIFY2(ignored.err.contains("ignores speaker statistics"), qPrintable(ignored.err));
  }

  void usageErrorsExitTwo() {
    QCOMPARE(runCli({"predict"}).code, 2);
    QCOMPARE(runCli({"predict", "--labels", "mp3", "--out", "x", shared("samples/YAF_back_fear.wav")}).code, 2);
  }
};

QTEST_GUILESS_MAIN(TestCliPredict)
#include "tst_cli_predict.moc"
