#pragma once
// TrainWorker: runs the Train tab's jobs on its own QThread with exactly the core calls the CLI's
// `train` command makes (ExperimentConfig -> loadFeatureDataset -> split -> trainOnClips ->
// evaluateOnClips -> ModelBundle::save): dataset scans for the summary, and training runs with
// per-epoch reports, cancellation and resume from the checkpoint. Results leave through queued
// signals as values. Slots run on the worker thread; cancel() may be called from any thread.
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QStringList>
#include <atomic>
#include <map>
#include <string>
#include <vector>

#include "core/common/Progress.h"
#include "core/train/ExperimentConfig.h"

namespace emo::ui {

/// One training run as the tab asks for it.
struct TrainJob {
  ExperimentConfig config;      ///< data, schema, model, hyperparameters, augmentation, split
  bool randomSplit = false;     ///< true: 80/20 random split (speaker-dependent); false: speaker fold 1 of config.folds
  QString bundleFolder;         ///< where the trained bundle is saved; its checkpoint goes to <folder>.checkpoint
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
  EvalMetrics test;                      ///< held-out evaluation
  bool speakerDependent = false;
  std::vector<EpochLog> history;
  std::string metricsJson;               ///< what was stored in the bundle's metrics (training + test)
  int trainClips = 0, testClips = 0;
  QStringList testSpeakers;
};

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

 public slots:
  void scan(QStringList sources, QString adapter);
  void train(emo::ui::TrainJob job);

 signals:
  void scanned(emo::ui::ScanSummary summary);
  /// phase: "features" or "training"; done of total; a readable line.
  void progress(QString phase, qint64 done, qint64 total, QString what);
  void epochDone(emo::EpochLog log);
  void finished(emo::ui::TrainOutcome outcome);

 private:
  TrainOutcome run(const TrainJob& job);
  CancelFlag cancel_{false};
};

}  // namespace emo::ui

Q_DECLARE_METATYPE(emo::ui::TrainJob)
Q_DECLARE_METATYPE(emo::ui::ScanSummary)
Q_DECLARE_METATYPE(emo::ui::TrainOutcome)
Q_DECLARE_METATYPE(emo::EpochLog)
