// The training loop (see Trainer.h).
#include "core/train/Trainer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <random>

#include "core/model/BundleImpl.h"
#include "core/model/TorchRuntime.h"
#include "core/train/GradientSync.h"
#include "core/train/Metrics.h"
#include "core/train/TrainerInternal.h"

namespace emo {

using namespace train_detail;

nlohmann::json TrainResult::historyJson() const {
  nlohmann::json a = nlohmann::json::array();
  for (const auto& e : history) a.push_back(epochToJson(e));
  return a;
}

namespace {

// A random crop of a random variant, normalised, with optional SpecAugment-style masks.
Matrix trainingCrop(const TrainSet& set, size_t index, const TrainParams& p, std::mt19937_64& rng) {
  const TrainSample& s = set.samples[index];
  const Matrix& src = s.variants[std::uniform_int_distribution<size_t>(0, s.variants.size() - 1)(rng)];
  const int len = std::uniform_int_distribution<int>(p.cropMinFrames, p.cropMaxFrames)(rng);
  Matrix m = src;
  if (src.rows > len) {
    const int start = std::uniform_int_distribution<int>(0, src.rows - len)(rng);
    m = src.sliceRows(start, start + len);
  }
  normaliseInPlace(m, set.mode, set.stats.at(set.mode == NormMode::Speaker ? s.statsIndex : 0));
  if (p.specAugment) {  // masked cells -> 0 = the normalised mean
    for (int k = 0; k < 2; ++k) {
      const int w = std::uniform_int_distribution<int>(0, std::max(1, m.cols / 8))(rng);
      const int c0 = std::uniform_int_distribution<int>(0, std::max(0, m.cols - w))(rng);
      for (int r = 0; r < m.rows; ++r)
        for (int c = c0; c < std::min(m.cols, c0 + w); ++c) m.at(r, c) = 0;
      const int tw = std::uniform_int_distribution<int>(0, std::max(1, m.rows / 10))(rng);
      const int t0 = std::uniform_int_distribution<int>(0, std::max(0, m.rows - tw))(rng);
      for (int r = t0; r < std::min(m.rows, t0 + tw); ++r)
        for (int c = 0; c < m.cols; ++c) m.at(r, c) = 0;
    }
  }
  return m;
}

// An ensemble in training returns its members' logits stacked along the batch: each member is
// scored against the same targets, and the loss is the members' mean.
torch::Tensor lossOf(const torch::Tensor& logits, const torch::Tensor& targets, const torch::Tensor& classWeights,
                     const TrainParams& p) {
  const int64_t K = logits.size(1);
  const int64_t copies = logits.size(0) / targets.size(0);
  const torch::Tensor y = copies > 1 ? targets.repeat({copies}) : targets;
  auto logp = torch::log_softmax(logits, 1);
  auto w = classWeights.index_select(0, y);
  auto logpy = logp.gather(1, y.unsqueeze(1)).squeeze(1);
  torch::Tensor per;
  if (p.loss == "focal") {
    per = -torch::pow(1 - logpy.exp(), p.focalGamma) * logpy;
  } else {
    const double eps = p.labelSmoothing;
    per = -(1 - eps) * logpy - (eps / K) * logp.sum(1);
  }
  return (per * w).sum() / w.sum();
}

// Cosine schedule: p.lr at the start, p.minLr at the end of the last epoch.
double cosineLr(const TrainParams& p, double progress) {
  return p.minLr + 0.5 * (p.lr - p.minLr) * (1 + std::cos(M_PI * std::clamp(progress, 0.0, 1.0)));
}

// Mixup weight: lam ~ Beta(alpha, alpha), folded to >= 0.5 so the first clip of a pair dominates.
double mixupWeight(float alpha, std::mt19937_64& rng) {
  std::gamma_distribution<double> g(alpha, 1.0);
  const double a = g(rng), b = g(rng);
  const double lam = a + b > 0 ? a / (a + b) : 0.5;
  return std::max(lam, 1 - lam);
}

// Each clip's crop draws from its own generator, seeded by the epoch and the clip's position in
// the epoch's order: a clip is cropped alike whichever rank, batch or batch size takes it, so
// data-parallel and single-process runs see the same crops.
std::mt19937_64 cropRng(uint64_t seed, int epoch, size_t position) {
  std::seed_seq s{uint32_t(seed), uint32_t(seed >> 32), uint32_t(epoch), uint32_t(position), uint32_t(position >> 32)};
  return std::mt19937_64(s);
}

std::string fingerprintOf(const ModelInfo& info, const TrainParams& p, size_t n) {
  TrainParams q = p;
  q.threads = 0;  // a resume may use another thread count
  q.device = "";  // or another device
  return info.architecture.dump() + q.toJson() + std::to_string(n);
}

}  // namespace

Result<TrainResult> Trainer::train(const ModelInfo& infoIn, const TrainSet& train, const TrainSet* validation,
                                   const TrainParams& p, const TrainCallbacks& cb) {
  if (auto ok = p.validate(); !ok) return Error{ok.error()};
  if (train.samples.size() < 2) return fail("training needs at least 2 clips (got " + std::to_string(train.samples.size()) + ")");
  auto spec = ModelSpec::fromJson(infoIn.architecture.dump());
  if (!spec) return Error{spec.error()};
  const int K = spec->numClasses;
  for (const auto& s : train.samples)
    if (s.label < 0 || s.label >= K || s.variants.empty() || s.variants[0].cols != spec->inputDim)
      return fail("training data does not match the model (label index, variants or input columns)");
  auto computeDevice = resolveComputeDevice(p.device);
  if (!computeDevice) return Error{computeDevice.error()};
  try {
    ScopedComputeThreads threads(p.threads);
    torch::manual_seed(p.seed);
    auto made = makeNetwork(spec.value());
    if (!made) return Error{made.error()};
    EmoNetPtr net = made.value();
    // Device and data-parallel hosting (GradientSync.h): the model lives on `device` during
    // training; `sync` is the no-op when this process trains alone.
    const torch::Device device = computeDevice->cuda ? torch::Device(torch::kCUDA, static_cast<c10::DeviceIndex>(computeDevice->index))
                                                     : torch::Device(torch::kCPU);
    net->to(device);
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

    std::vector<int> counts(K, 0);
    for (const auto& s : train.samples) ++counts[s.label];
    auto classWeights = torch::ones({K});
    if (p.loss != "ce")
      for (int c = 0; c < K; ++c)
        classWeights[c] = counts[c] ? double(train.samples.size()) / (K * counts[c]) : 0.0;
    classWeights = classWeights.to(device);

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
    std::vector<Matrix> valInputs;
    std::vector<int> valTruth;
    if (validation)
      for (size_t i = 0; i < validation->samples.size(); ++i) {
        valInputs.push_back(validation->normalised(i, p.evalMaxFrames));
        valTruth.push_back(validation->samples[i].label);
      }

    TrainResult result;
    double secondsThisCall = 0;
    int epochsThisCall = 0;
    const size_t N = train.samples.size();
    std::vector<double> drawWeights(N);
    for (size_t i = 0; i < N; ++i) drawWeights[i] = 1.0 / counts[train.samples[i].label];
    bool stopped = st.badEpochs >= p.patience && p.patience > 0 && validation && st.epoch > 0;
    for (int epoch = st.epoch + 1; epoch <= p.epochs && !stopped; ++epoch) {
      const auto t0 = std::chrono::steady_clock::now();
      torch::manual_seed(p.seed + 7919ull * epoch + 104729ull * sync->rank());
      std::mt19937_64 rng(p.seed * 1000003ull + epoch);
      std::vector<size_t> order(N);
      if (p.oversample) {
        std::discrete_distribution<size_t> draw(drawWeights.begin(), drawWeights.end());
        for (auto& o : order) o = draw(rng);
      } else {
        std::iota(order.begin(), order.end(), 0);
        std::shuffle(order.begin(), order.end(), rng);
      }
      net->train();
      double lossSum = 0;
      int batches = 0;
      // Data-parallel slice (one block; the epoch sampler's batches can replace it): the epoch's
      // batches of `order`, each rank taking every worldSize-th one. All ranks run `steps` steps;
      // a rank left without a batch in the last one contributes no samples to it.
      const size_t W = sync->worldSize(), globalBatch = size_t(p.batchSize) * W;
      std::vector<std::pair<size_t, size_t>> myBatches;
      size_t batchCount = 0;
      for (size_t s = 0; s + 1 < N; s += p.batchSize, ++batchCount) {  // a lone last clip is skipped (BatchNorm)
        const size_t e = std::min(N, s + p.batchSize);
        if (e - s < 2) break;
        if (batchCount % W == size_t(sync->rank())) myBatches.emplace_back(s, e);
      }
      const size_t steps = (batchCount + W - 1) / W;
      const double batchesPerEpoch = std::max<size_t>(1, (N + globalBatch - 1) / globalBatch);
      for (size_t step = 0; step < steps; ++step) {
        if (cb.cancel && cb.cancel->load()) return fail("cancelled");
        if (p.lrSchedule == "cosine") {
          st.lr = cosineLr(p, (epoch - 1 + batches / batchesPerEpoch) / p.epochs);
          setLr(st.lr);
        }
        opt->zero_grad();
        double batchLoss = 0;
        int batchSamples = 0;
        if (step < myBatches.size()) {
          const auto [s, e] = myBatches[step];
          std::vector<Matrix> crops;
          std::vector<int64_t> ys;
          for (size_t i = s; i < e; ++i) {
            std::mt19937_64 crng = cropRng(p.seed, epoch, i);
            crops.push_back(trainingCrop(train, order[i], p, crng));
            ys.push_back(train.samples[order[i]].label);
          }
          std::vector<const Matrix*> ptrs;
          for (const auto& c : crops) ptrs.push_back(&c);
          torch::Tensor x, lengths;
          padBatch(ptrs, x, lengths);
          x = x.to(device);
          lengths = lengths.to(device);
          auto y = torch::tensor(ys, torch::kLong).to(device);
          torch::Tensor loss;
          if (p.mixup > 0) {  // each crop mixed with another of the batch; padding mixes with padding
            const double lam = mixupWeight(p.mixup, rng);
            auto perm = torch::randperm(x.size(0), torch::kLong).to(device);
            x = lam * x + (1 - lam) * x.index_select(0, perm);
            lengths = torch::max(lengths, lengths.index_select(0, perm));
            auto logits = net->forward(x, lengths);
            loss = lam * lossOf(logits, y, classWeights, p) + (1 - lam) * lossOf(logits, y.index_select(0, perm), classWeights, p);
          } else {
            loss = lossOf(net->forward(x, lengths), y, classWeights, p);
          }
          loss.backward();
          batchLoss = loss.item<double>();
          batchSamples = static_cast<int>(e - s);
        }
        auto stepLoss = sync->averageGradients(*net, batchLoss, batchSamples);  // the global batch's
        if (!stepLoss) return Error{stepLoss.error()};
        if (p.gradClip > 0) torch::nn::utils::clip_grad_norm_(net->parameters(), p.gradClip);
        opt->step();
        lossSum += stepLoss.value();
        ++batches;
      }
      if (auto ok = sync->averageBuffers(*net); !ok) return Error{ok.error()};
      EpochLog log;
      log.epoch = epoch;
      log.trainLoss = batches ? lossSum / batches : 0;
      log.lr = st.lr;
      bool improved = true;
      if (!valInputs.empty()) {
        auto probs = predictNormalised(*net, valInputs);
        const EvalMetrics m = computeMetrics(valTruth, probs, infoIn.labels);
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
      if (cb.progress) {
        char val[40] = "no validation set";
        if (log.valUa >= 0) std::snprintf(val, sizeof val, "validation UA %.3f", log.valUa);
        char buf[160];
        std::snprintf(buf, sizeof buf, "epoch %d: loss %.4f, %s, lr %.2g, %.1f s", epoch, log.trainLoss, val, log.lr,
                      log.seconds);
        cb.progress(epoch, p.epochs, buf);
      }
      if (p.patience > 0 && !valInputs.empty() && st.badEpochs >= p.patience) stopped = true;
    }
    restore(*net, best);
    net->to(torch::kCPU);  // bundles hold CPU tensors; ModelBundle::loadOn moves them where asked
    ModelInfo info = infoIn;
    info.hyperparameters = nlohmann::json::parse(p.toJson());
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
    std::vector<Matrix> inputs;
    for (size_t i = 0; i < set.samples.size(); ++i) {
      inputs.push_back(set.normalised(i, maxFrames));
      if (inputs.back().cols != bundle.info().inputDim) return fail("evaluation data does not match the model's input columns");
    }
    return predictNormalised(*bundle.impl().net, inputs);
  } catch (const std::exception& e) {
    return fail(std::string("prediction failed: ") + e.what());
  }
}

}  // namespace emo
