#pragma once
// Calibration: temperature scaling of a model's class probabilities (Guo et al. 2017), fitted on
// held-out clips (the validation speakers) by minimising the negative log-likelihood, and the
// rule that picks the "uncertain" threshold (docs/ARCHITECTURE.md, "Confidence"). The results
// go into ModelInfo::temperature / uncertainBelow. Every fit takes optional clip weights (empty =
// every clip alike); corpusBalancedWeights() gives each corpus of the held-out clips the same
// total weight, so 795 clips of one corpus do not set T for a corpus of 120. Pure functions; any
// thread.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace emo {

/// Probabilities at temperature T: p^(1/T) renormalised, i.e. softmax(log p / T) = softmax(logits / T).
std::vector<float> applyTemperature(const std::vector<float>& probs, double temperature);

/// Weight 1 / (clips of its corpus) for each clip: every corpus weighs the same in total.
std::vector<double> corpusBalancedWeights(const std::vector<std::string>& corpusOfClip);

/// (Weighted) mean negative log-likelihood of the true classes at temperature T (probabilities
/// floored at 1e-12). `weights`: one per clip, or empty for equal weights.
double meanNll(const std::vector<int>& truth, const std::vector<std::vector<float>>& probs, double temperature = 1.0,
               const std::vector<double>& weights = {});

/// The temperature in [0.05, 20] with the lowest meanNll: golden-section search over 1/T, in
/// which the NLL is convex. 1 without clips.
double fitTemperature(const std::vector<int>& truth, const std::vector<std::vector<float>>& probs,
                      const std::vector<double>& weights = {});

/// The "uncertain" threshold: sort the clips by top probability; the threshold is the largest t
/// such that the band of clips just below t (the most confident ones under t, at least max(5
/// clips, 5 %) of the weight, ties kept together) is right less often than `minAccuracy`
/// (weighted). A reading under t is then about as often wrong as the readings like it were,
/// whatever the less confident ones did. 0 (never uncertain) when no such t.
double uncertaintyThreshold(const std::vector<int>& truth, const std::vector<std::vector<float>>& probs,
                            double minAccuracy = 0.5, const std::vector<double>& weights = {});

/// A fit on held-out clips and what it did there.
struct CalibrationFit {
  double temperature = 1.0;     ///< fitted T
  double uncertainBelow = 0.0;  ///< threshold on the calibrated top probability
  double nllBefore = 0, nllAfter = 0;  ///< mean NLL at T = 1 and at T
  double eceBefore = 0, eceAfter = 0;  ///< expected calibration error (15 bins) at T = 1 and at T
  int clips = 0;
  std::string weighting = "clip";  ///< "clip" (every clip alike) or "corpus" (corpusBalancedWeights)

  nlohmann::json toJson() const;
};

/// fitTemperature, then uncertaintyThreshold on the calibrated probabilities. NLL before/after are
/// weighted as the fit; ECE is over the clips as they are.
CalibrationFit fitCalibration(const std::vector<int>& truth, const std::vector<std::vector<float>>& probs,
                              double minAccuracy = 0.5, const std::vector<double>& weights = {});
/// fitCalibration weighted by `weighting`: "clip" (equal) or "corpus" (corpusBalancedWeights of
/// `corpusOfClip`).
CalibrationFit fitCalibration(const std::vector<int>& truth, const std::vector<std::vector<float>>& probs,
                              const std::vector<std::string>& corpusOfClip, const std::string& weighting);

}  // namespace emo
