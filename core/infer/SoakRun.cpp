#include "core/infer/SoakRun.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <random>
#include <thread>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "core/infer/LiveSession.h"
#include "core/model/ModelBundle.h"

namespace emo {

double residentMemoryMb() {
  std::ifstream statm("/proc/self/statm");
  long long pages = 0, resident = 0;
  if (!(statm >> pages >> resident)) return 0.0;
  return double(resident) * double(sysconf(_SC_PAGESIZE)) / (1024.0 * 1024.0);
}

std::string SoakReport::toJson() const {
  nlohmann::json j{{"audio_seconds", audioSeconds},   {"wall_seconds", wallSeconds},
                   {"samples_written", samplesWritten}, {"samples_consumed", samplesConsumed},
                   {"samples_returned", samplesReturned}, {"dropped_samples", droppedSamples},
                   {"ring_full_retries", ringFullRetries},
                   {"frames", frames},                 {"speech_frames", speechFrames},
                   {"expected_frames", expectedFrames}, {"frames_in_order", framesInOrder},
                   {"rss_start_mb", rssStartMb},       {"rss_peak_mb", rssPeakMb},
                   {"rss_end_mb", rssEndMb},           {"rss_per_minute_mb", rssSamplesMb}};
  return j.dump(2);
}

Result<SoakReport> runSoak(std::shared_ptr<const ModelBundle> model, const AudioBuffer& loop, double seconds,
                           size_t maxBlock, unsigned seed, const std::function<void(int)>& onMinute) {
  if (loop.samples.empty() || loop.sampleRate <= 0) return fail("soak: no audio to loop");
  const StreamParams params;
  LiveSession session(model, loop.sampleRate, params);
  SoakReport rep;
  const auto t0 = std::chrono::steady_clock::now();
  const long long total = static_cast<long long>(seconds * loop.sampleRate);
  const long long perMinute = 60LL * loop.sampleRate;
  std::mt19937 rng(seed);
  std::uniform_int_distribution<size_t> blockSize(1, std::max<size_t>(1, maxBlock));
  auto drain = [&] {
    LiveUpdate u = session.takeUpdate();
    rep.samplesReturned += static_cast<long long>(u.samples.size());
    rep.ringFullRetries = u.droppedSamples;
    for (const EmotionFrame& f : u.frames) {
      // Frame k stands for the tile starting at k hops: none lost, repeated or out of order.
      if (std::abs(f.start - double(rep.frames) * params.hopSeconds) > 1e-6) rep.framesInOrder = false;
      ++rep.frames;
      rep.speechFrames += f.speech ? 1 : 0;
    }
    if (!u.error.empty()) throw std::runtime_error(u.error);
  };
  session.start();
  size_t pos = 0;
  long long nextMinute = perMinute;
  try {
    while (rep.samplesWritten < total) {
      const size_t n = static_cast<size_t>(
          std::min<long long>({static_cast<long long>(blockSize(rng)), total - rep.samplesWritten,
                               static_cast<long long>(loop.samples.size() - pos)}));
      size_t written = 0;
      while (written < n) {
        written += session.writeAudio(loop.samples.data() + pos + written, n - written);
        if (written < n) {
          drain();
          std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
      }
      rep.samplesWritten += static_cast<long long>(n);
      pos = (pos + n) % loop.samples.size();
      if (rep.samplesWritten >= nextMinute) {
        drain();
        const double rss = residentMemoryMb();
        rep.rssSamplesMb.push_back(rss);
        if (rep.rssSamplesMb.size() == 1) rep.rssStartMb = rss;
        rep.rssPeakMb = std::max(rep.rssPeakMb, rss);
        if (onMinute) onMinute(static_cast<int>(rep.rssSamplesMb.size()));
        nextMinute += perMinute;
      }
    }
    session.stop();
    drain();
  } catch (const std::exception& e) {
    session.stop();
    return fail(std::string("soak: the live pipeline stopped: ") + e.what());
  }
  rep.samplesConsumed = session.samplesConsumed();
  rep.droppedSamples = rep.samplesWritten - rep.samplesConsumed;
  rep.audioSeconds = double(total) / loop.sampleRate;
  rep.wallSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  rep.expectedFrames = static_cast<long long>(std::ceil(rep.audioSeconds / params.hopSeconds - 1e-9));
  rep.rssEndMb = residentMemoryMb();
  rep.rssPeakMb = std::max(rep.rssPeakMb, rep.rssEndMb);
  if (rep.rssSamplesMb.empty()) rep.rssStartMb = rep.rssEndMb;
  return rep;
}

}  // namespace emo
