#pragma once
// SoakRun: a long stream through the live pipeline (LiveSession: ring buffer, worker thread,
// streaming classifier), faster than real time, in audio blocks of random sizes, checking what
// a demonstrator relies on for hours: every sample written is analysed once (no drops, no
// duplicates), emotion frames keep their rate and order, and memory stays flat. The producer
// waits when the ring is full, as a real callback never has to at real-time speed.
// Runs on the calling thread (plus the session's worker).
#include <functional>
#include <memory>
#include <vector>

#include "core/audio/AudioTypes.h"
#include "core/common/Result.h"

namespace emo {

class ModelBundle;

struct SoakReport {
  double audioSeconds = 0.0;        ///< stream length
  double wallSeconds = 0.0;
  long long samplesWritten = 0;
  long long samplesConsumed = 0;    ///< by the worker
  long long samplesReturned = 0;    ///< handed back to the display side (LiveUpdate::samples)
  long long droppedSamples = 0;     ///< written but never analysed (written - consumed)
  long long ringFullRetries = 0;    ///< samples the full ring refused and the producer wrote again
  long long frames = 0;             ///< emotion frames
  long long speechFrames = 0;
  long long expectedFrames = 0;     ///< audio seconds / hop, rounded up (the tiles cover the stream)
  bool framesInOrder = true;        ///< frame k's tile starts at k hops (none lost or repeated)
  double rssStartMb = 0.0;          ///< resident memory after the first minute of audio
  double rssPeakMb = 0.0;
  double rssEndMb = 0.0;
  std::vector<double> rssSamplesMb; ///< one per sampled minute
  std::string toJson() const;
};

/// Streams `loop` (mono at its rate) repeated to `seconds` in blocks of 1..maxBlock samples.
/// `onMinute(minutesDone)` is called after each minute of audio (may be empty).
Result<SoakReport> runSoak(std::shared_ptr<const ModelBundle> model, const AudioBuffer& loop, double seconds,
                           size_t maxBlock = 4096, unsigned seed = 1, const std::function<void(int)>& onMinute = {});

/// Resident set size of this process in MB (Linux /proc), 0 if unknown.
double residentMemoryMb();

}  // namespace emo
