// emoscope-cli record-cross-corpus --model BUNDLE [--loco LOCO.json] [--pooled POOLED.json]
// Records the cross-corpus figures of a configuration (written by `cv --group corpus --json` and
// `cv --group speaker --json` over several corpora, e.g. by scripts/crosscorpus.sh) in a bundle's
// model.json as metrics.cross_corpus: per corpus the UA/WA over its own labels, the spread over
// folds and UA by utterance length, and the configuration with its data named by corpus, never
// by a path of the machine that ran it.
#include <iostream>
#include <memory>

#include "CliCommand.h"
#include "core/common/AtomicFile.h"
#include "core/model/ModelBundle.h"

namespace emo::cli {
namespace {

/// The per-corpus figures of a cv results JSON, or an error naming the file.
Result<nlohmann::json> perCorpusFigures(const std::string& path, const std::string& wantGroup) {
  auto text = readFileBytes(path);
  if (!text) return Error{text.error()};
  const nlohmann::json cv = nlohmann::json::parse(text.value(), nullptr, false);
  if (cv.is_discarded() || !cv.is_object() || !cv.contains("per_corpus") || !cv["per_corpus"].is_object())
    return fail(path + ": not a cv results JSON with per-corpus scores (run cv with --json)");
  if (cv.value("group", std::string("speaker")) != wantGroup)
    return fail(path + ": expected a cv --group " + wantGroup + " result, got --group " + cv.value("group", std::string("speaker")));
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [corpus, m] : cv["per_corpus"].items())
    out["per_corpus"][corpus] = {{"ua", m.value("ua", 0.0)},           {"wa", m.value("wa", 0.0)},
                                 {"ua_std", m.value("ua_std", 0.0)},   {"labels", m.value("labels", nlohmann::json::array())},
                                 {"count", m.value("count", 0)},       {"by_length", m.value("by_length", nlohmann::json::object())}};
  out["protocol"] = cv.value("protocol", wantGroup == "corpus" ? "leave-one-corpus-out" : "speaker-grouped folds");
  out["corpora"] = cv.value("corpora", nlohmann::json::object());
  if (cv.contains("config") && cv["config"].is_object()) {
    nlohmann::json config = cv["config"];
    if (config.contains("data")) config.erase("data");  // cv writes names; older files held paths
    out["config"] = config;
  }
  out["model_type"] = cv.value("model_type", std::string());
  out["seconds_per_epoch"] = cv.value("seconds_per_epoch", nlohmann::json::array());
  return out;
}

int runRecord(const std::string& model, const std::string& loco, const std::string& pooled) {
  if (loco.empty() && pooled.empty()) {
    std::cerr << "emoscope-cli record-cross-corpus: give --loco and/or --pooled results\n";
    return kUsage;
  }
  nlohmann::json record = nlohmann::json::object();
  for (const auto& [path, group, key] : {std::tuple{loco, "corpus", "leave_one_corpus_out"},
                                         std::tuple{pooled, "speaker", "pooled_speaker_folds"}}) {
    if (path.empty()) continue;
    auto figures = perCorpusFigures(path, group);
    if (!figures) {
      std::cerr << "emoscope-cli record-cross-corpus: " << figures.error() << "\n";
      return kUsage;
    }
    record[key] = figures.value();
  }
  if (Status ok = ModelBundle::recordMetrics(model, "cross_corpus", record); !ok) {
    std::cerr << "emoscope-cli record-cross-corpus: " << ok.error() << "\n";
    return kFailure;
  }
  std::cout << "recorded in " << model << "/model.json as metrics.cross_corpus\n";
  return kOk;
}

const bool registered = registerCommand(
    "record-cross-corpus", "Record cross-corpus cv results in a model bundle's model.json (metrics.cross_corpus)",
    [](CLI::App& cmd) {
      auto model = std::make_shared<std::string>();
      auto loco = std::make_shared<std::string>();
      auto pooled = std::make_shared<std::string>();
      cmd.add_option("--model", *model, "Model bundle folder")->required();
      cmd.add_option("--loco", *loco, "JSON written by cv --group corpus --json");
      cmd.add_option("--pooled", *pooled, "JSON written by cv --group speaker --json over several corpora");
      return [model, loco, pooled] { return runRecord(*model, *loco, *pooled); };
    });

}  // namespace
}  // namespace emo::cli
