#pragma once
// Internal to core/audio: names of libsndfile's container ("major") formats and encodings
// ("subtypes"), both ways. Pure functions; any thread.
#include <string>

namespace emo::sndfile {

/// "WAV", "FLAC", ... for the SF_FORMAT_TYPEMASK part of a format; "UNKNOWN(0x..)" otherwise.
std::string containerName(int format);
/// "PCM_16", "FLOAT", "VORBIS", ... for the SF_FORMAT_SUBMASK part; "UNKNOWN(0x..)" otherwise.
std::string encodingName(int format);
/// The SF_FORMAT_* major code for a container name (case-insensitive); 0 if unknown.
int containerCode(const std::string& name);
/// The SF_FORMAT_* subtype code for an encoding name (case-insensitive); 0 if unknown.
int encodingCode(const std::string& name);

}  // namespace emo::sndfile
