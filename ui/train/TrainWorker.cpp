#include "ui/train/TrainWorker.h"

#include <QDir>
#include <QFileInfo>
#include <sstream>

#include "core/data/DatasetScanner.h"
#include "core/train/CorpusScores.h"
#include "core/train/Experiment.h"

namespace emo::ui {

TrainWorker::TrainWorker(QObject* parent) : QObject(parent) {}

void TrainWorker::requestScan(const QStringList& sources, const QString& adapter) {
  requests_.post(ScanRequest{sources, adapter});
  QMetaObject::invokeMethod(this, &TrainWorker::runRequests, Qt::QueuedConnection);
}

void TrainWorker::requestTrain(const TrainJob& job) {
  requests_.post(job);
  QMetaObject::invokeMethod(this, &TrainWorker::runRequests, Qt::QueuedConnection);
}

void TrainWorker::runRequests() {
  for (const Request& r : requests_.takeAll()) {
    if (const auto* scanRequest = std::get_if<ScanRequest>(&r))
      report(scan(*scanRequest));
    else
      report(run(std::get<TrainJob>(r)));
  }
}

void TrainWorker::report(TrainReport r) {
  reports_.post(std::move(r));
  emit reportsReady();
}

ScanSummary TrainWorker::scan(const ScanRequest& request) {
  ScanSummary s;
  std::ostringstream text;
  for (const QString& src : request.sources) {
    ScanOptions o;
    o.adapter = request.adapter.toStdString();
    auto report = scanDataset(src.toStdString(), o);
    if (!report) {
      s.error = QString::fromStdString(report.error());
      return s;
    }
    text << src.toStdString() << "  [adapter: " << report->adapter << "]\n" << report->summary() << "\n";
    for (const auto& [label, n] : report->perLabel()) s.perLabel[label] += n;
    for (const auto& [spk, n] : report->perSpeaker()) s.perSpeaker[spk] += n;
    s.clips += static_cast<int>(report->clips.size());
    s.skipped += static_cast<int>(report->skipped.size());
  }
  s.text = QString::fromStdString(text.str());
  return s;
}

void TrainWorker::keepSpeakers(FeatureDataset& ds, const QStringList& speakers) {
  size_t kept = 0;
  std::vector<size_t> keptClips;
  for (size_t i = 0; i < ds.clips.size(); ++i) {
    if (!speakers.contains(QString::fromStdString(ds.clips[i].speaker))) continue;
    keptClips.push_back(i);
    if (kept != i) {
      ds.clips[kept] = std::move(ds.clips[i]);
      ds.labels[kept] = ds.labels[i];
    }
    ++kept;
  }
  ds.clips.resize(kept);
  ds.labels.resize(kept);
  ds.features.keep(keptClips);
}

TrainOutcome TrainWorker::run(const TrainJob& jobIn) {
  TrainOutcome out;
  TrainJob job = jobIn;
  auto failWith = [&](const std::string& msg) {
    out.cancelled = cancel_.load();
    out.error = out.cancelled ? tr("Cancelled.") : QString::fromStdString(msg);
    return out;
  };
  if (job.bundleFolder.isEmpty()) return failWith("choose a folder to save the model bundle in");
  // Never replace a model silently: the tab picks a new folder; anything else is refused here.
  if (QFileInfo::exists(job.bundleFolder + "/model.json"))
    return failWith(tr("%1 already holds a model; choose another folder.").arg(job.bundleFolder).toStdString());
  job.config.checkpoint = checkpointFolder(job.bundleFolder).toStdString();
  auto data = job.config.dataOptions();
  if (!data) return failWith(data.error());
  auto exp = job.config.experimentOptions();
  if (!exp) return failWith(exp.error());
  data->cancel = &cancel_;
  data->progress = [this](long long done, long long total, const std::string& what) {
    report(TrainProgress{"features", done, total, QString::fromStdString(what)});
  };
  auto ds = loadFeatureDataset(*data);
  if (!ds) return failWith(ds.error());
  if (ds->clips.empty()) return failWith("no clips left after applying the label schema");
  if (!job.speakers.isEmpty()) {
    keepSpeakers(*ds, job.speakers);
    if (ds->clips.empty()) return failWith("none of the chosen speakers has clips in these datasets");
  }

  Result<Fold> fold = Error{"no split"};
  if (job.randomSplit) {
    fold = randomSplit(ds->clips, 0.2, job.config.seed);
  } else {
    Split split = job.config.evaluationSplit();
    split.method = "speaker";
    auto folds = split.makeFolds(ds->clips);
    if (!folds) return failWith(folds.error());
    if (folds->empty()) return failWith("no folds");
    fold = folds->front();
  }
  if (!fold) return failWith(fold.error());
  out.speakerDependent = fold->speakerDependent;
  out.trainClips = static_cast<int>(fold->train.size());
  out.testClips = static_cast<int>(fold->test.size());
  for (const auto& s : fold->testSpeakers) out.testSpeakers << QString::fromStdString(s);
  out.testCorpus = QString::fromStdString(fold->heldOutCorpus);

  TrainCallbacks cb;
  cb.cancel = &cancel_;
  cb.progress = [this](long long done, long long total, const std::string& what) {
    report(TrainProgress{"training", done, total, QString::fromStdString(what)});
  };
  cb.onEpoch = [this](const EpochLog& log) { report(log); };
  auto trained = trainOnClips(*ds, *data, fold->train, *exp, cb);
  if (!trained) return failWith(trained.error());
  out.history = trained->history;
  out.bestEpoch = trained->bestEpoch;
  out.epochsRun = trained->epochsRun;
  out.bestValidationUa = trained->bestValUa;
  ModelBundle& bundle = *trained->bundle;
  nlohmann::json metrics = nlohmann::json::object();
  metrics["training"] = {{"epochs", trained->epochsRun}, {"best_epoch", trained->bestEpoch},
                         {"best_validation_ua", trained->bestValUa}, {"seconds_per_epoch", trained->secondsPerEpoch},
                         {"history", trained->historyJson()}};
  if (!fold->test.empty()) {
    report(TrainProgress{"evaluation", 0, 1, tr("evaluating on %1 held-out clips").arg(fold->test.size())});
    auto ev = evaluateOnClips(bundle, *ds, fold->test);
    if (!ev) return failWith(ev.error());
    ev->metrics.speakerDependent = fold->speakerDependent;
    out.test = ev->metrics;
    metrics["test"] = ev->toJson();
    if (!fold->heldOutCorpus.empty()) {  // scored over the held-out corpus's own labels, as cv --group corpus
      std::vector<ScoredClip> scored;
      for (size_t k = 0; k < ev->clips.size(); ++k) scored.push_back({ev->clips[k], ev->truth[k], ev->probs[k]});
      out.test = corpusMetrics(*ds, bundle.labels(), fold->heldOutCorpus, scored);
      metrics["test"] = out.test.toJson();
      metrics["test"]["held_out_corpus"] = fold->heldOutCorpus;
    }
  }
  metrics["configuration"] = nlohmann::json::parse(job.config.toJson(), nullptr, false);
  bundle.setMetrics(metrics);
  QDir().mkpath(QFileInfo(job.bundleFolder).absolutePath());
  if (auto ok = bundle.save(job.bundleFolder.toStdString()); !ok) return failWith(ok.error());
  out.metricsJson = metrics.dump(2);
  out.bundleFolder = QFileInfo(job.bundleFolder).absoluteFilePath();
  out.ok = true;
  return out;
}

}  // namespace emo::ui
