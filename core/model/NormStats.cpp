#include "core/model/NormStats.h"

#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

namespace emo {

std::string normModeName(NormMode mode) {
  switch (mode) {
    case NormMode::Global: return "global";
    case NormMode::Utterance: return "utterance";
    case NormMode::Speaker: return "speaker";
  }
  return "utterance";
}

Result<NormMode> normModeFromName(const std::string& name) {
  if (name == "global") return NormMode::Global;
  if (name == "utterance") return NormMode::Utterance;
  if (name == "speaker") return NormMode::Speaker;
  return fail("unknown normalisation mode '" + name + "' (choose global, utterance or speaker)");
}

std::string NormStats::toJson() const { return nlohmann::json{{"mean", mean}, {"std", std}}.dump(); }

Result<NormStats> NormStats::fromJson(const std::string& text) {
  NormStats s;
  try {
    const auto j = nlohmann::json::parse(text);
    if (!j.contains("mean") || !j.contains("std")) return fail("normalisation statistics: 'mean' and 'std' are required");
    s.mean = j.at("mean").get<std::vector<float>>();
    s.std = j.at("std").get<std::vector<float>>();
  } catch (const std::exception& e) {
    return fail(std::string("normalisation statistics: ") + e.what());
  }
  if (s.mean.size() != s.std.size())
    return fail("normalisation statistics: mean has " + std::to_string(s.mean.size()) + " values, std " +
                std::to_string(s.std.size()));
  for (size_t i = 0; i < s.mean.size(); ++i)
    if (!std::isfinite(s.mean[i]) || !std::isfinite(s.std[i]) || s.std[i] <= 0)
      return fail("normalisation statistics: value " + std::to_string(i) + " is not finite or std <= 0");
  return s;
}

Result<Matrix> stackModelInput(const FeatureSet& features, const std::vector<FeatureKind>& kinds) {
  std::vector<const Matrix*> parts;
  for (FeatureKind k : kinds) {
    if (!features.has(k)) return fail("model input: the features lack '" + featureName(k) + "'");
    const Matrix& m = features.get(k);
    if (!parts.empty() && m.rows != parts.front()->rows)
      return fail("model input: '" + featureName(k) + "' has " + std::to_string(m.rows) + " frames, expected " +
                  std::to_string(parts.front()->rows));
    parts.push_back(&m);
  }
  if (parts.empty()) return fail("model input: no feature kinds");
  if (parts.size() == 1) return *parts.front();
  return Matrix::hconcat(parts);
}

void FrameMoments::add(const Matrix& m, double sign, int firstRow) {
  if (sum.empty()) {
    sum.assign(m.cols, 0.0);
    sq.assign(m.cols, 0.0);
  }
  firstRow = std::max(0, firstRow);
  if (m.rows <= firstRow || m.cols != static_cast<int>(sum.size())) return;
  for (int r = firstRow; r < m.rows; ++r)
    for (int c = 0; c < m.cols; ++c) {
      const double v = m.at(r, c);
      sum[c] += sign * v;
      sq[c] += sign * v * v;
    }
  rows += sign * (m.rows - firstRow);
}

void FrameMoments::addCentred(const Matrix& m) {
  Matrix centred = m;
  for (int c = 0; c < m.cols; ++c) {
    double own = 0.0;
    for (int r = 0; r < m.rows; ++r) own += m.at(r, c);
    own /= m.rows;
    for (int r = 0; r < m.rows; ++r) centred.at(r, c) = static_cast<float>(m.at(r, c) - own);
  }
  add(centred);
}

NormStats FrameMoments::stats() const {
  NormStats s;
  const int d = static_cast<int>(sum.size());
  s.mean.assign(d, 0.0f);
  s.std.assign(d, 1.0f);
  if (rows <= 0.5) return d == 0 ? NormStats{} : s;
  for (int c = 0; c < d; ++c) {
    const double mu = sum[c] / rows;
    const double var = std::max(0.0, sq[c] / rows - mu * mu);
    s.mean[c] = static_cast<float>(mu);
    s.std[c] = static_cast<float>(std::max(1e-5, std::sqrt(var)));
  }
  return s;
}

NormStats streamedNormStats(size_t n, const std::function<Matrix(size_t)>& nth, bool subtractOwnMean) {
  int d = -1;
  FrameMoments moments;
  for (size_t k = 0; k < n; ++k) {
    const Matrix m = nth(k);
    if (d < 0) d = m.cols;
    if (m.cols != d || m.rows == 0) continue;
    if (subtractOwnMean) moments.addCentred(m);
    else moments.add(m);
  }
  if (d < 0) return {};
  NormStats s = moments.stats();
  if (s.empty()) {
    s.mean.assign(d, 0.0f);
    s.std.assign(d, 1.0f);
  }
  return s;
}

NormStats computeNormStats(const std::vector<Matrix>& stackedFrames) {
  return streamedNormStats(stackedFrames.size(), [&](size_t k) { return stackedFrames[k]; }, false);
}
NormStats computeUtteranceNormStats(const std::vector<Matrix>& stackedFrames) {
  return streamedNormStats(stackedFrames.size(), [&](size_t k) { return stackedFrames[k]; }, true);
}

Status normaliseInPlace(Matrix& x, NormMode mode, const NormStats& stats) {
  if (x.cols != stats.dim())
    return fail("normalisation: input has " + std::to_string(x.cols) + " columns, statistics " +
                std::to_string(stats.dim()));
  const int d = x.cols;
  std::vector<float> centre(stats.mean);
  if (mode == NormMode::Utterance && x.rows > 0) {
    std::vector<double> own(d, 0.0);
    for (int r = 0; r < x.rows; ++r)
      for (int c = 0; c < d; ++c) own[c] += x.at(r, c);
    for (int c = 0; c < d; ++c) centre[c] = static_cast<float>(own[c] / x.rows);
  }
  for (int r = 0; r < x.rows; ++r) {
    float* row = x.row(r);
    for (int c = 0; c < d; ++c) row[c] = (row[c] - centre[c]) / stats.std[c];
  }
  return success();
}

}  // namespace emo
