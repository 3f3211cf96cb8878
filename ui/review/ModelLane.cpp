#include "ui/review/ModelLane.h"

#include <QCoreApplication>
#include <algorithm>

namespace emo::ui {

Result<std::vector<TimelineSegment>> modelLane(const TimelinePredictor& predictor, const AudioBuffer& audio) {
  // The timeline's segments tile the clip from 0 to its end with equal hops (TimelinePredictor.h).
  return predictor.timeline(audio, 0, kLaneHop);
}

LaneSummary summariseLane(const std::vector<TimelineSegment>& tiles, const std::vector<std::string>& labels,
                          const UncertainRule& uncertain) {
  LaneSummary s;
  s.uncertainBelow = uncertain.below;
  std::vector<double> sum(labels.size(), 0.0);
  for (const auto& t : tiles) {
    const double len = std::max(0.0, t.end - t.start);
    s.coveredSeconds += len;
    if (!t.speech || t.probabilities.size() != labels.size() || len <= 0) continue;
    s.speechSeconds += len;
    ++s.speechTiles;
    for (size_t k = 0; k < sum.size(); ++k) sum[k] += len * t.probabilities[k];
  }
  if (s.speechSeconds <= 0 || labels.empty()) {
    s.label = "no speech";
    return s;
  }
  s.speech = true;
  s.probabilities.resize(sum.size());
  for (size_t k = 0; k < sum.size(); ++k) s.probabilities[k] = static_cast<float>(sum[k] / s.speechSeconds);
  s.top = static_cast<int>(std::max_element(s.probabilities.begin(), s.probabilities.end()) - s.probabilities.begin());
  s.label = labels[static_cast<size_t>(s.top)];
  s.uncertain = uncertain(s.probabilities);
  return s;
}

bool laneTileUncertain(const TimelineSegment& tile, const UncertainRule& uncertain) {
  return tile.speech && uncertain(tile.probabilities);
}

QString clipEntryText(const QString& label, bool uncertain) {
  // Compact, so the list fits its column; the entry is also greyed and its tooltip says why.
  return uncertain ? QCoreApplication::translate("ModelLane", "%1?").arg(label) : label;
}

QString laneTileText(const TimelineSegment& tile, const std::vector<std::string>& labels, const UncertainRule& uncertain) {
  if (!tile.speech || tile.top < 0 || tile.top >= static_cast<int>(labels.size()))
    return QCoreApplication::translate("ModelLane", "no speech");
  return clipEntryText(QString::fromStdString(labels[static_cast<size_t>(tile.top)]), laneTileUncertain(tile, uncertain));
}

QString laneRuleText(const LaneSummary& s, double clipSeconds) {
  if (!s.speech)
    return QCoreApplication::translate("ModelLane", "No speech in the model lane (%1 s of %2 s covered by its tiles).")
        .arg(s.coveredSeconds, 0, 'f', 2)
        .arg(clipSeconds, 0, 'f', 2);
  const QString uncertain =
      s.uncertain ? QCoreApplication::translate("ModelLane",
                                                " Uncertain: %1 % is below the model's threshold of %2 % (its "
                                                "validation speakers' readings under it were right less than half "
                                                "the time).")
                        .arg(s.probabilities[static_cast<size_t>(s.top)] * 100.0, 0, 'f', 0)
                        .arg(s.uncertainBelow * 100.0, 0, 'f', 0)
                  : QString();
  return QCoreApplication::translate(
             "ModelLane",
             "%1 %2 %: the mean of the model lane's probabilities over its %3 speech tiles (%4 s of speech), each "
             "weighted by its length; %5 s of the %6 s clip are covered by the lane.")
      .arg(QString::fromStdString(s.label))
      .arg(s.probabilities[static_cast<size_t>(s.top)] * 100.0, 0, 'f', 0)
      .arg(s.speechTiles)
      .arg(s.speechSeconds, 0, 'f', 2)
      .arg(s.coveredSeconds, 0, 'f', 2)
      .arg(clipSeconds, 0, 'f', 2) + uncertain;
}

}  // namespace emo::ui
