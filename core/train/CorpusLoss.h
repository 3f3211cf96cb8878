#pragma once
// Internal to core/train (includes torch): the training loss restricted to each clip's corpus
// label set. A corpus that does not use a class (TESS has no "calm") says nothing about it, so
// for its clips that class's logit is masked to -inf before log_softmax: the clip is scored only
// among its corpus's classes and that logit gets exactly zero gradient. Pure functions; any
// thread (on its own tensors).
#include <torch/torch.h>

#include <string>
#include <vector>

#include "core/common/Result.h"
#include "core/train/TrainParams.h"
#include "core/train/TrainSet.h"

namespace emo::train_detail {

/// Per corpus of a TrainSet (rows indexed by TrainSample::corpusIndex): the classes its clips
/// are scored on and the loss weight of a clip by its label.
struct CorpusLabelSets {
  torch::Tensor allowed;  ///< [C, K] bool
  torch::Tensor weights;  ///< [C, K] float
};

/// Checks the set's corpus fields (indices in range, masks of K entries, every label allowed in
/// its corpus) and builds the tables. Loss "weighted"/"focal": inverse class frequency within each
/// corpus, n_c / (K_c * n_ck) over the K_c classes it has clips of, so each corpus's loss is
/// class-balanced on its own label set and averages 1 per clip (a class only one corpus has is
/// not up-weighted by its pooled rarity; how much each corpus counts is the sampler's business).
/// With one corpus this equals the pooled inverse frequency. Loss "ce": every weight 1.
/// perCorpus false (TrainParams::labelMask "none"): every clip scored over all K classes with pooled
/// inverse class frequencies, as before cross-corpus training (every row the same).
Result<CorpusLabelSets> corpusLabelSets(const TrainSet& set, int numClasses, const std::string& loss,
                                        bool perCorpus = true);

/// Weighted mean loss of logits [copies * B, K] (an ensemble's members stacked along the batch)
/// against targets [B] (int64), each row's softmax restricted to `allowed` [B, K]; label
/// smoothing spreads eps over the allowed classes only; focal or cross-entropy per p.loss;
/// `weights` [B] per clip.
torch::Tensor maskedLoss(const torch::Tensor& logits, const torch::Tensor& targets, const torch::Tensor& allowed,
                         const torch::Tensor& weights, const TrainParams& p);

}  // namespace emo::train_detail
