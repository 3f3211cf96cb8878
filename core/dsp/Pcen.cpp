#include "core/dsp/Pcen.h"

#include <cmath>

namespace emo {

PcenFilter::PcenFilter(const FeatureParams& features, int bands, PcenParams params)
    : p_(params), m_(static_cast<size_t>(bands > 0 ? bands : 0), 0.0) {
  const double t = p_.timeConstant * features.sampleRate / features.hopLength;
  b_ = (std::sqrt(1.0 + 4.0 * t * t) - 1.0) / (2.0 * t * t);
}

void PcenFilter::apply(const float* mel, float* out) {
  const double biasPow = std::pow(p_.bias, p_.power), logEps = std::log(p_.eps);
  for (size_t k = 0; k < m_.size(); ++k) {
    const double s = static_cast<double>(mel[k]) * p_.inputScale;
    m_[k] = started_ ? (1.0 - b_) * m_[k] + b_ * s : s;
    const double smooth = std::exp(-p_.gain * (logEps + std::log1p(m_[k] / p_.eps)));
    out[k] = static_cast<float>(biasPow * std::expm1(p_.power * std::log1p(s * smooth / p_.bias)));
  }
  started_ = true;
}

}  // namespace emo
