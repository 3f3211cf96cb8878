// Confidence: expected calibration error of a worked example; a temperature fitted on an
// overconfident synthetic set lowers its NLL and ECE; the "uncertain" threshold rule; the
// calibration fields of model.json survive a bundle round trip and change the bundle's
// probabilities exactly as temperature scaling says; bundles without them (the shipped
// models/default) load with T = 1 and never uncertain; invalid values are refused. Weighted fits:
// a clip of weight 2 counts as that clip twice, and corpus-balanced weights let a small corpus
// move the temperature as much as a large one. Cross-fitted calibration: each fold's temperature
// comes from the other folds only, the out-of-fold fit from all of them.
#include <QtTest>

#include <cmath>
#include <filesystem>
#include <random>

#include <nlohmann/json.hpp>

#include "core/common/AtomicFile.h"
#include "core/model/ModelBundle.h"
#include "core/train/Calibration.h"
#include "core/train/CrossFitCalibration.h"
#include "core/train/Metrics.h"
#include "core/train/Trainer.h"
#include "support/SyntheticTraining.h"
#include "support/TestPaths.h"

using namespace emo;
namespace fs = std::filesystem;

namespace {

std::vector<float> softmax(const std::vector<double>& z, double scale) {
  double m = *std::max_element(z.begin(), z.end()), sum = 0;
  std::vector<double> e;
  for (double v : z) { e.push_back(std::exp(scale * (v - m))); sum += e.back(); }
  std::vector<float> p;
  for (double v : e) p.push_back(static_cast<float>(v / sum));
  return p;
}

// Labels drawn from softmax(z); the model reports softmax(scale z): right ranking, overconfident
// for scale > 1.
void overconfidentSet(std::vector<int>& truth, std::vector<std::vector<float>>& probs, double scale = 4.0,
                      unsigned seed = 3) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> g(0.0, 1.0);
  for (int i = 0; i < 2000; ++i) {
    std::vector<double> z(5);
    for (double& v : z) v = 1.2 * g(rng);
    const auto p = softmax(z, 1.0);
    std::discrete_distribution<int> draw(p.begin(), p.end());
    truth.push_back(draw(rng));
    probs.push_back(softmax(z, scale));
  }
}

// Rewrites the calibration object of a saved bundle's model.json (weights untouched).
void setCalibration(const std::string& folder, const nlohmann::json& calibration) {
  const std::string path = (fs::path(folder) / "model.json").string();
  auto j = nlohmann::json::parse(readFileBytes(path).value());
  if (calibration.is_null()) j.erase("calibration");
  else j["calibration"] = calibration;
  QVERIFY(writeFileAtomically(path, j.dump(2)));
}

}  // namespace

class TestCalibration : public QObject {
  Q_OBJECT
 private slots:
  void eceOfAWorkedExample() {
    // Bin (0.8667, 0.9333]: 0.9 right, 0.9 wrong -> |0.5 - 0.9| = 0.4 over half the clips;
    // bin (0.5333, 0.6]: 0.6 right twice -> |1 - 0.6| = 0.4 over the other half. ECE = 0.4.
    const std::vector<int> truth{0, 1, 2, 2};
    const std::vector<std::vector<float>> probs{{0.9f, 0.05f, 0.05f}, {0.9f, 0.05f, 0.05f}, {0.2f, 0.2f, 0.6f}, {0.3f, 0.1f, 0.6f}};
    QVERIFY(std::abs(expectedCalibrationError(truth, probs) - 0.4) < 1e-6);
    QVERIFY(std::abs(computeMetrics(truth, probs, {"a", "b", "c"}).ece - 0.4) < 1e-6);
    // Perfectly calibrated within bins: 4 clips at 0.75, three right.
    const std::vector<std::vector<float>> q(4, {0.75f, 0.25f});
    QVERIFY(expectedCalibrationError({0, 0, 0, 1}, q) < 1e-6);
    QVERIFY(std::abs(expectedCalibrationError({1, 1, 1, 1}, q) - 0.75) < 1e-6);
    const auto agg = aggregateFolds({computeMetrics(truth, probs, {"a", "b", "c"}), computeMetrics({0, 0, 0, 1}, q, {"a", "b"})});
    QVERIFY(std::abs(agg["ece"].get<double>() - 0.2) < 1e-6);
  }

  void temperatureFixesOverconfidence() {
    std::vector<int> truth;
    std::vector<std::vector<float>> probs;
    overconfidentSet(truth, probs);
    const CalibrationFit fit = fitCalibration(truth, probs);
    QVERIFY2(fit.temperature > 3 && fit.temperature < 5.5, qPrintable(QString::number(fit.temperature)));
    QVERIFY(fit.nllAfter < fit.nllBefore - 0.1);
    QVERIFY(fit.eceAfter < 0.5 * fit.eceBefore);
    QVERIFY(meanNll(truth, probs, fit.temperature) <= meanNll(truth, probs, fit.temperature * 1.1));
    QVERIFY(meanNll(truth, probs, fit.temperature) <= meanNll(truth, probs, fit.temperature / 1.1));
    // Temperature scaling keeps the ranking and T = 1 is the identity.
    const auto p = applyTemperature({0.7f, 0.2f, 0.1f}, 2.0);
    QVERIFY(p[0] > p[1] && p[1] > p[2] && p[0] < 0.7f);
    QVERIFY(std::abs(applyTemperature({0.7f, 0.2f, 0.1f}, 1.0)[1] - 0.2f) < 1e-6f);
    // Already calibrated: T stays near 1.
    std::vector<std::vector<float>> honest;
    for (const auto& q : probs) honest.push_back(applyTemperature(q, 4.0));
    QVERIFY(std::abs(fitTemperature(truth, honest) - 1.0) < 0.15);
  }

  void uncertaintyThresholdRule() {
    // 10 clips at top 0.3, all wrong; 10 at 0.9, all right: below 0.6 the model is always wrong.
    std::vector<int> truth;
    std::vector<std::vector<float>> probs;
    for (int i = 0; i < 10; ++i) { truth.push_back(1); probs.push_back({0.3f, 0.25f, 0.25f, 0.2f}); }
    for (int i = 0; i < 10; ++i) { truth.push_back(0); probs.push_back({0.9f, 0.05f, 0.03f, 0.02f}); }
    QVERIFY(std::abs(uncertaintyThreshold(truth, probs) - 0.6) < 1e-6);
    // Every clip right: never uncertain.
    QCOMPARE(uncertaintyThreshold(std::vector<int>(20, 0), probs), 0.0);
    // The band just below a threshold decides, not every clip under it: 10 clips at 0.2 all wrong,
    // 10 at 0.6 of which 7 right, 10 at 0.9 all right. Taken together the 20 clips under 0.75 are
    // right 35 % of the time, but those at 0.6 are right 70 %: only readings under 0.4 are uncertain.
    truth.clear();
    probs.clear();
    for (int i = 0; i < 10; ++i) { truth.push_back(1); probs.push_back({0.2f, 0.19f, 0.19f, 0.19f}); }
    for (int i = 0; i < 10; ++i) { truth.push_back(i < 7 ? 0 : 1); probs.push_back({0.6f, 0.2f, 0.1f, 0.1f}); }
    for (int i = 0; i < 10; ++i) { truth.push_back(0); probs.push_back({0.9f, 0.05f, 0.03f, 0.02f}); }
    QVERIFY(std::abs(uncertaintyThreshold(truth, probs) - 0.4) < 1e-6);
    // Wrong even at the top: the ten most confident clips right 4 times in 10 make every reading uncertain.
    for (int i = 20; i < 26; ++i) truth[i] = 1;
    QVERIFY(std::abs(uncertaintyThreshold(truth, probs) - 0.9f) < 1e-6);
    ModelInfo info;
    info.uncertainBelow = 0.6;
    QVERIFY(isUncertain(info, {0.5f, 0.3f, 0.2f}));
    QVERIFY(!isUncertain(info, {0.7f, 0.2f, 0.1f}));
    info.uncertainBelow = 0;
    QVERIFY(!isUncertain(info, {0.34f, 0.33f, 0.33f}));
  }

  void weightIsRepetition() {
    std::vector<int> truth;
    std::vector<std::vector<float>> probs;
    overconfidentSet(truth, probs);
    truth.resize(300);
    probs.resize(300);
    std::vector<double> weights(truth.size(), 1.0);
    for (size_t i = 0; i < truth.size(); i += 3) {  // every third clip honest, and counted twice
      probs[i] = applyTemperature(probs[i], 4.0);
      weights[i] = 2.0;
    }
    std::vector<int> repeatedTruth = truth;
    std::vector<std::vector<float>> repeatedProbs = probs;
    for (size_t i = 0; i < truth.size(); i += 3) {
      repeatedTruth.push_back(truth[i]);
      repeatedProbs.push_back(probs[i]);
    }
    QVERIFY(std::abs(meanNll(truth, probs, 2.0, weights) - meanNll(repeatedTruth, repeatedProbs, 2.0)) < 1e-9);
    const double t = fitTemperature(truth, probs, weights);
    QVERIFY(std::abs(t - fitTemperature(repeatedTruth, repeatedProbs)) < 1e-6);
    QVERIFY(std::abs(t - fitTemperature(truth, probs)) > 1e-3);  // the weights did change the fit
    QCOMPARE(uncertaintyThreshold(truth, probs, 0.5, weights), uncertaintyThreshold(repeatedTruth, repeatedProbs, 0.5));
  }

  void corpusBalancedFit() {
    const auto w = corpusBalancedWeights({"a", "a", "a", "b"});
    QCOMPARE(w.size(), size_t(4));
    QVERIFY(std::abs(w[0] - 1.0 / 3) < 1e-12 && std::abs(w[2] - 1.0 / 3) < 1e-12 && w[3] == 1.0);
    // Corpus "big": 900 clips reported 4x overconfident; corpus "small": 100 honest clips.
    std::vector<int> truth;
    std::vector<std::vector<float>> probs;
    overconfidentSet(truth, probs);
    truth.resize(1000);
    probs.resize(1000);
    std::vector<std::string> corpus(900, "big");
    corpus.resize(1000, "small");
    for (size_t i = 900; i < 1000; ++i) probs[i] = applyTemperature(probs[i], 4.0);
    const CalibrationFit byClip = fitCalibration(truth, probs, corpus, "clip");
    const CalibrationFit byCorpus = fitCalibration(truth, probs, corpus, "corpus");
    QCOMPARE(byClip.weighting, std::string("clip"));
    QCOMPARE(byCorpus.weighting, std::string("corpus"));
    QCOMPARE(byClip.temperature, fitCalibration(truth, probs).temperature);  // "clip" = unweighted
    // Alone, the big corpus wants T ~ 4 and the small one T ~ 1; weighing them equally pulls T
    // further towards the small corpus than counting clips does.
    QVERIFY2(byCorpus.temperature < byClip.temperature - 0.3,
             qPrintable(QString("T by corpus %1, by clip %2").arg(byCorpus.temperature).arg(byClip.temperature)));
    QVERIFY(byCorpus.temperature > 1.2 && byClip.temperature < 4.2);
  }

  void bundleRoundTripAndOldBundles() {
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const TrainSet train = test::syntheticTrainSet(60, 8, 3, 7, 1.2f);
    TrainSet val = test::syntheticTrainSet(30, 8, 3, 8, 1.2f);
    val.stats = train.stats;
    ModelInfo info = test::syntheticModelInfo(train, 8, "cnn_lstm", {"a", "b", "c"});
    info.featureParams.nMfcc = 8;  // valid under 8 mels, so the saved bundle loads
    TrainParams p;
    p.epochs = 3;
    p.batchSize = 12;
    p.threads = 1;
    p.cropMinFrames = 30;
    p.cropMaxFrames = 60;
    auto r = Trainer::train(info, train, &val, p);
    QVERIFY2(r, r.error().c_str());
    QCOMPARE(r->calibration.clips, 30);
    QVERIFY(r->calibration.temperature > 0);
    const std::string folder = tmp.filePath("m").toStdString();
    QVERIFY(r->bundle->save(folder));
    auto loaded = ModelBundle::load(folder);
    QVERIFY2(loaded, loaded.error().c_str());
    QCOMPARE((*loaded)->info().temperature, r->bundle->info().temperature);
    QCOMPARE((*loaded)->info().uncertainBelow, r->bundle->info().uncertainBelow);

    // The same weights at T = 1 and T = 2.5: the bundle's probabilities are temperature-scaled.
    const Matrix& clip = val.samples[0].variants[0];
    setCalibration(folder, {{"temperature", 1.0}, {"uncertain_below", 0.0}});
    const auto plain = ModelBundle::load(folder).value()->predictStacked({&clip}).value()[0];
    setCalibration(folder, {{"temperature", 2.5}, {"uncertain_below", 0.45}});
    auto warm = ModelBundle::load(folder);
    QVERIFY2(warm, warm.error().c_str());
    QCOMPARE((*warm)->info().temperature, 2.5);
    QCOMPARE((*warm)->info().uncertainBelow, 0.45);
    const auto scaled = (*warm)->predictStacked({&clip}).value()[0];
    const auto expected = applyTemperature(plain, 2.5);
    for (size_t k = 0; k < scaled.size(); ++k) QVERIFY(std::abs(scaled[k] - expected[k]) < 1e-5f);
    // Through a save of the loaded bundle the fields persist.
    QVERIFY((*warm)->save(tmp.filePath("again").toStdString()));
    QCOMPARE(ModelBundle::load(tmp.filePath("again").toStdString()).value()->info().temperature, 2.5);

    // Without "calibration" (bundles made before it): T = 1, never uncertain.
    setCalibration(folder, nullptr);
    auto old = ModelBundle::load(folder);
    QVERIFY2(old, old.error().c_str());
    QCOMPARE((*old)->info().temperature, 1.0);
    QCOMPARE((*old)->info().uncertainBelow, 0.0);
    // Invalid values are refused with the field named.
    for (const auto& bad : {nlohmann::json{{"temperature", 0.0}}, nlohmann::json{{"temperature", -2.0}},
                            nlohmann::json{{"uncertain_below", 1.5}}, nlohmann::json("warm")}) {
      setCalibration(folder, bad);
      auto refused = ModelBundle::load(folder);
      QVERIFY(!refused);
      QVERIFY2(QString::fromStdString(refused.error()).contains("calibration"), refused.error().c_str());
    }
  }

  void shippedModelWithoutCalibrationLoads() {
    const std::string folder = (test::sourceDir() + "/models/default").toStdString();
    auto j = nlohmann::json::parse(readFileBytes(folder + "/model.json").value());
    if (j.contains("calibration")) QSKIP("the shipped model already records a calibration");
    auto b = ModelBundle::load(folder);
    QVERIFY2(b, b.error().c_str());
    QCOMPARE((*b)->info().temperature, 1.0);
    QVERIFY(!isUncertain((*b)->info(), {0.2f, 0.2f, 0.2f, 0.2f, 0.1f, 0.05f, 0.05f}));
  }

  // Fold 0 is calibrated, folds 1 and 2 report softmax(4 z): fold 0 gets the temperature of the
  // overconfident folds (about 4), fold 1 one pulled towards 1 by fold 0, the out-of-fold fit one
  // between; fold 1's ECE falls with its cross-fitted temperature.
  void crossFitUsesTheOtherFolds() {
    std::vector<FoldPredictions> folds(3);
    for (int k = 0; k < 3; ++k) {
      overconfidentSet(folds[k].truth, folds[k].rawProbs, k == 0 ? 1.0 : 4.0, 11 + k);
      folds[k].corpus.assign(folds[k].truth.size(), k == 2 ? "b" : "a");
    }
    const CrossFitCalibration c = crossFitCalibration(folds, "clip");
    QCOMPARE(c.perFold.size(), size_t(3));
    QVERIFY2(c.perFold[0].temperature > 3.3 && c.perFold[0].temperature < 4.8, qPrintable(QString::number(c.perFold[0].temperature)));
    QVERIFY(c.perFold[1].temperature > 1.2 && c.perFold[1].temperature < c.perFold[0].temperature - 0.3);
    QCOMPARE(c.perFold[0].clips, 4000);
    QCOMPARE(c.outOfFold.clips, 6000);
    QVERIFY(c.outOfFold.temperature > c.perFold[1].temperature - 0.3 && c.outOfFold.temperature < c.perFold[0].temperature);
    QVERIFY(c.foldEce[1] < expectedCalibrationError(folds[1].truth, folds[1].rawProbs));
    QVERIFY(std::abs(c.ece - (c.foldEce[0] + c.foldEce[1] + c.foldEce[2]) / 3) < 1e-12);
    const nlohmann::json j = c.toJson();
    QCOMPARE(j["folds"].size(), size_t(3));
    QCOMPARE(j["out_of_fold"]["clips"].get<int>(), 6000);
    QCOMPARE(j["weighting"].get<std::string>(), std::string("clip"));
    // Per corpus: "b" is fold 2 alone, at fold 2's temperature.
    QCOMPARE(c.eceByCorpus.size(), size_t(2));
    QVERIFY(std::abs(c.eceByCorpus.at("b") - c.foldEce[2]) < 1e-12);
    // Corpus weighting: corpus "b" (fold 2 alone, overconfident) weighs as much as corpus "a"
    // (folds 0 and 1), so the out-of-fold temperature rises.
    QVERIFY(crossFitCalibration(folds, "corpus").outOfFold.temperature > c.outOfFold.temperature);
  }
};

QTEST_APPLESS_MAIN(TestCalibration)
#include "tst_calibration.moc"
