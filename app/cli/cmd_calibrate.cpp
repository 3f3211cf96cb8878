// emoscope-cli calibrate --name NAME FILE_OR_FOLDER... [--model BUNDLE] [--out FILE]
// emoscope-cli calibrate --list
// Makes a speaker profile from recordings of that speaker's neutral voice (at least 3 s of
// speech), for models trained with speaker normalisation; `predict --profile NAME` uses it.
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "CliCommand.h"
#include "CliModel.h"
#include "InputFiles.h"
#include "core/audio/AudioReader.h"
#include "core/infer/SpeakerProfile.h"
#include "core/model/ModelBundle.h"

namespace emo::cli {
namespace {

struct CalibrateArgs {
  std::string name;
  std::vector<std::string> inputs;
  std::string model;
  std::string out;
  bool list = false;
};

int listProfiles() {
  const std::string folder = defaultProfileFolder();
  std::cout << "profiles in " << folder << ":\n";
  for (const auto& n : listSpeakerProfiles(folder)) std::cout << "  " << n << "\n";
  return kOk;
}

int runCalibrate(const CalibrateArgs& a) {
  if (a.list) return listProfiles();
  if (a.name.empty() || a.inputs.empty()) {
    std::cerr << "emoscope-cli calibrate: give --name NAME and the neutral recordings (or --list)\n";
    return kUsage;
  }
  Result<std::vector<std::string>> files = expandAudioInputs(a.inputs);
  if (!files) {
    std::cerr << "emoscope-cli calibrate: " << files.error() << "\n";
    return kFailure;
  }
  std::shared_ptr<const ModelBundle> model = loadCliModel(a.model);
  if (!model) return kFailure;
  if (model->normMode() != NormMode::Speaker)
    std::cerr << "emoscope-cli calibrate: note: this model uses " << normModeName(model->normMode())
              << " normalisation and ignores speaker profiles; use a model trained with --norm speaker\n";
  std::vector<AudioBuffer> recordings;
  for (const std::string& f : *files) {
    Result<AudioBuffer> audio = readAudioMono(f);
    if (!audio) {
      std::cerr << "emoscope-cli calibrate: " << audio.error() << "\n";
      return kFailure;
    }
    recordings.push_back(std::move(audio.value()));
  }
  Result<SpeakerProfile> profile = makeSpeakerProfile(a.name, *model, recordings);
  if (!profile) {
    std::cerr << "emoscope-cli calibrate: " << profile.error() << "\n";
    return kFailure;
  }
  const std::string path = a.out.empty() ? profilePath(a.name) : a.out;
  if (Status st = saveSpeakerProfile(path, *profile); !st) {
    std::cerr << "emoscope-cli calibrate: " << st.error() << "\n";
    return kFailure;
  }
  std::cout << "profile \"" << a.name << "\" (" << profile->speechSeconds << " s of speech) written to " << path << "\n";
  return kOk;
}

const bool registered = registerCommand(
    "calibrate", "Make a speaker profile from neutral recordings (per-speaker calibration)", [](CLI::App& cmd) {
      auto a = std::make_shared<CalibrateArgs>();
      cmd.add_option("inputs", a->inputs, "Neutral recordings of the speaker (files or folders)");
      cmd.add_option("--name", a->name, "Profile name");
      cmd.add_option("--model", a->model, "Model bundle (default: the shipped model)");
      cmd.add_option("--out", a->out, "Profile file (default: the profile folder)");
      cmd.add_flag("--list", a->list, "List the saved profiles");
      return [a] { return runCalibrate(*a); };
    });

}  // namespace
}  // namespace emo::cli
