// emoscope-cli bench infer [--model BUNDLE] [--data DIR] [--limit N] [--threads T] [--device D] [--json]
// Streaming update latency of the live pipeline (audio of one hop in, one emotion frame out:
// resampling, incremental features, gate, model on the default 2 s window) as p50 / p95 / max
// over real speech clips, and whole-file throughput of utterance prediction in x real time.
// Defaults: the shipped model, one compute thread, the RAVDESS clips of ../shared/data.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "CliCommand.h"
#include "CliModel.h"
#include "InputFiles.h"
#include "core/audio/AudioReader.h"
#include "core/infer/StreamingClassifier.h"
#include "core/infer/TimelinePredictor.h"
#include "core/model/ModelBundle.h"
#include "core/model/TorchRuntime.h"

namespace emo::cli {
namespace {

using Clock = std::chrono::steady_clock;

struct BenchInferArgs {
  std::string model;
  std::string data = std::string(EMO_SHARED_DIR) + "/data/ravdess";
  int limit = 40;
  int threads = 1;
  bool gpu = false;
  std::string device = "auto";
  bool trust = false;
  bool json = false;
};

double ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

double percentile(std::vector<double> v, double q) {
  if (v.empty()) return 0.0;
  std::sort(v.begin(), v.end());
  const size_t i = std::min(v.size() - 1, static_cast<size_t>(q * (v.size() - 1) + 0.5));
  return v[i];
}

int runBenchInfer(const BenchInferArgs& a) {
  setComputeThreads(a.threads);
  std::shared_ptr<const ModelBundle> model = loadCliModelOn(a.model, a.gpu ? "auto" : a.device, a.trust);
  if (!model) return kFailure;
  Result<std::vector<std::string>> files = expandAudioInputs({a.data});
  if (!files) {
    std::cerr << "bench infer: " << files.error() << "\n";
    return kFailure;
  }
  // Spread the clips over the corpus (every k-th) so speakers and emotions vary.
  std::vector<std::string> chosen;
  const size_t step = std::max<size_t>(1, files->size() / std::max(1, a.limit));
  for (size_t i = 0; i < files->size() && static_cast<int>(chosen.size()) < a.limit; i += step) chosen.push_back((*files)[i]);

  const StreamParams params;
  const int rate = model->featureParams().sampleRate;
  const size_t hopSamples = static_cast<size_t>(params.hopSeconds * rate);
  std::vector<double> updateMs;      // time of pushes that produced a classified frame
  double audioSeconds = 0.0, utteranceSeconds = 0.0;
  TimelinePredictor predictor(model, params);
  for (const std::string& file : chosen) {
    Result<AudioBuffer> audio = readAudioMono(file);
    if (!audio) {
      std::cerr << "bench infer: " << audio.error() << "\n";
      return kFailure;
    }
    StreamingClassifier stream(model, params);
    for (size_t pos = 0; pos < audio->samples.size(); pos += hopSamples) {
      const size_t n = std::min(hopSamples, audio->samples.size() - pos);
      const auto t0 = Clock::now();
      if (Status st = stream.push(audio->samples.data() + pos, n, rate); !st) {
        std::cerr << "bench infer: " << st.error() << "\n";
        return kFailure;
      }
      const double t = ms(Clock::now() - t0);
      for (const EmotionFrame& f : stream.takeFrames())
        if (f.speech) {
          updateMs.push_back(t);
          break;
        }
    }
    const auto t0 = Clock::now();
    Result<UtterancePrediction> p = predictor.predictUtterance(*audio);
    utteranceSeconds += std::chrono::duration<double>(Clock::now() - t0).count();
    if (!p) {
      std::cerr << "bench infer: " << p.error() << "\n";
      return kFailure;
    }
    audioSeconds += audio->seconds();
  }
  const double p50 = percentile(updateMs, 0.50), p95 = percentile(updateMs, 0.95);
  const double maxMs = updateMs.empty() ? 0.0 : *std::max_element(updateMs.begin(), updateMs.end());
  const double xrt = utteranceSeconds > 0 ? audioSeconds / utteranceSeconds : 0.0;
  if (a.json) {
    nlohmann::json j{{"p50_ms", p50},
                     {"p95_ms", p95},
                     {"max_ms", maxMs},
                     {"x_realtime", xrt},
                     {"updates", updateMs.size()},
                     {"files", chosen.size()},
                     {"audio_seconds", audioSeconds},
                     {"window_seconds", params.windowSeconds},
                     {"hop_seconds", params.hopSeconds},
                     {"threads", computeThreads()},
                     {"device", model->deviceName()},
                     {"model_type", model->modelType()}};
    std::cout << j.dump(2) << "\n";
  } else {
    std::printf("model %s on %s, %d thread(s), %zu clips, %.1f s of speech audio\n", model->modelType().c_str(),
                model->deviceName().c_str(), computeThreads(), chosen.size(), audioSeconds);
    std::printf("streaming update (%.1f s window, one frame per %.0f ms): p50 %.2f ms  p95 %.2f ms  max %.2f ms  (%zu updates)\n",
                params.windowSeconds, params.hopSeconds * 1000, p50, p95, maxMs, updateMs.size());
    std::printf("whole-file utterance prediction: %.1f x real time\n", xrt);
  }
  return kOk;
}

const bool registered = registerCommand(
    "bench infer", "Streaming latency (p50/p95 per update) and whole-file throughput of a model", [](CLI::App& cmd) {
      auto a = std::make_shared<BenchInferArgs>();
      cmd.add_option("--model", a->model, "Model bundle (default: the shipped model)");
      cmd.add_option("--data", a->data, "Folder of speech clips to stream");
      cmd.add_option("--limit", a->limit, "Clips to use")->check(CLI::Range(1, 100000));
      cmd.add_option("--threads", a->threads, "Compute threads")->check(CLI::Range(1, 256));
      cmd.add_flag("--gpu", a->gpu, "Same as --device auto");
      cmd.add_option("--device", a->device, "Inference device: auto (CUDA when the build and machine have it), cpu, cuda, cuda:N");
      cmd.add_flag("--trust-model", a->trust, "Allow a TorchScript bundle (its code runs here)");
      cmd.add_flag("--json", a->json, "Print one JSON object (p50_ms, p95_ms, x_realtime, ...)");
      return [a] { return runBenchInfer(*a); };
    });

}  // namespace
}  // namespace emo::cli
