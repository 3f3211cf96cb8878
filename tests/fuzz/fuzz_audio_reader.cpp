// Fuzz target: audio files (core/audio). The input is written to a file (the reader takes a path;
// libsndfile picks the container from the bytes) and read three ways: probeAudio (header only),
// AudioFileReader block by block (decode, NaN/Inf check, downmix) and readAudioMono (whole file,
// resampled to 16 kHz with soxr, capped at 30 s of output so a 1 Hz header cannot ask for GBs).
// Also covers headerpeek::declaredSampleRate (WAV/AIFF header walk), which open() runs.
// Invariants: no crash, leak or UB; a successful read returns finite samples at the asked rate.
#include <cmath>

#include "FuzzSupport.h"
#include "core/audio/AudioReader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string path = emo::fuzz::writeScratchFile("input.wav", data, size);

  (void)emo::probeAudio(path);

  emo::AudioFileReader reader;
  if (reader.open(path)) {
    std::vector<float> block;
    size_t total = 0;
    for (int i = 0; i < 64; ++i) {  // at most 64 blocks of 4096 frames
      auto got = reader.read(block, 4096);
      if (!got || *got == 0) break;
      FUZZ_CHECK(*got == block.size(), "read() count matches the block");
      total += *got;
    }
    (void)total;
  }

  emo::ReadOptions options;
  options.maxSeconds = 30.0;
  auto audio = emo::readAudioMono(path, options);
  if (audio) {
    FUZZ_CHECK(audio->sampleRate == options.targetRate, "resampled to the target rate");
    for (float v : audio->samples) FUZZ_CHECK(std::isfinite(v), "finite samples");
  }
  return 0;
}
