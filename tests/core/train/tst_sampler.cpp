// EpochSampler: every mode is deterministic for (seed, epoch) and changes with the epoch; plain
// shuffling uses each clip once; ranks get disjoint, equally long shares of one order; corpus
// sampling gives corpora equal shares whatever their sizes (natural shares with alpha 1); class
// sampling favours rare classes; length bucketing cuts the padding of random crops.
#include <QtTest>

#include <algorithm>
#include <functional>
#include <map>
#include <random>
#include <set>

#include "core/train/EpochSampler.h"

using namespace emo;

namespace {

// n clips of random length in [minFrames, maxFrames] (1 column), label i % classes, corpus by `corpusOf`.
TrainSet lengthsSet(int n, int minFrames, int maxFrames, int classes, const std::function<int(int)>& corpusOf) {
  std::mt19937_64 rng(5);
  TrainSet set;
  for (int i = 0; i < n; ++i) {
    TrainSample s;
    s.variants = {Matrix(minFrames + static_cast<int>(rng() % (maxFrames - minFrames + 1)), 1)};
    s.label = i % classes;
    s.corpusIndex = corpusOf(i);
    set.samples.push_back(s);
  }
  return set;
}

std::vector<size_t> flatten(const std::vector<SampledBatch>& batches) {
  std::vector<size_t> all;
  for (const auto& b : batches) all.insert(all.end(), b.indices.begin(), b.indices.end());
  return all;
}

// Padded frames of a batch whose clips are cut to the batch's crop length (or each to its own
// random length in [lo, hi] when the batch has none), as the trainer pads them.
long long paddingOf(const TrainSet& set, const SampledBatch& b, int lo, int hi, std::mt19937_64& rng) {
  std::vector<int> len;
  for (size_t i : b.indices) {
    const int crop = b.cropFrames > 0 ? b.cropFrames : std::uniform_int_distribution<int>(lo, hi)(rng);
    len.push_back(std::min(crop, set.samples[i].variants[0].rows));
  }
  const int longest = *std::max_element(len.begin(), len.end());
  long long pad = 0;
  for (int l : len) pad += longest - l;
  return pad;
}

}  // namespace

class TestSampler : public QObject {
  Q_OBJECT
 private slots:
  void shuffleUsesEveryClipOnceAndIsDeterministic() {
    const TrainSet set = lengthsSet(101, 40, 400, 4, [](int) { return 0; });
    SamplerOptions o;
    o.batchSize = 8;
    const EpochSampler sampler(set, o);
    const auto b1 = sampler.batches(1);
    QCOMPARE(b1.size(), size_t(13));  // 12 x 8 + 5
    auto all = flatten(b1);
    std::sort(all.begin(), all.end());
    for (size_t i = 0; i < all.size(); ++i) QCOMPARE(all[i], i);
    QVERIFY(flatten(EpochSampler(set, o).batches(1)) == flatten(b1));  // same (seed, epoch): same order
    QVERIFY(flatten(sampler.batches(2)) != flatten(b1));               // another epoch: another order
    o.seed = 43;
    QVERIFY(flatten(EpochSampler(set, o).batches(1)) != flatten(b1));  // another seed: another order
    for (const auto& b : b1) QCOMPARE(b.cropFrames, 0);
  }

  void dropsALoneLastClip() {
    const TrainSet set = lengthsSet(17, 40, 400, 2, [](int) { return 0; });
    SamplerOptions o;
    o.batchSize = 8;
    const auto b = EpochSampler(set, o).batches(3);
    QCOMPARE(b.size(), size_t(2));
    for (const auto& x : b) QCOMPARE(x.indices.size(), size_t(8));
  }

  void ranksTakeDisjointEqualShares() {
    const TrainSet set = lengthsSet(100, 40, 400, 4, [](int i) { return i % 3; });
    for (SamplingMode mode : {SamplingMode::Shuffle, SamplingMode::Corpus}) {
      SamplerOptions o;
      o.mode = mode;
      o.batchSize = 8;
      o.bucketByLength = mode == SamplingMode::Corpus;
      const EpochSampler sampler(set, o);
      const auto one = sampler.batches(4);  // 13 batches (12 x 8 + 4)
      const auto r0 = sampler.batches(4, 0, 2), r1 = sampler.batches(4, 1, 2);
      QCOMPARE(r0.size(), r1.size());
      QCOMPARE(r0.size(), one.size() / 2);
      for (size_t k = 0; k < r0.size(); ++k) {  // every other batch of the single-process order
        QVERIFY(r0[k].indices == one[2 * k].indices);
        QVERIFY(r1[k].indices == one[2 * k + 1].indices);
        QCOMPARE(r0[k].cropFrames, one[2 * k].cropFrames);
      }
      if (mode == SamplingMode::Shuffle) {  // each clip once: the shares are disjoint
        const auto share0 = flatten(r0);
        const std::set<size_t> a(share0.begin(), share0.end());
        for (size_t i : flatten(r1)) QVERIFY(!a.count(i));
      }
    }
  }

  void corpusSamplingBalancesCorpora() {
    // Corpus 0 has 900 clips, corpus 1 has 100: equal shares by default, natural with alpha 1.
    const TrainSet set = lengthsSet(1000, 40, 400, 4, [](int i) { return i < 900 ? 0 : 1; });
    for (float alpha : {0.0f, 1.0f}) {
      SamplerOptions o;
      o.mode = SamplingMode::Corpus;
      o.corpusAlpha = alpha;
      const EpochSampler sampler(set, o);
      size_t fromSmall = 0, total = 0;
      std::set<size_t> distinctSmall;
      for (int epoch = 1; epoch <= 5; ++epoch) {
        const auto all = flatten(sampler.batches(epoch));
        if (epoch == 1) QCOMPARE(all.size(), size_t(1000));  // epoch size = number of clips
        for (size_t i : all) {
          total += 1;
          if (i >= 900) { fromSmall += 1; distinctSmall.insert(i); }
        }
      }
      const double share = double(fromSmall) / total;  // 5000 draws: std 0.007 (alpha 0), 0.004 (alpha 1)
      if (alpha == 0.0f) QVERIFY2(share > 0.47 && share < 0.53, qPrintable(QString::number(share)));
      else QVERIFY2(share > 0.08 && share < 0.12, qPrintable(QString::number(share)));
      QCOMPARE(distinctSmall.size(), size_t(100));  // every clip of the small corpus comes round
    }
  }

  void classSamplingFavoursRareClasses() {
    TrainSet set = lengthsSet(400, 40, 400, 2, [](int) { return 0; });
    for (int i = 0; i < 400; ++i) set.samples[i].label = i < 40 ? 1 : 0;  // class 1: 10 %
    SamplerOptions o;
    o.mode = SamplingMode::Class;
    size_t rare = 0, total = 0;
    for (int epoch = 1; epoch <= 5; ++epoch)
      for (size_t i : flatten(EpochSampler(set, o).batches(epoch))) { rare += i < 40; total += 1; }
    const double share = double(rare) / total;
    QVERIFY2(share > 0.45 && share < 0.55, qPrintable(QString::number(share)));
  }

  void bucketingCutsPadding() {
    // Clips of 30-400 frames (short words to long sentences), crops of 50-300 frames.
    const TrainSet set = lengthsSet(2000, 30, 400, 4, [](int) { return 0; });
    SamplerOptions o;
    o.cropMinFrames = 50;
    o.cropMaxFrames = 300;
    const auto plain = EpochSampler(set, o).batches(1);
    o.bucketByLength = true;
    const auto bucketed = EpochSampler(set, o).batches(1);
    auto all = flatten(bucketed);
    std::sort(all.begin(), all.end());
    QCOMPARE(all.size(), size_t(2000));
    QVERIFY(std::unique(all.begin(), all.end()) == all.end());  // still each clip once
    std::mt19937_64 rng(1);
    long long padPlain = 0, padBucketed = 0;
    for (const auto& b : plain) padPlain += paddingOf(set, b, o.cropMinFrames, o.cropMaxFrames, rng);
    std::set<int> crops;
    for (const auto& b : bucketed) {
      QVERIFY(b.cropFrames >= 50 && b.cropFrames <= 300);
      crops.insert(b.cropFrames);
      padBucketed += paddingOf(set, b, o.cropMinFrames, o.cropMaxFrames, rng);
    }
    QVERIFY(crops.size() > 10);  // crop lengths still vary from batch to batch
    QVERIFY2(padBucketed * 10 < padPlain, qPrintable(QString("%1 vs %2").arg(padBucketed).arg(padPlain)));
  }
};

QTEST_APPLESS_MAIN(TestSampler)
#include "tst_sampler.moc"
