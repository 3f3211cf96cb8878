// The training-only parts of a step (TrainStep.h) and their wiring into the trainer:
// - corpus adversary: the gradient it sends into the network is the corpus classifier's own
//   gradient reversed and scaled by the reversal factor, while the classifier itself learns
//   unreversed; the emotion loss is untouched; a trained bundle has exactly the network's
//   weights (none of the branch's), records the weight, and differs from a run without it;
//   one corpus or a network without a pooled embedding is refused; an ensemble gives each
//   member a head of its own: member m's embedding reaches head m only, every member and head
//   gets a gradient, and a trained ensemble keeps the network's weights only;
// - distillation: a teacher equal to the student gives zero loss and zero gradient (A = 1), a
//   different teacher does not; the teacher reads the student's crops as its own normalisation
//   would give them (global and utterance statistics differ between the two); a teacher with
//   other features, labels or normalisation is refused with a message naming the difference.
// - own statistics (--own-stats-share): that share of speaker-normalised crops is centred on
//   its own mean and scaled by the model's deviation, the rest by their speaker's statistics.
// libtorch first: it names members `slots`, which Qt defines as a macro.
#include "core/model/BundleImpl.h"
#include "core/train/TrainStep.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

#include "core/train/Trainer.h"
#include "support/SyntheticTraining.h"

using namespace emo;
using namespace emo::train_detail;

namespace {

const std::vector<std::string> kLabels{"x", "y", "z"};

// A batch of 8 clips of both corpora, cropped as the trainer crops them.
TrainBatch batchOf(const TrainSet& set, const TrainParams& p) {
  SampledBatch sampled;
  sampled.indices = {0, 1, 2, 3, set.samples.size() - 4, set.samples.size() - 3, set.samples.size() - 2,
                     set.samples.size() - 1};
  auto sets = corpusLabelSets(set, 3, p.loss);
  if (!sets) qFatal("corpus label sets: %s", sets.error().c_str());
  return makeTrainBatch(set, sampled, sets.value(), p, 1);
}

EmoNetPtr network(const ModelInfo& info, uint64_t seed, float dropout = -1) {
  auto spec = ModelSpec::fromJson(info.architecture.dump()).value();
  if (dropout >= 0) spec.dropout = dropout;
  torch::manual_seed(seed);
  return makeNetwork(spec).value();
}

void zeroGrads(torch::nn::Module& m) {
  for (auto& p : m.parameters())
    if (p.grad().defined()) p.grad().zero_();
}

std::vector<torch::Tensor> grads(torch::nn::Module& m) {
  std::vector<torch::Tensor> g;
  for (auto& p : m.parameters()) g.push_back(p.grad().defined() ? p.grad().clone() : torch::zeros_like(p));
  return g;
}

double maxAbs(const std::vector<torch::Tensor>& g) {
  double m = 0;
  for (const auto& t : g) m = std::max(m, t.abs().max().item<double>());
  return m;
}

TrainParams shortRun() {
  TrainParams p;
  p.epochs = 2;
  p.batchSize = 12;
  p.threads = 1;
  p.patience = 0;
  p.sampling = "corpus";
  p.cropMinFrames = 30;
  p.cropMaxFrames = 40;
  return p;
}

}  // namespace

class TestTrainStep : public QObject {
  Q_OBJECT
 private slots:
  void adversaryReversesItsGradientIntoTheNetwork() {
    const TrainSet set = test::syntheticTwoCorpora(12, 6, 3);
    const ModelInfo info = test::syntheticModelInfo(set, 6, "crnn_attn", kLabels);
    TrainParams p;
    const TrainBatch b = batchOf(set, p);
    EmoNetPtr net = network(info, 5, 0.0f);
    net->eval();  // the same forward pass every time
    torch::manual_seed(9);
    CorpusAdversary adversary(net->embeddingDim(), 2);
    std::mt19937_64 rng(1);
    const StepLoss plain = stepLoss(*net, b, p, rng);
    QVERIFY(!plain.adversary.defined());
    // reversal -1 undoes the reversal: the classifier's own gradient into the network.
    std::vector<torch::Tensor> gNet[2], gHead[2];
    const double reversal[2] = {-1.0, 0.5};
    for (int k = 0; k < 2; ++k) {
      zeroGrads(*net);
      zeroGrads(*adversary);
      StepHeads heads;
      heads.adversary = adversary.get();
      heads.reversal = reversal[k];
      const StepLoss l = stepLoss(*net, b, p, rng, heads);
      QVERIFY(torch::allclose(l.emotion, plain.emotion));  // the emotion loss is untouched
      QVERIFY(torch::allclose(l.total, l.emotion + l.adversary));
      QVERIFY(l.adversary.item<double>() > 0.3);           // ~ln 2 for an untrained classifier
      l.adversary.backward();
      gNet[k] = grads(*net);
      gHead[k] = grads(*adversary);
    }
    QVERIFY(maxAbs(gNet[0]) > 1e-5);  // the classifier's gradient does reach the network
    for (size_t i = 0; i < gNet[0].size(); ++i)
      QVERIFY2(torch::allclose(gNet[1][i], -0.5 * gNet[0][i], 1e-4, 1e-8), "network gradient not reversed and scaled");
    for (size_t i = 0; i < gHead[0].size(); ++i) QVERIFY(torch::allclose(gHead[1][i], gHead[0][i]));  // not reversed
    QVERIFY(maxAbs(gHead[0]) > 1e-5);
  }

  void adversaryIsTrainedButNotSaved() {
    const TrainSet train = test::syntheticTwoCorpora(30, 6, 5);
    ModelInfo info = test::syntheticModelInfo(train, 6, "crnn_attn", kLabels);
    info.featureParams.nMfcc = 6;  // a bundle that loads again: no more MFCCs than mel bands
    TrainParams p = shortRun();
    auto without = Trainer::train(info, train, nullptr, p);
    QVERIFY2(without, without.error().c_str());
    p.corpusAdversary = 0.5f;
    auto with = Trainer::train(info, train, nullptr, p);
    QVERIFY2(with, with.error().c_str());
    QCOMPARE(with->bundle->info().parameterCount, without->bundle->info().parameterCount);
    QCOMPARE(with->bundle->info().hyperparameters["corpus_adversary"].get<double>(), double(0.5f));
    // The branch changed the network's training: the two bundles predict differently.
    Matrix m(60, 6, 0.3f);
    for (int r = 0; r < m.rows; ++r) m.at(r, r % 6) = 1.5f;
    const auto a = with->bundle->predictStacked({&m}).value()[0], b = without->bundle->predictStacked({&m}).value()[0];
    double diff = 0;
    for (size_t k = 0; k < a.size(); ++k) diff += std::abs(a[k] - b[k]);
    QVERIFY(diff > 1e-4);
    // Saved, the bundle holds the network's tensors only (loading refuses surplus ones).
    QTemporaryDir dir;
    QVERIFY(with->bundle->save(dir.path().toStdString()));
    auto loaded = ModelBundle::load(dir.path().toStdString());
    QVERIFY2(loaded, loaded.error().c_str());
    EmoNetPtr fresh = network(info, 1);
    QVERIFY(loadWeights(*fresh, (dir.path() + "/model.pt").toStdString()));
    std::ifstream json((dir.path() + "/model.json").toStdString());
    const auto j = nlohmann::json::parse(json);
    QCOMPARE(j["hyperparameters"]["corpus_adversary"].get<double>(), double(0.5f));
    for (const auto& item : fresh->named_parameters()) QVERIFY(item.key().find("adversary") == std::string::npos);
  }

  void ensembleMembersHaveAHeadEach() {
    const TrainSet set = test::syntheticTwoCorpora(12, 6, 3);
    ModelInfo info = test::syntheticModelInfo(set, 6, "crnn_attn", kLabels);
    info.architecture["members"] = 2;
    const TrainParams p;
    const TrainBatch b = batchOf(set, p);
    EmoNetPtr net = network(info, 5, 0.0f);
    net->train();
    torch::manual_seed(9);
    CorpusAdversary adversary(net->embeddingDim(), 2, 64, 2);
    QCOMPARE(adversary->hiddenLayer.size(), size_t(2));
    StepHeads heads;
    heads.adversary = adversary.get();
    heads.reversal = 1.0;
    std::mt19937_64 rng(1);
    zeroGrads(*net);
    zeroGrads(*adversary);
    const StepLoss l = stepLoss(*net, b, p, rng, heads);
    QVERIFY(l.adversary.item<double>() > 0.3);
    l.adversary.backward();
    for (const auto& item : net->named_children()) QVERIFY2(maxAbs(grads(*item.value())) > 1e-6, item.key().c_str());
    for (size_t m = 0; m < 2; ++m) QVERIFY(adversary->hiddenLayer[m]->weight.grad().abs().max().item<double>() > 1e-6);
    // Head 1 reads member 1's rows only: changing member 0's half of the input leaves its output.
    {
      torch::NoGradGuard noGrad;
      const torch::Tensor e = torch::randn({2 * 8, net->embeddingDim()});
      torch::Tensor e2 = e.clone();
      e2.narrow(0, 0, 8).add_(1.0);
      const torch::Tensor a = adversary->forward(e, 1.0), a2 = adversary->forward(e2, 1.0);
      QCOMPARE(a.size(0), int64_t(16));
      QVERIFY(torch::allclose(a.narrow(0, 8, 8), a2.narrow(0, 8, 8)));
      QVERIFY(!torch::allclose(a.narrow(0, 0, 8), a2.narrow(0, 0, 8)));
    }

    const TrainSet train = test::syntheticTwoCorpora(30, 6, 5);
    ModelInfo trainInfo = test::syntheticModelInfo(train, 6, "crnn_attn", kLabels);
    trainInfo.architecture["members"] = 2;
    trainInfo.featureParams.nMfcc = 6;
    TrainParams tp = shortRun();
    tp.corpusAdversary = 0.5f;
    auto trained = Trainer::train(trainInfo, train, nullptr, tp);
    QVERIFY2(trained, trained.error().c_str());
    QCOMPARE(trained->bundle->info().parameterCount, parameterCount(*network(trainInfo, 1)));
  }

  void adversaryNeedsTwoCorporaAndAnEmbedding() {
    TrainSet one = test::syntheticTrainSet(30, 6, 3, 2, 1.0f);
    TrainParams p = shortRun();
    p.corpusAdversary = 0.3f;
    auto r = Trainer::train(test::syntheticModelInfo(one, 6, "crnn_attn", kLabels), one, nullptr, p);
    QVERIFY(!r);
    QVERIFY2(QString::fromStdString(r.error()).contains("two corpora or more (got 1)"), r.error().c_str());
    const TrainSet two = test::syntheticTwoCorpora(20, 6, 4);
    r = Trainer::train(test::syntheticModelInfo(two, 6, "stats_conv1d", kLabels), two, nullptr, p);
    QVERIFY(!r);
    QVERIFY2(QString::fromStdString(r.error()).contains("pooled embedding"), r.error().c_str());
  }

  void ownStatisticsShareCentresCropsOnThemselves() {
    TrainSet set = test::syntheticTrainSet(4, 6, 3, 5, 1.0f);
    set.mode = NormMode::Speaker;
    NormStats speaker = set.stats[0];
    for (float& m : speaker.mean) m += 5.0f;  // far from the clips: their crops' means are about -5 / std
    set.stats.push_back(speaker);
    for (auto& s : set.samples) s.statsIndex = 1;
    const auto columnMeanMagnitude = [](const Matrix& m) {
      double worst = 0;
      for (int c = 0; c < m.cols; ++c) {
        double sum = 0;
        for (int r = 0; r < m.rows; ++r) sum += m.at(r, c);
        worst = std::max(worst, std::abs(sum / m.rows));
      }
      return worst;
    };
    TrainParams p;
    int centred[3] = {0, 0, 0};
    const float shares[3] = {0.0f, 1.0f, 0.5f};
    for (int k = 0; k < 3; ++k) {
      p.ownStatsShare = shares[k];
      for (int draw = 0; draw < 200; ++draw) {
        std::mt19937_64 rng(draw);
        const Matrix crop = trainingCrop(set, draw % set.samples.size(), p, 30, rng);
        if (columnMeanMagnitude(crop) < 1e-4) ++centred[k];
        else QVERIFY(columnMeanMagnitude(crop) > 1.0);
      }
    }
    QCOMPARE(centred[0], 0);
    QCOMPARE(centred[1], 200);
    QVERIFY2(centred[2] > 60 && centred[2] < 140, qPrintable(QString::number(centred[2])));
    // The own-statistics crop is what a bundle without a speaker profile computes: centred, then / std.
    p.ownStatsShare = 1.0f;
    std::mt19937_64 rng(3);
    const Matrix crop = trainingCrop(set, 0, p, 1000, rng);  // longer than the clip: all of it
    Matrix expected = set.samples[0].variants[0];
    QVERIFY(normaliseInPlace(expected, NormMode::Utterance, set.stats[0]).ok());
    QCOMPARE(crop.rows, expected.rows);
    for (size_t i = 0; i < crop.data.size(); ++i) QVERIFY(std::abs(crop.data[i] - expected.data[i]) < 1e-4f);
  }

  void distillingFromItselfHasNoGradient() {
    const TrainSet set = test::syntheticTwoCorpora(12, 6, 3);
    const ModelInfo info = test::syntheticModelInfo(set, 6, "crnn_attn", kLabels);
    TrainParams p;
    p.distillWeight = 1.0f;
    p.distillTemperature = 2.0f;
    p.teacher = "self";
    const TrainBatch b = batchOf(set, p);
    EmoNetPtr student = network(info, 5, 0.0f);
    student->eval();  // as the teacher: the same function
    double gradient[2], loss[2];
    for (int k = 0; k < 2; ++k) {
      auto bundle = makeBundle(info, network(info, k == 0 ? 5 : 6, 0.0f));  // the student's weights, then others
      auto teacher = makeDistillTeacher(info, *bundle);
      QVERIFY2(teacher, teacher.error().c_str());
      StepHeads heads;
      heads.teacher = &teacher.value();
      zeroGrads(*student);
      std::mt19937_64 rng(1);
      const StepLoss l = stepLoss(*student, b, p, rng, heads);
      l.total.backward();
      gradient[k] = maxAbs(grads(*student));
      loss[k] = l.total.item<double>();
    }
    QVERIFY2(loss[0] < 1e-6 && gradient[0] < 1e-6, qPrintable(QString("loss %1 gradient %2").arg(loss[0]).arg(gradient[0])));
    QVERIFY2(loss[1] > 1e-4 && gradient[1] > 1e-5, qPrintable(QString("loss %1 gradient %2").arg(loss[1]).arg(gradient[1])));
  }

  void teacherReadsCropsInItsOwnNormalisation() {
    for (NormMode mode : {NormMode::Global, NormMode::Utterance}) {
      TrainSet set = test::syntheticTwoCorpora(12, 6, 3);
      set.mode = mode;
      ModelInfo student = test::syntheticModelInfo(set, 6, "crnn_attn", kLabels);
      ModelInfo t = student;
      for (int c = 0; c < 6; ++c) {  // the teacher's statistics of other clips
        t.normStats.mean[c] += 0.7f * (c + 1);
        t.normStats.std[c] *= 1.0f + 0.3f * c;
      }
      auto bundle = makeBundle(t, network(t, 8));
      auto teacher = makeDistillTeacher(student, *bundle);
      QVERIFY2(teacher, teacher.error().c_str());
      Matrix raw = set.samples[0].variants[0], other = set.samples[5].variants[0];
      Matrix xs = raw, ys = other;  // as the student's crops: normalised with the student's statistics
      QVERIFY(normaliseInPlace(xs, mode, student.normStats));
      QVERIFY(normaliseInPlace(ys, mode, student.normStats));
      torch::Tensor x, lengths;
      padBatch({&xs, &ys}, x, lengths);
      const auto got = teacher->probabilities(x, lengths);
      const auto want = bundle->predictStacked({&raw, &other}).value();
      for (int i = 0; i < 2; ++i)
        for (int k = 0; k < 3; ++k) QVERIFY(std::abs(got[i][k].item<float>() - want[i][k]) < 1e-5f);
    }
  }

  void mismatchedTeacherIsRefused() {
    const TrainSet set = test::syntheticTwoCorpora(12, 6, 3);
    const ModelInfo student = test::syntheticModelInfo(set, 6, "crnn_attn", kLabels);
    ModelInfo features = student;
    features.featureKinds = {FeatureKind::Mfcc};
    ModelInfo labels = student;
    labels.labels = {"x", "z", "y"};
    ModelInfo norm = student;
    norm.normMode = NormMode::Utterance;
    const std::pair<ModelInfo, QString> cases[] = {
        {features, "its features (mfcc) are not the student's (logmel_db)"},
        {labels, "its labels (x, z, y) are not the student's (x, y, z)"},
        {norm, "its normalisation is 'utterance', the student's 'global'"}};
    for (const auto& [info, message] : cases) {
      auto bundle = makeBundle(info, network(student, 8));
      auto r = makeDistillTeacher(student, *bundle);
      QVERIFY(!r);
      QVERIFY2(QString::fromStdString(r.error()).contains("teacher bundle refused: " + message), r.error().c_str());
    }
    // The trainer: a teacher needs a weight > 0 and a weight needs a teacher.
    auto teacherBundle = makeBundle(student, network(student, 8));
    TrainParams p = shortRun();
    auto r = Trainer::train(student, set, nullptr, p, {}, teacherBundle.get());
    QVERIFY(!r && QString::fromStdString(r.error()).contains("needs a distillation weight > 0"));
    p.distillWeight = 0.5f;
    p.teacher = "t";
    r = Trainer::train(student, set, nullptr, p);
    QVERIFY(!r && QString::fromStdString(r.error()).contains("needs a teacher bundle"));
    r = Trainer::train(student, set, nullptr, p, {}, teacherBundle.get());
    QVERIFY2(r, r.error().c_str());
    QCOMPARE(r->bundle->info().hyperparameters["distill_weight"].get<double>(), 0.5);
  }
};

QTEST_APPLESS_MAIN(TestTrainStep)
#include "tst_trainstep.moc"
