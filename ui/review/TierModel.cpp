#include "ui/review/TierModel.h"

#include <cmath>

#include "ui/review/ReviewDocument.h"

namespace emo::ui {

TierModel::TierModel(ReviewDocument* document, QObject* parent) : QObject(parent), doc_(document) {
  connect(doc_, &ReviewDocument::clipChanged, this, [this](int row) {
    if (row == row_) reload();
  });
  connect(doc_, &ReviewDocument::reset, this, &TierModel::clear);
  reload();
}

void TierModel::setRow(int row) {
  row_ = row;
  lane_.clear();
  reload();
}

void TierModel::setModelLane(std::vector<TimelineSegment> tiles, std::vector<std::string> labels,
                             UncertainRule uncertain) {
  lane_ = std::move(tiles);
  labels_ = std::move(labels);
  uncertain_ = uncertain;
  emit changed();
}

void TierModel::clear() {
  row_ = -1;
  lane_.clear();
  reload();
}

void TierModel::reload() {
  tiers_.clear();
  if (row_ >= 0 && row_ < doc_->count()) {
    const AnnotationSet set = doc_->annotations(row_);
    for (const QString& name : doc_->humanTiers(row_)) {
      const Tier* t = set.findTier(name.toStdString());
      tiers_.push_back(t ? *t : Tier{name.toStdString(), {}});
    }
  } else {
    tiers_.push_back(Tier{ReviewDocument::kHumanTier, {}});
  }
  emit changed();
}

QStringList TierModel::humanTierNames() const {
  QStringList out;
  for (const auto& t : tiers_) out << QString::fromStdString(t.name);
  return out;
}

const Tier* TierModel::humanTier(const QString& name) const {
  for (const auto& t : tiers_)
    if (QString::fromStdString(t.name) == name) return &t;
  return nullptr;
}

bool TierModel::isUnknown(const std::string& label) const {
  return !label.empty() && !doc_->isKnownLabel(QString::fromStdString(label));
}

int TierModel::segmentAt(const QString& tier, double t, double tolerance) const {
  const Tier* found = humanTier(tier);
  if (!found) return -1;
  int hit = -1;
  for (size_t i = 0; i < found->segments.size(); ++i) {
    const Segment& s = found->segments[i];
    if (s.isPoint() ? std::abs(t - s.start) <= tolerance : (t >= s.start && t < s.end)) {
      hit = static_cast<int>(i);
      if (s.isPoint()) return hit;  // a point on top of an interval wins
    }
  }
  return hit;
}

}  // namespace emo::ui
