#pragma once
// CorpusSets: which corpus each sample of a TrainSet comes from and which model classes that
// corpus can produce (from the corpus label table, core/data/CorpusLabels.h), filled wherever a
// TrainSet is built from clips of a FeatureDataset. The trainer restricts each clip's softmax to
// its corpus's classes and balances batches by corpus. Pure function; any thread.
#include <string>
#include <vector>

#include "core/train/FeatureDataset.h"
#include "core/train/TrainSet.h"

namespace emo {

/// `set.samples[k]` must be the clip `idx[k]` of `ds`. Sets set.corpora (in order of first
/// appearance), each sample's corpusIndex, and set.corpusClassMask: per corpus, 1 for each of
/// `modelLabels` (the model's classes, in model order; ds.schema.classes when empty) that the
/// corpus can produce under ds.schema.
void assignCorpora(const FeatureDataset& ds, const std::vector<int>& idx, TrainSet& set,
                   const std::vector<std::string>& modelLabels = {});

}  // namespace emo
