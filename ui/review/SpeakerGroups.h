#pragma once
// SpeakerGroups: Review's "statistics of all clips of one speaker" (issue 14). A model trained
// with speaker normalisation normalises each clip with the statistics of all of its speaker's
// clips in the opened folder (the speaker the corpus naming or the manifest gives); clips without
// a speaker, or whose speaker's clips hold too little speech, are scored by themselves as before.
// SpeakerIndex travels with each request from the GUI thread; a SpeakerStatsCache belongs to one
// worker and is used on its thread only.
#include <QMap>
#include <QString>
#include <QStringList>
#include <map>
#include <memory>

namespace emo {
class ModelBundle;
struct NormStats;
}  // namespace emo

namespace emo::ui {

/// Speaker -> the paths of all of its clips in the document ("" speakers left out).
using SpeakerIndex = QMap<QString, QStringList>;

/// One clip's speaker and all of that speaker's clips (none for a clip without a speaker).
struct SpeakerClips {
  QString speaker;
  QStringList paths;
};
SpeakerClips speakerClipsOf(const SpeakerIndex& index, const QString& speaker);

/// The prediction-cache model key of a clip's lane: the model's own (PredictionCache::modelKey),
/// plus, for a speaker-normalised model and a clip with a speaker, the speaker's group (its name
/// and each of its files' path, size and modification time), so a lane is reused only with the
/// same statistics. Reads no audio.
QString laneModelKey(const ModelBundle* model, const SpeakerClips& group);

class SpeakerStatsCache {
 public:
  /// The statistics of every frame of the group's clips (speakerStatsOfFiles: each read once, then
  /// kept under `laneKey`, the group's laneModelKey); null when the model does not normalise per
  /// speaker, the clip has no speaker, or the group holds under kMinCalibrationSpeechSeconds of
  /// speech.
  std::shared_ptr<const NormStats> statsFor(const std::shared_ptr<const ModelBundle>& model, const SpeakerClips& group,
                                            const QString& laneKey);

 private:
  std::map<QString, std::shared_ptr<const NormStats>> byKey_;
};

/// laneModelKey per speaker, each computed once (it reads the metadata of all of the speaker's
/// files): one per request, on the worker thread.
class LaneKeys {
 public:
  explicit LaneKeys(const ModelBundle* model) : model_(model) {}
  const QString& of(const SpeakerClips& group);

 private:
  const ModelBundle* model_;
  std::map<QString, QString> bySpeaker_;
};

}  // namespace emo::ui
