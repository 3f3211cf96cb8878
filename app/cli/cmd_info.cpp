// emoscope-cli info FILE... [--json]
// Prints container, encoding, sample rate, channels, frames and duration of each audio file (the
// header only; nothing is decoded). Unreadable files are reported on stderr and make the exit
// code 1, but the good files are still printed.
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "CliCommand.h"
#include "core/audio/AudioReader.h"

namespace emo::cli {
namespace {

struct InfoArgs {
  std::vector<std::string> files;
  bool json = false;
};

std::string durationText(double seconds) {
  char text[64];
  const int minutes = static_cast<int>(seconds / 60.0);
  std::snprintf(text, sizeof text, "%.3f s (%d:%06.3f)", seconds, minutes, seconds - 60.0 * minutes);
  return text;
}

void printText(const AudioInfo& info) {
  std::cout << info.path << "\n"
            << "  container:   " << info.container << "\n"
            << "  encoding:    " << info.encoding << "\n"
            << "  sample rate: " << info.sampleRate << " Hz\n"
            << "  channels:    " << info.channels << "\n"
            << "  frames:      " << info.frames << "\n"
            << "  duration:    " << durationText(info.seconds()) << "\n";
  for (const std::string& w : info.warnings) std::cout << "  warning:     " << w << "\n";
}

nlohmann::json toJson(const AudioInfo& info) {
  return {{"path", info.path},         {"container", info.container}, {"encoding", info.encoding},
          {"sample_rate", info.sampleRate}, {"channels", info.channels}, {"frames", info.frames},
          {"duration_s", info.seconds()},   {"warnings", info.warnings}};
}

int runInfo(const InfoArgs& args) {
  int status = kOk;
  nlohmann::json all = nlohmann::json::array();
  for (const std::string& file : args.files) {
    auto info = probeAudio(file);
    if (!info) {
      std::cerr << "emoscope-cli info: " << info.error() << "\n";
      status = kFailure;
      continue;
    }
    if (args.json) all.push_back(toJson(*info));
    else printText(*info);
  }
  if (args.json) std::cout << all.dump(2) << "\n";
  return status;
}

const bool registered = registerCommand(
    "info", "Print container, encoding, rate, channels, frames and duration of audio files",
    [](CLI::App& cmd) {
      auto args = std::make_shared<InfoArgs>();
      cmd.add_option("files", args->files, "Audio files")->required();
      cmd.add_flag("--json", args->json, "Print a JSON array instead of text");
      return [args] { return runInfo(*args); };
    });

}  // namespace
}  // namespace emo::cli
