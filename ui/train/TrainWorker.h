#pragma once
// TrainWorker: runs the Train tab's jobs on its own QThread with exactly the core calls the CLI's
// `train` command makes (ExperimentConfig -> loadFeatureDataset -> split -> trainOnClips ->
// evaluateOnClips -> ModelBundle::save): dataset scans for the summary, and training runs with
// per-epoch reports, cancellation and resume from the checkpoint.
// Threads: requestScan(), requestTrain(), cancel(), resetCancel() and takeReports() may be called
// from any thread (the Train tab calls them from the GUI thread); the work itself runs on the
// thread the worker lives in. Requests and reports travel through mutex-guarded mailboxes; the
// signal reportsReady() carries no data and tells the owner to call takeReports().
#include <QObject>
#include <QString>
#include <QStringList>
#include <atomic>
#include <map>
#include <string>
#include <variant>
#include <vector>

#include "core/common/Progress.h"
#include "core/train/ExperimentConfig.h"
#include "core/train/FeatureDataset.h"
#include "ui/common/Mailbox.h"

namespace emo::ui {

/// One training run as the tab asks for it.
struct TrainJob {
  ExperimentConfig config;      ///< data, schema, model, hyperparameters, augmentation, split (group "corpus": fold 1 of leave-one-corpus-out)
  bool randomSplit = false;     ///< true: 80/20 random split (speaker-dependent); false: speaker fold 1 of config.folds
  QString bundleFolder;         ///< where the trained bundle is saved; its checkpoint goes to <folder>.checkpoint
  QStringList speakers;         ///< train and test on these speakers only (as the scan names them); empty = all
};

/// Summary of the chosen datasets (ScanReport per source, merged).
struct ScanSummary {
  QString text;                         ///< readable report: adapters, counts, skipped files with reasons
  std::map<std::string, int> perLabel;  ///< clips per canonical label
  std::map<std::string, int> perSpeaker;
  int clips = 0;
  int skipped = 0;
  QString error;                        ///< "" or why a source could not be scanned
};

/// What a finished (or failed/cancelled) run produced.
struct TrainOutcome {
  bool ok = false;
  bool cancelled = false;
  QString error;
  QString bundleFolder;                  ///< saved bundle (when ok)
  int bestEpoch = 0;                     ///< the epoch whose weights were kept (best validation UA; else the last)
  int epochsRun = 0;                     ///< epochs trained (early stopping may end before the limit)
  double bestValidationUa = -1;          ///< validation UA of the kept epoch (-1: no validation set)
  EvalMetrics test;                      ///< held-out evaluation
  bool speakerDependent = false;
  std::vector<EpochLog> history;
  std::string metricsJson;               ///< what was stored in the bundle's metrics (training + test)
  int trainClips = 0, testClips = 0;
  QStringList testSpeakers;
  QString testCorpus;                    ///< the held-out corpus ("" unless the split holds one out)
};

/// Progress of the running job. phase: "features", "training" or "evaluation"; done of total.
struct TrainProgress {
  QString phase;
  qint64 done = 0, total = 0;
  QString what;  ///< a readable line
};

/// What the worker reports, in the order it happened.
using TrainReport = std::variant<ScanSummary, TrainProgress, EpochLog, TrainOutcome>;

class TrainWorker : public QObject {
  Q_OBJECT
 public:
  explicit TrainWorker(QObject* parent = nullptr);
  /// Thread-safe: stops feature loading or training at the next batch.
  void cancel() { cancel_ = true; }
  /// Clears the cancel flag; the owner calls it before queueing a new job (a cancel() made after
  /// that, even before the job starts, then stops it).
  void resetCancel() { cancel_ = false; }
  /// The checkpoint folder used for a bundle folder.
  static QString checkpointFolder(const QString& bundleFolder) { return bundleFolder + ".checkpoint"; }

 /// Queues a dataset scan (answered by a ScanSummary report).
  void requestScan(const QStringList& sources, const QString& adapter);
  /// Queues a training run (answered by progress and epoch reports, then a TrainOutcome).
  void requestTrain(const TrainJob& job);
  /// Every report posted since the last call, oldest first.
  std::vector<TrainReport> takeReports() { return reports_.takeAll(); }
  /// Drops every clip whose speaker is not in `speakers` (any thread; a plain function).
  static void keepSpeakers(FeatureDataset& ds, const QStringList& speakers);

 signals:
  /// New reports are waiting in takeReports() (queued to the owner's thread; no payload).
  void reportsReady();

 private:
  struct ScanRequest {
    QStringList sources;
    QString adapter;
  };
  using Request = std::variant<ScanRequest, TrainJob>;

  void runRequests();  ///< worker thread: serves every queued request
  void report(TrainReport r);
  ScanSummary scan(const ScanRequest& request);
  TrainOutcome run(const TrainJob& job);

  CancelFlag cancel_{false};
  Mailbox<Request> requests_;
  Mailbox<TrainReport> reports_;
};

}  // namespace emo::ui
