// emoscope-cli recalibrate --model BUNDLE --data DIR_OR_CSV... [--speakers ID...] [--weighting corpus|clip]
//                          [--dry-run]
// emoscope-cli recalibrate --model BUNDLE --from-cv CV.json [--dry-run]
// Fits a saved bundle's confidence calibration again (temperature and "uncertain" threshold,
// core/train/Calibration.h) on held-out speakers: by default the bundle's own validation speakers
// (model.json training_data.validation_speakers, which the trainer held out of the weights), with
// each corpus weighing the same. Writes model.json's calibration and metrics.calibration
// atomically; the weights are not touched, so the predicted labels stay the same. For bundles
// whose calibration was fitted with every clip alike (before --calibration-weighting), and for
// re-fitting on other speakers the model never heard. With --from-cv the temperature and threshold
// are those a speaker-grouped cv of the same recipe cross-fitted on every fold's unseen speakers
// (CvCalibration.h); the data is then not read.
#include <algorithm>
#include <iostream>
#include <map>
#include <memory>
#include <set>

#include "CliCommand.h"
#include "CliModel.h"
#include "CvCalibration.h"
#include "core/model/ModelBundle.h"
#include "core/train/Calibration.h"
#include "core/train/Experiment.h"
#include "core/train/Metrics.h"

namespace emo::cli {

Result<FeatureDataset> cliLoadData(const DataOptions& d);

namespace {

struct RecalibrateArgs {
  std::string model;
  std::vector<std::string> data;
  std::vector<std::string> speakers;
  std::string weighting = "corpus";
  std::string adapter = "auto";
  std::string cacheDir;
  std::string fromCv;
  int threads = 2;
  bool dryRun = false;
};

// Writes the calibration unless a dry run.
int writeCalibration(const std::string& folder, double temperature, double uncertainBelow, const nlohmann::json& record,
                     bool dryRun) {
  if (dryRun) return kOk;
  if (Status ok = ModelBundle::recordCalibration(folder, temperature, uncertainBelow, record); !ok) {
    std::cerr << "emoscope-cli recalibrate: " << ok.error() << "\n";
    return kFailure;
  }
  std::cout << "written to " << folder << "/model.json (calibration, metrics.calibration)\n";
  return kOk;
}

int recalibrateFromCv(const RecalibrateArgs& a) {
  std::shared_ptr<const ModelBundle> bundle = loadCliModel(a.model);
  if (!bundle) return kFailure;
  auto c = readCvCalibration(a.fromCv, *bundle);
  if (!c) {
    std::cerr << "emoscope-cli recalibrate: " << c.error() << "\n";
    return kUsage;
  }
  nlohmann::json record = c->record;
  record["previous"] = {{"temperature", bundle->info().temperature}, {"uncertain_below", bundle->info().uncertainBelow}};
  std::cout << "cross-fitted on " << record.value("clips", 0) << " out-of-fold clips of " << record.value("folds", 0)
            << " folds (" << record.value("weighting", std::string()) << "-weighted): T " << bundle->info().temperature
            << " -> " << c->temperature << ", uncertain below " << bundle->info().uncertainBelow << " -> "
            << c->uncertainBelow << "; ECE on each fold with the other folds' fit " << record.value("crossfit_ece", 0.0)
            << " ± " << record.value("crossfit_ece_std", 0.0) << "\n";
  return writeCalibration(cliModelFolder(a.model), c->temperature, c->uncertainBelow, record, a.dryRun);
}

int runRecalibrate(const RecalibrateArgs& a) {
  if (!a.fromCv.empty()) return recalibrateFromCv(a);
  if (a.data.empty()) {
    std::cerr << "emoscope-cli recalibrate: give --data (the held-out speakers' clips) or --from-cv\n";
    return kUsage;
  }
  if (a.weighting != "corpus" && a.weighting != "clip") {
    std::cerr << "emoscope-cli recalibrate: --weighting must be corpus or clip, not '" << a.weighting << "'\n";
    return kUsage;
  }
  const std::string folder = cliModelFolder(a.model);
  std::shared_ptr<const ModelBundle> bundle = loadCliModel(a.model);
  if (!bundle) return kFailure;
  const ModelBundle& b = *bundle;
  // training_data.speakers lists every speaker of the run, the validation ones included; only
  // the others taught the weights.
  const std::set<std::string> validation = bundleSpeakers(b, "validation_speakers");
  std::set<std::string> trained = bundleSpeakers(b, "speakers");
  for (const auto& s : validation) trained.erase(s);
  std::set<std::string> wanted(a.speakers.begin(), a.speakers.end());
  if (wanted.empty()) wanted = validation;
  if (wanted.empty()) {
    std::cerr << "emoscope-cli recalibrate: the bundle names no validation speakers; give --speakers ID... "
                 "(speakers it was not trained on)\n";
    return kUsage;
  }
  for (const auto& s : wanted)
    if (trained.count(s)) {
      std::cerr << "emoscope-cli recalibrate: " << s << " is in the model's training data; a calibration fitted on "
                << "speakers it learned would be overconfident on new ones\n";
      return kUsage;
    }

  auto ds = cliLoadData(bundleDataOptions(b, a.data, a.adapter, a.threads, a.cacheDir));
  if (!ds) {
    std::cerr << "emoscope-cli recalibrate: " << ds.error() << "\n";
    return kFailure;
  }
  std::vector<int> idx;
  for (size_t i = 0; i < ds->clips.size(); ++i)
    if (wanted.count(ds->clips[i].speaker)) idx.push_back(static_cast<int>(i));
  if (idx.empty()) {
    std::cerr << "emoscope-cli recalibrate: no clip of the speakers to fit on in the data given\n";
    return kFailure;
  }
  auto ev = evaluateOnClips(b, ds.value(), idx);
  if (!ev) {
    std::cerr << "emoscope-cli recalibrate: " << ev.error() << "\n";
    return kFailure;
  }
  // The bundle gives probabilities at its temperature T; at 1/T they are the network's own again.
  std::vector<std::vector<float>> raw;
  std::vector<std::string> corpusOfClip;
  std::map<std::string, int> clipsPerCorpus;
  std::set<std::string> fittedSpeakers;
  for (size_t k = 0; k < ev->probs.size(); ++k) {
    fittedSpeakers.insert(ds->clips[ev->clips[k]].speaker);
    raw.push_back(applyTemperature(ev->probs[k], 1.0 / b.info().temperature));
    corpusOfClip.push_back(ds->clips[ev->clips[k]].corpus);
    ++clipsPerCorpus[corpusOfClip.back()];
  }
  const CalibrationFit fit = fitCalibration(ev->truth, raw, corpusOfClip, a.weighting);
  nlohmann::json record = fit.toJson();
  record["speakers"] = std::vector<std::string>(fittedSpeakers.begin(), fittedSpeakers.end());
  record["clips_per_corpus"] = clipsPerCorpus;
  for (const auto& [corpus, n] : clipsPerCorpus) {  // ECE of each corpus at T = 1 and at the fitted T
    std::vector<int> truth;
    std::vector<std::vector<float>> before, after;
    for (size_t k = 0; k < raw.size(); ++k)
      if (corpusOfClip[k] == corpus) {
        truth.push_back(ev->truth[k]);
        before.push_back(raw[k]);
        after.push_back(applyTemperature(raw[k], fit.temperature));
      }
    const double eceBefore = expectedCalibrationError(truth, before), eceAfter = expectedCalibrationError(truth, after);
    record["ece_per_corpus"][corpus] = {{"before", eceBefore}, {"after", eceAfter}};
    std::cout << corpus << " (" << n << " clips): ECE " << eceBefore << " -> " << eceAfter << "\n";
  }
  record["previous"] = {{"temperature", b.info().temperature}, {"uncertain_below", b.info().uncertainBelow}};
  std::cout << "fitted on " << fit.clips << " clips of " << fittedSpeakers.size() << " speakers (" << a.weighting
            << "-weighted): T " << b.info().temperature << " -> " << fit.temperature << ", uncertain below "
            << b.info().uncertainBelow << " -> " << fit.uncertainBelow << ", mean NLL " << fit.nllBefore << " -> "
            << fit.nllAfter << ", ECE " << fit.eceBefore << " -> " << fit.eceAfter << "\n";
  return writeCalibration(folder, fit.temperature, fit.uncertainBelow, record, a.dryRun);
}

const bool registered = registerCommand(
    "recalibrate", "Fit a bundle's confidence calibration again on held-out speakers (each corpus weighing the same)",
    [](CLI::App& cmd) {
      auto a = std::make_shared<RecalibrateArgs>();
      cmd.add_option("--model", a->model, "Model bundle folder (default: the shipped model)");
      cmd.add_option("--data", a->data, "Dataset folders or CSV manifests holding the speakers' clips");
      cmd.add_option("--from-cv", a->fromCv,
                     "cv --group speaker --json results of this model's recipe: use the calibration cross-fitted on "
                     "its folds' unseen speakers (no --data)");
      cmd.add_option("--speakers", a->speakers,
                     "Speakers to fit on, as corpus:id (default: the bundle's validation speakers)");
      cmd.add_option("--weighting", a->weighting, "corpus (each corpus weighs the same, default) or clip (every clip alike)");
      cmd.add_option("--adapter", a->adapter, "Dataset adapter");
      cmd.add_option("--threads", a->threads, "Feature extraction threads");
      cmd.add_option("--cache-dir", a->cacheDir, "Feature cache folder");
      cmd.add_flag("--dry-run", a->dryRun, "Print the fit without writing model.json");
      return [a] { return runRecalibrate(*a); };
    });

}  // namespace
}  // namespace emo::cli
