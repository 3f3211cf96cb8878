#include "ui/review/SpeakerGroups.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFileInfo>

#include "core/audio/AudioReader.h"
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
                                                             const SpeakerClips& group) {
  if (!normalisesPerSpeaker(model.get(), group)) return nullptr;
  const QString key = laneModelKey(model.get(), group);
  if (auto it = byKey_.find(key); it != byKey_.end()) return it->second;
  SpeakerStatsAccumulator speech(*model);
  ReadOptions ro;
  ro.targetRate = model->featureParams().sampleRate;
  for (const QString& p : group.paths)  // a clip that cannot be read is reported when it is predicted
    if (Result<AudioBuffer> a = readAudioMono(p.toStdString(), ro)) (void)speech.add(a.value());
  std::shared_ptr<const NormStats> stats;
  if (speech.speechSeconds() >= kMinCalibrationSpeechSeconds) stats = std::make_shared<const NormStats>(speech.stats());
  byKey_[key] = stats;
  return stats;
}

}  // namespace emo::ui
