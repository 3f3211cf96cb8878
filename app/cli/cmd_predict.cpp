// emoscope-cli predict FILE_OR_FOLDER... [--model BUNDLE] [--json | --csv] [--timeline
//   [--window S --hop S]] [--labels audacity|textgrid|csv|json --out FILE_OR_FOLDER] [--shard I/N]
//   [--profile NAME_OR_FILE | --same-speaker]
// Prints, per file, the label and every class probability (or "no speech"). Folders expand to
// their audio files, with a progress indicator on stderr. A file that cannot be read is reported
// on stderr and as an entry with an "error" field (JSON, CSV), the others are still processed,
// and the exit code is 1. With --labels the timeline goes to the label files only; stdout shows
// it only when --timeline is given too. --same-speaker: the inputs are one speaker's, and a
// speaker-normalised model is given the statistics of their speech (as a profile made from them)
// instead of a calibration recording.
#include <filesystem>
#include <functional>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "CliCommand.h"
#include "CliModel.h"
#include "InputFiles.h"
#include "PredictOutput.h"
#include "core/infer/SpeakerProfile.h"
#include "core/infer/TimelineLabels.h"
#include "core/infer/TimelinePredictor.h"
#include "core/audio/AudioReader.h"
#include "core/model/ModelBundle.h"
#include "core/model/TorchRuntime.h"

namespace emo::cli {
namespace {

struct PredictArgs {
  std::vector<std::string> inputs;
  std::string model;
  bool json = false;
  bool csv = false;
  bool timeline = false;
  double window = 0.0;
  double hop = 0.0;
  std::string labels;
  std::string out;
  std::string shard;
  std::string profile;
  bool sameSpeaker = false;
  int threads = 1;
  bool gpu = false;
  std::string device = "auto";
  bool trust = false;
};

bool anyFolder(const std::vector<std::string>& inputs) {
  for (const auto& in : inputs)
    if (std::filesystem::is_directory(in)) return true;
  return false;
}

/// The statistics of all readable inputs' speech, as a speaker profile made from them (files that
/// cannot be read are left out here and reported when predicted). A model that does not normalise
/// per speaker ignores them: a note says so.
Result<NormStats> inputsSpeakerStats(const ModelBundle& model, const std::vector<std::string>& files) {
  if (model.normMode() != NormMode::Speaker)
    std::cerr << "emoscope-cli predict: note: this model uses " << normModeName(model.normMode())
              << " normalisation and ignores speaker statistics\n";
  return speakerStatsOfFiles(model, files);
}

/// Where the label file of `file` goes: --out itself for one input, else a file in the --out folder.
std::string labelPath(const PredictArgs& a, const std::string& file, LabelFormat format, size_t inputCount) {
  if (inputCount == 1 && !std::filesystem::is_directory(a.out)) return a.out;
  return (std::filesystem::path(a.out) / (std::filesystem::path(file).stem().string() + labelFormatExtension(format)))
      .string();
}

/// The utterance, plus its timeline (overlapping windows) when asked for, in one pass where possible.
Result<TimelinePredictor::Analysis> analyseAudio(const TimelinePredictor& predictor, const AudioBuffer& audio,
                                                 bool timeline, double window, double hop) {
  if (timeline) return predictor.analyse(audio, window, hop);
  Result<UtterancePrediction> u = predictor.predictUtterance(audio);
  if (!u) return Error{u.error()};
  return TimelinePredictor::Analysis{std::move(u.value()), {}};
}

/// The model's "uncertain" rule (core's isUncertain), or none when its calibration sets no threshold.
std::function<bool(const std::vector<float>&)> uncertainRuleOf(const std::shared_ptr<const ModelBundle>& model) {
  if (model->info().uncertainBelow <= 0) return {};
  return [model](const std::vector<float>& p) { return isUncertain(model->info(), p); };
}

int runPredict(const PredictArgs& a) {
  if (a.json && a.csv) {
    std::cerr << "emoscope-cli predict: choose --json or --csv, not both\n";
    return kUsage;
  }
  LabelFormat format = LabelFormat::Audacity;
  if (!a.labels.empty()) {
    Result<LabelFormat> f = parseLabelFormat(a.labels);
    if (!f) {
      std::cerr << "emoscope-cli predict: " << f.error() << "\n";
      return kUsage;
    }
    format = *f;
    if (a.out.empty()) {
      std::cerr << "emoscope-cli predict: --labels needs --out FILE (or a folder for several inputs)\n";
      return kUsage;
    }
  }
  // Each input on its own: a missing path or an empty folder is reported, the rest still run.
  int status = kOk;
  std::vector<std::string> files;
  std::vector<std::pair<std::string, std::string>> failedInputs;  ///< (input, why), listed in the output
  for (const std::string& input : a.inputs) {
    Result<std::vector<std::string>> expanded = expandAudioInputs({input});
    if (!expanded) {
      std::cerr << "emoscope-cli predict: " << expanded.error() << "\n";
      failedInputs.emplace_back(input, expanded.error());
      status = kFailure;
      continue;
    }
    files.insert(files.end(), expanded->begin(), expanded->end());
  }
  if (!a.shard.empty()) {
    Result<std::pair<int, int>> shard = parseShard(a.shard);
    if (!shard) {
      std::cerr << "emoscope-cli predict: " << shard.error() << "\n";
      return kUsage;
    }
    files = selectShard(files, shard->first, shard->second);
  }
  if (!a.labels.empty() && files.size() > 1) {
    std::error_code ec;
    std::filesystem::create_directories(a.out, ec);
    if (ec) {
      std::cerr << "emoscope-cli predict: cannot create the folder " << a.out << ": " << ec.message() << "\n";
      return kFailure;
    }
  }
  setComputeThreads(a.threads);
  std::shared_ptr<const ModelBundle> model = loadCliModelOn(a.model, a.gpu ? "auto" : a.device, a.trust);
  if (!model) return kFailure;
  std::shared_ptr<const NormStats> speaker;
  if (!a.profile.empty()) {
    Result<NormStats> stats = loadProfileStatsForModel(profilePath(a.profile), *model);
    if (!stats) {
      std::cerr << "emoscope-cli predict: " << stats.error() << "\n";
      return kFailure;
    }
    speaker = std::make_shared<const NormStats>(std::move(stats.value()));
  }
  if (a.sameSpeaker) {
    Result<NormStats> stats = inputsSpeakerStats(*model, files);
    if (!stats) {
      std::cerr << "emoscope-cli predict: --same-speaker: " << stats.error() << "\n";
      return kFailure;
    }
    speaker = std::make_shared<const NormStats>(std::move(stats.value()));
  }
  const bool wantTimeline = a.timeline || !a.labels.empty();
  StreamParams stream;
  TimelinePredictor predictor(model, stream, speaker);
  const bool progress = anyFolder(a.inputs) || files.size() > 20;
  PredictPrinter printer(a.json ? OutputStyle::Json : a.csv ? OutputStyle::Csv : OutputStyle::Text, model->labels(),
                         a.timeline, uncertainRuleOf(model));
  for (const auto& [input, why] : failedInputs) printer.addError(input, why);
  for (size_t i = 0; i < files.size(); ++i) {
    const std::string& file = files[i];
    if (progress) std::cerr << "[" << i + 1 << "/" << files.size() << "] " << file << "\n";
    ReadOptions ro;
    ro.targetRate = model->featureParams().sampleRate;
    Result<AudioBuffer> audio = readAudioMono(file, ro);
    if (!audio) {
      std::cerr << "emoscope-cli predict: " << audio.error() << "\n";
      printer.addError(file, audio.error());
      status = kFailure;
      continue;
    }
    for (const std::string& w : audio->warnings) std::cerr << "emoscope-cli predict: warning: " << file << ": " << w << "\n";
    Result<TimelinePredictor::Analysis> r = analyseAudio(predictor, *audio, wantTimeline, a.window, a.hop);
    if (!r) {
      std::cerr << "emoscope-cli predict: " << file << ": " << r.error() << "\n";
      printer.addError(file, r.error());
      status = kFailure;
      continue;
    }
    UtterancePrediction& p = r->utterance;
    const std::vector<TimelineSegment>& tiles = r->timeline;
    p.file = file;
    if (!a.labels.empty()) {
      const std::string out = labelPath(a, file, format, files.size());
      Status st = writeTimelineLabels(out, format, std::filesystem::path(file).filename().string(), audio->seconds(),
                                      tiles, model->labels());
      if (!st) {
        std::cerr << "emoscope-cli predict: " << st.error() << "\n";
        printer.addError(file, st.error());
        status = kFailure;
        continue;
      }
    }
    printer.add(p, tiles);
  }
  printer.finish(std::cout);
  return status;
}

const bool registered = registerCommand(
    "predict", "Predict the emotion of audio files (utterance, or a timeline with --timeline)", [](CLI::App& cmd) {
      auto a = std::make_shared<PredictArgs>();
      cmd.add_option("inputs", a->inputs, "Audio files or folders")->required();
      cmd.add_option("--model", a->model, "Model bundle folder (default: the shipped model)");
      auto* json = cmd.add_flag("--json", a->json, "Print a JSON array: file, label, probabilities");
      cmd.add_flag("--csv", a->csv, "Print CSV")->excludes(json);
      cmd.add_flag("--timeline", a->timeline, "Also print per-segment probabilities over sliding windows");
      cmd.add_option("--window", a->window, "Timeline window in seconds (default 2.0)")->check(CLI::Range(0.2, 30.0));
      cmd.add_option("--hop", a->hop, "Timeline hop in seconds (default 0.1)")->check(CLI::Range(0.01, 30.0));
      cmd.add_option("--labels", a->labels, "Write the timeline as labels: audacity, textgrid, csv or json");
      cmd.add_option("--out", a->out, "Label file (one input) or folder (several inputs)");
      cmd.add_option("--shard", a->shard, "Process the I-th of N deterministic slices of the inputs (I/N)");
      auto* profile = cmd.add_option("--profile", a->profile, "Speaker profile (name or file) from 'calibrate'");
      cmd.add_flag("--same-speaker", a->sameSpeaker,
                   "The inputs are one speaker's: a speaker-normalised model uses the statistics of their speech "
                   "(no calibration recording needed)")
          ->excludes(profile);
      cmd.add_option("--threads", a->threads, "Compute threads")->check(CLI::Range(1, 256));
      cmd.add_flag("--gpu", a->gpu, "Same as --device auto");
      cmd.add_option("--device", a->device, "Inference device: auto (CUDA when the build and machine have it), cpu, cuda, cuda:N");
      cmd.add_flag("--trust-model", a->trust, "Allow a TorchScript bundle (its code runs here)");
      return [a] { return runPredict(*a); };
    });

}  // namespace
}  // namespace emo::cli
