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

}  // namespace emo::ui
