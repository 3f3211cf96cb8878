#include "core/train/ExperimentConfig.h"

#include <algorithm>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/data/Augmenter.h"

namespace emo {

Result<DataOptions> ExperimentConfig::dataOptions() const {
  DataOptions d;
  d.sources = data;
  d.adapter = adapter;
  d.schema = schema;
  auto fp = FeatureParams::preset(featurePreset);
  if (!fp) return fail("--feature-preset: " + fp.error());
  d.featureParams = fp.value();
  if (features.empty()) {
    d.kinds = defaultKindsFor(modelType);
  } else {
    std::stringstream ss(features);
    std::string item;
    while (std::getline(ss, item, ',')) {
      auto k = featureKindFromName(item);
      if (!k) return fail("--features: " + k.error());
      d.kinds.push_back(k.value());
    }
  }
  d.augment = augment;
  d.augmentCopies = augmentCopies;
  d.seed = seed;
  d.threads = threads;
  d.cacheDir = cacheDir;
  return d;
}

Result<ExperimentOptions> ExperimentConfig::experimentOptions() const {
  ExperimentOptions o;
  auto spec = ModelSpec::defaults(modelType, 1, 2);
  if (!spec) return fail("--model-type: " + spec.error());
  o.spec = spec.value();
  if (dropout >= 0) o.spec.dropout = dropout;
  if (channels > 0) o.spec.channels = channels;
  if (hidden > 0) o.spec.hidden = hidden;
  if (layers > 0) o.spec.layers = layers;
  o.spec.members = members;
  if (auto ok = o.spec.validate(); !ok) return Error{ok.error()};
  const std::string n = norm.empty() ? (modelType == "stats_conv1d" ? "global" : "utterance") : norm;
  auto mode = normModeFromName(n);
  if (!mode) return fail("--norm: " + mode.error());
  o.norm = mode.value();
  if (speakerStats.empty()) return fail("--speaker-stats: give 'all' or a label such as 'neutral'");
  o.speakerReference = speakerStats == "all" ? "" : speakerStats;
  if (!o.speakerReference.empty() && o.norm != NormMode::Speaker)
    return fail("--speaker-stats " + speakerStats + " applies to --norm speaker only");
  o.testConditions = testConditions;
  TrainParams& t = o.train;
  t.epochs = epochs;
  t.batchSize = batchSize;
  t.lr = lr;
  t.weightDecay = weightDecay;
  t.loss = loss;
  t.oversample = oversample;
  const auto effects = AugmentParams::preset(augment);
  if (!effects) return fail("--augment: " + effects.error());
  t.specAugment = specAugment || effects->specAugment;
  t.patience = patience;
  t.lrSchedule = lrSchedule;
  t.mixup = mixup;
  t.validationFraction = validationFraction;
  t.threads = threads;
  t.device = device;
  t.seed = seed;
  t.checkpointDir = checkpoint;
  t.resume = resume;
  if (auto ok = t.validate(); !ok) return Error{ok.error()};
  if (resume && checkpoint.empty()) return fail("--resume needs --checkpoint DIR");
  return o;
}

Result<std::vector<Fold>> ExperimentConfig::makeFolds(const std::vector<Clip>& allClips) const {
  if (!testCorpora.empty()) {
    // Folds over the test corpora's speakers only; every clip of the other corpora trains in
    // every fold (e.g. TESS added to training while testing on RAVDESS speakers).
    std::vector<Clip> sub;
    std::vector<int> subIndex, others;
    for (size_t i = 0; i < allClips.size(); ++i) {
      if (std::find(testCorpora.begin(), testCorpora.end(), allClips[i].corpus) != testCorpora.end()) {
        sub.push_back(allClips[i]);
        subIndex.push_back(static_cast<int>(i));
      } else {
        others.push_back(static_cast<int>(i));
      }
    }
    if (sub.empty()) return fail("--test-corpus: no clips of the named corpora in the data");
    ExperimentConfig inner = *this;
    inner.testCorpora.clear();
    auto folds = inner.makeFolds(sub);
    if (!folds) return folds;
    for (Fold& f : folds.value()) {
      for (int& i : f.train) i = subIndex[i];
      for (int& i : f.test) i = subIndex[i];
      f.train.insert(f.train.end(), others.begin(), others.end());
    }
    return folds;
  }
  const std::vector<Clip>& clips = allClips;
  if (!testSpeakers.empty()) {
    auto f = explicitSpeakerSplit(clips, testSpeakers);
    if (!f) return Error{f.error()};
    return std::vector<Fold>{f.value()};
  }
  if (split == "speaker") return speakerGroupedKFold(clips, folds, seed);
  if (split == "loso") return leaveOneSpeakerOut(clips);
  if (split == "random") {
    if (folds < 2) return fail("--folds must be >= 2");
    std::vector<Fold> out;
    for (int i = 0; i < folds; ++i) {
      auto f = randomSplit(clips, 1.0 / folds, seed + i);
      if (!f) return Error{f.error()};
      out.push_back(f.value());
    }
    return out;
  }
  return fail("--split must be speaker, loso or random, not '" + split + "'");
}

std::string ExperimentConfig::toJson() const {
  nlohmann::json j{{"data", data},           {"schema", schema},         {"model_type", modelType}, {"members", members},
                   {"features", features},   {"norm", norm},             {"speaker_stats", speakerStats}, {"augment", augment},
                   {"epochs", epochs},       {"batch_size", batchSize},  {"lr", lr},
                   {"weight_decay", weightDecay}, {"loss", loss},        {"oversample", oversample},
                   {"lr_schedule", lrSchedule}, {"mixup", mixup}, {"spec_augment", specAugment},
                   {"seed", seed},           {"split", split},           {"folds", folds},
                   {"test_speakers", testSpeakers}, {"test_corpora", testCorpora}, {"threads", threads}};
  return j.dump();
}

}  // namespace emo
