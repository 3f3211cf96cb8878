#include "ui/train/TrainTab.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include "core/common/AtomicFile.h"
#include "ui/common/AppContext.h"
#include "ui/train/ConfusionHeatmap.h"
#include "ui/train/TrainForm.h"
#include "ui/train/TrainingCharts.h"

namespace emo::ui {
namespace {

/// `wanted`, or `wanted`-2, -3, ... when a folder of that name holds something already.
QString unusedFolder(const QString& wanted) {
  auto taken = [](const QString& f) { return QDir(f).exists() && !QDir(f).isEmpty(); };
  if (!taken(wanted)) return wanted;
  for (int n = 2;; ++n)
    if (const QString c = QStringLiteral("%1-%2").arg(wanted).arg(n); !taken(c)) return c;
}

}  // namespace

TrainTab::TrainTab(AppContext* context, QWidget* parent) : QWidget(parent), context_(context) {
  worker_ = new TrainWorker;
  worker_->moveToThread(&thread_);
  connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
  connect(worker_, &TrainWorker::reportsReady, this, &TrainTab::readReports);
  thread_.setObjectName("train-worker");
  thread_.start();

  form_ = new TrainForm(this);
  auto* formScroll = new QScrollArea(this);
  formScroll->setWidget(form_);
  formScroll->setWidgetResizable(true);
  // Never narrower than the form needs (with no horizontal scroll bar, a narrower column clipped
  // the "Remove" button and the field labels).
  formScroll->setMinimumWidth(std::max(430, form_->minimumSizeHint().width() +
                                                formScroll->verticalScrollBar()->sizeHint().width() +
                                                2 * formScroll->frameWidth() + 4));
  formScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  scanButton_ = new QPushButton(tr("Scan datasets"), this);
  summary_ = new QPlainTextEdit(this);
  summary_->setReadOnly(true);
  summary_->setPlaceholderText(tr("Add dataset folders or manifests, then scan: clips per label and speaker, "
                                  "skipped files with reasons."));
  connect(scanButton_, &QPushButton::clicked, this, &TrainTab::scanSources);
  connect(form_, &TrainForm::sourcesChanged, this, [this] { summary_->clear(); });
  connect(form_, &TrainForm::bundleFolderChanged, this, [this] {
    lastBundleFolder_.clear();
    setRunning(running_);
  });

  startButton_ = new QPushButton(tr("Start"), this);
  cancelButton_ = new QPushButton(tr("Cancel"), this);
  resumeButton_ = new QPushButton(tr("Resume"), this);
  exportButton_ = new QPushButton(tr("Export results…"), this);
  useButton_ = new QPushButton(tr("Use this model"), this);
  connect(startButton_, &QPushButton::clicked, this, &TrainTab::start);
  connect(cancelButton_, &QPushButton::clicked, this, &TrainTab::cancel);
  connect(resumeButton_, &QPushButton::clicked, this, &TrainTab::resume);
  connect(exportButton_, &QPushButton::clicked, this, &TrainTab::exportDialog);
  connect(useButton_, &QPushButton::clicked, this, [this] { useTrainedModel(); });
  progress_ = new QProgressBar(this);
  progress_->setRange(0, 1);
  progress_->setValue(0);
  splitWarning_ = new QLabel(tr("⚠ Random split: speaker-dependent evaluation. The test clips share speakers with "
                                "training, so the scores overstate how well the model does on new voices."),
                             this);
  splitWarning_->setWordWrap(true);
  splitWarning_->setStyleSheet("color: #b00020; font-weight: bold;");
  status_ = new QLabel(tr("Ready."), this);
  status_->setWordWrap(true);

  charts_ = new TrainingCharts(this);
  heatmap_ = new ConfusionHeatmap(this);
  classTable_ = new QTableWidget(0, 4, this);
  classTable_->setHorizontalHeaderLabels({tr("Class"), tr("Precision"), tr("Recall"), tr("F1")});
  classTable_->verticalHeader()->hide();
  classTable_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
  classTable_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  scores_ = new QLabel(this);
  scores_->setWordWrap(true);
  modelInUse_ = new QLabel(this);
  modelInUse_->setWordWrap(true);
  if (context_) connect(context_, &AppContext::modelChanged, this, &TrainTab::updateModelInUse);

  auto* left = new QWidget(this);
  auto* leftLayout = new QVBoxLayout(left);
  leftLayout->setContentsMargins(0, 0, 0, 0);
  leftLayout->addWidget(formScroll, 3);
  leftLayout->addWidget(scanButton_);
  leftLayout->addWidget(summary_, 1);

  auto* buttons = new QHBoxLayout;
  for (QPushButton* b : {startButton_, cancelButton_, resumeButton_, exportButton_, useButton_}) buttons->addWidget(b);
  buttons->addWidget(progress_, 1);
  auto* results = new QHBoxLayout;
  results->addWidget(heatmap_, 1);
  auto* tableCol = new QVBoxLayout;
  tableCol->addWidget(scores_);
  tableCol->addWidget(classTable_, 1);
  results->addLayout(tableCol, 1);
  auto* right = new QWidget(this);
  auto* rightLayout = new QVBoxLayout(right);
  rightLayout->setContentsMargins(0, 0, 0, 0);
  rightLayout->addLayout(buttons);
  rightLayout->addWidget(splitWarning_);
  rightLayout->addWidget(status_);
  rightLayout->addWidget(charts_, 2);
  rightLayout->addLayout(results, 2);
  rightLayout->addWidget(modelInUse_);

  auto* split = new QSplitter(Qt::Horizontal, this);
  split->addWidget(left);
  split->addWidget(right);
  split->setStretchFactor(0, 1);
  split->setStretchFactor(1, 2);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(split);
  connect(form_, &TrainForm::splitChanged, this, [this] { splitWarning_->setVisible(form_->randomSplit()); });
  splitWarning_->setVisible(form_->randomSplit());
  setRunning(false);
  updateModelInUse();
}

bool TrainTab::splitWarningVisible() const { return !splitWarning_->isHidden(); }

TrainTab::~TrainTab() {
  worker_->cancel();
  thread_.quit();
  thread_.wait();
}

void TrainTab::setRunning(bool running) {
  running_ = running;
  startButton_->setEnabled(!running);
  scanButton_->setEnabled(!running);
  cancelButton_->setEnabled(running);
  form_->setEnabled(!running);
  // Resume continues the last run, or (after a restart) the run whose bundle folder is chosen.
  const QString folder = lastBundleFolder_.isEmpty() ? form_->bundleFolder() : lastBundleFolder_;
  resumeButton_->setEnabled(!running && !folder.isEmpty() && QDir(TrainWorker::checkpointFolder(folder)).exists() &&
                            !outcome_.ok);
  useButton_->setEnabled(!running && outcome_.ok);
  exportButton_->setEnabled(!running && (outcome_.ok || !history_.empty()));
}

void TrainTab::scanSources() {
  const QStringList sources = form_->sources();
  if (sources.isEmpty()) {
    status_->setText(tr("Add a dataset folder or a CSV manifest first."));
    return;
  }
  summary_->setPlainText(tr("Scanning…"));
  scanButton_->setEnabled(false);
  const QString adapter = form_->adapter();
  worker_->requestScan(sources, adapter);
}

void TrainTab::readReports() {
  for (const TrainReport& r : worker_->takeReports()) {
    if (const auto* scan = std::get_if<ScanSummary>(&r)) onScanned(*scan);
    else if (const auto* p = std::get_if<TrainProgress>(&r)) onProgress(*p);
    else if (const auto* epoch = std::get_if<EpochLog>(&r)) onEpoch(*epoch);
    else onFinished(std::get<TrainOutcome>(r));
  }
}

void TrainTab::onScanned(const ScanSummary& s) {
  scanButton_->setEnabled(!running_);
  if (!s.error.isEmpty()) {
    summary_->setPlainText(s.error);
    status_->setText(s.error);
  } else {
    summary_->setPlainText(s.text);
    status_->setText(tr("%1 clips, %2 labels, %3 speakers, %4 skipped files.")
                         .arg(s.clips).arg(s.perLabel.size()).arg(s.perSpeaker.size()).arg(s.skipped));
    QStringList speakers;
    for (const auto& [speaker, count] : s.perSpeaker) speakers << QString::fromStdString(speaker);
    form_->setSpeakers(speakers);
  }
  emit scanFinished();
}

void TrainTab::start() { launch(false); }
void TrainTab::resume() { launch(true); }

void TrainTab::cancel() {
  if (!running_) return;
  worker_->cancel();
  status_->setText(tr("Cancelling after the current batch…"));
}

void TrainTab::launch(bool resume) {
  if (running_) return;
  TrainJob job = form_->job(resume);
  if (job.config.data.empty()) {
    status_->setText(tr("Add a dataset folder or a CSV manifest first."));
    return;
  }
  if (resume && !lastBundleFolder_.isEmpty()) job.bundleFolder = lastBundleFolder_;
  QString renamed;
  if (!resume) {  // every run writes a new bundle: never over an earlier one
    const QString folder = unusedFolder(job.bundleFolder);
    if (folder != job.bundleFolder) {
      renamed = job.bundleFolder;
      job.bundleFolder = folder;
      form_->setBundleFolder(folder);
    }
  }
  if (resume && !QDir(TrainWorker::checkpointFolder(job.bundleFolder)).exists()) {
    status_->setText(tr("No checkpoint to resume in %1.").arg(TrainWorker::checkpointFolder(job.bundleFolder)));
    return;
  }
  lastBundleFolder_ = job.bundleFolder;
  if (!resume) {
    charts_->clear();
    history_.clear();
    QDir(TrainWorker::checkpointFolder(job.bundleFolder)).removeRecursively();  // a fresh run
  }
  heatmap_->clear();
  classTable_->setRowCount(0);
  scores_->clear();
  outcome_ = TrainOutcome{};
  progress_->setRange(0, 0);
  status_->setText(resume ? tr("Resuming from the checkpoint…")
                   : renamed.isEmpty() ? tr("Loading features…")
                                       : tr("Loading features… (%1 holds an earlier model: this run saves to %2)")
                                             .arg(QFileInfo(renamed).fileName(), QFileInfo(job.bundleFolder).fileName()));
  setRunning(true);
  worker_->resetCancel();
  worker_->requestTrain(job);
}

void TrainTab::onProgress(const TrainProgress& p) {
  const QString& phase = p.phase;
  const qint64 done = p.done, total = p.total;
  const QString& what = p.what;
  if (phase == "features") {
    progress_->setRange(0, static_cast<int>(std::max<qint64>(1, total)));
    progress_->setValue(static_cast<int>(done));
    progress_->setFormat(tr("features %v / %m"));
  } else if (phase == "training" && total > 0 && done >= 0) {
    progress_->setRange(0, static_cast<int>(total));
    progress_->setValue(static_cast<int>(done));
    progress_->setFormat(tr("epoch %v / %m"));
    status_->setText(what);
  } else if (!what.isEmpty()) {
    status_->setText(what);
  }
}

void TrainTab::onEpoch(const EpochLog& log) {
  // A resumed run reports its epochs again from where it continues; keep one point per epoch.
  while (!history_.empty() && history_.back().epoch >= log.epoch) history_.pop_back();
  history_.push_back(log);
  if (charts_->epochs() >= log.epoch) {
    charts_->clear();
    for (const auto& h : history_) charts_->addEpoch(h);
  } else {
    charts_->addEpoch(log);
  }
  status_->setText(tr("Epoch %1: loss %2, validation UA %3 (%4 s)")
                       .arg(log.epoch).arg(log.trainLoss, 0, 'f', 3)
                       .arg(log.valUa >= 0 ? QString::number(log.valUa, 'f', 3) : tr("n/a"))
                       .arg(log.seconds, 0, 'f', 1));
}

void TrainTab::onFinished(const TrainOutcome& outcome) {
  outcome_ = outcome;
  progress_->setRange(0, 1);
  progress_->setValue(outcome.ok ? 1 : 0);
  progress_->setFormat(outcome.ok ? tr("done") : tr("stopped"));
  if (outcome.ok) {
    showMetrics(outcome.test);
    status_->setText(tr("Saved the bundle to %1 (trained on %2 clips, tested on %3 clips of %4). %5")
                         .arg(outcome.bundleFolder).arg(outcome.trainClips).arg(outcome.testClips)
                         .arg(outcome.speakerDependent ? tr("a random split — speaker-dependent")
                              : !outcome.testCorpus.isEmpty() ? tr("the unseen corpus %1").arg(outcome.testCorpus)
                                                              : tr("unseen speakers %1").arg(outcome.testSpeakers.join(", ")))
                         .arg(keptEpochText(outcome)));
  } else {
    status_->setText(outcome.cancelled ? tr("Cancelled. Resume continues from the last finished epoch.") : outcome.error);
  }
  setRunning(false);
  emit runFinished(outcome.ok);
}

QString TrainTab::keptEpochText(const TrainOutcome& o) {
  if (o.bestValidationUa < 0)
    return tr("Kept the weights of the last epoch, %1 (no validation speakers to choose by).").arg(o.bestEpoch);
  return tr("Kept the weights of epoch %1 of %2 (best validation UA %3).")
      .arg(o.bestEpoch).arg(o.epochsRun).arg(o.bestValidationUa, 0, 'f', 3);
}

void TrainTab::showMetrics(const EvalMetrics& m) {
  heatmap_->setMatrix(m.labels, m.confusion);
  classTable_->setRowCount(static_cast<int>(m.perClass.size()));
  for (int i = 0; i < static_cast<int>(m.perClass.size()); ++i) {
    const ClassScores& c = m.perClass[static_cast<size_t>(i)];
    classTable_->setItem(i, 0, new QTableWidgetItem(QStringLiteral("%1 (%2)").arg(QString::fromStdString(c.label)).arg(c.support)));
    classTable_->setItem(i, 1, new QTableWidgetItem(QString::number(c.precision, 'f', 3)));
    classTable_->setItem(i, 2, new QTableWidgetItem(QString::number(c.recall, 'f', 3)));
    classTable_->setItem(i, 3, new QTableWidgetItem(QString::number(c.f1, 'f', 3)));
  }
  scores_->setText(tr("Test on %1 clips: UA %2 · WA %3 · macro F1 %4%5")
                       .arg(m.count).arg(m.ua, 0, 'f', 3).arg(m.wa, 0, 'f', 3).arg(m.macroF1, 0, 'f', 3)
                       .arg(m.speakerDependent ? tr(" · <b style='color:#b00020'>speaker-dependent</b>") : QString()));
}

QString TrainTab::useTrainedModel() {
  if (!outcome_.ok) return tr("No trained model yet.");
  if (!context_) return tr("No application context.");
  const QString error = context_->loadModel(outcome_.bundleFolder);
  status_->setText(error.isEmpty() ? tr("Now using %1 in the Live and Review tabs.").arg(outcome_.bundleFolder) : error);
  return error;
}

void TrainTab::updateModelInUse() {
  modelInUse_->setText(tr("Model in use: %1").arg(context_ ? context_->modelDescription() : tr("none")));
}

QString TrainTab::exportResults(const QString& folder) {
  if (!QDir().mkpath(folder)) return tr("Cannot create %1").arg(folder);
  if (QString e = charts_->savePng(folder + "/training-charts.png"); !e.isEmpty()) return e;
  if (QString e = heatmap_->savePng(folder + "/confusion.png"); !e.isEmpty()) return e;
  nlohmann::json j = nlohmann::json::object();
  nlohmann::json hist = nlohmann::json::array();
  for (const auto& h : history_)
    hist.push_back({{"epoch", h.epoch}, {"train_loss", h.trainLoss}, {"val_ua", h.valUa}, {"val_wa", h.valWa},
                    {"lr", h.lr}, {"seconds", h.seconds}});
  j["history"] = hist;
  if (outcome_.ok) {
    j["test"] = outcome_.test.toJson();
    j["bundle"] = outcome_.bundleFolder.toStdString();
  }
  auto ok = writeFileAtomically((folder + "/metrics.json").toStdString(), j.dump(2) + "\n");
  const QString error = ok ? QString() : QString::fromStdString(ok.error());
  status_->setText(error.isEmpty() ? tr("Exported charts, confusion matrix and metrics to %1").arg(folder) : error);
  return error;
}

void TrainTab::exportDialog() {
  const QString dir = QFileDialog::getExistingDirectory(this, tr("Export results to"));
  if (!dir.isEmpty()) exportResults(dir);
}

QString TrainTab::summaryText() const { return summary_->toPlainText(); }
QString TrainTab::statusText() const { return status_->text(); }
QString TrainTab::modelInUseText() const { return modelInUse_->text(); }

}  // namespace emo::ui
