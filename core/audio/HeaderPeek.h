#pragma once
// Internal to core/audio: a minimal look at WAV (RIFF/RIFX/RF64) and AIFF headers, used only to
// explain why libsndfile refused a file (e.g. a 0 Hz sample rate makes it fail with a generic
// "SF_INFO struct incomplete"). Any thread.
#include <optional>
#include <string>

namespace emo::headerpeek {

/// The sample rate a WAV or AIFF header declares, or nothing when the file is neither or the
/// header is too short to say.
std::optional<double> declaredSampleRate(const std::string& path);

/// Whether the declared rate agrees with the rest of the header: a WAV's byte rate equals its
/// sample rate times its block align (a damaged rate field breaks that); an AIFF's rate is a
/// finite positive number (it has no second field to check). Nothing when neither format.
std::optional<bool> declaredRateConsistent(const std::string& path);

}  // namespace emo::headerpeek
