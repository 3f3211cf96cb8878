#pragma once
// SpeakerProfile: per-speaker calibration. A speaker records a short neutral passage; the
// profile holds the statistics (per-column mean and std) of the model's input frames over that
// recording, and a model trained with speaker normalisation ("--norm speaker") uses them in
// place of its training statistics, so that speaker's voice is centred the way each training
// speaker's was. A profile is tied to the model's input (feature kinds and parameters): loading
// it for another input is refused. Files are JSON, written atomically.
// Plain functions; any thread (creation runs feature extraction: call it off the GUI thread).
//
//   auto p = emo::makeSpeakerProfile("ana", *model, {neutralAudio});
//   emo::saveSpeakerProfile(emo::profilePath("ana"), *p);
//   auto stats = emo::loadProfileStatsForModel(emo::profilePath("ana"), *model);
#include <string>
#include <vector>

#include "core/audio/AudioTypes.h"
#include "core/common/Result.h"
#include "core/infer/EmotionFrame.h"
#include "core/model/NormStats.h"

namespace emo {

class ModelBundle;

/// A calibration recording needs at least this much gated speech.
constexpr double kMinCalibrationSpeechSeconds = 3.0;

struct SpeakerProfile {
  std::string name;
  std::string modelType;                  ///< the model it was made with (informative)
  std::vector<std::string> featureKinds;  ///< the model input it describes
  std::string featureParamsJson;          ///< FeatureParams::toJson of that input
  double speechSeconds = 0.0;             ///< gated speech in the recording(s)
  NormStats stats;

  std::string toJson() const;
  /// Errors on malformed JSON, missing keys, or invalid statistics.
  static Result<SpeakerProfile> fromJson(const std::string& json);
};

/// A speaker's statistics gathered one recording at a time, none of them kept: what
/// makeSpeakerProfile computes, for many or long recordings (all clips of one speaker in Review,
/// `predict --same-speaker`). Not thread-safe; one owner.
class SpeakerStatsAccumulator {
 public:
  explicit SpeakerStatsAccumulator(const ModelBundle& model, StreamParams gate = {});
  /// Adds every frame of a recording (any rate, mono); an empty one adds nothing.
  Status add(const AudioBuffer& recording);
  double speechSeconds() const;  ///< gated speech in what was added
  NormStats stats() const;       ///< over every frame added; empty before any

 private:
  const ModelBundle& model_;
  StreamParams gate_;
  FrameMoments moments_;
  long long speechFrames_ = 0;
};

/// The statistics of every frame of `files` (read one at a time at the model's rate; a file that
/// cannot be read is left out): all of one speaker's clips (Review, `predict --same-speaker`).
/// Error when they hold under kMinCalibrationSpeechSeconds of gated speech.
Result<NormStats> speakerStatsOfFiles(const ModelBundle& model, const std::vector<std::string>& files,
                                      const StreamParams& gate = {});

/// Builds a profile from one or more recordings (any rate, mono) of the speaker's neutral voice.
/// The statistics cover every frame of the recordings (as the training speakers' statistics
/// did); the gate must find at least kMinCalibrationSpeechSeconds of speech in them.
Result<SpeakerProfile> makeSpeakerProfile(const std::string& name, const ModelBundle& model,
                                          const std::vector<AudioBuffer>& recordings,
                                          const StreamParams& gate = {});

/// Error unless the profile describes this model's input (feature kinds, parameters, size).
Status checkProfileForModel(const SpeakerProfile& profile, const ModelBundle& model);

Status saveSpeakerProfile(const std::string& path, const SpeakerProfile& profile);
Result<SpeakerProfile> loadSpeakerProfile(const std::string& path);
/// Loads and checks in one step; the statistics to hand to predict / StreamingClassifier.
Result<NormStats> loadProfileStatsForModel(const std::string& path, const ModelBundle& model);

/// Where profiles live: $EMO_PROFILE_DIR, else $XDG_DATA_HOME/emoscope/profiles, else
/// ~/.local/share/emoscope/profiles. Shared by the CLI and the app.
std::string defaultProfileFolder();
/// `nameOrPath` as a file: a path if it contains '/' or ends in .json, else
/// <defaultProfileFolder()>/<name>.profile.json.
std::string profilePath(const std::string& nameOrPath);
/// Names of the profiles saved in `folder` (files ending in profileSuffix()), sorted; none if
/// the folder does not exist.
std::vector<std::string> listSpeakerProfiles(const std::string& folder);
/// The file suffix of named profiles.
inline const char* profileSuffix() { return ".profile.json"; }

}  // namespace emo
