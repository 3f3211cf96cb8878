// Checkpoints: a run cancelled through the cancel flag resumes from its checkpoint and finishes
// with the same number of epochs and the same model as an uninterrupted run; a checkpoint of
// another configuration is refused. The other training options (focal loss, oversampling, the
// cosine schedule, mixup, ensembles) train and are validated.
#include <QtTest>

#include <algorithm>
#include <filesystem>
#include <numeric>
#include <random>

#include "core/model/ModelSpec.h"
#include "core/train/Trainer.h"
#include "support/SyntheticTraining.h"

using namespace emo;

namespace {

TrainSet syntheticSet(int n, int dim, int classes, uint64_t seed, float separation) {
  return test::syntheticTrainSet(n, dim, classes, seed, separation);
}

// 8 short epochs of batches of 12 crops of 30-60 frames on one thread.
TrainParams shortRun() {
  TrainParams p;
  p.epochs = 8;
  p.batchSize = 12;
  p.threads = 1;
  p.cropMinFrames = 30;
  p.cropMaxFrames = 60;
  return p;
}

ModelInfo infoFor(const TrainSet& set, int dim) { return test::syntheticModelInfo(set, dim, "cnn_lstm", {"a", "b", "c"}); }

long long parameterCountOf(const ModelInfo& info) {
  TrainParams p = shortRun();
  p.epochs = 1;
  const TrainSet one = syntheticSet(12, info.inputDim, 3, 9, 1.0f);
  return Trainer::train(info, one, nullptr, p).value().bundle->info().parameterCount;
}

}  // namespace

class TestCheckpoint : public QObject {
  Q_OBJECT
 private slots:
  void cancelAndResume() {
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const TrainSet train = syntheticSet(90, 9, 3, 1, 0.6f);
    TrainSet val = syntheticSet(30, 9, 3, 2, 0.6f);
    val.stats = train.stats;
    const ModelInfo info = infoFor(train, 9);
    TrainParams p;
    p.epochs = 6;
    p.batchSize = 16;
    p.threads = 1;
    p.patience = 0;  // no early stop: every run goes to 6 epochs
    p.cropMinFrames = 30;
    p.cropMaxFrames = 60;

    // Reference: uninterrupted.
    TrainParams pa = p;
    pa.checkpointDir = tmp.filePath("a").toStdString();
    auto full = Trainer::train(info, train, &val, pa);
    QVERIFY2(full, full.error().c_str());
    QCOMPARE(full->epochsRun, 6);
    QCOMPARE(full->history.size(), size_t(6));

    // Cancelled after epoch 3 (the flag is seen at the next batch).
    TrainParams pb = p;
    pb.checkpointDir = tmp.filePath("b").toStdString();
    CancelFlag cancel{false};
    TrainCallbacks cb;
    cb.cancel = &cancel;
    int seen = 0;
    cb.onEpoch = [&](const EpochLog& e) {
      seen = e.epoch;
      if (e.epoch == 3) cancel.store(true);
    };
    auto cancelled = Trainer::train(info, train, &val, pb, cb);
    QVERIFY(!cancelled);
    QCOMPARE(QString::fromStdString(cancelled.error()), QString("cancelled"));
    QCOMPARE(seen, 3);
    QVERIFY(std::filesystem::exists(std::filesystem::path(pb.checkpointDir) / "ckpt" / "state.json"));

    // Resume: continues at epoch 4 and ends at 6 with the same model.
    pb.resume = true;
    int firstResumed = 0;
    TrainCallbacks cb2;
    cb2.onEpoch = [&](const EpochLog& e) {
      if (!firstResumed) firstResumed = e.epoch;
    };
    auto resumed = Trainer::train(info, train, &val, pb, cb2);
    QVERIFY2(resumed, resumed.error().c_str());
    QCOMPARE(firstResumed, 4);
    QCOMPARE(resumed->epochsRun, 6);
    QCOMPARE(resumed->history.size(), size_t(6));
    for (int e = 0; e < 6; ++e)
      QVERIFY2(std::abs(resumed->history[e].trainLoss - full->history[e].trainLoss) < 1e-3,
               qPrintable(QString("epoch %1 loss %2 vs %3").arg(e + 1).arg(resumed->history[e].trainLoss).arg(full->history[e].trainLoss)));
    QVERIFY(std::abs(resumed->bestValUa - full->bestValUa) < 0.05);
    auto pf = Trainer::predictSet(*full->bundle, val);
    auto pr = Trainer::predictSet(*resumed->bundle, val);
    QVERIFY(pf && pr);
    double maxDiff = 0;
    for (size_t i = 0; i < pf->size(); ++i)
      for (size_t k = 0; k < 3; ++k) maxDiff = std::max(maxDiff, double(std::abs((*pf)[i][k] - (*pr)[i][k])));
    QVERIFY2(maxDiff < 1e-3, qPrintable(QString("resumed model differs by %1").arg(maxDiff)));

    // Resuming a finished run trains no more epochs.
    auto again = Trainer::train(info, train, &val, pb);
    QVERIFY(again);
    QCOMPARE(again->epochsRun, 6);

    // A checkpoint of other hyperparameters is refused.
    TrainParams other = pb;
    other.lr = 0.5f;
    auto refused = Trainer::train(info, train, &val, other);
    QVERIFY(!refused);
    QVERIFY(QString::fromStdString(refused.error()).contains("another architecture or other hyperparameters"));
  }

  // --keep last: the final epoch's weights stay although validation speakers exist (they then
  // only fit the calibration), so the model predicts what a run without validation predicts.
  void keepLastKeepsTheFinalEpoch() {
    const TrainSet train = syntheticSet(90, 9, 3, 1, 0.6f);
    TrainSet val = syntheticSet(30, 9, 3, 2, 0.6f);
    val.stats = train.stats;
    const ModelInfo info = infoFor(train, 9);
    TrainParams p = shortRun();
    p.epochs = 5;
    p.patience = 0;
    p.keep = "last";
    auto kept = Trainer::train(info, train, &val, p);
    QVERIFY2(kept, kept.error().c_str());
    QCOMPARE(kept->epochsRun, 5);
    QCOMPARE(kept->bestEpoch, 5);
    auto plain = Trainer::train(info, train, nullptr, p);
    QVERIFY2(plain, plain.error().c_str());
    auto pk = Trainer::predictSet(*kept->bundle, val);
    auto pp = Trainer::predictSet(*plain->bundle, val);
    QVERIFY(pk && pp);
    for (size_t i = 0; i < pk->size(); ++i) {
      const auto& a = (*pk)[i];
      const auto& b = (*pp)[i];
      QCOMPARE(std::max_element(a.begin(), a.end()) - a.begin(), std::max_element(b.begin(), b.end()) - b.begin());
    }
    p.keep = "middle";
    auto refused = Trainer::train(info, train, &val, p);
    QVERIFY(!refused);
    QVERIFY(QString::fromStdString(refused.error()).contains("keep"));
  }

  void badInputRefused() {
    const TrainSet train = syntheticSet(20, 9, 3, 1, 1.0f);
    TrainParams p;
    p.epochs = 0;
    QVERIFY(!Trainer::train(infoFor(train, 9), train, nullptr, p));
    p.epochs = 1;
    p.loss = "hinge";
    QVERIFY(QString::fromStdString(Trainer::train(infoFor(train, 9), train, nullptr, p).error()).contains("loss"));
    p.loss = "focal";
    p.lrSchedule = "step";
    QVERIFY(QString::fromStdString(Trainer::train(infoFor(train, 9), train, nullptr, p).error()).contains("schedule"));
    p.lrSchedule = "cosine";
    p.mixup = -1;
    QVERIFY(QString::fromStdString(Trainer::train(infoFor(train, 9), train, nullptr, p).error()).contains("mixup"));
    p.mixup = 0;
    ModelInfo wrong = infoFor(train, 9);
    wrong.architecture["input_dim"] = 5;
    QVERIFY(!Trainer::train(wrong, train, nullptr, p));
  }

  void focalAndOversampleTrain() {
    const TrainSet train = syntheticSet(60, 9, 3, 3, 1.5f);
    TrainParams p = shortRun();
    p.loss = "focal";
    p.oversample = true;
    p.optimizer = "adam";
    auto r = Trainer::train(infoFor(train, 9), train, nullptr, p);
    QVERIFY2(r, r.error().c_str());
    QVERIFY(r->history.back().trainLoss < r->history.front().trainLoss);
  }

  // Cosine schedule: the rate falls every epoch, from near lr to near the floor; with mixup the
  // model still separates the classes (scored on clean clips of the training distribution).
  void cosineScheduleAndMixupTrain() {
    const TrainSet train = syntheticSet(60, 9, 3, 4, 1.5f);
    TrainParams p = shortRun();
    p.lrSchedule = "cosine";
    p.mixup = 0.4f;
    p.minLr = 1e-5f;
    auto r = Trainer::train(infoFor(train, 9), train, nullptr, p);
    QVERIFY2(r, r.error().c_str());
    QCOMPARE(r->history.size(), size_t(8));
    for (size_t e = 1; e < r->history.size(); ++e) QVERIFY(r->history[e].lr < r->history[e - 1].lr);
    QVERIFY(r->history.front().lr > 0.9 * p.lr);
    QVERIFY(r->history.back().lr < 0.05 * p.lr);
    QVERIFY(r->history.back().trainLoss < r->history.front().trainLoss);
    const TrainSet check = syntheticSet(30, 9, 3, 5, 1.5f);
    auto probs = Trainer::predictSet(*r->bundle, check, p.evalMaxFrames);
    QVERIFY2(probs, probs.error().c_str());
    int right = 0;
    for (size_t i = 0; i < check.samples.size(); ++i) {
      const auto& q = probs.value()[i];
      right += int(std::max_element(q.begin(), q.end()) - q.begin()) == check.samples[i].label;
    }
    QVERIFY2(right >= 20, qPrintable(QString("%1 of 30 right (chance 10)").arg(right)));
  }

  // An ensemble of 3 trains as one run (each member on its own loss), separates the classes, has
  // three times the parameters, and survives a bundle round trip with the same predictions.
  void ensembleTrainsAndRoundTrips() {
    const TrainSet train = syntheticSet(60, 9, 3, 6, 1.5f);
    ModelInfo info = infoFor(train, 9);
    const long long single = parameterCountOf(info);
    info.architecture["members"] = 3;
    info.featureParams.nMfcc = 9;  // a loadable bundle: MFCCs no more than the 9 mel bands
    auto r = Trainer::train(info, train, nullptr, shortRun());
    QVERIFY2(r, r.error().c_str());
    QCOMPARE(r->bundle->info().parameterCount, 3 * single);
    QVERIFY(r->history.back().trainLoss < r->history.front().trainLoss);
    const TrainSet check = syntheticSet(30, 9, 3, 7, 1.5f);
    auto probs = Trainer::predictSet(*r->bundle, check, 0);
    QVERIFY2(probs, probs.error().c_str());
    int right = 0;
    for (size_t i = 0; i < check.samples.size(); ++i) {
      const auto& q = probs.value()[i];
      QVERIFY(std::abs(std::accumulate(q.begin(), q.end(), 0.0) - 1.0) < 1e-4);
      right += int(std::max_element(q.begin(), q.end()) - q.begin()) == check.samples[i].label;
    }
    QVERIFY2(right >= 20, qPrintable(QString("%1 of 30 right (chance 10)").arg(right)));
    QTemporaryDir tmp;
    const std::string folder = tmp.filePath("ensemble").toStdString();
    QVERIFY(r->bundle->save(folder));
    auto loaded = ModelBundle::load(folder);
    QVERIFY2(loaded, loaded.error().c_str());
    QCOMPARE((*loaded)->info().architecture.value("members", 0), 3);
    auto again = Trainer::predictSet(**loaded, check, 0);
    QVERIFY2(again, again.error().c_str());
    for (size_t i = 0; i < check.samples.size(); ++i)
      for (size_t k = 0; k < 3; ++k) QVERIFY(std::abs(again.value()[i][k] - probs.value()[i][k]) < 1e-6);
  }
};

QTEST_GUILESS_MAIN(TestCheckpoint)
#include "tst_checkpoint.moc"
