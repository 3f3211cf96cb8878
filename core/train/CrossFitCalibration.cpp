#include "core/train/CrossFitCalibration.h"

#include <map>
#include <tuple>

#include "core/train/Metrics.h"

namespace emo {
namespace {

// The clips of every fold but `skip` (-1: all), in one list.
FoldPredictions poolFolds(const std::vector<FoldPredictions>& folds, int skip) {
  FoldPredictions pooled;
  for (size_t k = 0; k < folds.size(); ++k) {
    if (static_cast<int>(k) == skip) continue;
    const FoldPredictions& f = folds[k];
    pooled.truth.insert(pooled.truth.end(), f.truth.begin(), f.truth.end());
    pooled.rawProbs.insert(pooled.rawProbs.end(), f.rawProbs.begin(), f.rawProbs.end());
    pooled.corpus.insert(pooled.corpus.end(), f.corpus.begin(), f.corpus.end());
  }
  return pooled;
}

CalibrationFit fitOn(const FoldPredictions& p, const std::string& weighting) {
  return fitCalibration(p.truth, p.rawProbs, p.corpus, weighting);
}

}  // namespace

CrossFitCalibration crossFitCalibration(const std::vector<FoldPredictions>& folds, const std::string& weighting) {
  CrossFitCalibration r;
  std::map<std::string, FoldPredictions> byCorpus;  // calibrated at each clip's fold's T
  for (size_t k = 0; k < folds.size(); ++k) {
    const CalibrationFit fit = fitOn(poolFolds(folds, static_cast<int>(k)), weighting);
    std::vector<std::vector<float>> calibrated;
    calibrated.reserve(folds[k].rawProbs.size());
    for (size_t i = 0; i < folds[k].rawProbs.size(); ++i) {
      calibrated.push_back(applyTemperature(folds[k].rawProbs[i], fit.temperature));
      FoldPredictions& c = byCorpus[folds[k].corpus[i]];
      c.truth.push_back(folds[k].truth[i]);
      c.rawProbs.push_back(calibrated.back());
    }
    r.perFold.push_back(fit);
    r.foldEce.push_back(expectedCalibrationError(folds[k].truth, calibrated));
  }
  std::tie(r.ece, r.eceStd) = meanAndStd(r.foldEce);
  for (const auto& [corpus, c] : byCorpus) r.eceByCorpus[corpus] = expectedCalibrationError(c.truth, c.rawProbs);
  r.outOfFold = fitOn(poolFolds(folds, -1), weighting);
  return r;
}

nlohmann::json CrossFitCalibration::toJson() const {
  nlohmann::json perFoldJson = nlohmann::json::array();
  for (size_t k = 0; k < perFold.size(); ++k)
    perFoldJson.push_back({{"temperature", perFold[k].temperature},
                           {"uncertain_below", perFold[k].uncertainBelow},
                           {"ece", foldEce[k]}});
  return {{"weighting", outOfFold.weighting}, {"folds", perFoldJson},         {"ece", ece},
          {"ece_std", eceStd},                 {"ece_per_corpus", eceByCorpus}, {"out_of_fold", outOfFold.toJson()}};
}

}  // namespace emo
