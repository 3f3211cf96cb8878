#include "core/infer/SpeakerPriorBalance.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace emo {

std::vector<std::vector<float>> balanceSpeakerPrior(const std::vector<std::vector<float>>& probs,
                                                    std::vector<int> classes, double strength) {
  if (probs.empty()) return {};
  const size_t k = probs.front().size();
  if (classes.empty()) {
    classes.resize(k);
    std::iota(classes.begin(), classes.end(), 0);
  }
  auto normalised = [&](std::vector<double> row) {
    double sum = 0;
    for (int c : classes) sum += row[c];
    for (int c : classes) row[c] = sum > 0 ? row[c] / sum : 1.0 / classes.size();
    return row;
  };
  std::vector<std::vector<double>> restricted;
  std::vector<double> mean(k, 0.0);
  for (const auto& p : probs) {
    std::vector<double> row(k, 0.0);
    for (int c : classes) row[c] = std::max(0.0f, p[c]);
    restricted.push_back(normalised(std::move(row)));
    for (int c : classes) mean[c] += restricted.back()[c] / probs.size();
  }
  constexpr double kFloor = 1e-6;  // a class the model never gives this speaker stays near 0
  std::vector<std::vector<float>> out;
  for (auto& row : restricted) {
    for (int c : classes) row[c] /= std::pow(std::max(mean[c], kFloor), strength);
    row = normalised(std::move(row));
    out.emplace_back(row.begin(), row.end());
  }
  return out;
}

}  // namespace emo
