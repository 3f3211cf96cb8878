// emoscope-cli bench features [--data DIR] [--limit N] [--json]
// Single-thread throughput of the seed feature set (x real time), with and without decoding.
#include <chrono>
#include <iostream>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "CliCommand.h"
#include "InputFiles.h"
#include "core/audio/AudioReader.h"
#include "core/dsp/FeatureExtractor.h"

namespace emo::cli {
namespace {

struct BenchArgs {
  std::string data = std::string(EMO_SHARED_DIR) + "/data/ravdess";
  int limit = 0;
  bool json = false;
};

int runBench(const BenchArgs& a) {
  auto files = expandAudioInputs({a.data});
  if (!files) {
    std::cerr << "bench features: " << files.error() << "\n";
    return kFailure;
  }
  std::vector<std::string> list = *files;
  if (a.limit > 0 && size_t(a.limit) < list.size()) list.resize(size_t(a.limit));
  using Clock = std::chrono::steady_clock;
  const FeatureParams params;
  FeatureExtractor fx(params);
  double decodeSec = 0.0, featureSec = 0.0, audioSec = 0.0;
  long long frames = 0;
  double checksum = 0.0;  // keeps the work observable
  for (const auto& path : list) {
    const auto t0 = Clock::now();
    Result<AudioBuffer> audio = readAudioMono(path);
    const auto t1 = Clock::now();
    if (!audio) {
      std::cerr << "bench features: " << audio.error() << "\n";
      return kFailure;
    }
    const FeatureSet f = fx.compute(audio->samples.data(), audio->samples.size(), seedFeatureKinds());
    const auto t2 = Clock::now();
    decodeSec += std::chrono::duration<double>(t1 - t0).count();
    featureSec += std::chrono::duration<double>(t2 - t1).count();
    audioSec += audio->seconds();
    frames += f.frames;
    checksum += f.get(FeatureKind::Mfcc).data.empty() ? 0.0 : f.get(FeatureKind::Mfcc).data[0];
  }
  const double xrt = featureSec > 0 ? audioSec / featureSec : 0.0;
  const double xrtDecode = (featureSec + decodeSec) > 0 ? audioSec / (featureSec + decodeSec) : 0.0;
  if (a.json) {
    nlohmann::json j;
    j["x_realtime"] = xrt;
    j["x_realtime_with_decode"] = xrtDecode;
    j["files"] = list.size();
    j["audio_seconds"] = audioSec;
    j["frames"] = frames;
    j["feature_seconds"] = featureSec;
    j["decode_resample_seconds"] = decodeSec;
    j["us_per_frame"] = frames ? featureSec * 1e6 / frames : 0.0;
    j["threads"] = 1;
    j["feature_set"] = "seed";
    j["checksum"] = checksum;
    std::cout << j.dump(2) << "\n";
  } else {
    std::cout << "files            " << list.size() << "\n"
              << "audio            " << audioSec << " s, " << frames << " frames\n"
              << "features only    " << featureSec << " s  -> " << xrt << "x real time ("
              << (frames ? featureSec * 1e6 / frames : 0.0) << " us/frame)\n"
              << "decode+resample  " << decodeSec << " s\n"
              << "with decode      " << xrtDecode << "x real time\n";
  }
  return kOk;
}

const bool registered = registerCommand(
    "bench features", "Single-thread feature-extraction throughput (x real time) of the seed feature set",
    [](CLI::App& cmd) {
      auto args = std::make_shared<BenchArgs>();
      cmd.add_option("--data", args->data, "Folder of audio files (default: shared RAVDESS)");
      cmd.add_option("--limit", args->limit, "Use at most N files (0 = all)");
      cmd.add_flag("--json", args->json, "Print one JSON object");
      return [args] { return runBench(*args); };
    });

}  // namespace
}  // namespace emo::cli
