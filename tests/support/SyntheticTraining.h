#pragma once
// Small synthetic training data for model and trainer tests (header-only; include it only from
// tests that link the torch libraries): frame matrices whose class shows as a mean shift in
// every `classes`-th column, and the ModelInfo of a small network for them.
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/model/ModelInfo.h"
#include "core/model/ModelSpec.h"
#include "core/train/TrainSet.h"

namespace emo::test {

/// `n` clips of 40-99 frames x `dim`, labels cycling over `classes`, speakers spk0..spk6,
/// columns c with c % classes == label shifted by `separation`; global normalisation stats.
inline TrainSet syntheticTrainSet(int n, int dim, int classes, uint64_t seed, float separation) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<float> noise(0.0f, 1.0f);
  TrainSet set;
  for (int i = 0; i < n; ++i) {
    const int label = i % classes;
    const int frames = 40 + static_cast<int>(rng() % 60);
    Matrix m(frames, dim);
    for (int r = 0; r < frames; ++r)
      for (int c = 0; c < dim; ++c) m.at(r, c) = noise(rng) + (c % classes == label ? separation : 0.0f);
    TrainSample s;
    s.variants = {m};
    s.label = label;
    s.speaker = "spk" + std::to_string(i % 7);
    set.samples.push_back(s);
  }
  std::vector<Matrix> all;
  for (auto& s : set.samples) all.push_back(s.variants[0]);
  set.mode = NormMode::Global;
  set.stats = {computeNormStats(all)};
  return set;
}

/// Two corpora of `perCorpus` clips each (syntheticTrainSet, separation 1): corpus "a" uses
/// classes 0, 1, 2, corpus "b" only 0 and 1 (no 2); labels cycle over each one's set.
inline TrainSet syntheticTwoCorpora(int perCorpus, int dim, uint64_t seed) {
  TrainSet a = syntheticTrainSet(perCorpus, dim, 3, seed, 1.0f);
  TrainSet b = syntheticTrainSet(perCorpus, dim, 2, seed + 1, 1.0f);
  for (auto& s : b.samples) {
    s.corpusIndex = 1;
    a.samples.push_back(s);
  }
  a.corpora = {"a", "b"};
  a.corpusClassMask = {{1, 1, 1}, {1, 1, 0}};
  return a;
}

/// The ModelInfo of a small `type` network (16 channels, hidden 12, `layers` if > 0) over
/// `dim` log-mel columns for `set`, predicting `labels`.
inline ModelInfo syntheticModelInfo(const TrainSet& set, int dim, const std::string& type,
                                    const std::vector<std::string>& labels, int layers = 0) {
  ModelInfo info;
  info.modelType = type;
  info.labels = labels;
  info.featureParams.nMels = dim;
  info.featureKinds = {FeatureKind::LogMelDb};
  info.inputDim = dim;
  info.normMode = set.mode;
  info.normStats = set.stats[0];
  ModelSpec spec = ModelSpec::defaults(type, dim, static_cast<int>(labels.size())).value();
  spec.channels = 16;
  spec.hidden = 12;
  if (layers > 0) spec.layers = layers;
  info.architecture = nlohmann::json::parse(spec.toJson());
  return info;
}

}  // namespace emo::test
