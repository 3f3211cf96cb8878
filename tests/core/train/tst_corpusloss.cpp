// The loss restricted to each clip's corpus label set: a corpus without class 2 gives the class-2
// logit exactly zero gradient (every loss, label smoothing, ensembles' stacked logits, mixup
// partners), while a corpus with it does not; on its own label set the loss is ordinary
// (label-smoothed) cross-entropy; class weights are per corpus; inconsistent corpus data is
// refused. A trainer run on two corpora with different label sets (corpus sampling, length
// bucketing, mixup, 0.5 s crops) trains, and its bundle scores a 2 s window and a 0.3 s clip.
// libtorch first: it names members `slots`, which Qt defines as a macro.
#include "core/train/CorpusLoss.h"
#include "core/train/TrainBatch.h"

#include <QtTest>

#include <random>

#include "core/train/Trainer.h"
#include "support/SyntheticTraining.h"

using namespace emo;
using namespace emo::train_detail;

namespace {

// Gradient of maskedLoss with respect to the logits of a batch of `corpus` rows.
torch::Tensor gradOfLogits(const std::vector<int64_t>& corpus, const std::vector<int64_t>& labels, const TrainParams& p,
                           int copies = 1) {
  const TrainSet set = test::syntheticTwoCorpora(12, 6, 3);
  const auto sets = corpusLabelSets(set, 3, p.loss).value();
  const auto c = torch::tensor(corpus, torch::kLong), y = torch::tensor(labels, torch::kLong);
  torch::manual_seed(11);
  auto logits = torch::randn({copies * static_cast<int64_t>(corpus.size()), 3}).requires_grad_(true);
  auto loss = maskedLoss(logits, y, sets.allowed.index_select(0, c), sets.weights.index({c, y}), p);
  loss.backward();
  return logits.grad();
}

}  // namespace

class TestCorpusLoss : public QObject {
  Q_OBJECT
 private slots:
  void absentClassGetsZeroGradient() {
    for (const char* loss : {"ce", "weighted", "focal"}) {
      TrainParams p;
      p.loss = loss;
      p.labelSmoothing = 0.1f;
      for (int copies : {1, 3}) {  // 3: an ensemble's members' logits stacked along the batch
        const auto g = gradOfLogits({1, 1, 0, 0}, {0, 1, 2, 0}, p, copies);
        for (int64_t r = 0; r < g.size(0); ++r) {
          const bool corpusB = (r % 4) < 2;
          if (corpusB) QCOMPARE(g[r][2].item<float>(), 0.0f);  // exactly zero, not small
          else QVERIFY(g[r][2].item<float>() != 0.0f);
          QVERIFY(g[r][0].item<float>() != 0.0f);
          QVERIFY(std::isfinite(g[r][0].item<float>()));
        }
      }
    }
  }

  void equalsCrossEntropyOverTheCorpusLabels() {
    TrainParams p;
    p.loss = "ce";
    p.labelSmoothing = 0.1f;
    const TrainSet set = test::syntheticTwoCorpora(12, 6, 3);
    const auto sets = corpusLabelSets(set, 3, "ce").value();
    torch::manual_seed(2);
    const auto logits = torch::randn({5, 3});
    const auto y = torch::tensor(std::vector<int64_t>{0, 1, 1, 0, 1}, torch::kLong);
    namespace F = torch::nn::functional;
    // Corpus b: the same as cross-entropy over its two classes only.
    const auto cb = torch::ones({5}, torch::kLong);
    const float masked = maskedLoss(logits, y, sets.allowed.index_select(0, cb), torch::ones({5}), p).item<float>();
    const float ref = F::cross_entropy(logits.slice(1, 0, 2), y, F::CrossEntropyFuncOptions().label_smoothing(0.1)).item<float>();
    QVERIFY2(std::abs(masked - ref) < 1e-5f, qPrintable(QString("%1 vs %2").arg(masked).arg(ref)));
    // Corpus a uses every class: ordinary cross-entropy.
    const auto ca = torch::zeros({5}, torch::kLong);
    const float full = maskedLoss(logits, y, sets.allowed.index_select(0, ca), torch::ones({5}), p).item<float>();
    const float ref3 = F::cross_entropy(logits, y, F::CrossEntropyFuncOptions().label_smoothing(0.1)).item<float>();
    QVERIFY(std::abs(full - ref3) < 1e-5f);
    QVERIFY(std::abs(full - masked) > 1e-3f);
  }

  void classWeightsArePerCorpus() {
    TrainSet set = test::syntheticTwoCorpora(4, 6, 3);  // a: labels 0,1,2,0; b: 0,1,0,1
    const auto w = corpusLabelSets(set, 3, "weighted").value().weights;
    // a: 4 clips over 3 classes present: n / (3 * count)
    QVERIFY(std::abs(w[0][0].item<float>() - 4.0f / 6) < 1e-6f);
    QVERIFY(std::abs(w[0][1].item<float>() - 4.0f / 3) < 1e-6f);
    QVERIFY(std::abs(w[0][2].item<float>() - 4.0f / 3) < 1e-6f);
    // b: balanced over its own two classes; its missing class has weight 0
    QCOMPARE(w[1][0].item<float>(), 1.0f);
    QCOMPARE(w[1][1].item<float>(), 1.0f);
    QCOMPARE(w[1][2].item<float>(), 0.0f);
    QCOMPARE(corpusLabelSets(set, 3, "ce").value().weights.sum().item<float>(), 6.0f);
    // Without corpus fields: one corpus, every class allowed.
    TrainSet plain = test::syntheticTrainSet(9, 6, 3, 1, 1.0f);
    const auto one = corpusLabelSets(plain, 3, "weighted").value();
    QCOMPARE(one.allowed.size(0), int64_t(1));
    QCOMPARE(one.allowed.sum().item<int64_t>(), int64_t(3));
  }

  void labelMaskNoneScoresEveryClassWithPooledWeights() {
    // TrainParams::labelMask "none" (the baseline rows): no class masked for any corpus, and
    // one pooled inverse class frequency in every row, so corpus b's clips do teach "not 2".
    const TrainSet set = test::syntheticTwoCorpora(12, 6, 3);
    const auto pooled = corpusLabelSets(set, 3, "weighted", false).value();
    QVERIFY(pooled.allowed.all().item<bool>());
    QVERIFY(torch::equal(pooled.weights[0], pooled.weights[1]));
    std::vector<double> counts(3, 0.0);
    for (const auto& s : set.samples) counts[s.label] += 1;
    const double n = counts[0] + counts[1] + counts[2];
    for (int k = 0; k < 3; ++k) QCOMPARE(pooled.weights[0][k].item<float>(), float(n / (3 * counts[k])));
    TrainParams p;
    p.labelMask = "none";
    QVERIFY(p.validate());
    const auto c = torch::tensor(std::vector<int64_t>{1, 1}, torch::kLong), y = torch::tensor(std::vector<int64_t>{0, 1}, torch::kLong);
    auto logits = torch::zeros({2, 3}).requires_grad_(true);
    maskedLoss(logits, y, pooled.allowed.index_select(0, c), pooled.weights.index({c, y}), p).backward();
    QVERIFY(logits.grad().select(1, 2).abs().sum().item<float>() > 0);  // unlike the masked loss
    p.labelMask = "sometimes";
    QVERIFY(!p.validate());
  }

  void refusesInconsistentCorpora() {
    TrainSet set = test::syntheticTwoCorpora(6, 6, 3);
    set.samples.back().label = 2;  // corpus b has no class 2
    auto r = corpusLabelSets(set, 3, "weighted");
    QVERIFY(!r);
    QVERIFY2(QString::fromStdString(r.error()).contains("corpus b"), r.error().c_str());
    set = test::syntheticTwoCorpora(6, 6, 3);
    set.corpusClassMask[1] = {1, 1};
    QVERIFY(!corpusLabelSets(set, 3, "weighted"));
    set = test::syntheticTwoCorpora(6, 6, 3);
    set.samples[0].corpusIndex = 2;
    QVERIFY(!corpusLabelSets(set, 3, "weighted"));
  }

  void mixupPartnersShareTheCorpus() {
    std::mt19937_64 rng(4);
    const std::vector<int> corpus{0, 1, 1, 0, 2, 1, 0, 0};
    for (int trial = 0; trial < 20; ++trial) {
      const auto perm = sameCorpusPartners(corpus, rng);
      std::vector<int> seen(corpus.size(), 0);
      for (size_t i = 0; i < corpus.size(); ++i) {
        const int64_t j = perm[i].item<int64_t>();
        QCOMPARE(corpus[j], corpus[i]);
        ++seen[j];
      }
      for (int s : seen) QCOMPARE(s, 1);  // a permutation
    }
  }

  void trainsOnTwoCorporaWithShortCrops() {
    const TrainSet train = test::syntheticTwoCorpora(60, 6, 5);
    TrainSet val = test::syntheticTwoCorpora(18, 6, 6);
    val.stats = train.stats;
    const ModelInfo info = test::syntheticModelInfo(train, 6, "crnn_attn", {"x", "y", "z"});
    TrainParams p;
    p.epochs = 3;
    p.batchSize = 12;
    p.threads = 1;
    p.patience = 0;
    p.sampling = "corpus";
    p.bucketByLength = true;
    p.mixup = 0.4f;
    p.cropMinFrames = 50;  // 0.5 s
    p.cropMaxFrames = 80;
    auto r = Trainer::train(info, train, &val, p);
    QVERIFY2(r, r.error().c_str());
    QCOMPARE(r->epochsRun, 3);
    for (const auto& e : r->history) QVERIFY(std::isfinite(e.trainLoss) && e.trainLoss > 0);
    QCOMPARE(r->calibration.clips, int(val.samples.size()));
    QCOMPARE(r->bundle->info().temperature, r->calibration.temperature);
    // The live window (2 s = 200 frames) and a clip shorter than any crop both give probabilities.
    for (int frames : {200, 30}) {
      Matrix m(frames, 6, 0.5f);
      auto probs = r->bundle->predictStacked({&m});
      QVERIFY2(probs, probs.error().c_str());
      float sum = 0;
      for (float v : probs->front()) { QVERIFY(std::isfinite(v)); sum += v; }
      QVERIFY(std::abs(sum - 1) < 1e-4f);
    }
    // A clip whose label its corpus does not use is refused with the corpus named.
    TrainSet bad = train;
    bad.samples.back().label = 2;
    auto refused = Trainer::train(info, bad, nullptr, p);
    QVERIFY(!refused);
    QVERIFY(QString::fromStdString(refused.error()).contains("label set"));
  }
};

QTEST_APPLESS_MAIN(TestCorpusLoss)
#include "tst_corpusloss.moc"
