// emoscope-cli scan DIR_OR_CSV... [--adapter NAME] [--schema NAME] [--json]
// Scans datasets and prints what was found: adapter, clips per label and speaker, skipped files
// with their reasons, duplicate audio; with --schema, the class counts after the label mapping.
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "CliCommand.h"
#include "core/data/DatasetScanner.h"
#include "core/data/LabelVocabulary.h"

namespace emo::cli {
namespace {

struct ScanArgs {
  std::vector<std::string> roots;
  std::string adapter = "auto";
  std::string schema;
  bool json = false;
  bool noDuplicates = false;
};

// Class counts under `schema` and the labels it drops.
void schemaCounts(const ScanReport& report, const LabelSchema& schema, std::map<std::string, int>& perClass,
                  std::map<std::string, int>& dropped) {
  for (const auto& c : schema.classes) perClass[c] = 0;
  for (const Clip& clip : report.clips) {
    if (auto cls = schema.map(clip.label)) ++perClass[*cls];
    else ++dropped[clip.label];
  }
}

int runScan(const ScanArgs& args) {
  std::unique_ptr<LabelSchema> schema;
  if (!args.schema.empty()) {
    auto s = LabelSchema::resolve(args.schema);
    if (!s) {
      std::cerr << "emoscope-cli scan: " << s.error() << "\n";
      return kUsage;
    }
    schema = std::make_unique<LabelSchema>(s.value());
  }
  nlohmann::json all = nlohmann::json::array();
  int status = kOk;
  for (const std::string& root : args.roots) {
    ScanOptions options;
    options.adapter = args.adapter;
    options.detectDuplicates = !args.noDuplicates;
    bool progressShown = false;
    options.progress = [&](long long done, long long total, const std::string&) {
      if (total < 200 || (done % 100 != 0 && done != total)) return;
      std::cerr << "\rscanning " << done << "/" << total << std::flush;
      progressShown = true;
    };
    auto report = scanDataset(root, options);
    if (progressShown) std::cerr << "\n";
    if (!report) {
      std::cerr << "emoscope-cli scan: " << report.error() << "\n";
      status = kFailure;
      continue;
    }
    std::map<std::string, int> perClass, dropped;
    if (schema) schemaCounts(report.value(), *schema, perClass, dropped);
    if (args.json) {
      auto j = nlohmann::json::parse(report->toJson());
      if (schema) {
        j["schema"] = {{"name", schema->name}, {"classes", schema->classes}, {"perClass", perClass},
                       {"dropped", dropped}};
      }
      all.push_back(std::move(j));
      continue;
    }
    std::cout << report->summary();
    if (schema) {
      std::cout << "schema " << schema->name << ":\n";
      for (const auto& c : schema->classes) std::cout << "  " << c << ": " << perClass[c] << "\n";
      for (const auto& [label, n] : dropped) std::cout << "  dropped " << label << ": " << n << "\n";
    }
    if (&root != &args.roots.back()) std::cout << "\n";
  }
  if (args.json)
    std::cout << (all.size() == 1 ? all.front() : all).dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
              << "\n";
  return status;
}

const bool registered = registerCommand(
    "scan", "Scan dataset folders or CSV manifests: clips per label and speaker, skipped files, duplicates",
    [](CLI::App& cmd) {
      auto args = std::make_shared<ScanArgs>();
      cmd.add_option("roots", args->roots, "Dataset folders or CSV manifests (header path,label,speaker)")
          ->required();
      cmd.add_option("--adapter", args->adapter, "Naming convention")
          ->check(CLI::IsMember(adapterNames()))
          ->default_val("auto");
      cmd.add_option("--schema", args->schema,
                     "Label schema to count classes under: ravdess8, ekman7, basic6, valence3 or a mapping .json");
      cmd.add_flag("--json", args->json, "Print the report as JSON");
      cmd.add_flag("--no-duplicates", args->noDuplicates, "Skip the content hashing that finds duplicate audio");
      return [args] { return runScan(*args); };
    });

}  // namespace
}  // namespace emo::cli
