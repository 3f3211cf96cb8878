// emoscope-cli evaluate --model BUNDLE --data DIR_OR_CSV... [--json OUT]
// Scores a bundle on labelled data (features computed with the bundle's own parameters, labels
// mapped with its schema). When the data holds only some of the model's labels (cross-corpus),
// it also reports the scores with the prediction restricted to those labels ("restricted").
#include <iostream>
#include <memory>

#include "CliCommand.h"
#include "core/common/AtomicFile.h"
#include "core/model/ModelBundle.h"
#include "core/train/CorpusScores.h"
#include "core/train/Experiment.h"
#include "core/train/ExperimentConfig.h"

namespace emo::cli {

Result<FeatureDataset> cliLoadData(const DataOptions& d);

namespace {

struct EvalArgs {
  std::string model;
  std::vector<std::string> data;
  std::string adapter = "auto";
  std::string json;
  int threads = 2;
  std::string cacheDir;
  bool trust = false;
  std::string device = "auto";
};

int runEvaluate(const EvalArgs& a) {
  auto device = resolveComputeDevice(a.device);
  if (!device) {
    std::cerr << "emoscope-cli evaluate: " << device.error() << "\n";
    return kUsage;
  }
  auto bundle = ModelBundle::loadOn(a.model, device.value(), a.trust);
  if (!bundle) {
    std::cerr << "emoscope-cli evaluate: " << bundle.error() << "\n";
    return kFailure;
  }
  const ModelBundle& b = *bundle.value();
  DataOptions d;
  d.sources = a.data;
  d.adapter = a.adapter;
  d.schema = b.info().schema.empty() ? "ravdess8" : b.info().schema;
  d.featureParams = b.featureParams();
  d.kinds = b.featureKinds();
  d.threads = a.threads;
  d.cacheDir = a.cacheDir;
  auto ds = cliLoadData(d);
  if (!ds) {
    std::cerr << "emoscope-cli evaluate: " << ds.error() << "\n";
    return kFailure;
  }
  auto ev = evaluateOnClips(b, ds.value());
  if (!ev) {
    std::cerr << "emoscope-cli evaluate: " << ev.error() << "\n";
    return kFailure;
  }
  nlohmann::json j = ev->toJson();
  j["model"] = a.model;
  j["model_type"] = b.modelType();
  j["data"] = dataSourceNames(a.data);
  j["corpora"] = nlohmann::json::parse(ds->summaryJson())["corpora"];
  std::vector<ScoredClip> scored;
  for (size_t k = 0; k < ev->clips.size(); ++k) scored.push_back({ev->clips[k], ev->truth[k], ev->probs[k]});
  j["per_corpus"] = perCorpusScores(ds.value(), b.labels(), {scored}, b.featureParams());
  std::cout << ev->metrics.toText();
  if (ev->restricted) {
    std::cout << "\nrestricted to the " << ev->restrictedMetrics.labels.size() << " labels present in the data:\n"
              << ev->restrictedMetrics.toText();
  }
  if (!a.json.empty())
    if (auto ok = writeFileAtomically(a.json, j.dump(2) + "\n"); !ok) {
      std::cerr << "emoscope-cli evaluate: " << ok.error() << "\n";
      return kFailure;
    }
  return kOk;
}

const bool registered = registerCommand(
    "evaluate", "Score a model bundle on labelled data (WA, UA, macro F1, per class, confusion)", [](CLI::App& cmd) {
      auto a = std::make_shared<EvalArgs>();
      cmd.add_option("--model", a->model, "Model bundle folder")->required();
      cmd.add_option("--data", a->data, "Dataset folders or CSV manifests")->required();
      cmd.add_option("--adapter", a->adapter, "Dataset adapter");
      cmd.add_option("--json", a->json, "Write the results JSON here");
      cmd.add_option("--threads", a->threads, "Feature extraction threads");
      cmd.add_option("--cache-dir", a->cacheDir, "Feature cache folder");
      cmd.add_flag("--trust-model", a->trust, "Allow a TorchScript bundle (its code runs here)");
      cmd.add_option("--device", a->device, "Inference device: auto (CUDA when the build and machine have it), cpu, cuda, cuda:N");
      return [a] { return runEvaluate(*a); };
    });

}  // namespace
}  // namespace emo::cli
