#include "ui/review/SpeakerGroups.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFileInfo>

#include "core/infer/SpeakerProfile.h"
#include "core/model/ModelBundle.h"
#include "ui/review/PredictionCache.h"

namespace emo::ui {
namespace {

bool normalisesPerSpeaker(const ModelBundle* model, const SpeakerClips& group) {
  return model && model->normMode() == NormMode::Speaker && !group.speaker.isEmpty();
}

}  // namespace

SpeakerClips speakerClipsOf(const SpeakerIndex& index, const QString& speaker) {
  if (speaker.isEmpty()) return {};
  return {speaker, index.value(speaker)};
}

QString laneModelKey(const ModelBundle* model, const SpeakerClips& group) {
  const QString key = PredictionCache::modelKey(model);
  if (!normalisesPerSpeaker(model, group)) return key;
  QStringList paths = group.paths;
  paths.sort();
  QCryptographicHash h(QCryptographicHash::Sha1);
  h.addData(group.speaker.toUtf8());
  for (const QString& p : paths) {
    const QFileInfo info(p);
    h.addData(QStringLiteral("\n%1\t%2\t%3").arg(p).arg(info.size()).arg(info.lastModified().toMSecsSinceEpoch()).toUtf8());
  }
  return key + QStringLiteral("-spk") + QString::fromLatin1(h.result().toHex().left(12));
}

std::shared_ptr<const NormStats> SpeakerStatsCache::statsFor(const std::shared_ptr<const ModelBundle>& model,
                                                             const SpeakerClips& group, const QString& laneKey) {
  if (!normalisesPerSpeaker(model.get(), group)) return nullptr;
  if (auto it = byKey_.find(laneKey); it != byKey_.end()) return it->second;
  std::vector<std::string> files;
  for (const QString& p : group.paths) files.push_back(p.toStdString());
  Result<NormStats> stats = speakerStatsOfFiles(*model, files);  // too little speech: each clip by itself
  return byKey_[laneKey] = stats ? std::make_shared<const NormStats>(std::move(stats.value())) : nullptr;
}

const QString& LaneKeys::of(const SpeakerClips& group) {
  auto [it, added] = bySpeaker_.try_emplace(group.speaker);
  if (added) it->second = laneModelKey(model_, group);
  return it->second;
}

}  // namespace emo::ui
