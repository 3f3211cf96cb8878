#include "core/train/ExperimentConfig.h"

#include <algorithm>
#include <filesystem>
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
    d.kinds.clear();  // DataOptions starts with log-mel: the list replaces it, not adds to it
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
  d.streamFeatures = streamFeatures;
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
  t.sampling = sampling;
  t.labelMask = labelMask;
  t.corpusAlpha = corpusAlpha;
  t.bucketByLength = bucketByLength;
  t.cropMinFrames = cropMinFrames;
  t.cropMaxFrames = cropMaxFrames;
  const auto effects = AugmentParams::preset(augment);
  if (!effects) return fail("--augment: " + effects.error());
  t.specAugment = specAugment || effects->specAugment;
  t.patience = patience;
  t.keep = keep;
  t.calibrationWeighting = calibrationWeighting;
  t.lrSchedule = lrSchedule;
  t.mixup = mixup;
  t.corpusAdversary = corpusAdversary;
  if (ownStatsShare > 0 && o.norm != NormMode::Speaker) return fail("--own-stats-share needs --norm speaker");
  t.ownStatsShare = ownStatsShare;
  if (!teacher.empty() && !(distillWeight > 0)) return fail("--teacher needs --distill-weight A with 0 < A <= 1");
  if (teacher.empty() && distillWeight > 0) return fail("--distill-weight needs --teacher BUNDLE");
  t.distillWeight = distillWeight;
  t.distillTemperature = distillTemperature;
  if (!teacher.empty()) {
    auto bundle = ModelBundle::load(teacher);
    if (!bundle) return fail("--teacher: " + bundle.error());
    o.teacher = bundle.value();
    t.teacher = dataSourceNames({teacher}).front();  // by name: model.json holds no path of this machine
  }
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

Split ExperimentConfig::evaluationSplit() const {
  Split s;
  s.group = group;
  s.method = split;
  s.folds = folds;
  s.seed = seed;
  s.testSpeakers = testSpeakers;
  s.testCorpora = testCorpora;
  return s;
}

Result<std::vector<Fold>> ExperimentConfig::makeFolds(const std::vector<Clip>& clips) const {
  return evaluationSplit().makeFolds(clips);
}

std::vector<std::string> dataSourceNames(const std::vector<std::string>& sources) {
  std::vector<std::string> names;
  for (const std::string& src : sources) {
    std::filesystem::path p = std::filesystem::path(src).lexically_normal();
    if (p.filename().empty()) p = p.parent_path();
    names.push_back(p.filename().string());
  }
  return names;
}

std::string ExperimentConfig::toJson() const {
  nlohmann::json j{{"data", dataSourceNames(data)},           {"schema", schema},         {"model_type", modelType}, {"members", members},
                   {"features", features},   {"norm", norm},             {"speaker_stats", speakerStats}, {"augment", augment},
                   {"epochs", epochs},       {"batch_size", batchSize},  {"lr", lr},
                   {"weight_decay", weightDecay}, {"loss", loss},        {"oversample", oversample},
                   {"sampling", sampling}, {"label_mask", labelMask}, {"corpus_alpha", corpusAlpha}, {"bucket_by_length", bucketByLength},
                   {"crop_frames", {cropMinFrames, cropMaxFrames}},
                   {"lr_schedule", lrSchedule}, {"keep", keep},
                   {"calibration_weighting", calibrationWeighting}, {"mixup", mixup}, {"spec_augment", specAugment},
                   {"corpus_adversary", corpusAdversary}, {"own_stats_share", ownStatsShare},
                   {"teacher", teacher.empty() ? "" : dataSourceNames({teacher}).front()},
                   {"distill_weight", distillWeight}, {"distill_temperature", distillTemperature},
                   {"augment_copies", augmentCopies}, {"validation_fraction", validationFraction},
                   {"patience", patience},
                   {"seed", seed},           {"group", group},           {"split", split},           {"folds", folds},
                   {"test_speakers", testSpeakers}, {"test_corpora", testCorpora}, {"threads", threads}};
  return j.dump();
}

ExperimentConfig shippedRecipe() {
  ExperimentConfig c;
  c.schema = "ravdess8";
  c.modelType = "crnn_attn";
  c.features = "logmel_db,f0";
  c.norm = "speaker";
  c.speakerStats = "all";
  c.corpusAdversary = 0.1f;
  c.ownStatsShare = 0.25f;
  c.labelMask = "corpus";
  c.sampling = "corpus";
  c.batchSize = 32;
  c.lr = 0.002f;
  c.weightDecay = 0.01f;
  c.loss = "weighted";
  c.seed = 42;
  c.augment = "light+voice";
  c.augmentCopies = 3;
  c.epochs = 24;
  c.lrSchedule = "cosine";
  c.validationFraction = 0.1f;
  c.patience = 0;
  c.keep = "last";
  return c;
}

}  // namespace emo
