#pragma once
// TrainTab: the model builder's tab. Choose datasets (summary of clips per label and speaker,
// skipped files with reasons), schema, model type, hyperparameters, augmentation and evaluation
// (TrainForm); Start, Cancel and Resume a run on a worker thread (TrainWorker, the CLI's core
// calls) with a progress bar and live loss/UA charts; at the end a confusion-matrix heat map and
// a per-class precision/recall/F1 table, exportable as PNG and JSON; the status says which
// epoch's weights were kept. Every run saves a new bundle (a taken folder name gets "-2", "-3", ...,
// never replaced); the bundle is saved and
// "Use this model" makes it the model of the Live and Review tabs (AppContext::loadModel). The
// model in use is always shown. GUI thread only; owns the worker and its thread; the AppContext
// is not owned.
#include <QPointer>
#include <QThread>
#include <QWidget>

#include "ui/train/TrainWorker.h"

class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace emo::ui {

class AppContext;
class ConfusionHeatmap;
class TrainForm;
class TrainingCharts;

class TrainTab : public QWidget {
  Q_OBJECT
 public:
  TrainTab(AppContext* context, QWidget* parent = nullptr);
  ~TrainTab() override;

  void scanSources();
  void start();
  void cancel();
  void resume();
  /// Makes the last trained bundle the model in use. "" or the load error.
  QString useTrainedModel();
  /// Exports the charts and the confusion matrix as PNG and all metrics as JSON into `folder`
  /// (training-charts.png, confusion.png, metrics.json). "" or a message.
  QString exportResults(const QString& folder);
  bool running() const { return running_; }

  TrainForm* form() const { return form_; }
  TrainingCharts* charts() const { return charts_; }
  ConfusionHeatmap* heatmap() const { return heatmap_; }
  QTableWidget* classTable() const { return classTable_; }
  QProgressBar* progressBar() const { return progress_; }
  QPushButton* startButton() const { return startButton_; }
  QPushButton* cancelButton() const { return cancelButton_; }
  QPushButton* resumeButton() const { return resumeButton_; }
  QPushButton* useButton() const { return useButton_; }
  QString summaryText() const;
  QString statusText() const;
  QString modelInUseText() const;
  /// True while the run area shows the "speaker-dependent" warning (random split chosen).
  bool splitWarningVisible() const;
  const TrainOutcome& lastOutcome() const { return outcome_; }
  /// "Kept the weights of epoch 3 of 5 (best validation UA 0.412)."
  static QString keptEpochText(const TrainOutcome& outcome);

 signals:
  void scanFinished();
  void runFinished(bool ok);

 private:
  void launch(bool resume);
  void readReports();  ///< takes the worker's reports and hands each to its handler below
  void onScanned(const ScanSummary& summary);
  void onProgress(const TrainProgress& progress);
  void onEpoch(const EpochLog& log);
  void onFinished(const TrainOutcome& outcome);
  void showMetrics(const EvalMetrics& metrics);
  void updateModelInUse();
  void setRunning(bool running);
  void exportDialog();

  QPointer<AppContext> context_;
  TrainForm* form_ = nullptr;
  QPlainTextEdit* summary_ = nullptr;
  TrainingCharts* charts_ = nullptr;
  ConfusionHeatmap* heatmap_ = nullptr;
  QTableWidget* classTable_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QPushButton* scanButton_ = nullptr;
  QPushButton* startButton_ = nullptr;
  QPushButton* cancelButton_ = nullptr;
  QPushButton* resumeButton_ = nullptr;
  QPushButton* exportButton_ = nullptr;
  QPushButton* useButton_ = nullptr;
  QLabel* status_ = nullptr;
  QLabel* scores_ = nullptr;
  QLabel* splitWarning_ = nullptr;
  QLabel* modelInUse_ = nullptr;

  QThread thread_;
  TrainWorker* worker_ = nullptr;  ///< lives in thread_
  bool running_ = false;
  TrainOutcome outcome_;
  std::vector<EpochLog> history_;
  QString lastBundleFolder_;       ///< of the last run started (Resume continues it)
};

}  // namespace emo::ui
