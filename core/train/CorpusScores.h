#pragma once
// CorpusScores: cross-validation scores per corpus. Each corpus is scored with the prediction
// restricted to the model classes it can produce (core/data/CorpusLabels.h), pooled over the
// folds that tested it, with the per-fold spread and UA by utterance length (< 1 s, 1-2 s, > 2 s;
// length from the clip's feature frames: (frames - 1) x hop / rate, within one hop of the audio).
// Pure functions; any thread.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/dsp/FeatureParams.h"
#include "core/train/FeatureDataset.h"
#include "core/train/Metrics.h"

namespace emo {

/// One test clip's prediction: the dataset index, the true class and the class probabilities
/// (both in the order of the model's labels).
struct ScoredClip {
  int clip = -1;
  int truth = -1;
  std::vector<float> probs;
};

/// Metrics of the `scored` clips of `corpus` (others ignored), prediction restricted to the
/// classes of `labels` that the corpus can produce under ds.schema.
EvalMetrics corpusMetrics(const FeatureDataset& ds, const std::vector<std::string>& labels, const std::string& corpus,
                          const std::vector<ScoredClip>& scored);

/// Utterance length of a clip in seconds, from its clean feature frames.
double clipSeconds(const FeatureDataset& ds, int clip, const FeatureParams& fp);

/// {corpus: {"ua","wa","macro_f1","count","labels","per_class","confusion" (pooled, restricted),
///  "fold_ua": [...], "ua_mean", "ua_std" (over folds that tested the corpus),
///  "unrestricted_ua", "unrestricted_wa" (pooled, all model labels),
///  "by_length": {"<1s"|"1-2s"|">2s": {"ua","wa","count"}}}} for every corpus scored in `folds`.
nlohmann::json perCorpusScores(const FeatureDataset& ds, const std::vector<std::string>& labels,
                               const std::vector<std::vector<ScoredClip>>& folds, const FeatureParams& fp);

/// `folds` with each speaker's clips in a fold balanced together by balanceSpeakerPrior
/// (core/infer/SpeakerPriorBalance.h) over their corpus's own classes: the label-free per-speaker
/// correction, scored with perCorpusScores beside the plain prediction.
std::vector<std::vector<ScoredClip>> speakerPriorBalanced(const FeatureDataset& ds, const std::vector<std::string>& labels,
                                                          const std::vector<std::vector<ScoredClip>>& folds);

}  // namespace emo
