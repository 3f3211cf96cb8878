// emoscope-cli bench features [--data DIR] [--limit N] [--json] [--per-kind] [--repeat N]
// Single-thread throughput of the seed feature set (x real time), with and without decoding;
// decode time per audio second; with --per-kind, the cost of each kind (with its dependencies).
#include <algorithm>
#include <chrono>
#include <iomanip>
#include <iostream>
#include <memory>
#include <string>
#include <utility>
#include <vector>

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
  bool perKind = false;  ///< also time each kind group alone over the decoded files
  int repeat = 5;        ///< --per-kind: each file's best of this many runs
};

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

// The groups of the per-kind table in docs/PERFORMANCE.md: each is timed alone, with what it needs.
std::vector<std::pair<std::string, std::vector<FeatureKind>>> kindGroups() {
  using K = FeatureKind;
  return {{"power spectrum (window + FFT + |X|^2)", {K::PowerSpec}},
          {"+ mel", {K::MelPower}},
          {"+ dB", {K::LogMelDb}},
          {"+ DCT (MFCC)", {K::Mfcc}},
          {"+ two deltas", {K::Mfcc, K::MfccDelta, K::MfccDelta2}},
          {"centroid + bandwidth", {K::SpectralCentroid, K::SpectralBandwidth}},
          {"chroma", {K::Chroma}},
          {"ZCR", {K::Zcr}},
          {"RMS", {K::Rms}},
          {"seed set", seedFeatureKinds()}};
}

int runBench(const BenchArgs& a) {
  auto files = expandAudioInputs({a.data});
  if (!files) {
    std::cerr << "bench features: " << files.error() << "\n";
    return kFailure;
  }
  std::vector<std::string> list = *files;
  if (a.limit > 0 && size_t(a.limit) < list.size()) list.resize(size_t(a.limit));
  const FeatureParams params;
  FeatureExtractor fx(params);
  double decodeSec = 0.0, featureSec = 0.0, audioSec = 0.0;
  long long frames = 0;
  double checksum = 0.0;  // keeps the work observable
  std::vector<std::vector<float>> decoded;  // --per-kind: the signals, in memory
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
    if (a.perKind) decoded.push_back(std::move(audio->samples));
  }
  // Per kind group: each file's best of `repeat` runs (about a millisecond each, so the minimum
  // filters out time slices lost to other processes), summed over the files; us per frame.
  std::vector<std::pair<std::string, double>> perKind;
  if (a.perKind) {
    for (const auto& [name, kinds] : kindGroups()) {
      double total = 0.0;
      for (const auto& y : decoded) {
        double best = 1e300;
        for (int r = 0; r < std::max(1, a.repeat); ++r) {
          const auto t0 = Clock::now();
          checksum += fx.compute(y.data(), y.size(), kinds).frames;
          best = std::min(best, secondsSince(t0));
        }
        total += best;
      }
      perKind.emplace_back(name, frames ? total * 1e6 / frames : 0.0);
    }
  }
  const double xrt = featureSec > 0 ? audioSec / featureSec : 0.0;
  const double xrtDecode = (featureSec + decodeSec) > 0 ? audioSec / (featureSec + decodeSec) : 0.0;
  const double decodeMsPerAudioSec = audioSec > 0 ? decodeSec * 1e3 / audioSec : 0.0;
  if (a.json) {
    nlohmann::json j;
    j["x_realtime"] = xrt;
    j["x_realtime_with_decode"] = xrtDecode;
    j["files"] = list.size();
    j["audio_seconds"] = audioSec;
    j["frames"] = frames;
    j["feature_seconds"] = featureSec;
    j["decode_resample_seconds"] = decodeSec;
    j["decode_ms_per_audio_second"] = decodeMsPerAudioSec;
    j["us_per_frame"] = frames ? featureSec * 1e6 / frames : 0.0;
    j["threads"] = 1;
    j["feature_set"] = "seed";
    j["checksum"] = checksum;
    if (a.perKind) {
      nlohmann::json kinds = nlohmann::json::object();
      for (const auto& [name, us] : perKind) kinds[name] = us;
      j["per_kind_us_per_frame"] = kinds;
    }
    std::cout << j.dump(2) << "\n";
  } else {
    std::cout << "files            " << list.size() << "\n"
              << "audio            " << audioSec << " s, " << frames << " frames\n"
              << "features only    " << featureSec << " s  -> " << xrt << "x real time ("
              << (frames ? featureSec * 1e6 / frames : 0.0) << " us/frame)\n"
              << "decode+resample  " << decodeSec << " s (" << decodeMsPerAudioSec << " ms per audio second)\n"
              << "with decode      " << xrtDecode << "x real time\n";
    if (a.perKind) {
      std::cout << "per kind (us/frame, with dependencies; each file's best of " << std::max(1, a.repeat) << "):\n";
      for (const auto& [name, us] : perKind)
        std::cout << "  " << std::left << std::setw(40) << name << std::fixed << std::setprecision(3) << us << "\n"
                  << std::defaultfloat;
    }
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
      cmd.add_flag("--per-kind", args->perKind, "Also time each feature kind alone (with its dependencies)");
      cmd.add_option("--repeat", args->repeat, "--per-kind: each file's best of N runs (default 5)")->check(CLI::Range(1, 1000));
      return [args] { return runBench(*args); };
    });

}  // namespace
}  // namespace emo::cli
