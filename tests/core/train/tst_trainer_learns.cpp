// A real small training run: RAVDESS neutral/happy/sad/angry, trained on actors 01-12 and
// tested on actors 17-20 whom the model never heard. Asserts the model learned (UA well above
// the 0.25 chance level). Features are extracted from the real FLAC files into a temporary cache.
#include <QtTest>

#include <chrono>
#include <fstream>
#include <set>

#include "core/train/Experiment.h"
#include "support/TestPaths.h"

using namespace emo;

class TestTrainerLearns : public QObject {
  Q_OBJECT
 private slots:
  void learnsOnUnseenSpeakers() {
    const QString root = test::shared("data/ravdess");
    if (!QFileInfo::exists(root)) QSKIP("shared RAVDESS data not available");
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const std::string schemaPath = tmp.filePath("nhsa4.json").toStdString();
    std::ofstream(schemaPath) << "{\"name\": \"nhsa4\", \"classes\": [\"neutral\", \"happy\", \"sad\", \"angry\"]}";

    const auto t0 = std::chrono::steady_clock::now();
    DataOptions data;
    data.sources = {root.toStdString()};
    data.adapter = "ravdess";
    data.schema = schemaPath;
    data.cacheDir = tmp.filePath("cache").toStdString();
    data.threads = 2;
    auto ds = loadFeatureDataset(data);
    QVERIFY2(ds, ds.error().c_str());
    QCOMPARE(ds->schema.classes.size(), size_t(4));

    const std::set<std::string> trainSpk{"ravdess:01", "ravdess:02", "ravdess:03", "ravdess:04", "ravdess:05", "ravdess:06",
                                         "ravdess:07", "ravdess:08", "ravdess:09", "ravdess:10", "ravdess:11", "ravdess:12"};
    const std::set<std::string> testSpk{"ravdess:17", "ravdess:18", "ravdess:19", "ravdess:20"};
    std::vector<int> trainIdx, testIdx;
    for (size_t i = 0; i < ds->clips.size(); ++i) {
      if (trainSpk.count(ds->clips[i].speaker)) trainIdx.push_back(static_cast<int>(i));
      if (testSpk.count(ds->clips[i].speaker)) testIdx.push_back(static_cast<int>(i));
    }
    QCOMPARE(trainIdx.size(), size_t(12 * 28));
    QCOMPARE(testIdx.size(), size_t(4 * 28));
    for (int i : testIdx) QVERIFY(!trainSpk.count(ds->clips[i].speaker));

    ExperimentOptions o;
    o.spec = ModelSpec::defaults("crnn_attn", 1, 2).value();
    o.spec.channels = 64;
    o.spec.hidden = 48;
    o.norm = NormMode::Utterance;
    // No early stopping on a 2-speaker hold-out (too noisy at this size): a fixed 24 epochs.
    o.train.epochs = 24;
    o.train.validationFraction = 0;
    o.train.batchSize = 16;
    o.train.threads = 1;
    o.train.seed = 7;
    auto trained = trainOnClips(ds.value(), data, trainIdx, o);
    QVERIFY2(trained, trained.error().c_str());
    auto ev = evaluateOnClips(*trained->bundle, ds.value(), testIdx);
    QVERIFY2(ev, ev.error().c_str());
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    qInfo("unseen actors 17-20, 4 classes: UA %.3f, WA %.3f (%d epochs, best %d, %.1f s in all)", ev->metrics.ua,
          ev->metrics.wa, trained->epochsRun, trained->bestEpoch, seconds);
    qInfo("%s", ev->metrics.toText().c_str());
    QCOMPARE(ev->metrics.count, 112);
    QVERIFY2(ev->metrics.ua > 0.45, "UA on unseen speakers is not well above chance (0.25)");
  }
};

QTEST_GUILESS_MAIN(TestTrainerLearns)
#include "tst_trainer_learns.moc"
