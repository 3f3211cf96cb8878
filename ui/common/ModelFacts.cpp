#include "ui/common/ModelFacts.h"

#include "core/model/ModelBundle.h"

namespace emo::ui {

std::vector<std::string> modelLabels(const ModelBundle& model) { return model.labels(); }

MelRange modelMelRange(const ModelBundle& model) {
  const FeatureParams& p = model.featureParams();
  MelRange r;
  r.bands = p.nMels;
  r.fminHz = p.fmin;
  r.fmaxHz = p.effectiveFmax();
  return r;
}

UncertainRule modelUncertainRule(const ModelBundle& model) { return UncertainRule{model.info().uncertainBelow}; }

bool UncertainRule::operator()(const std::vector<float>& probabilities) const {
  ModelInfo threshold;  // core's rule, with this threshold
  threshold.uncertainBelow = below;
  return isUncertain(threshold, probabilities);
}

}  // namespace emo::ui
