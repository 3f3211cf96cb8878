#include "core/train/CorpusSets.h"

#include <algorithm>

#include "core/data/CorpusLabels.h"

namespace emo {

void assignCorpora(const FeatureDataset& ds, const std::vector<int>& idx, TrainSet& set,
                   const std::vector<std::string>& modelLabelsIn) {
  const std::vector<std::string>& modelLabels = modelLabelsIn.empty() ? ds.schema.classes : modelLabelsIn;
  set.corpora.clear();
  set.corpusClassMask.clear();
  for (size_t k = 0; k < idx.size() && k < set.samples.size(); ++k) {
    const std::string& corpus = ds.clips[idx[k]].corpus;
    auto it = std::find(set.corpora.begin(), set.corpora.end(), corpus);
    if (it == set.corpora.end()) {
      std::vector<uint8_t> mask(modelLabels.size(), 0);
      for (int c : corpusClasses(corpus, ds.schema)) {
        const auto m = std::find(modelLabels.begin(), modelLabels.end(), ds.schema.classes[c]);
        if (m != modelLabels.end()) mask[m - modelLabels.begin()] = 1;
      }
      set.corpora.push_back(corpus);
      set.corpusClassMask.push_back(std::move(mask));
      it = set.corpora.end() - 1;
    }
    set.samples[k].corpusIndex = static_cast<int>(it - set.corpora.begin());
  }
}

}  // namespace emo
