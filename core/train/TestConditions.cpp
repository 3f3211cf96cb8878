#include "core/train/TestConditions.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <random>

#include "core/audio/AudioReader.h"
#include "core/data/Augmenter.h"
#include "core/dsp/FeatureExtractor.h"
#include "core/model/ModelBundle.h"
#include "core/train/SpeakerStats.h"

namespace emo {

namespace {

/// The model's class index of a clip's label, or -1.
int modelClass(const ModelBundle& bundle, const FeatureDataset& ds, int clip) {
  const std::string& name = ds.schema.classes[ds.labels[clip]];
  const auto& labels = bundle.labels();
  const auto it = std::find(labels.begin(), labels.end(), name);
  return it == labels.end() ? -1 : static_cast<int>(it - labels.begin());
}

Result<EvalMetrics> scoreStacked(const ModelBundle& bundle, const std::vector<Matrix>& inputs,
                                 const std::vector<int>& truth, const NormStats* speaker = nullptr) {
  std::vector<const Matrix*> ptrs;
  for (const Matrix& m : inputs) ptrs.push_back(&m);
  std::vector<std::vector<float>> probs;
  constexpr size_t kBatch = 16;
  for (size_t b = 0; b < ptrs.size(); b += kBatch) {
    std::vector<const Matrix*> batch(ptrs.begin() + b, ptrs.begin() + std::min(ptrs.size(), b + kBatch));
    auto p = bundle.predictStacked(batch, speaker);
    if (!p) return Error{p.error()};
    for (auto& v : *p) probs.push_back(std::move(v));
  }
  return computeMetrics(truth, probs, bundle.labels());
}

// Speaker-mode models: each clip scored with its speaker's statistics computed, by the model's
// own rule (all clips or the reference label's), from the condition's features, as a speaker
// calibrating in the same room would.
Result<EvalMetrics> scorePerSpeaker(const ModelBundle& bundle, const std::vector<Clip>& clips,
                                    std::vector<Matrix> inputs, const std::vector<int>& truth) {
  FeatureDataset view;  // the condition's features, as assignSpeakerStats reads them
  TrainSet set;
  std::vector<int> idx;
  for (size_t k = 0; k < inputs.size(); ++k) {
    view.clips.push_back(clips[k]);
    view.labels.push_back(truth[k]);
    if (auto ok = view.features.append({std::move(inputs[k])}); !ok) return Error{ok.error()};
    TrainSample s;
    s.speaker = clips[k].speaker;
    set.samples.push_back(std::move(s));
    idx.push_back(static_cast<int>(k));
  }
  assignSpeakerStats(view, idx, set, speakerReferenceOf(bundle.info()));
  std::vector<std::vector<float>> probs;
  for (size_t k = 0; k < view.features.size(); ++k) {
    const Matrix x = view.features.clean(k);
    auto p = bundle.predictStacked({&x}, &set.stats[set.samples[k].statsIndex]);
    if (!p) return Error{p.error()};
    probs.push_back(std::move(p->front()));
  }
  return computeMetrics(truth, probs, bundle.labels());
}

}  // namespace

std::vector<TestCondition> standardTestConditions() {
  const float inf = std::numeric_limits<float>::infinity();
  return {{"clean", 0.0f, inf}, {"gain+12dB", 12.0f, inf}, {"gain-12dB", -12.0f, inf},
          {"snr20dB", 0.0f, 20.0f}, {"snr10dB", 0.0f, 10.0f}};
}

Result<std::vector<ConditionScores>> evaluateUnderConditions(const ModelBundle& bundle, const FeatureDataset& ds,
                                                             const std::vector<int>& testIdx,
                                                             const std::vector<TestCondition>& conditions,
                                                             uint64_t seed) {
  const FeatureParams& fp = bundle.featureParams();
  ReadOptions ro;
  ro.targetRate = fp.sampleRate;
  std::vector<std::vector<float>> audio;
  std::vector<int> truth;
  std::vector<Clip> clips;
  for (int i : testIdx) {
    const int c = modelClass(bundle, ds, i);
    if (c < 0) continue;
    clips.push_back(ds.clips[i]);
    Result<AudioBuffer> a = readAudioMono(ds.clips[i].path, ro);
    if (!a) return Error{a.error()};
    audio.push_back(std::move(a->samples));
    truth.push_back(c);
  }
  if (truth.empty()) return fail("none of the test clips has a label the model predicts");
  FeatureExtractor fx(fp);
  std::vector<ConditionScores> out;
  for (const TestCondition& cond : conditions) {
    std::mt19937_64 rng(seed);
    std::vector<Matrix> inputs;
    for (const auto& clean : audio) {
      std::vector<float> x = clean;
      if (cond.gainDb != 0.0f) Augmenter::applyGainDb(x, cond.gainDb);
      if (std::isfinite(cond.snrDb)) Augmenter::addNoiseAtSnr(x, cond.snrDb, rng);
      Result<Matrix> m = bundle.stack(fx.compute(x.data(), x.size(), bundle.featureKinds()));
      if (!m) return Error{m.error()};
      inputs.push_back(std::move(m.value()));
    }
    Result<EvalMetrics> metrics = bundle.normMode() == NormMode::Speaker ? scorePerSpeaker(bundle, clips, std::move(inputs), truth)
                                                                         : scoreStacked(bundle, inputs, truth);
    if (!metrics) return Error{metrics.error()};
    out.push_back({cond.name, std::move(metrics.value())});
  }
  return out;
}

Result<std::vector<ConditionScores>> evaluateCalibration(const ModelBundle& bundle, const FeatureDataset& ds,
                                                         const std::vector<int>& testIdx,
                                                         const std::string& neutralLabel) {
  if (bundle.normMode() != NormMode::Speaker)
    return fail("calibration applies to models trained with speaker normalisation (--norm speaker)");
  std::map<std::string, std::vector<Matrix>> neutral;  // speaker -> clean features of its neutral clips
  for (int i : testIdx)
    if (ds.clips[i].label == neutralLabel) neutral[ds.clips[i].speaker].push_back(ds.features.clean(i));
  std::map<std::string, NormStats> profiles;
  for (auto& [speaker, mats] : neutral) profiles[speaker] = computeNormStats(mats);

  std::vector<int> truth;
  std::vector<std::vector<float>> calibrated, uncalibrated;
  for (int i : testIdx) {
    const Clip& clip = ds.clips[i];
    const int c = modelClass(bundle, ds, i);
    const auto profile = profiles.find(clip.speaker);
    if (c < 0 || clip.label == neutralLabel || profile == profiles.end()) continue;
    const Matrix clean = ds.features.clean(i);
    const Matrix* x = &clean;
    auto with = bundle.predictStacked({x}, &profile->second);
    auto without = bundle.predictStacked({x}, nullptr);
    if (!with) return Error{with.error()};
    if (!without) return Error{without.error()};
    calibrated.push_back(std::move(with->front()));
    uncalibrated.push_back(std::move(without->front()));
    truth.push_back(c);
  }
  if (truth.empty()) return fail("no test speaker has both neutral and other clips");
  return std::vector<ConditionScores>{{"calibrated", computeMetrics(truth, calibrated, bundle.labels())},
                                      {"uncalibrated", computeMetrics(truth, uncalibrated, bundle.labels())}};
}

}  // namespace emo
