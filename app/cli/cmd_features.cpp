// emoscope-cli features FILE --out DIR [--params FILE.json] [--preset NAME]
// Writes one CSV per feature (golden file names and layout: one row per frame, no header, %.9g).
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>

#include "CliCommand.h"
#include "core/audio/AudioReader.h"
#include "core/common/AtomicFile.h"
#include "core/dsp/FeatureExtractor.h"

namespace emo::cli {
namespace {

struct FeaturesArgs {
  std::string file;
  std::string out;
  std::string paramsFile;
  std::string preset;
};

std::string toCsv(const Matrix& m) {
  std::string text;
  text.reserve(size_t(m.rows) * m.cols * 14);
  char buf[32];
  for (int r = 0; r < m.rows; ++r) {
    for (int c = 0; c < m.cols; ++c) {
      const int n = std::snprintf(buf, sizeof buf, c ? ",%.9g" : "%.9g", double(m.at(r, c)));
      text.append(buf, size_t(n));
    }
    text += '\n';
  }
  return text;
}

int runFeatures(const FeaturesArgs& a) {
  if (!a.paramsFile.empty() && !a.preset.empty()) {
    std::cerr << "features: give --params or --preset, not both\n";
    return kUsage;
  }
  Result<FeatureParams> params = FeatureParams{};
  if (!a.paramsFile.empty()) params = FeatureParams::load(a.paramsFile);
  if (!a.preset.empty()) params = FeatureParams::preset(a.preset);
  if (!params) {
    std::cerr << "features: " << params.error() << "\n";
    return kFailure;
  }
  if (Status v = params->validate(); !v) {
    std::cerr << "features: " << v.error() << "\n";
    return kFailure;
  }
  ReadOptions ro;
  ro.targetRate = params->sampleRate;
  Result<AudioBuffer> audio = readAudioMono(a.file, ro);
  if (!audio) {
    std::cerr << "features: " << audio.error() << "\n";
    return kFailure;
  }
  std::error_code ec;
  std::filesystem::create_directories(a.out, ec);
  if (ec || !std::filesystem::is_directory(a.out)) {
    std::cerr << "features: " << a.out << ": cannot create output folder (" << ec.message() << ")\n";
    return kFailure;
  }
  FeatureExtractor fx(*params);
  const FeatureSet f = fx.compute(audio->samples.data(), audio->samples.size(), allFeatureKinds());
  for (const auto& [kind, m] : f.items) {
    const std::string path = (std::filesystem::path(a.out) / featureFileName(kind)).string();
    if (Status s = writeFileAtomically(path, toCsv(m)); !s) {
      std::cerr << "features: " << s.error() << "\n";
      return kFailure;
    }
  }
  std::cout << a.file << ": " << f.frames << " frames (" << audio->seconds() << " s at " << params->sampleRate
            << " Hz), " << f.items.size() << " feature files in " << a.out << "\n";
  return kOk;
}

const bool registered = registerCommand(
    "features", "Compute every frame-level feature of an audio file and write one CSV per feature",
    [](CLI::App& cmd) {
      auto args = std::make_shared<FeaturesArgs>();
      cmd.add_option("file", args->file, "Audio file")->required();
      cmd.add_option("--out", args->out, "Output folder (created if missing)")->required();
      cmd.add_option("--params", args->paramsFile, "Feature parameters as JSON (missing keys keep defaults)");
      cmd.add_option("--preset", args->preset, "Named parameter preset: default, mfcc13, logmel80, wideband");
      return [args] { return runFeatures(*args); };
    });

}  // namespace
}  // namespace emo::cli
