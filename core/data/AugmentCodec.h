#pragma once
// Low-bitrate codec round trips for augmentation: the signal is encoded and decoded again in
// memory through libsndfile (SF_VIRTUAL_IO), so a clip sounds as it would after a voice call or
// a compressed upload. Debian's libsndfile 1.2 writes all four codecs below. Pure function; any
// thread (each call has its own in-memory file).
#include <string>
#include <vector>

#include "core/common/Result.h"

namespace emo {

enum class Codec {
  Vorbis,  ///< Ogg Vorbis at the given rate
  Opus,    ///< Ogg Opus; rates Opus lacks are resampled to 16 kHz and back
  Gsm610,  ///< GSM 6.10 full rate in WAV, always at 8 kHz (telephone), resampled there and back
  Mp3,     ///< MPEG layer III (LAME); rates MP3 lacks are resampled to 16 kHz and back
};

std::string codecName(Codec codec);  ///< "vorbis", "opus", "gsm", "mp3"

/// `samples` (mono, at sampleRate) encoded with `codec` and decoded again. `compression` in
/// [0, 1] is libsndfile's SFC_SET_COMPRESSION_LEVEL (1 = smallest file, lowest quality; ignored
/// by GSM, which has one rate). The result has exactly samples.size() samples: decoder padding
/// is cut, a short decode is zero padded. The signal is scaled to a 0.9 peak before encoding and
/// back after, so loud clips do not clip in the codec.
Result<std::vector<float>> codecRoundTrip(const std::vector<float>& samples, int sampleRate, Codec codec,
                                          double compression);

}  // namespace emo
