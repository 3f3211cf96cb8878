// emoscope-cli: entry point. Builds the CLI11 tree from the registered commands and runs the one
// the user chose. Exceptions never escape: they become a message on stderr and exit code 1.
#include <iostream>
#include <map>
#include <memory>
#include <vector>

#include "CliCommand.h"

namespace emo::cli {
namespace {

struct Entry {
  std::string name;
  std::string description;
  CommandSetup setup;
};

std::vector<Entry>& registry() {
  static std::vector<Entry> entries;
  return entries;
}

/// What each group of nested commands is for (its --help line and man page entry).
const std::map<std::string, std::string>& groupDescriptions() {
  static const std::map<std::string, std::string> descriptions{
      {"bench",
       "Measure speed and stability on this machine: feature extraction (x real time), model inference "
       "(streaming latency, file throughput), and a long live-stream soak (drops, frame rate, memory)"}};
  return descriptions;
}

}  // namespace

bool registerCommand(const std::string& name, const std::string& description, CommandSetup setup) {
  registry().push_back({name, description, std::move(setup)});
  return true;
}

}  // namespace emo::cli

int main(int argc, char** argv) {
  using namespace emo::cli;
  CLI::App app{"EmoScope: speech emotion recognition on your own machine"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("emoscope-cli 0.1.0"));

  std::map<std::string, CLI::App*> groups;  // "bench" -> its sub-app
  std::vector<std::pair<CLI::App*, CommandRun>> runs;
  for (auto& entry : registry()) {
    CLI::App* parent = &app;
    std::string leaf = entry.name;
    if (const auto space = entry.name.find(' '); space != std::string::npos) {
      const std::string group = entry.name.substr(0, space);
      leaf = entry.name.substr(space + 1);
      auto& g = groups[group];
      if (!g) {
        const auto described = groupDescriptions().find(group);
        g = app.add_subcommand(group, described != groupDescriptions().end() ? described->second : group);
        g->require_subcommand(1);
      }
      parent = g;
    }
    CLI::App* command = parent->add_subcommand(leaf, entry.description);
    runs.emplace_back(command, entry.setup(*command));
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);  // prints help / the usage error
    return rc == 0 ? kOk : kUsage;
  }
  try {
    for (auto& [command, run] : runs)
      if (command->parsed()) return run();
  } catch (const std::exception& e) {
    std::cerr << "emoscope-cli: error: " << e.what() << "\n";
    return kFailure;
  }
  std::cerr << "emoscope-cli: no command given (see --help)\n";
  return kUsage;
}
