#include "ui/review/SelectionModel.h"

#include <algorithm>

namespace emo::ui {

SelectionModel::SelectionModel(QObject* parent) : QObject(parent) {}

void SelectionModel::setRange(double a, double b) {
  double s = std::min(a, b), e = std::max(a, b);
  if (e <= s) s = e = 0.0;
  if (s == start_ && e == end_) return;
  start_ = s;
  end_ = e;
  emit changed();
}

void SelectionModel::setActiveTier(const QString& tier) {
  if (tier.isEmpty() || tier == activeTier_) return;
  activeTier_ = tier;
  emit activeTierChanged(tier);
  emit changed();
}

}  // namespace emo::ui
