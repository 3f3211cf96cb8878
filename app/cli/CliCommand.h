#pragma once
// Sub-command registry of emoscope-cli. Each command lives in its own file and registers itself:
//
//   static const bool registered = emo::cli::registerCommand(
//       "info", "Print format, rate, channels, frames and duration of audio files",
//       [](CLI::App& cmd) {
//         auto files = std::make_shared<std::vector<std::string>>();
//         cmd.add_option("files", *files, "Audio files")->required();
//         return [files] { return runInfo(*files); };   // returns the exit code
//       });
//
// A name with a space ("bench features") becomes a nested sub-command. Commands print results
// to stdout and errors to stderr, returning non-zero on failure.
#include <CLI/CLI.hpp>

#include <functional>
#include <string>

namespace emo::cli {

using CommandRun = std::function<int()>;
using CommandSetup = std::function<CommandRun(CLI::App& command)>;

bool registerCommand(const std::string& name, const std::string& description, CommandSetup setup);

/// Exit codes shared by commands.
enum ExitCode { kOk = 0, kFailure = 1, kUsage = 2 };

}  // namespace emo::cli
