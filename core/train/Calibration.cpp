#include "core/train/Calibration.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "core/train/Metrics.h"

namespace emo {

std::vector<float> applyTemperature(const std::vector<float>& probs, double temperature) {
  std::vector<double> z(probs.size());
  double zmax = -1e300;
  for (size_t k = 0; k < probs.size(); ++k) {
    z[k] = std::log(std::max(1e-30, static_cast<double>(probs[k]))) / temperature;
    zmax = std::max(zmax, z[k]);
  }
  double sum = 0;
  for (double& v : z) sum += (v = std::exp(v - zmax));
  std::vector<float> out(probs.size());
  for (size_t k = 0; k < z.size(); ++k) out[k] = static_cast<float>(z[k] / sum);
  return out;
}

namespace {

double weightOf(const std::vector<double>& weights, size_t i) { return weights.empty() ? 1.0 : weights[i]; }

}  // namespace

std::vector<double> corpusBalancedWeights(const std::vector<std::string>& corpusOfClip) {
  std::map<std::string, int> count;
  for (const auto& c : corpusOfClip) ++count[c];
  std::vector<double> w;
  w.reserve(corpusOfClip.size());
  for (const auto& c : corpusOfClip) w.push_back(1.0 / count[c]);
  return w;
}

double meanNll(const std::vector<int>& truth, const std::vector<std::vector<float>>& probs, double temperature,
               const std::vector<double>& weights) {
  double sum = 0, weight = 0;
  for (size_t i = 0; i < std::min(truth.size(), probs.size()); ++i) {
    if (truth[i] < 0 || truth[i] >= static_cast<int>(probs[i].size())) continue;
    const auto q = applyTemperature(probs[i], temperature);
    sum -= weightOf(weights, i) * std::log(std::max(1e-12, static_cast<double>(q[truth[i]])));
    weight += weightOf(weights, i);
  }
  return weight > 0 ? sum / weight : 0.0;
}

double fitTemperature(const std::vector<int>& truth, const std::vector<std::vector<float>>& probs,
                      const std::vector<double>& weights) {
  if (truth.empty() || probs.empty()) return 1.0;
  auto nllAt = [&](double beta) { return meanNll(truth, probs, 1.0 / beta, weights); };
  const double phi = (std::sqrt(5.0) - 1) / 2;
  double lo = 1.0 / 20, hi = 1.0 / 0.05;
  double a = hi - phi * (hi - lo), b = lo + phi * (hi - lo);
  double fa = nllAt(a), fb = nllAt(b);
  for (int it = 0; it < 60 && hi - lo > 1e-4; ++it) {
    if (fa <= fb) {
      hi = b; b = a; fb = fa;
      a = hi - phi * (hi - lo); fa = nllAt(a);
    } else {
      lo = a; a = b; fa = fb;
      b = lo + phi * (hi - lo); fb = nllAt(b);
    }
  }
  const double beta = (lo + hi) / 2;
  // The search brackets an interior optimum; keep T = 1 if it is not actually better there.
  return nllAt(beta) < nllAt(1.0) ? 1.0 / beta : 1.0;
}

double uncertaintyThreshold(const std::vector<int>& truth, const std::vector<std::vector<float>>& probs,
                            double minAccuracy, const std::vector<double>& weights) {
  struct Scored {
    float top;
    bool right;
    double weight;
  };
  std::vector<Scored> clips;
  double total = 0;
  for (size_t i = 0; i < std::min(truth.size(), probs.size()); ++i) {
    if (probs[i].empty()) continue;
    const auto top = std::max_element(probs[i].begin(), probs[i].end());
    clips.push_back({*top, (top - probs[i].begin()) == truth[i], weightOf(weights, i)});
    total += clips.back().weight;
  }
  std::sort(clips.begin(), clips.end(), [](const Scored& x, const Scored& y) { return x.top < y.top; });
  const size_t n = clips.size();
  // A band: at least max(5 clips, 5 %) of the weight (with equal weights: of the clips), widened
  // to take in every clip tied with its least confident one.
  const double minWeight = n ? std::max(5.0 / n, 0.05) * total * (1 - 1e-9) : 0.0;
  double threshold = 0;
  for (size_t k = 1; k <= n; ++k) {  // a threshold above the k least confident clips
    if (k < n && clips[k].top == clips[k - 1].top) continue;  // a threshold cannot split ties
    double band = 0, right = 0;
    size_t j = k;
    while (j > 0) {
      const bool tiedWithBand = j < k && clips[j - 1].top == clips[j].top;
      if (band >= minWeight && !tiedWithBand) break;
      --j;
      band += clips[j].weight;
      right += clips[j].right ? clips[j].weight : 0.0;
    }
    if (band < minWeight || right >= minAccuracy * band) continue;
    threshold = k < n ? (clips[k - 1].top + clips[k].top) / 2.0 : clips[n - 1].top;
  }
  return threshold;
}

nlohmann::json CalibrationFit::toJson() const {
  return {{"temperature", temperature}, {"uncertain_below", uncertainBelow}, {"nll_before", nllBefore},
          {"nll_after", nllAfter},      {"ece_before", eceBefore},           {"ece_after", eceAfter},
          {"clips", clips},             {"weighting", weighting}};
}

CalibrationFit fitCalibration(const std::vector<int>& truth, const std::vector<std::vector<float>>& probs,
                              double minAccuracy, const std::vector<double>& weights) {
  CalibrationFit f;
  f.clips = static_cast<int>(std::min(truth.size(), probs.size()));
  f.temperature = fitTemperature(truth, probs, weights);
  std::vector<std::vector<float>> calibrated;
  for (const auto& p : probs) calibrated.push_back(applyTemperature(p, f.temperature));
  f.uncertainBelow = uncertaintyThreshold(truth, calibrated, minAccuracy, weights);
  f.nllBefore = meanNll(truth, probs, 1.0, weights);
  f.nllAfter = meanNll(truth, calibrated, 1.0, weights);
  f.eceBefore = expectedCalibrationError(truth, probs);
  f.eceAfter = expectedCalibrationError(truth, calibrated);
  return f;
}

CalibrationFit fitCalibration(const std::vector<int>& truth, const std::vector<std::vector<float>>& probs,
                              const std::vector<std::string>& corpusOfClip, const std::string& weighting) {
  CalibrationFit f =
      fitCalibration(truth, probs, 0.5, weighting == "corpus" ? corpusBalancedWeights(corpusOfClip) : std::vector<double>{});
  f.weighting = weighting;
  return f;
}

}  // namespace emo
