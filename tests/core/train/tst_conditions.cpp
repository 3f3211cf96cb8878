// Test conditions (core/train/TestConditions.h) for a speaker-normalised model whose speakers'
// statistics come from their neutral clips: the bundle records that rule, and every condition
// is scored with per-speaker statistics recomputed by it, so the "clean" condition agrees with
// evaluateOnClips on the cached features and a gain change cancels. Real RAVDESS clips of two
// actors (neutral, angry, happy, sad) through a CSV manifest; three short epochs of a small model.
#include <QtTest>

#include <cmath>
#include <fstream>

#include "core/model/ModelBundle.h"
#include "core/train/Experiment.h"
#include "core/train/SpeakerStats.h"
#include "core/train/TestConditions.h"
#include "support/TestPaths.h"

using namespace emo;

namespace {

const EvalMetrics* condition(const std::vector<ConditionScores>& scores, const std::string& name) {
  for (const auto& s : scores)
    if (s.name == name) return &s.metrics;
  return nullptr;
}

/// Sum over classes of the ROC AUC differences: sensitive to every probability, not only the argmax.
double aucDistance(const EvalMetrics& a, const EvalMetrics& b) {
  double d = 0;
  for (size_t c = 0; c < a.perClass.size(); ++c) d += std::abs(a.perClass[c].auc - b.perClass[c].auc);
  return d;
}

}  // namespace

class TestConditions : public QObject {
  Q_OBJECT
 private slots:
  void speakerModelScoresEveryConditionWithItsSpeakersStatistics() {
    const QString root = test::shared("data/ravdess");
    if (!QFileInfo::exists(root)) QSKIP("shared RAVDESS data not available");
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const std::string manifest = tmp.filePath("clips.csv").toStdString();
    {
      std::ofstream csv(manifest);
      csv << "path,label,speaker\n";
      const std::pair<const char*, const char*> emotions[] = {{"01", "neutral"}, {"05", "angry"}, {"03", "happy"}, {"04", "sad"}};
      for (const char* actor : {"01", "02"})
        for (const auto& [code, label] : emotions)
          for (const char* statement : {"01", "02"})
            for (const char* rep : {"01", "02"}) {
              const std::string intensity = std::string(code) == "01" ? "01" : "02";
              const QString file = root + QString("/Actor_%1/03-01-%2-%3-%4-%5-%1.flac")
                                              .arg(actor, code, intensity.c_str(), statement, rep);
              QVERIFY2(QFileInfo::exists(file), qPrintable(file));
              csv << file.toStdString() << ',' << label << ',' << actor << '\n';
            }
    }
    const std::string schemaPath = tmp.filePath("nahs.json").toStdString();
    std::ofstream(schemaPath) << "{\"name\": \"nahs\", \"classes\": [\"neutral\", \"angry\", \"happy\", \"sad\"]}";
    DataOptions data;
    data.sources = {manifest};
    data.schema = schemaPath;
    data.cacheDir = tmp.filePath("cache").toStdString();
    data.threads = 1;
    auto ds = loadFeatureDataset(data);
    QVERIFY2(ds, ds.error().c_str());
    QCOMPARE(ds->clips.size(), size_t(32));

    ExperimentOptions o;
    o.spec = ModelSpec::defaults("crnn_attn", 1, 2).value();
    o.spec.channels = 16;
    o.spec.hidden = 16;
    o.norm = NormMode::Speaker;
    o.speakerReference = "neutral";
    o.train.epochs = 3;
    o.train.validationFraction = 0;
    o.train.batchSize = 8;
    o.train.threads = 1;
    std::vector<int> all(ds->clips.size());
    for (size_t i = 0; i < all.size(); ++i) all[i] = static_cast<int>(i);
    auto trained = trainOnClips(ds.value(), data, all, o);
    QVERIFY2(trained, trained.error().c_str());
    const ModelBundle& bundle = *trained->bundle;
    QCOMPARE(speakerReferenceOf(bundle.info()), std::string("neutral"));
    QCOMPARE(bundle.info().trainingData.value("speaker_stats_from", std::string()), std::string("neutral"));

    auto ev = evaluateOnClips(bundle, ds.value(), all);
    QVERIFY2(ev, ev.error().c_str());
    const float inf = std::numeric_limits<float>::infinity();
    auto scores = evaluateUnderConditions(bundle, ds.value(), all, {{"clean", 0.0f, inf}, {"gain+12dB", 12.0f, inf}});
    QVERIFY2(scores, scores.error().c_str());
    const EvalMetrics* clean = condition(*scores, "clean");
    const EvalMetrics* louder = condition(*scores, "gain+12dB");
    QVERIFY(clean && louder);
    QCOMPARE(clean->count, 32);
    // Recomputed features and statistics give the evaluation's predictions (one clip of slack
    // for a near tie between batched and single-clip inference); a profile-less fallback would not.
    const double oneClip = 1.0 / 32 + 1e-9;
    QVERIFY2(std::abs(clean->wa - ev->metrics.wa) <= oneClip, qPrintable(QString("clean %1, evaluation %2").arg(clean->wa).arg(ev->metrics.wa)));
    QVERIFY2(std::abs(louder->wa - clean->wa) <= oneClip, qPrintable(QString("gain+12dB %1, clean %2").arg(louder->wa).arg(clean->wa)));

    // The same clips with no statistics at all (the model's utterance fallback) score differently:
    // the agreement above is not an accident of a model that ignores its input.
    std::vector<Matrix> features;
    for (int i : all) features.push_back(ds->features.clean(i));
    std::vector<const Matrix*> inputs;
    for (const Matrix& m : features) inputs.push_back(&m);
    auto fallback = bundle.predictStacked(inputs, nullptr);
    QVERIFY2(fallback, fallback.error().c_str());
    const EvalMetrics without = computeMetrics(ev->truth, fallback.value(), bundle.labels());
    const double agreement = aucDistance(*clean, ev->metrics), difference = aucDistance(without, ev->metrics);
    qInfo("AUC distance to the evaluation: clean condition %.4f, no statistics %.4f", agreement, difference);
    QVERIFY(agreement < 0.05);
    QVERIFY(difference > agreement);

    auto calibration = evaluateCalibration(bundle, ds.value(), all);
    QVERIFY2(calibration, calibration.error().c_str());
    QVERIFY(condition(*calibration, "calibrated"));
    QCOMPARE(condition(*calibration, "calibrated")->count, 24);  // the non-neutral clips
  }
};

QTEST_GUILESS_MAIN(TestConditions)
#include "tst_conditions.moc"
