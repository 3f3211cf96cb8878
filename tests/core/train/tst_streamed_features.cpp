// Streamed features (DataOptions::streamFeatures, FeatureStore.h) against features held in
// memory, on real RAVDESS audio (actors 01 and 02, with one augmented copy per clip): the same
// seed gives bit-identical training losses, validation scores and predictions, because a batch
// reads exactly the rows its crops take (the same random draws pick the variant, length and
// start) and the statistics are accumulated in the same order. Also the store itself: row
// ranges read back from the spool equal what was put.
#include <QtTest>

#include <random>

#include "core/train/Experiment.h"
#include "support/TestPaths.h"

using namespace emo;

class TestStreamedFeatures : public QObject {
  Q_OBJECT
 private slots:
  void spoolReadsBackRowRanges() {
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    auto store = FeatureStore::streamed(tmp.path().toStdString());
    QVERIFY2(store, store.error().c_str());
    QVERIFY(store->isStreamed());
    std::mt19937 rng(3);
    std::vector<std::vector<Matrix>> kept;
    store->resize(5);
    for (size_t i = 0; i < 5; ++i) {
      std::vector<Matrix> variants;
      for (int v = 0; v < 2; ++v) {
        Matrix m(7 + static_cast<int>(i) * 3 + v, 4);
        for (float& x : m.data) x = std::uniform_real_distribution<float>(-5, 5)(rng);
        variants.push_back(m);
      }
      kept.push_back(variants);
      QVERIFY(store->put(4 - i, variants).ok());  // any order, as extraction threads finish
    }
    for (size_t i = 0; i < 5; ++i)
      for (int v = 0; v < 2; ++v) {
        const Matrix& want = kept[4 - i][v];
        QCOMPARE(store->rows(i, v), want.rows);
        QCOMPARE(store->read(i, v).data, want.data);
        QCOMPARE(store->read(i, v, 2, 5).data, want.sliceRows(2, 5).data);
      }
    store->keep({3, 1});
    QCOMPARE(store->size(), size_t(2));
    QCOMPARE(store->clean(0).data, kept[1][0].data);
    QCOMPARE(store->clean(1).data, kept[3][0].data);
    QVERIFY(!FeatureStore::streamed("/proc/emoscope-no-such-folder"));
  }

  void streamedTrainingEqualsInMemory() {
    const QString root = test::shared("data/ravdess");
    if (!QFileInfo::exists(root)) QSKIP("shared RAVDESS data not available");
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    DataOptions data;
    data.sources = {(root + "/Actor_01").toStdString(), (root + "/Actor_02").toStdString()};
    data.adapter = "ravdess";
    data.augment = "light";
    data.augmentCopies = 1;
    data.cacheDir = tmp.filePath("cache").toStdString();
    data.threads = 2;
    data.streamFeatures = false;
    auto inMemory = loadFeatureDataset(data);
    QVERIFY2(inMemory, inMemory.error().c_str());
    data.streamFeatures = true;
    auto streamed = loadFeatureDataset(data);
    QVERIFY2(streamed, streamed.error().c_str());
    QVERIFY(!inMemory->features.isStreamed());
    QVERIFY(streamed->features.isStreamed());
    QCOMPARE(streamed->clips.size(), size_t(2 * 60));
    QCOMPARE(streamed->features.variants(0), 2);

    std::vector<int> all;
    for (size_t i = 0; i < streamed->clips.size(); ++i) all.push_back(static_cast<int>(i));
    for (NormMode norm : {NormMode::Utterance, NormMode::Speaker}) {
      ExperimentOptions o;
      o.spec = ModelSpec::defaults("crnn_attn", 1, 2).value();
      o.spec.channels = 16;
      o.spec.hidden = 16;
      o.norm = norm;
      o.train.epochs = 2;
      o.train.batchSize = 16;
      o.train.validationFraction = 0.5;  // one actor validates: its clips are read every epoch
      o.train.specAugment = true;
      o.train.threads = 1;
      o.train.seed = 11;
      auto a = trainOnClips(inMemory.value(), data, all, o);
      QVERIFY2(a, a.error().c_str());
      auto b = trainOnClips(streamed.value(), data, all, o);
      QVERIFY2(b, b.error().c_str());
      QCOMPARE(a->history.size(), size_t(2));
      QCOMPARE(b->history.size(), a->history.size());
      for (size_t e = 0; e < a->history.size(); ++e) {
        QVERIFY(std::isfinite(a->history[e].trainLoss) && a->history[e].trainLoss > 0);
        QCOMPARE(b->history[e].trainLoss, a->history[e].trainLoss);  // exact: the same arithmetic
        QCOMPARE(b->history[e].valUa, a->history[e].valUa);
      }
      QCOMPARE(b->bundle->info().normStats.mean, a->bundle->info().normStats.mean);
      QCOMPARE(b->bundle->info().normStats.std, a->bundle->info().normStats.std);
      auto ea = evaluateOnClips(*a->bundle, inMemory.value(), all);
      auto eb = evaluateOnClips(*b->bundle, streamed.value(), all);
      QVERIFY(ea && eb);
      QCOMPARE(eb->probs, ea->probs);
    }
  }
};

QTEST_GUILESS_MAIN(TestStreamedFeatures)
#include "tst_streamed_features.moc"
