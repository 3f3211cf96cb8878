#include "core/train/Experiment.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <tuple>
#include <utility>

#include "core/infer/EmotionFrame.h"
#include "core/model/ModelInfo.h"
#include "core/train/Calibration.h"
#include "core/train/CorpusScores.h"
#include "core/train/CorpusSets.h"
#include "core/train/CrossFitCalibration.h"
#include "core/train/Metrics.h"
#include "core/train/SpeakerStats.h"
#include "core/train/TestConditions.h"
#include "core/train/TestTimeStats.h"

namespace emo {
namespace {

std::vector<int> allIndices(size_t n) {
  std::vector<int> v(n);
  std::iota(v.begin(), v.end(), 0);
  return v;
}

// The network's own probabilities (T = 1) from a bundle's calibrated ones.
std::vector<std::vector<float>> rawProbabilities(const ModelInfo& info, const std::vector<std::vector<float>>& probs) {
  std::vector<std::vector<float>> raw;
  raw.reserve(probs.size());
  for (const auto& p : probs) raw.push_back(applyTemperature(p, 1.0 / info.temperature));
  return raw;
}

// The fold's calibration as trained (ModelInfo: temperature and "uncertain" threshold, fitted on
// its validation speakers) and the test clips' ECE without that temperature, so the calibration
// protocol shows what the fitted temperature did on speakers it never saw.
nlohmann::json foldCalibrationJson(const ModelInfo& info, const std::vector<int>& truth,
                                   const std::vector<std::vector<float>>& probs) {
  return {{"temperature", info.temperature},
          {"uncertain_below", info.uncertainBelow},
          {"ece_at_t1", expectedCalibrationError(truth, rawProbabilities(info, probs))}};
}

// A set of clips of ds referring to ds.features (nothing copied). Without variants (validation
// and evaluation sets) only the clean features are used (TrainSet::normalised).
TrainSet makeSet(const FeatureDataset& ds, const std::vector<int>& idx) {
  TrainSet set;
  set.store = &ds.features;
  for (int i : idx) {
    TrainSample s;
    s.clip = i;
    s.label = ds.labels[i];
    s.speaker = ds.clips[i].speaker;
    set.samples.push_back(std::move(s));
  }
  assignCorpora(ds, idx, set);
  return set;
}

// Leave-one-corpus-out: the headline scores are each held-out corpus's own (restricted to its
// labels), averaged over corpora; the scores over all the model's labels move to "unrestricted".
void addHeldOutCorpusScores(nlohmann::json& j, const std::vector<std::string>& heldOut) {
  j["unrestricted"] = {{"ua", j["ua"]}, {"ua_std", j["ua_std"]}, {"wa", j["wa"]}, {"wa_std", j["wa_std"]},
                       {"macro_f1", j["macro_f1"]}};
  std::vector<double> ua, wa, f1;
  for (const std::string& c : heldOut) {
    ua.push_back(j["per_corpus"][c]["ua"].get<double>());
    wa.push_back(j["per_corpus"][c]["wa"].get<double>());
    f1.push_back(j["per_corpus"][c]["macro_f1"].get<double>());
  }
  std::tie(j["ua"], j["ua_std"]) = meanAndStd(ua);
  std::tie(j["wa"], j["wa_std"]) = meanAndStd(wa);
  j["macro_f1"] = meanAndStd(f1).first;
  j["held_out_corpora"] = heldOut;
  j["scores"] = "per held-out corpus, prediction restricted to that corpus's labels; mean and std over corpora";
}

}  // namespace

Result<TrainResult> trainOnClips(const FeatureDataset& ds, const DataOptions& data, const std::vector<int>& trainIdx,
                                 const ExperimentOptions& o, const TrainCallbacks& cb) {
  if (trainIdx.empty()) return fail("no training clips");
  std::vector<int> fit = trainIdx, val;
  if (o.train.validationFraction > 0) {
    auto hold = speakerGroupedHoldout(ds.clips, trainIdx, o.train.validationFraction, o.train.seed);
    if (hold && !hold->test.empty() && !hold->train.empty()) {
      fit = hold->train;
      val = hold->test;
    }
  }
  TrainSet train = makeSet(ds, fit);
  train.mode = o.norm;
  train.stats = {streamedNormStats(fit.size(), [&](size_t k) { return ds.features.clean(fit[k]); }, o.norm != NormMode::Global)};
  if (o.norm == NormMode::Speaker) assignSpeakerStats(ds, fit, train, o.speakerReference);
  TrainSet validation = makeSet(ds, val);
  validation.mode = o.norm;
  validation.stats = {train.stats[0]};
  if (o.norm == NormMode::Speaker) assignSpeakerStats(ds, val, validation, o.speakerReference);

  ModelSpec spec = o.spec;
  spec.inputDim = ds.features.cols(fit.front());
  spec.numClasses = static_cast<int>(ds.schema.classes.size());
  ModelInfo info;
  info.modelType = spec.type;
  info.labels = ds.schema.classes;
  info.schema = ds.schema.name;
  info.featureParams = data.featureParams;
  info.featureKinds = data.kinds;
  info.inputDim = spec.inputDim;
  info.normMode = o.norm;
  info.normStats = train.stats[0];
  info.architecture = nlohmann::json::parse(spec.toJson());
  auto summary = nlohmann::json::parse(ds.summaryJson(trainIdx));
  summary["validation_speakers"] = nlohmann::json::array();
  {
    std::vector<std::string> vs;
    for (int i : val) vs.push_back(ds.clips[i].speaker);
    std::sort(vs.begin(), vs.end());
    vs.erase(std::unique(vs.begin(), vs.end()), vs.end());
    summary["validation_speakers"] = vs;
  }
  if (o.norm == NormMode::Speaker) summary["speaker_stats_from"] = o.speakerReference.empty() ? "all" : o.speakerReference;
  summary["augment"] = data.augment;
  summary["augment_copies"] = data.augment == "none" ? 0 : data.augmentCopies;
  info.trainingData = summary;
  return Trainer::train(info, train, val.empty() ? nullptr : &validation, o.train, cb, o.teacher.get());
}

nlohmann::json Evaluation::toJson() const {
  nlohmann::json j = metrics.toJson();
  if (restricted) j["restricted"] = restrictedMetrics.toJson();
  return j;
}

Result<Evaluation> evaluateOnClips(const ModelBundle& bundle, const FeatureDataset& ds, const std::vector<int>& idxIn,
                                   int maxFrames) {
  const std::vector<std::string>& labels = bundle.labels();
  std::vector<int> idx = idxIn.empty() ? allIndices(ds.clips.size()) : idxIn;
  TrainSet set;
  set.store = &ds.features;
  set.mode = bundle.normMode();
  set.stats = {bundle.info().normStats};
  std::vector<int> kept;
  Evaluation ev;
  for (int i : idx) {
    const std::string& name = ds.schema.classes[ds.labels[i]];
    const auto it = std::find(labels.begin(), labels.end(), name);
    if (it == labels.end()) continue;
    if (ds.features.cols(i) != bundle.info().inputDim)
      return fail("the data's features have " + std::to_string(ds.features.cols(i)) + " columns, the model needs " +
                  std::to_string(bundle.info().inputDim));
    TrainSample s;
    s.clip = i;
    s.label = static_cast<int>(it - labels.begin());
    s.speaker = ds.clips[i].speaker;
    set.samples.push_back(std::move(s));
    kept.push_back(i);
    ev.truth.push_back(set.samples.back().label);
  }
  if (set.samples.empty()) return fail("none of the evaluation clips has a label the model predicts");
  assignCorpora(ds, kept, set, labels);
  ev.clips = kept;
  if (set.mode == NormMode::Speaker) assignSpeakerStats(ds, kept, set, speakerReferenceOf(bundle.info()));
  auto probs = Trainer::predictSet(bundle, set, maxFrames);
  if (!probs) return Error{probs.error()};
  ev.probs = std::move(probs.value());
  ev.metrics = computeMetrics(ev.truth, ev.probs, labels);
  std::vector<int> present;
  for (size_t c = 0; c < labels.size(); ++c)
    if (std::find(ev.truth.begin(), ev.truth.end(), static_cast<int>(c)) != ev.truth.end()) present.push_back(static_cast<int>(c));
  if (present.size() < labels.size() && present.size() >= 2) {
    ev.restricted = true;
    ev.restrictedMetrics = computeRestrictedMetrics(ev.truth, ev.probs, labels, present);
  }
  return ev;
}

Result<CvReport> crossValidate(const FeatureDataset& ds, const DataOptions& data, const std::vector<Fold>& folds,
                               const ExperimentOptions& o, const TrainCallbacks& cb,
                               const std::vector<std::string>& testCorpora) {
  CvReport rep;
  std::map<std::string, std::vector<EvalMetrics>> byCondition;
  std::vector<std::string> conditionOrder;
  auto addConditions = [&](const std::vector<ConditionScores>& scores) {
    for (const ConditionScores& c : scores) {
      if (!byCondition.count(c.name)) conditionOrder.push_back(c.name);
      byCondition[c.name].push_back(c.metrics);
    }
  };
  std::vector<std::vector<ScoredClip>> scored;
  std::vector<std::vector<StatsSourceScores>> bySource;  // speaker mode, per fold: TestTimeStats.h
  std::vector<std::string> heldOut;
  std::vector<nlohmann::json> calibrations;  // per fold: foldCalibrationJson
  std::vector<FoldPredictions> outOfFold;    // per fold, at T = 1: CrossFitCalibration.h
  int f = 0;
  for (const Fold& fold : folds) {
    ++f;
    auto trained = trainOnClips(ds, data, fold.train, o, cb);
    if (!trained) return fail("fold " + std::to_string(f) + ": " + trained.error());
    std::vector<int> test;
    for (int i : fold.test)
      if (testCorpora.empty() ||
          std::find(testCorpora.begin(), testCorpora.end(), ds.clips[i].corpus) != testCorpora.end())
        test.push_back(i);
    if (test.empty()) return fail("fold " + std::to_string(f) + " has no test clips");
    auto ev = evaluateOnClips(*trained->bundle, ds, test, o.train.evalMaxFrames);
    if (!ev) return fail("fold " + std::to_string(f) + ": " + ev.error());
    ev->metrics.speakerDependent = fold.speakerDependent;
    rep.folds.push_back(ev->metrics);
    calibrations.push_back(foldCalibrationJson(trained->bundle->info(), ev->truth, ev->probs));
    outOfFold.push_back({ev->truth, rawProbabilities(trained->bundle->info(), ev->probs), {}});
    for (int clip : ev->clips) outOfFold.back().corpus.push_back(ds.clips[clip].corpus);
    scored.emplace_back();
    for (size_t k = 0; k < ev->clips.size(); ++k) scored.back().push_back({ev->clips[k], ev->truth[k], ev->probs[k]});
    if (!fold.heldOutCorpus.empty()) heldOut.push_back(fold.heldOutCorpus);
    rep.secondsPerEpoch.push_back(trained->secondsPerEpoch);
    rep.epochs.push_back(trained->epochsRun);
    rep.parameters = trained->bundle->info().parameterCount;
    if (o.norm == NormMode::Speaker) {
      auto sources = scoreStatsSources(*trained->bundle, ds, test, StreamParams{}.sessionStatsSeconds, o.train.seed);
      if (!sources) return fail("fold " + std::to_string(f) + ": " + sources.error());
      bySource.push_back(std::move(sources.value()));
    }
    if (o.testConditions) {
      auto scores = evaluateUnderConditions(*trained->bundle, ds, test, standardTestConditions(), o.train.seed);
      if (!scores) return fail("fold " + std::to_string(f) + ": " + scores.error());
      addConditions(*scores);
      if (o.norm == NormMode::Speaker) {
        auto calibration = evaluateCalibration(*trained->bundle, ds, test);
        if (!calibration) return fail("fold " + std::to_string(f) + ": " + calibration.error());
        addConditions(*calibration);
      }
    }
    if (cb.progress) {
      char buf[200];
      std::snprintf(buf, sizeof buf, "fold %d/%zu: UA %.3f WA %.3f (%d epochs, best %d, %.1f s/epoch)", f, folds.size(),
                    ev->metrics.ua, ev->metrics.wa, trained->epochsRun, trained->bestEpoch, trained->secondsPerEpoch);
      cb.progress(-f, static_cast<long long>(folds.size()), buf);
    }
  }
  rep.json = aggregateFolds(rep.folds);
  std::vector<double> eceAtT1;
  for (size_t k = 0; k < calibrations.size() && k < rep.json["folds"].size(); ++k) {
    rep.json["folds"][k]["calibration"] = calibrations[k];
    eceAtT1.push_back(calibrations[k]["ece_at_t1"].get<double>());
  }
  if (!eceAtT1.empty()) {
    const auto [mean, sd] = meanAndStd(eceAtT1);
    rep.json["ece_at_t1"] = mean;
    rep.json["ece_at_t1_std"] = sd;
  }
  if (outOfFold.size() >= 2)
    rep.json["calibration_crossfit"] = crossFitCalibration(outOfFold, o.train.calibrationWeighting).toJson();
  rep.json["per_corpus"] = perCorpusScores(ds, ds.schema.classes, scored, data.featureParams);
  rep.json["speaker_prior_balanced"] =
      perCorpusScores(ds, ds.schema.classes, speakerPriorBalanced(ds, ds.schema.classes, scored), data.featureParams);
  if (!heldOut.empty()) addHeldOutCorpusScores(rep.json, heldOut);
  if (!bySource.empty())
    rep.json["test_time_stats"] =
        statsSourcesJson(ds, ds.schema.classes, bySource, data.featureParams, StreamParams{}.sessionStatsSeconds);
  rep.json["model_type"] = o.spec.type;
  rep.json["parameters"] = rep.parameters;
  rep.json["seconds_per_epoch"] = rep.secondsPerEpoch;
  rep.json["epochs"] = rep.epochs;
  rep.json["normalisation"] = normModeName(o.norm);
  nlohmann::json ts = nlohmann::json::array();
  for (const auto& fold : folds) ts.push_back(fold.testSpeakers);
  rep.json["test_speakers"] = ts;
  if (!conditionOrder.empty()) {
    nlohmann::json conditions = nlohmann::json::object();
    for (const std::string& name : conditionOrder) {
      const nlohmann::json agg = aggregateFolds(byCondition[name]);
      conditions[name] = {{"ua", agg["ua"]}, {"ua_std", agg["ua_std"]}, {"wa", agg["wa"]}, {"wa_std", agg["wa_std"]},
                          {"macro_f1", agg["macro_f1"]}};
    }
    rep.json["conditions"] = conditions;
  }
  return rep;
}

}  // namespace emo
