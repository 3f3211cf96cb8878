#include "core/train/FeatureDataset.h"

#include <malloc.h>

#include <atomic>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include <nlohmann/json.hpp>

#include "core/audio/AudioReader.h"
#include "core/data/Augmenter.h"
#include "core/data/DatasetScanner.h"
#include "core/data/FeatureCache.h"
#include "core/dsp/FeatureExtractor.h"
#include "core/model/NormStats.h"

namespace emo {

std::vector<FeatureKind> defaultKindsFor(const std::string& modelType) {
  if (modelType == "cnn_lstm" || modelType == "tim_net") return {FeatureKind::Mfcc, FeatureKind::MfccDelta};
  if (modelType == "stats_conv1d") return seedFeatureKinds();
  return {FeatureKind::LogMelDb};
}

std::string FeatureDataset::summaryJson(const std::vector<int>& subset) const {
  std::vector<int> idx = subset;
  if (idx.empty())
    for (size_t i = 0; i < clips.size(); ++i) idx.push_back(static_cast<int>(i));
  std::map<std::string, int> corpora, perClass;
  std::set<std::string> speakers;
  for (int i : idx) {
    ++corpora[clips[i].corpus];
    ++perClass[schema.classes[labels[i]]];
    speakers.insert(clips[i].speaker);
  }
  nlohmann::json j{{"corpora", corpora}, {"per_class", perClass}, {"speakers", speakers},
                   {"clips", idx.size()}, {"schema", schema.name}};
  return j.dump();
}

namespace {

Result<Matrix> featuresOf(const std::vector<float>& samples, FeatureExtractor& fx, const std::vector<FeatureKind>& kinds) {
  if (samples.empty()) return fail("no audio");
  FeatureSet f = fx.compute(samples.data(), samples.size(), kinds);
  return stackModelInput(f, kinds);
}

}  // namespace

Result<FeatureDataset> loadFeatureDataset(const DataOptions& o) {
  if (o.sources.empty()) return fail("no training data given (--data DIR_OR_CSV)");
  if (auto ok = o.featureParams.validate(); !ok) return fail("feature parameters: " + ok.error());
  auto schema = LabelSchema::resolve(o.schema);
  if (!schema) return Error{schema.error()};
  auto aug = AugmentParams::preset(o.augment);
  if (!aug) return Error{aug.error()};
  aug->specAugment = false;  // SpecAugment is applied by the trainer on crops
  FeatureDataset ds;
  ds.schema = schema.value();
  for (const auto& src : o.sources) {
    ScanOptions so;
    so.adapter = o.adapter;
    so.detectDuplicates = false;
    auto rep = scanDataset(src, so);
    if (!rep) return Error{rep.error()};
    ds.skippedFiles += static_cast<int>(rep->skipped.size());
    for (const Clip& c : rep->clips) {
      auto cls = ds.schema.map(c.label);
      if (!cls) {
        ++ds.dropped[c.label];
        continue;
      }
      ds.clips.push_back(c);
      ds.labels.push_back(ds.schema.indexOf(*cls));
    }
  }
  if (ds.clips.empty()) return fail("no labelled clips found in the given data for schema '" + ds.schema.name + "'");
  const int copies = aug->anyWaveform() ? std::max(0, o.augmentCopies) : 0;
  std::shared_ptr<const BabblePool> babble;  // babble: speech of the other training speakers
  if (aug->babble && copies > 0) {
    auto pool = BabblePool::fromClips(ds.clips, o.featureParams.sampleRate, 64, o.seed);
    if (!pool) return Error{pool.error()};
    babble = std::make_shared<const BabblePool>(std::move(pool.value()));
  }
  FeatureCache cache(o.cacheDir);
  if (o.streamFeatures) {
    auto store = FeatureStore::streamed(cache.folder());
    if (!store) return Error{store.error()};
    ds.features = std::move(store.value());
  }
  ds.features.resize(ds.clips.size(), copies + 1);
  std::atomic<size_t> next{0}, done{0};
  std::mutex errMutex, progressMutex;
  std::string firstError;
  const size_t total = ds.clips.size();
  auto work = [&](bool reportProgress) {
    FeatureExtractor fx(o.featureParams);
    Augmenter augmenter(aug.value(), babble);
    for (size_t i; (i = next++) < total;) {
      if (o.cancel && o.cancel->load()) return;
      const Clip& clip = ds.clips[i];
      std::vector<float> audio;
      bool haveAudio = false;
      auto loadAudio = [&]() -> Status {
        if (haveAudio) return success();
        ReadOptions ro;
        ro.targetRate = o.featureParams.sampleRate;
        auto a = readAudioMono(clip.path, ro);
        if (!a) return Error{a.error()};
        audio = std::move(a->samples);
        haveAudio = true;
        return success();
      };
      std::vector<Matrix> variants;
      for (int v = 0; v <= copies; ++v) {
        std::string recipe = v == 0 ? "model-input" : "aug-" + o.augment + "-" + std::to_string(o.seed) + "-" + std::to_string(v);
        if (v > 0 && babble) recipe += "-babble" + std::to_string(babble->fingerprint());  // the pool is part of the recipe
        auto fs = cache.getOrCompute(clip.path, o.featureParams, o.kinds, recipe, [&]() -> Result<FeatureSet> {
          if (auto ok = loadAudio(); !ok) return Error{ok.error()};
          std::vector<float> x = audio;
          if (v > 0) {
            std::mt19937_64 rng(o.seed * 7777ull + std::hash<std::string>()(clip.path) + v);
            x = augmenter.applyWaveform(audio, o.featureParams.sampleRate, rng, clip.speaker);
          }
          if (x.empty()) return fail(clip.path + ": no audio");
          return fx.compute(x.data(), x.size(), o.kinds);
        });
        Result<Matrix> m = fs ? stackModelInput(fs.value(), o.kinds) : Result<Matrix>(Error{fs.error()});
        if (!m || m->rows < 1) {
          std::lock_guard<std::mutex> lock(errMutex);
          if (firstError.empty()) firstError = clip.path + ": " + (m ? std::string("no frames") : m.error());
          return;
        }
        variants.push_back(std::move(m.value()));
      }
      if (auto ok = ds.features.put(i, std::move(variants)); !ok) {
        std::lock_guard<std::mutex> lock(errMutex);
        if (firstError.empty()) firstError = ok.error();
        return;
      }
      const size_t d = ++done;
      if (reportProgress && o.progress) o.progress(static_cast<long long>(d), static_cast<long long>(total), clip.path);
    }
  };
  std::vector<std::thread> workers;
  for (int t = 1; t < std::max(1, o.threads); ++t) workers.emplace_back(work, false);
  work(true);
  for (auto& w : workers) w.join();
  if (o.cancel && o.cancel->load()) return fail("cancelled");
  if (!firstError.empty()) return fail("feature extraction failed: " + firstError);
#ifdef __GLIBC__
  // Extraction freed one buffer per clip and variant, of varying sizes, between the store's small
  // lasting entries; glibc keeps those holes resident. Hand them back before training starts.
  if (ds.features.isStreamed()) malloc_trim(0);
#endif
  return ds;
}

}  // namespace emo
