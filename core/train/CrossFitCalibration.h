#pragma once
// CrossFitCalibration: the confidence calibration of a training recipe fitted on the out-of-fold
// predictions of its cross-validation (every clip scored by a fold model that never heard its
// speaker), as scikit-learn's CalibratedClassifierCV(ensemble=False) does. A model's own
// validation split holds only a few speakers (about 3 of 29 in the shipped run), so the
// temperature fitted there is noisy; the folds together hold every speaker.
//   - per fold k: the temperature and "uncertain" threshold fitted on the other folds' test
//     clips, and fold k's ECE at that temperature: what the protocol does on speakers that
//     neither the model nor the calibration saw;
//   - out_of_fold: the fit on every fold's test clips, the calibration for a model of the same
//     recipe trained on all the data (`emoscope-cli recalibrate --from-cv`).
// Probabilities are the networks' own (T = 1). Pure functions; any thread.
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/train/Calibration.h"

namespace emo {

/// One fold's test clips: truth, probabilities at T = 1, corpus of each clip.
struct FoldPredictions {
  std::vector<int> truth;
  std::vector<std::vector<float>> rawProbs;
  std::vector<std::string> corpus;
};

struct CrossFitCalibration {
  std::vector<CalibrationFit> perFold;  ///< fitted without fold k
  std::vector<double> foldEce;          ///< fold k's ECE (15 bins) at perFold[k].temperature
  double ece = 0, eceStd = 0;           ///< mean ± std (population) of foldEce
  std::map<std::string, double> eceByCorpus;  ///< each corpus's clips of all folds, each at its fold's T
  CalibrationFit outOfFold;             ///< fitted on every fold

  /// {"weighting", "folds": [{"temperature","uncertain_below","ece"}...], "ece", "ece_std",
  ///  "ece_per_corpus": {corpus: ece}, "out_of_fold": CalibrationFit::toJson()}
  nlohmann::json toJson() const;
};

/// Cross-fitted calibration over folds (at least 2), each fit weighted as the trainer's
/// ("corpus" or "clip": fitCalibration).
CrossFitCalibration crossFitCalibration(const std::vector<FoldPredictions>& folds, const std::string& weighting);

}  // namespace emo
