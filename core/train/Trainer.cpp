// The training loop (see Trainer.h).
#include "core/train/Trainer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <future>
#include <optional>
#include <random>
#include <set>

#include "core/model/BundleImpl.h"
#include "core/model/TorchRuntime.h"
#include "core/train/Calibration.h"
#include "core/train/EpochSampler.h"
#include "core/train/GradientSync.h"
#include "core/train/Metrics.h"
#include "core/train/TrainBatch.h"
#include "core/train/TrainStep.h"
#include "core/train/TrainerInternal.h"

namespace emo {

using namespace train_detail;

nlohmann::json TrainResult::historyJson() const {
  nlohmann::json a = nlohmann::json::array();
  for (const auto& e : history) a.push_back(epochToJson(e));
  return a;
}

namespace {

// Cosine schedule: p.lr at the start, p.minLr at the end of the last epoch.
double cosineLr(const TrainParams& p, double progress) {
  return p.minLr + 0.5 * (p.lr - p.minLr) * (1 + std::cos(M_PI * std::clamp(progress, 0.0, 1.0)));
}

std::string fingerprintOf(const ModelInfo& info, const TrainParams& p, size_t n) {
  TrainParams q = p;
  q.threads = 0;  // a resume may use another thread count
  q.device = "";  // or another device
  return info.architecture.dump() + q.toJson() + std::to_string(n);
}

std::string progressLine(const EpochLog& log) {
  char val[40] = "no validation set";
  if (log.valUa >= 0) std::snprintf(val, sizeof val, "validation UA %.3f", log.valUa);
  char buf[160];
  std::snprintf(buf, sizeof buf, "epoch %d: loss %.4f, %s, lr %.2g, %.1f s", log.epoch, log.trainLoss, val, log.lr,
                log.seconds);
  return buf;
}

}  // namespace

Result<TrainResult> Trainer::train(const ModelInfo& infoIn, const TrainSet& train, const TrainSet* validation,
                                   const TrainParams& p, const TrainCallbacks& cb, const ModelBundle* teacherBundle) {
  if (auto ok = p.validate(); !ok) return Error{ok.error()};
  if (teacherBundle && !(p.distillWeight > 0)) return fail("a teacher bundle needs a distillation weight > 0");
  if (!teacherBundle && p.distillWeight > 0) return fail("a distillation weight > 0 needs a teacher bundle");
  if (train.samples.size() < 2) return fail("training needs at least 2 clips (got " + std::to_string(train.samples.size()) + ")");
  auto spec = ModelSpec::fromJson(infoIn.architecture.dump());
  if (!spec) return Error{spec.error()};
  const int K = spec->numClasses;
  for (size_t i = 0; i < train.samples.size(); ++i) {
    const TrainSample& s = train.samples[i];
    const bool hasFeatures = !s.variants.empty() || (train.store && s.clip >= 0 && size_t(s.clip) < train.store->size());
    if (s.label < 0 || s.label >= K || !hasFeatures || train.variantCount(i) < 1 || train.cols(i) != spec->inputDim)
      return fail("training data does not match the model (label index, variants or input columns)");
  }
  auto computeDevice = resolveComputeDevice(p.device);
  if (!computeDevice) return Error{computeDevice.error()};
  try {
    ScopedComputeThreads threads(p.threads);
    auto labelSets = corpusLabelSets(train, K, p.loss, p.labelMask == "corpus");
    if (!labelSets) return Error{labelSets.error()};
    torch::manual_seed(p.seed);
    auto made = makeNetwork(spec.value());
    if (!made) return Error{made.error()};
    EmoNetPtr net = made.value();
    // Training-only heads (TrainStep.h); made after the network so its initial weights do not change.
    CorpusAdversary adversary{nullptr};
    std::unique_ptr<torch::optim::AdamW> adversaryOpt;
    if (p.corpusAdversary > 0) {
      std::set<int> present;
      for (const auto& s : train.samples) present.insert(s.corpusIndex);
      const int corpora = static_cast<int>(present.size());
      if (corpora < 2)
        return fail("the corpus adversary needs training clips of two corpora or more (got " + std::to_string(corpora) + ")");
      if (net->embeddingDim() <= 0)
        return fail("the corpus adversary needs a network with a pooled embedding (crnn_attn or ecapa), not " + spec->type);
      adversary = CorpusAdversary(net->embeddingDim(), static_cast<int>(labelSets->allowed.size(0)), 64, spec->members);
    }
    std::optional<DistillTeacher> teacher;
    if (teacherBundle) {
      auto t = makeDistillTeacher(infoIn, *teacherBundle);
      if (!t) return Error{t.error()};
      teacher = std::move(t.value());
    }
    // Device and data-parallel hosting (GradientSync.h): the model lives on `device` during
    // training; `sync` is the no-op when this process trains alone.
    const torch::Device device = computeDevice->cuda ? torch::Device(torch::kCUDA, static_cast<c10::DeviceIndex>(computeDevice->index))
                                                     : torch::Device(torch::kCPU);
    net->to(device);
    if (adversary) {
      adversary->to(device);
      adversaryOpt = std::make_unique<torch::optim::AdamW>(adversary->parameters(), torch::optim::AdamWOptions(p.lr));
    }
    std::unique_ptr<GradientSync> localSync;
    GradientSync* sync = cb.sync ? cb.sync : (localSync = makeLocalGradientSync()).get();
    std::unique_ptr<torch::optim::Optimizer> opt;
    if (p.optimizer == "adam")
      opt = std::make_unique<torch::optim::Adam>(net->parameters(), torch::optim::AdamOptions(p.lr).weight_decay(p.weightDecay));
    else
      opt = std::make_unique<torch::optim::AdamW>(net->parameters(), torch::optim::AdamWOptions(p.lr).weight_decay(p.weightDecay));
    auto setLr = [&](double lr) {
      for (auto& g : opt->param_groups()) g.options().set_lr(lr);
    };

    CheckpointState st;
    st.lr = p.lr;
    st.fingerprint = fingerprintOf(infoIn, p, train.samples.size());
    std::vector<torch::Tensor> best = snapshot(*net);
    if (p.resume && !p.checkpointDir.empty()) {
      auto loaded = loadCheckpoint(p.checkpointDir, st, *net, *opt, best);
      if (!loaded) return Error{loaded.error()};
      setLr(st.lr);
    }
    // Every rank starts at the same epoch from rank 0's weights.
    if (auto ok = sync->requireSame("the epoch to resume from (is --checkpoint on a filesystem all ranks share?)", st.epoch); !ok)
      return Error{ok.error()};
    if (auto ok = sync->broadcastState(*net); !ok) return Error{ok.error()};
    if (adversary)
      if (auto ok = sync->broadcastState(*adversary); !ok) return Error{ok.error()};
    // Validation clips are read (and normalised) batch by batch at each evaluation.
    std::vector<int> valTruth;
    if (validation)
      for (const TrainSample& s : validation->samples) valTruth.push_back(s.label);
    auto predictValidation = [&] { return predictTrainSet(*net, *validation, p.evalMaxFrames); };

    TrainResult result;
    double secondsThisCall = 0;
    int epochsThisCall = 0;
    const EpochSampler sampler(train, SamplerOptions::from(p));
    bool stopped = st.badEpochs >= p.patience && p.patience > 0 && validation && st.epoch > 0;
    for (int epoch = st.epoch + 1; epoch <= p.epochs && !stopped; ++epoch) {
      const auto t0 = std::chrono::steady_clock::now();
      torch::manual_seed(p.seed + 7919ull * epoch + 104729ull * sync->rank());
      std::mt19937_64 rng(p.seed * 1000003ull + epoch + 0x5bd1e995ull);  // mixup
      // This rank's share of the epoch's batches (all of them when it trains alone).
      const std::vector<SampledBatch> batches = sampler.batches(epoch, sync->rank(), sync->worldSize());
      net->train();
      double lossSum = 0;
      int done = 0;
      // One batch of read-ahead: the next batch's crops are read and built on a helper thread
      // while this one trains (makeTrainBatch depends only on its arguments, so the result is
      // the same as building it here).
      auto build = [&](size_t k) {
        return std::async(std::launch::async, [&, k] { return makeTrainBatch(train, batches[k], labelSets.value(), p, epoch); });
      };
      std::future<TrainBatch> next;
      if (!batches.empty()) next = build(0);
      for (size_t k = 0; k < batches.size(); ++k) {
        const SampledBatch& sampled = batches[k];
        const TrainBatch batch = next.get().to(device);
        if (k + 1 < batches.size()) next = build(k + 1);
        if (cb.cancel && cb.cancel->load()) return fail("cancelled");
        if (p.lrSchedule == "cosine") {
          st.lr = cosineLr(p, (epoch - 1 + double(done) / batches.size()) / p.epochs);
          setLr(st.lr);
        }
        StepHeads heads;
        heads.teacher = teacher ? &*teacher : nullptr;
        if (adversary) {  // the reversal ramps up over the whole run (Ganin et al.)
          heads.adversary = adversary.get();
          heads.reversal = adversaryRamp((epoch - 1 + double(done) / batches.size()) / p.epochs, p.corpusAdversary);
          adversaryOpt->zero_grad();
        }
        opt->zero_grad();
        const StepLoss loss = stepLoss(*net, batch, p, rng, heads);
        loss.total.backward();
        // The global batch's mean gradient and loss (unchanged when this process trains alone);
        // the reported loss is the emotion loss alone.
        const int n = static_cast<int>(sampled.indices.size());
        auto globalLoss = sync->averageGradients(*net, loss.emotion.item<double>(), n);
        if (!globalLoss) return Error{globalLoss.error()};
        if (p.gradClip > 0) torch::nn::utils::clip_grad_norm_(net->parameters(), p.gradClip);
        opt->step();
        if (adversary) {
          if (auto ok = sync->averageGradients(*adversary, loss.adversary.item<double>(), n); !ok) return Error{ok.error()};
          adversaryOpt->step();
        }
        lossSum += globalLoss.value();
        ++done;
      }
      if (auto ok = sync->averageBuffers(*net); !ok) return Error{ok.error()};
      EpochLog log;
      log.epoch = epoch;
      log.trainLoss = done ? lossSum / done : 0;
      log.lr = st.lr;
      bool improved = true;
      if (!valTruth.empty()) {
        const EvalMetrics m = computeMetrics(valTruth, predictValidation(), infoIn.labels);
        log.valUa = m.ua;
        log.valWa = m.wa;
        improved = m.ua > st.bestValUa + 1e-9;
      }
      if (improved) {
        st.bestValUa = log.valUa;
        st.bestEpoch = epoch;
        st.badEpochs = 0;
        st.lrBadEpochs = 0;
        best = snapshot(*net);
      } else {
        ++st.badEpochs;
        if (p.lrSchedule == "plateau" && ++st.lrBadEpochs >= p.lrPatience) {
          st.lr = std::max<double>(p.minLr, st.lr * p.lrFactor);
          setLr(st.lr);
          st.lrBadEpochs = 0;
        }
      }
      log.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      secondsThisCall += log.seconds;
      ++epochsThisCall;
      st.epoch = epoch;
      st.history.push_back(log);
      if (!p.checkpointDir.empty() && sync->rank() == 0)  // one writer in a data-parallel job
        if (auto ok = saveCheckpoint(p.checkpointDir, st, *net, *opt, best); !ok) return Error{ok.error()};
      if (cb.onEpoch) cb.onEpoch(log);
      if (cb.progress) cb.progress(epoch, p.epochs, progressLine(log));
      if (p.patience > 0 && !valTruth.empty() && st.badEpochs >= p.patience) stopped = true;
    }
    if (p.keep == "last") st.bestEpoch = st.epoch;  // the final weights stay
    else restore(*net, best);
    ModelInfo info = infoIn;
    info.hyperparameters = nlohmann::json::parse(p.toJson());
    if (!valTruth.empty()) {  // temperature and "uncertain" threshold from the validation speakers
      std::vector<std::string> valCorpus;
      for (const TrainSample& v : validation->samples)  // sets built without corpus names are one corpus
        valCorpus.push_back(v.corpusIndex < static_cast<int>(validation->corpora.size()) ? validation->corpora[v.corpusIndex] : "");
      result.calibration = fitCalibration(valTruth, predictValidation(), valCorpus, p.calibrationWeighting);
      info.temperature = result.calibration.temperature;
      info.uncertainBelow = result.calibration.uncertainBelow;
      if (cb.progress) {
        char buf[160];
        std::snprintf(buf, sizeof buf, "calibration on %d validation clips (%s-weighted): T %.2f, ECE %.3f -> %.3f, uncertain below %.2f",
                      result.calibration.clips, p.calibrationWeighting.c_str(), info.temperature, result.calibration.eceBefore,
                      result.calibration.eceAfter, info.uncertainBelow);
        cb.progress(st.epoch, p.epochs, buf);
      }
    }
    net->to(torch::kCPU);  // bundles hold CPU tensors; ModelBundle::loadOn moves them where asked
    result.bundle = makeBundle(info, net);
    result.epochsRun = st.epoch;
    result.bestEpoch = st.bestEpoch;
    result.bestValUa = st.bestValUa;
    result.secondsPerEpoch = epochsThisCall ? secondsThisCall / epochsThisCall : 0;
    result.stoppedEarly = stopped;
    result.history = st.history;
    return result;
  } catch (const std::exception& e) {
    std::string what = e.what();
    if (const auto nl = what.find('\n'); nl != std::string::npos) what = what.substr(0, nl);
    return fail("training failed: " + what);
  }
}

Result<std::vector<std::vector<float>>> Trainer::predictSet(const ModelBundle& bundle, const TrainSet& set, int maxFrames) {
  try {
    for (size_t i = 0; i < set.samples.size(); ++i)
      if (set.cols(i) != bundle.info().inputDim) return fail("evaluation data does not match the model's input columns");
    return predictTrainSet(*bundle.impl().net, set, maxFrames, 16, bundle.info().temperature);
  } catch (const std::exception& e) {
    return fail(std::string("prediction failed: ") + e.what());
  }
}

}  // namespace emo
