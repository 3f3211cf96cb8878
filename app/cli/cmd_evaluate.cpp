// emoscope-cli evaluate [--model BUNDLE] --data DIR_OR_CSV... [--json OUT]
// Scores a bundle (default: the shipped model, as for predict) on labelled data (features
// computed with the bundle's own parameters, labels mapped with its schema). When the data holds
// only some of the model's labels (cross-corpus), it also reports the scores with the prediction
// restricted to those labels ("restricted"). Speakers the model was trained on (model.json's
// training_data) make the scores speaker-dependent: a warning names them, the JSON says so, and
// when the data also holds unseen speakers their scores are reported on their own. A
// speaker-normalised model is also scored with each other source of test-time speaker statistics
// (the session so far, a neutral calibration, none: core/train/TestTimeStats.h), and every model
// with each speaker's predictions balanced by their own mean prediction (core/train/CorpusScores.h).
#include <algorithm>
#include <iostream>
#include <memory>
#include <set>

#include "CliCommand.h"
#include "CliModel.h"
#include "core/common/AtomicFile.h"
#include "core/infer/EmotionFrame.h"
#include "core/model/ModelBundle.h"
#include "core/train/CorpusScores.h"
#include "core/train/Experiment.h"
#include "core/train/ExperimentConfig.h"
#include "core/train/TestTimeStats.h"

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

/// The data's speakers that the bundle's training data lists (training or validation), sorted.
/// Validation speakers of a run that kept its last epoch (--keep last) only fitted the calibration
/// temperature, which never changes the predicted label: they count as unseen.
std::vector<std::string> seenSpeakers(const ModelBundle& b, const FeatureDataset& ds) {
  const nlohmann::json& hp = b.info().hyperparameters;
  const bool keptLast = hp.is_object() && hp.value("keep", std::string("best")) == "last";
  std::set<std::string> trained = bundleSpeakers(b, "speakers");
  if (keptLast)
    for (const auto& s : bundleSpeakers(b, "validation_speakers")) trained.erase(s);
  else
    trained.merge(bundleSpeakers(b, "validation_speakers"));
  std::set<std::string> seen;
  for (const Clip& c : ds.clips)
    if (trained.count(c.speaker)) seen.insert(c.speaker);
  return {seen.begin(), seen.end()};
}

int runEvaluate(const EvalArgs& a) {
  std::shared_ptr<const ModelBundle> bundle = loadCliModelOn(a.model, a.device, a.trust);
  if (!bundle) return kFailure;
  const ModelBundle& b = *bundle;
  auto ds = cliLoadData(bundleDataOptions(b, a.data, a.adapter, a.threads, a.cacheDir));
  if (!ds) {
    std::cerr << "emoscope-cli evaluate: " << ds.error() << "\n";
    return kFailure;
  }
  auto ev = evaluateOnClips(b, ds.value());
  if (!ev) {
    std::cerr << "emoscope-cli evaluate: " << ev.error() << "\n";
    return kFailure;
  }
  const std::vector<std::string> seen = seenSpeakers(b, *ds);
  std::vector<int> unseenClips;
  for (size_t i = 0; i < ds->clips.size(); ++i)
    if (!std::binary_search(seen.begin(), seen.end(), ds->clips[i].speaker)) unseenClips.push_back(static_cast<int>(i));
  if (!seen.empty()) {
    ev->metrics.speakerDependent = true;
    ev->restrictedMetrics.speakerDependent = ev->restricted;
    std::string names;
    for (const auto& s : seen) names += (names.empty() ? "" : ", ") + s;
    std::cerr << "emoscope-cli evaluate: warning: " << seen.size() << " of the data's speakers were in the model's "
              << "training data (" << names << "); their scores overstate how the model does on new speakers\n";
  }
  nlohmann::json j = ev->toJson();
  j["model"] = cliModelFolder(a.model);
  j["model_type"] = b.modelType();
  j["data"] = dataSourceNames(a.data);
  j["corpora"] = nlohmann::json::parse(ds->summaryJson())["corpora"];
  std::vector<ScoredClip> scored;
  for (size_t k = 0; k < ev->clips.size(); ++k) scored.push_back({ev->clips[k], ev->truth[k], ev->probs[k]});
  j["per_corpus"] = perCorpusScores(ds.value(), b.labels(), {scored}, b.featureParams());
  j["speaker_prior_balanced"] =
      perCorpusScores(ds.value(), b.labels(), speakerPriorBalanced(ds.value(), b.labels(), {scored}), b.featureParams());
  j["speakers_in_training"] = seen;
  std::cout << ev->metrics.toText();
  if (ev->restricted) {
    std::cout << "\nrestricted to the " << ev->restrictedMetrics.labels.size() << " labels present in the data:\n"
              << ev->restrictedMetrics.toText();
  }
  if (!seen.empty() && !unseenClips.empty()) {
    auto unseen = evaluateOnClips(b, ds.value(), unseenClips);
    if (!unseen) {
      std::cerr << "emoscope-cli evaluate: " << unseen.error() << "\n";
      return kFailure;
    }
    j["unseen_speakers"] = unseen->toJson();
    std::cout << "\nspeakers the model was not trained on only (" << unseenClips.size() << " clips):\n"
              << unseen->metrics.toText();
  }
  if (b.normMode() == NormMode::Speaker) {
    constexpr uint64_t kSessionOrderSeed = 1;  // each speaker's clips in one fixed random order
    const double sessionSeconds = StreamParams{}.sessionStatsSeconds;
    auto sources = scoreStatsSources(b, ds.value(), {}, sessionSeconds, kSessionOrderSeed);
    if (!sources) {
      std::cerr << "emoscope-cli evaluate: " << sources.error() << "\n";
      return kFailure;
    }
    j["test_time_stats"] = statsSourcesJson(ds.value(), b.labels(), {sources.value()}, b.featureParams(), sessionSeconds);
    std::cout << "\n" << std::flush;
    printStatsSources(j["test_time_stats"]);
  }
  std::cout << std::flush;
  printSpeakerPriorBalanced(j["speaker_prior_balanced"]);
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
      cmd.add_option("--model", a->model, "Model bundle folder (default: the shipped model)");
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
