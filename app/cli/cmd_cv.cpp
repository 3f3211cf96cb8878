// emoscope-cli cv --data DIR_OR_CSV... --folds K --group speaker|corpus --model-type NAME --json OUT
// --group speaker: speaker-grouped k-fold cross-validation over the pooled corpora (or
// leave-one-speaker-out, explicit test speakers, or random splits, which are flagged
// speaker-dependent in every report). --group corpus: leave-one-corpus-out (train on the other
// corpora, score the held-out one over its own labels; needs two corpora or more). Prints per-fold
// and mean ± std scores and a line per corpus (restricted UA, UA by utterance length); --json
// writes wa, ua, macro_f1 (means), their _std, labels, per_class, confusion (summed), folds,
// per_corpus (CorpusScores.h), each fold's fitted calibration (temperature, uncertain_below,
// ece_at_t1: its test ECE without the temperature; the means as ece_at_t1[_std]) and timing.
#include <iostream>
#include <memory>

#include "CliCommand.h"
#include "CliDistributed.h"
#include "CliModel.h"
#include "core/common/AtomicFile.h"
#include "core/model/ModelBundle.h"
#include "core/train/ExperimentConfig.h"

namespace emo::cli {

void addExperimentOptions(CLI::App& cmd, ExperimentConfig& c);
TrainCallbacks cliTrainCallbacks(bool verbose);
Result<FeatureDataset> cliLoadData(const DataOptions& d);

namespace {

struct CvArgs {
  ExperimentConfig config;
  std::string group = "speaker";
  std::string json;
  std::string recordIn;
  bool verbose = false;
  DistributedArgs distributed;
};

/// Records the cross-validation summary (without per-fold detail) in a bundle's model.json as
/// metrics.cross_validation: the bundle trained with the same configuration on all the data.
Status recordInBundle(const std::string& folder, nlohmann::json cv) {
  cv.erase("folds");
  // Data by name only, also for a results JSON written before names replaced paths.
  if (cv.contains("config") && cv["config"].is_object() && cv["config"].contains("data") && cv["config"]["data"].is_array()) {
    std::vector<std::string> sources;
    for (const auto& d : cv["config"]["data"])
      if (d.is_string()) sources.push_back(d.get<std::string>());
    cv["config"]["data"] = dataSourceNames(sources);
  }
  return ModelBundle::recordMetrics(folder, "cross_validation", cv);
}

std::string percent(const nlohmann::json& v) {
  if (!v.is_number()) return "  -  ";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%5.1f", 100 * v.get<double>());
  return buf;
}

/// The folds' temperatures ("1.43, 1.31, ..."); `calibration` names the object of each fold that
/// holds "temperature" (empty: the fold itself).
std::string foldTemperatures(const nlohmann::json& folds, const char* calibration = "") {
  std::string out;
  for (const auto& fold : folds) {
    char buf[32];
    const nlohmann::json& c = *calibration ? fold[calibration] : fold;
    std::snprintf(buf, sizeof buf, "%s%.2f", out.empty() ? "" : ", ", c["temperature"].get<double>());
    out += buf;
  }
  return out;
}

/// The temperature each fold fitted on its validation speakers and the test ECE without it, when
/// any fold fitted one (--validation-fraction > 0): what the calibration did on unseen speakers.
void printFittedCalibration(const nlohmann::json& j) {
  if (!j.contains("ece_at_t1")) return;
  bool fitted = false;
  for (const auto& fold : j["folds"]) fitted = fitted || fold["calibration"]["temperature"].get<double>() != 1.0;
  if (!fitted) return;
  const std::string temperatures = foldTemperatures(j["folds"], "calibration");
  std::printf("fitted temperature per fold %s: ECE %.3f ± %.3f at the fitted temperature, %.3f ± %.3f at T = 1\n",
              temperatures.c_str(), j["ece"].get<double>(), j["ece_std"].get<double>(), j["ece_at_t1"].get<double>(),
              j["ece_at_t1_std"].get<double>());
}

/// The calibration fitted on the other folds' test clips (each fold's ECE at that temperature)
/// and on every fold's: the calibration for a model of this recipe trained on all the data.
void printCrossFitCalibration(const nlohmann::json& j) {
  if (!j.contains("calibration_crossfit")) return;
  const nlohmann::json& c = j["calibration_crossfit"];
  const std::string temperatures = foldTemperatures(c["folds"]);
  const nlohmann::json& all = c["out_of_fold"];
  std::printf("cross-fitted calibration (each fold's T fitted on the other folds' test clips: %s): ECE %.3f ± %.3f; "
              "fitted on every fold's test clips: T %.3f, uncertain below %.3f\n",
              temperatures.c_str(), c["ece"].get<double>(), c["ece_std"].get<double>(), all["temperature"].get<double>(),
              all["uncertain_below"].get<double>());
}

/// One line per tested corpus: its own-label UA and WA, the spread over folds, UA by length.
void printPerCorpus(const nlohmann::json& j) {
  if (!j.contains("per_corpus")) return;
  std::printf("per corpus (prediction restricted to the corpus's own labels):\n");
  for (const auto& [corpus, m] : j["per_corpus"].items()) {
    std::printf("  %-9s %d labels, %4d clips: UA %s %% (folds %s ± %s), WA %s %%, all-label UA %s %% | UA by length",
                corpus.c_str(), int(m["labels"].size()), m["count"].get<int>(), percent(m["ua"]).c_str(),
                percent(m["ua_mean"]).c_str(), percent(m["ua_std"]).c_str(), percent(m["wa"]).c_str(),
                percent(m["unrestricted_ua"]).c_str());
    for (const char* b : {"<1s", "1-2s", ">2s"})
      std::printf("  %s %s (%d)", b, percent(m["by_length"][b]["ua"]).c_str(), m["by_length"][b]["count"].get<int>());
    std::printf("\n");
  }
}

int runCv(CvArgs& a) {
  ExperimentConfig& c = a.config;
  c.group = a.group;
  if (auto ok = c.evaluationSplit().validate(); !ok) {
    std::cerr << "emoscope-cli cv: " << ok.error() << " (use --split random for a speaker-dependent split)\n";
    return kUsage;
  }
  auto data = c.dataOptions();
  auto exp = data ? c.experimentOptions() : Result<ExperimentOptions>(Error{data.error()});
  if (!exp) {
    std::cerr << "emoscope-cli cv: " << exp.error() << "\n";
    return kUsage;
  }
  if (!c.checkpoint.empty()) {
    std::cerr << "emoscope-cli cv: --checkpoint applies to train only\n";
    return kUsage;
  }
  std::unique_ptr<GradientSync> sync = cliJoinJob(a.distributed, c.device, "cv");
  if (!sync) return kFailure;
  exp->train.device = c.device;  // a rank's own GPU
  auto ds = cliLoadData(data.value());
  if (!ds) {
    std::cerr << "emoscope-cli cv: " << ds.error() << "\n";
    return kFailure;
  }
  auto folds = c.makeFolds(ds->clips);
  if (!folds) {
    std::cerr << "emoscope-cli cv: " << folds.error() << "\n";
    return kUsage;
  }
  if (c.split == "random")
    std::cerr << "WARNING: --split random is speaker-dependent: the same speakers are in training and test; "
                 "scores will not hold for new speakers\n";
  TrainCallbacks callbacks = cliTrainCallbacks(a.verbose);
  callbacks.sync = sync.get();
  auto rep = crossValidate(ds.value(), data.value(), folds.value(), exp.value(), callbacks, c.testCorpora);
  if (!rep) {
    std::cerr << "emoscope-cli cv: " << rep.error() << "\n";
    return kFailure;
  }
  if (sync->rank() != 0) {  // every rank trained every fold; rank 0 reports
    std::cerr << "rank " << sync->rank() << " of " << sync->worldSize() << ": cross-validation done\n";
    return kOk;
  }
  nlohmann::json& j = rep->json;
  j["config"] = nlohmann::json::parse(c.toJson());
  j["clips"] = ds->clips.size();
  j["protocol"] = c.evaluationSplit().describe();
  j["group"] = c.group;
  j["corpora"] = nlohmann::json::parse(ds->summaryJson())["corpora"];
  std::printf("%s, %zu folds, %lld parameters: UA %.1f ± %.1f %%, WA %.1f ± %.1f %%, macro F1 %.1f %%, ECE %.3f ± %.3f\n",
              c.modelType.c_str(), folds->size(), rep->parameters, 100 * j["ua"].get<double>(),
              100 * j["ua_std"].get<double>(), 100 * j["wa"].get<double>(), 100 * j["wa_std"].get<double>(),
              100 * j["macro_f1"].get<double>(), j["ece"].get<double>(), j["ece_std"].get<double>());
  if (j.value("speaker_dependent", false)) std::printf("WARNING: speaker-dependent evaluation\n");
  printFittedCalibration(j);
  printCrossFitCalibration(j);
  printPerCorpus(j);
  if (j.contains("test_time_stats")) printStatsSources(j["test_time_stats"]);
  if (j.contains("speaker_prior_balanced")) printSpeakerPriorBalanced(j["speaker_prior_balanced"]);
  if (j.contains("conditions"))
    for (const auto& [name, m] : j["conditions"].items())
      std::printf("  %-14s UA %.1f ± %.1f %%, WA %.1f ± %.1f %%\n", name.c_str(), 100 * m["ua"].get<double>(),
                  100 * m["ua_std"].get<double>(), 100 * m["wa"].get<double>(), 100 * m["wa_std"].get<double>());
  if (!a.json.empty())
    if (auto ok = writeFileAtomically(a.json, j.dump(2) + "\n"); !ok) {
      std::cerr << "emoscope-cli cv: " << ok.error() << "\n";
      return kFailure;
    }
  if (!a.recordIn.empty()) {
    if (Status ok = recordInBundle(a.recordIn, j); !ok) {
      std::cerr << "emoscope-cli cv: " << ok.error() << "\n";
      return kFailure;
    }
    std::printf("recorded in %s/model.json as metrics.cross_validation\n", a.recordIn.c_str());
  }
  return kOk;
}

const bool registered = registerCommand(
    "cv", "Cross-validate a model type: speaker-grouped folds or leave-one-corpus-out", [](CLI::App& cmd) {
      auto a = std::make_shared<CvArgs>();
      addExperimentOptions(cmd, a->config);
      addDistributedOptions(cmd, a->distributed);
      cmd.add_option("--group", a->group,
                     "speaker: speaker-grouped folds over the pooled corpora; corpus: leave one corpus out");
      cmd.add_option("--json", a->json, "Write the results JSON here");
      cmd.add_flag("--test-conditions", a->config.testConditions,
                   "Also score each fold under gain +-12 dB and noise at 20/10 dB SNR (and calibration from neutral "
                   "clips for --norm speaker)");
      cmd.add_option("--record-in", a->recordIn, "Record the results in this bundle's model.json (metrics.cross_validation)");
      cmd.add_flag("--verbose", a->verbose, "Print every epoch");
      return [a] { return runCv(*a); };
    });

// emoscope-cli record-cv --model BUNDLE --cv-json FILE: records an earlier cv run's results in
// a bundle (when the bundle was trained separately with the configuration cv measured).
const bool registeredRecord = registerCommand(
    "record-cv", "Record a cv results JSON in a model bundle's model.json (metrics.cross_validation)",
    [](CLI::App& cmd) {
      auto model = std::make_shared<std::string>();
      auto json = std::make_shared<std::string>();
      cmd.add_option("--model", *model, "Model bundle folder")->required();
      cmd.add_option("--cv-json", *json, "JSON written by cv --json")->required();
      return [model, json] {
        auto text = readFileBytes(*json);
        if (!text) {
          std::cerr << "emoscope-cli record-cv: " << text.error() << "\n";
          return int(kFailure);
        }
        const nlohmann::json cv = nlohmann::json::parse(text.value(), nullptr, false);
        if (cv.is_discarded() || !cv.is_object() || !cv.contains("ua")) {
          std::cerr << "emoscope-cli record-cv: " << *json << ": not a cv results JSON\n";
          return int(kUsage);
        }
        if (Status ok = recordInBundle(*model, cv); !ok) {
          std::cerr << "emoscope-cli record-cv: " << ok.error() << "\n";
          return int(kFailure);
        }
        std::cout << "recorded " << *json << " in " << *model << "/model.json\n";
        return int(kOk);
      };
    });

}  // namespace
}  // namespace emo::cli
