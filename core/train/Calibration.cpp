#include "core/train/Calibration.h"

#include <algorithm>
#include <cmath>

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

double meanNll(const std::vector<int>& truth, const std::vector<std::vector<float>>& probs, double temperature) {
  double sum = 0;
  int n = 0;
  for (size_t i = 0; i < std::min(truth.size(), probs.size()); ++i) {
    if (truth[i] < 0 || truth[i] >= static_cast<int>(probs[i].size())) continue;
    const auto q = applyTemperature(probs[i], temperature);
    sum -= std::log(std::max(1e-12, static_cast<double>(q[truth[i]])));
    ++n;
  }
  return n ? sum / n : 0.0;
}

double fitTemperature(const std::vector<int>& truth, const std::vector<std::vector<float>>& probs) {
  if (truth.empty() || probs.empty()) return 1.0;
  auto nllAt = [&](double beta) { return meanNll(truth, probs, 1.0 / beta); };
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
                            double minAccuracy) {
  std::vector<std::pair<float, bool>> clips;  // top probability, right
  for (size_t i = 0; i < std::min(truth.size(), probs.size()); ++i) {
    if (probs[i].empty()) continue;
    const auto top = std::max_element(probs[i].begin(), probs[i].end());
    clips.push_back({*top, (top - probs[i].begin()) == truth[i]});
  }
  std::sort(clips.begin(), clips.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
  const size_t n = clips.size();
  const size_t minCount = std::max<size_t>(5, (n + 19) / 20);
  double threshold = 0;
  size_t right = 0;
  for (size_t k = 1; k <= n; ++k) {  // prefix of the k least confident clips
    right += clips[k - 1].second;
    if (k < minCount || static_cast<double>(right) / k >= minAccuracy) continue;
    if (k < n && clips[k].first == clips[k - 1].first) continue;  // a threshold cannot split ties
    threshold = k < n ? (clips[k - 1].first + clips[k].first) / 2.0 : clips[n - 1].first;
  }
  return threshold;
}

nlohmann::json CalibrationFit::toJson() const {
  return {{"temperature", temperature}, {"uncertain_below", uncertainBelow}, {"nll_before", nllBefore},
          {"nll_after", nllAfter},      {"ece_before", eceBefore},           {"ece_after", eceAfter},
          {"clips", clips}};
}

CalibrationFit fitCalibration(const std::vector<int>& truth, const std::vector<std::vector<float>>& probs,
                              double minAccuracy) {
  CalibrationFit f;
  f.clips = static_cast<int>(std::min(truth.size(), probs.size()));
  f.temperature = fitTemperature(truth, probs);
  std::vector<std::vector<float>> calibrated;
  for (const auto& p : probs) calibrated.push_back(applyTemperature(p, f.temperature));
  f.uncertainBelow = uncertaintyThreshold(truth, calibrated, minAccuracy);
  f.nllBefore = meanNll(truth, probs);
  f.nllAfter = meanNll(truth, calibrated);
  f.eceBefore = expectedCalibrationError(truth, probs);
  f.eceAfter = expectedCalibrationError(truth, calibrated);
  return f;
}

}  // namespace emo
