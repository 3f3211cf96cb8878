// emoscope-cli train --data DIR_OR_CSV... --model-type NAME --out BUNDLE [options]
// Trains a model bundle. By default on every clip given (a speaker-disjoint share of the training
// speakers is held out for early stopping); with --test-speakers the named speakers are left out
// and scored, and with --split random a random 20 % is scored (speaker-dependent: flagged).
// Ctrl-C stops after the current batch; with --checkpoint DIR, --resume continues the run.
// Also defines the options and callbacks cv shares (addExperimentOptions, cliTrainCallbacks).
#include <csignal>
#include <fstream>
#include <iostream>
#include <memory>

#include "CliCommand.h"
#include "CliDistributed.h"
#include "core/common/AtomicFile.h"
#include "core/dsp/FeatureSet.h"
#include "core/model/ModelSpec.h"
#include "core/train/ExperimentConfig.h"

namespace emo::cli {

namespace {
CancelFlag gCancel{false};
void onSigint(int) { gCancel.store(true); }
}  // namespace

void addExperimentOptions(CLI::App& cmd, ExperimentConfig& c) {
  std::string types;
  for (const auto& t : modelTypeNames()) types += (types.empty() ? "" : "|") + t;
  cmd.add_option("--data", c.data, "Dataset folders or CSV manifests")->required();
  cmd.add_option("--adapter", c.adapter, "Dataset adapter (auto, ravdess, tess, nemo, crema-d, savee, emodb, folder, manifest)");
  cmd.add_option("--schema", c.schema, "Label schema: ravdess8, ekman7, basic6, valence3 or a mapping JSON");
  cmd.add_option("--model-type", c.modelType, "Model: " + types);
  cmd.add_option("--features", c.features,
                 "The network's input: comma-separated feature kinds, e.g. logmel_db,f0 (replaces the default "
                 "per model type; kinds: " + featureKindNames() + ")");
  cmd.add_option("--feature-preset", c.featurePreset, "Feature parameters preset (default, mfcc13, logmel80, wideband)");
  cmd.add_option("--norm", c.norm, "Input normalisation: global|utterance|speaker (default: per model type)");
  cmd.add_option("--speaker-stats", c.speakerStats,
                 "With --norm speaker: each speaker's statistics from 'all' its clips (default) or only its clips "
                 "of one label, e.g. 'neutral' as the app's calibration recording (a clip never in its own)");
  cmd.add_option("--augment", c.augment, "Augmentation preset: none, light, voice, robust, or one effect: gain, noise, babble, shift, speed, pitch, bandlimit, band, reverb, reverb3, codec, specaug; several joined by +");
  cmd.add_option("--augment-copies", c.augmentCopies, "Augmented copies per clip");
  cmd.add_option("--epochs", c.epochs, "Maximum epochs");
  cmd.add_option("--batch-size", c.batchSize, "Batch size");
  cmd.add_option("--lr", c.lr, "Learning rate");
  cmd.add_option("--weight-decay", c.weightDecay, "Weight decay");
  cmd.add_option("--dropout", c.dropout, "Dropout (default: per model type)");
  cmd.add_option("--channels", c.channels, "Convolution channels (default: per model type)");
  cmd.add_option("--hidden", c.hidden, "Hidden size (default: per model type)");
  cmd.add_option("--layers", c.layers, "Layers/blocks (default: per model type)");
  cmd.add_option("--members", c.members,
                 "Ensemble: networks trained side by side from different initial weights, "
                 "probabilities averaged (default 1)");
  cmd.add_option("--loss", c.loss, "Loss: ce|weighted|focal");
  cmd.add_flag("--oversample", c.oversample, "Oversample rare classes (= --sampling class)");
  cmd.add_option("--sampling", c.sampling,
                 "Clips of each epoch: shuffle (each once), class (oversample rare classes) or corpus "
                 "(corpora in equal shares, see --corpus-alpha)");
  cmd.add_option("--label-mask", c.labelMask,
                 "Loss over each corpus's labels (corpus, default) or over all labels with pooled class weights (none)");
  cmd.add_option("--corpus-alpha", c.corpusAlpha, "--sampling corpus: corpus share ~ clips^ALPHA (0 = equal, 1 = natural)");
  cmd.add_flag("--bucket-by-length", c.bucketByLength, "Batches of clips of similar length, one crop length per batch");
  cmd.add_option("--crop-min-frames", c.cropMinFrames, "Shortest training crop in frames (default 200; 50 = 0.5 s)");
  cmd.add_option("--crop-max-frames", c.cropMaxFrames, "Longest training crop in frames (default 300)");
  cmd.add_flag("--spec-augment", c.specAugment, "SpecAugment masks on training crops");
  cmd.add_option("--patience", c.patience, "Early stopping patience in epochs (0 = off)");
  cmd.add_option("--keep", c.keep, "Weights kept: best (highest validation UA, default) or last (final epoch; validation speakers then only fit the confidence calibration)");
  cmd.add_option("--calibration-weighting", c.calibrationWeighting,
                 "Confidence calibration on the validation speakers: each corpus weighing the same (corpus, default) "
                 "or every clip alike (clip)");
  cmd.add_option("--lr-schedule", c.lrSchedule, "Learning-rate schedule: plateau (on validation UA) or cosine (to the floor over all epochs)");
  cmd.add_option("--mixup", c.mixup, "Mixup of training crops, Beta(ALPHA, ALPHA) (0 = off)");
  cmd.add_option("--corpus-adversary", c.corpusAdversary,
                 "Corpus-adversarial branch: a corpus classifier on the pooled embedding through gradient reversal; "
                 "W = the reversed gradient's weight into the network, ramped up over training (default 0 = off; "
                 "crnn_attn and ecapa)");
  cmd.add_option("--own-stats-share", c.ownStatsShare,
                 "With --norm speaker: share P of training crops normalised by their own statistics instead of their "
                 "speaker's, as a clip is before a speaker's statistics exist (the first seconds of Live, one clip in "
                 "predict) (default 0)");
  cmd.add_option("--teacher", c.teacher,
                 "Distil from this model bundle (same labels, features and normalisation as the student; in cv every fold "
                 "uses it, so it must not have been trained on any clip a fold tests)");
  cmd.add_option("--distill-weight", c.distillWeight,
                 "With --teacher: loss = A * T^2 * KL(teacher || student at T) + (1 - A) * label loss, 0 < A <= 1");
  cmd.add_option("--distill-temperature", c.distillTemperature, "Distillation temperature T (default 2)");
  cmd.add_option("--validation-fraction", c.validationFraction, "Share of training speakers held out for early stopping");
  cmd.add_option("--threads", c.threads, "Compute threads (default 1, fastest for these small networks; 0 = all cores)");
  cmd.add_option("--device", c.device, "Training device: auto (CUDA when the build and machine have it), cpu, cuda, cuda:N");
  cmd.add_option("--seed", c.seed, "Random seed");
  cmd.add_option("--checkpoint", c.checkpoint, "Checkpoint folder (written every epoch)");
  cmd.add_flag("--resume", c.resume, "Resume from --checkpoint");
  cmd.add_option("--split", c.split, "speaker|loso|random (random is speaker-dependent)");
  cmd.add_option("--folds", c.folds, "Folds for cv");
  cmd.add_option("--test-speakers", c.testSpeakers, "Test on exactly these speakers (e.g. 01 02 or ravdess:01)");
  cmd.add_option("--test-corpus", c.testCorpora, "Score only test clips of these corpora (e.g. ravdess)");
  cmd.add_option("--cache-dir", c.cacheDir, "Feature cache folder");
  cmd.add_flag("--stream-features", c.streamFeatures,
               "Keep features in a spool file in the cache folder and read each batch's crops from it, so "
               "memory does not grow with the corpus (same results; about 15 % more time per epoch measured)");
}

TrainCallbacks cliTrainCallbacks(bool verbose) {
  std::signal(SIGINT, onSigint);
  TrainCallbacks cb;
  cb.cancel = &gCancel;
  cb.progress = [verbose](long long, long long, const std::string& what) {
    if (verbose || what.rfind("fold", 0) == 0) std::cerr << what << "\n";
  };
  return cb;
}

Result<FeatureDataset> cliLoadData(const DataOptions& dIn) {
  DataOptions d = dIn;
  d.cancel = &gCancel;
  d.progress = [](long long done, long long total, const std::string&) {
    if (done % 200 == 0 || done == total) std::cerr << "\rfeatures " << done << "/" << total << std::flush;
    if (done == total) std::cerr << "\n";
  };
  return loadFeatureDataset(d);
}

namespace {

struct TrainArgs {
  ExperimentConfig config;
  DistributedArgs distributed;
  std::string out;
  std::string json;
  std::string cvJson;
};

int runTrain(TrainArgs& a) {
  ExperimentConfig& c = a.config;
  auto data = c.dataOptions();
  auto exp = data ? c.experimentOptions() : Result<ExperimentOptions>(Error{data.error()});
  if (!exp) {
    std::cerr << "emoscope-cli train: " << exp.error() << "\n";
    return kUsage;
  }
  // The device is checked (and a job joined) before the data loads: a bad choice fails at once.
  std::unique_ptr<GradientSync> sync = cliJoinJob(a.distributed, c.device, "train");
  if (!sync) return kFailure;
  exp->train.device = c.device;  // a rank's own GPU
  auto ds = cliLoadData(data.value());
  if (!ds) {
    std::cerr << "emoscope-cli train: " << ds.error() << "\n";
    return kFailure;
  }
  std::vector<int> trainIdx, testIdx;
  bool dependent = false;
  if (!c.testSpeakers.empty() || c.split == "random") {
    auto f = !c.testSpeakers.empty() ? explicitSpeakerSplit(ds->clips, c.testSpeakers) : randomSplit(ds->clips, 0.2, c.seed);
    if (!f) {
      std::cerr << "emoscope-cli train: " << f.error() << "\n";
      return kUsage;
    }
    trainIdx = f->train;
    testIdx = f->test;
    dependent = f->speakerDependent;
    if (dependent) std::cerr << "WARNING: --split random is speaker-dependent: test speakers are also in training\n";
  } else {
    for (size_t i = 0; i < ds->clips.size(); ++i) trainIdx.push_back(static_cast<int>(i));
  }
  std::cerr << "training " << c.modelType << " on " << trainIdx.size() << " clips (" << ds->schema.classes.size()
            << " classes)\n";
  TrainCallbacks callbacks = cliTrainCallbacks(true);
  callbacks.sync = sync.get();
  auto trained = trainOnClips(ds.value(), data.value(), trainIdx, exp.value(), callbacks);
  if (!trained) {
    std::cerr << "emoscope-cli train: " << trained.error() << "\n";
    return kFailure;
  }
  if (sync->rank() != 0) {  // rank 0 evaluates and writes; the others are done
    std::cerr << "rank " << sync->rank() << " of " << sync->worldSize() << ": training done\n";
    return kOk;
  }
  auto& bundle = *trained->bundle;
  nlohmann::json metrics = nlohmann::json::object();
  metrics["training"] = {{"epochs", trained->epochsRun}, {"best_epoch", trained->bestEpoch},
                         {"best_validation_ua", trained->bestValUa}, {"seconds_per_epoch", trained->secondsPerEpoch},
                         {"calibration", trained->calibration.toJson()}, {"history", trained->historyJson()}};
  if (!testIdx.empty()) {
    auto ev = evaluateOnClips(bundle, ds.value(), testIdx);
    if (!ev) {
      std::cerr << "emoscope-cli train: " << ev.error() << "\n";
      return kFailure;
    }
    ev->metrics.speakerDependent = dependent;
    metrics["test"] = ev->toJson();
    std::cout << ev->metrics.toText();
  }
  if (!a.cvJson.empty()) {
    auto text = readFileBytes(a.cvJson);
    if (!text) {
      std::cerr << "emoscope-cli train: " << text.error() << "\n";
      return kUsage;
    }
    try {
      auto cv = nlohmann::json::parse(text.value());
      cv.erase("folds");
      metrics["cross_validation"] = cv;
    } catch (const std::exception& e) {
      std::cerr << "emoscope-cli train: " << a.cvJson << ": not JSON (" << e.what() << ")\n";
      return kUsage;
    }
  }
  bundle.setMetrics(metrics);
  if (auto ok = bundle.save(a.out); !ok) {
    std::cerr << "emoscope-cli train: " << ok.error() << "\n";
    return kFailure;
  }
  if (!a.json.empty()) {
    if (auto ok = writeFileAtomically(a.json, metrics.dump(2) + "\n"); !ok) {
      std::cerr << "emoscope-cli train: " << ok.error() << "\n";
      return kFailure;
    }
  }
  std::cout << "saved " << a.out << ": " << c.modelType << ", " << bundle.info().parameterCount << " parameters, "
            << trained->epochsRun << " epochs (best " << trained->bestEpoch << "), "
            << trained->secondsPerEpoch << " s/epoch\n";
  return kOk;
}

const bool registered = registerCommand(
    "train", "Train a model bundle on datasets (speaker-independent by default)", [](CLI::App& cmd) {
      auto a = std::make_shared<TrainArgs>();
      addExperimentOptions(cmd, a->config);
      addDistributedOptions(cmd, a->distributed);
      cmd.add_option("--out", a->out, "Bundle folder to write")->required();
      cmd.add_option("--json", a->json, "Write training/test metrics JSON here");
      cmd.add_option("--cv-json", a->cvJson, "Cross-validation JSON (from cv) to record in model.json");
      return [a] { return runTrain(*a); };
    });

}  // namespace
}  // namespace emo::cli
