// emoscope-cli bench soak [--minutes M] [--model BUNDLE] [--max-block N] [--json]
// Streams M minutes of speech (the 48 kHz RAVDESS originals of ../shared/samples, looped, with
// pauses) through the live pipeline faster than real time in random block sizes, and reports
// drops, duplicates, frame rate and resident memory per minute (docs/RELIABILITY.md).
#include <iostream>
#include <memory>

#include "CliCommand.h"
#include "CliModel.h"
#include "InputFiles.h"
#include "core/audio/AudioReader.h"
#include "core/infer/SoakRun.h"
#include "core/model/TorchRuntime.h"

namespace emo::cli {
namespace {

struct SoakArgs {
  double minutes = 60.0;
  std::string model;
  std::string data = std::string(EMO_SHARED_DIR) + "/samples";
  size_t maxBlock = 4096;
  bool json = false;
};

int runBenchSoak(const SoakArgs& a) {
  setComputeThreads(1);
  auto model = loadCliModel(a.model);
  if (!model) return kFailure;
  auto files = expandAudioInputs({a.data});
  if (!files) {
    std::cerr << "bench soak: " << files.error() << "\n";
    return kFailure;
  }
  AudioBuffer loop;
  loop.sampleRate = 48000;
  ReadOptions ro;
  ro.targetRate = loop.sampleRate;
  for (const auto& f : *files) {
    auto audio = readAudioMono(f, ro);
    if (!audio) {
      std::cerr << "bench soak: " << audio.error() << "\n";
      return kFailure;
    }
    loop.samples.insert(loop.samples.end(), audio->samples.begin(), audio->samples.end());
    loop.samples.insert(loop.samples.end(), static_cast<size_t>(loop.sampleRate), 0.0f);  // 1 s pause
  }
  auto rep = runSoak(model, loop, a.minutes * 60.0, a.maxBlock, 1, [&](int minute) {
    if (!a.json) std::cerr << "minute " << minute << ": " << residentMemoryMb() << " MB resident\n";
  });
  if (!rep) {
    std::cerr << "bench soak: " << rep.error() << "\n";
    return kFailure;
  }
  if (a.json) {
    std::cout << rep->toJson() << "\n";
  } else {
    std::printf("%.0f s of audio in %.1f s (%.0fx real time); written %lld, analysed %lld, returned %lld, dropped %lld\n",
                rep->audioSeconds, rep->wallSeconds, rep->audioSeconds / rep->wallSeconds, rep->samplesWritten,
                rep->samplesConsumed, rep->samplesReturned, rep->droppedSamples);
    std::printf("frames %lld (expected %lld, in order: %s), speech frames %lld\n", rep->frames, rep->expectedFrames,
                rep->framesInOrder ? "yes" : "NO", rep->speechFrames);
    std::printf("resident memory: %.1f MB after minute 1, peak %.1f MB, end %.1f MB\n", rep->rssStartMb, rep->rssPeakMb,
                rep->rssEndMb);
  }
  const bool ok = rep->droppedSamples == 0 && rep->samplesConsumed == rep->samplesWritten &&
                  rep->samplesReturned == rep->samplesWritten && rep->framesInOrder &&
                  std::llabs(rep->frames - rep->expectedFrames) <= 1;
  return ok ? kOk : kFailure;
}

const bool registered = registerCommand(
    "bench soak", "Stream a long recording through the live pipeline; check drops, frame rate, memory", [](CLI::App& cmd) {
      auto a = std::make_shared<SoakArgs>();
      cmd.add_option("--minutes", a->minutes, "Minutes of audio to stream")->check(CLI::Range(0.1, 24 * 60.0));
      cmd.add_option("--model", a->model, "Model bundle (default: the shipped model)");
      cmd.add_option("--data", a->data, "Folder of clips to loop");
      cmd.add_option("--max-block", a->maxBlock, "Largest audio block in samples")->check(CLI::Range(1, 1 << 20));
      cmd.add_flag("--json", a->json, "Print one JSON object");
      return [a] { return runBenchSoak(*a); };
    });

}  // namespace
}  // namespace emo::cli
