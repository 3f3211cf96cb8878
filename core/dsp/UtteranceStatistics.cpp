// utteranceStatistics (declared in FeatureExtractor.h): per-column population moments.
#include <algorithm>
#include <cmath>

#include "core/dsp/FeatureExtractor.h"

namespace emo {

std::vector<float> utteranceStatistics(const Matrix& frames) {
  const int cols = frames.cols, rows = frames.rows;
  std::vector<float> out(size_t(6) * cols, 0.0f);
  if (rows == 0) return out;
  for (int j = 0; j < cols; ++j) {
    double sum = 0.0, mn = frames.at(0, j), mx = frames.at(0, j);
    for (int i = 0; i < rows; ++i) {
      const double v = frames.at(i, j);
      sum += v;
      mn = std::min(mn, v);
      mx = std::max(mx, v);
    }
    const double mean = sum / rows;
    double m2 = 0.0, m3 = 0.0, m4 = 0.0;
    for (int i = 0; i < rows; ++i) {
      const double dv = frames.at(i, j) - mean;
      const double d2 = dv * dv;
      m2 += d2;
      m3 += d2 * dv;
      m4 += d2 * d2;
    }
    m2 /= rows;
    m3 /= rows;
    m4 /= rows;
    const bool constant = mx == mn || m2 <= 0.0;  // rounding must not invent skew in a constant column
    const double skew = constant ? 0.0 : m3 / std::pow(m2, 1.5);
    const double kurt = constant ? 0.0 : m4 / (m2 * m2) - 3.0;
    out[size_t(0) * cols + j] = static_cast<float>(mean);
    out[size_t(1) * cols + j] = static_cast<float>(std::sqrt(m2));
    out[size_t(2) * cols + j] = static_cast<float>(skew);
    out[size_t(3) * cols + j] = static_cast<float>(kurt);
    out[size_t(4) * cols + j] = static_cast<float>(mn);
    out[size_t(5) * cols + j] = static_cast<float>(mx);
  }
  return out;
}

}  // namespace emo
