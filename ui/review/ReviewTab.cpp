#include "ui/review/ReviewTab.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QUndoView>
#include <QVBoxLayout>

#include "core/data/LabelVocabulary.h"
#include "core/model/ModelBundle.h"
#include "ui/common/AppContext.h"
#include "ui/live/FilePlayback.h"
#include "ui/review/ClipListModel.h"
#include "ui/review/ClipOverview.h"
#include "ui/review/LabelEditor.h"
#include "ui/review/ModelLane.h"
#include "ui/review/ReviewDocument.h"
#include "ui/review/SelectionModel.h"
#include "ui/review/TierModel.h"
#include "ui/review/TimeAxis.h"
#include "ui/review/VerticalZoom.h"
#include "ui/views/ProbabilityBars.h"

namespace emo::ui {

ReviewTab::ReviewTab(AppContext* context, QWidget* parent) : QWidget(parent), context_(context) {
  doc_ = new ReviewDocument(this);
  model_ = new ClipListModel(doc_, this);
  filter_ = new ClipFilter(doc_, this);
  filter_->setSourceModel(model_);
  axis_ = new TimeAxis(this);
  selection_ = new SelectionModel(this);
  tiers_ = new TierModel(doc_, this);
  zoom_ = new VerticalZoom(this);
  player_ = new FilePlayback(this);
  playTimer_ = new QTimer(this);
  playTimer_->setInterval(33);  // ~30 Hz playhead
  connect(playTimer_, &QTimer::timeout, this, &ReviewTab::updatePlayhead);
  connect(player_, &FilePlayback::finished, this, [this] {
    playTimer_->stop();
    updatePlayhead();
  });

  batchWorker_ = new ReviewWorker;
  analysisWorker_ = new ReviewWorker;
  batchWorker_->moveToThread(&batchThread_);
  analysisWorker_->moveToThread(&analysisThread_);
  connect(&batchThread_, &QThread::finished, batchWorker_, &QObject::deleteLater);
  connect(&analysisThread_, &QThread::finished, analysisWorker_, &QObject::deleteLater);
  connect(batchWorker_, &ReviewWorker::reportsReady, this, [this] { readReports(batchWorker_); });
  connect(analysisWorker_, &ReviewWorker::reportsReady, this, [this] { readReports(analysisWorker_); });
  batchThread_.setObjectName("review-batch");
  analysisThread_.setObjectName("review-analysis");
  batchThread_.start();
  analysisThread_.start();

  undoAction_ = doc_->undoStack()->createUndoAction(this, tr("&Undo"));
  undoAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Z));
  redoAction_ = doc_->undoStack()->createRedoAction(this, tr("&Redo"));
  redoAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z));
  for (QAction* a : {undoAction_, redoAction_}) {
    a->setShortcutContext(Qt::WidgetWithChildrenShortcut);  // the tab's edits, wherever its focus is
    addAction(a);
  }

  buildUi();
  buildShortcuts();
  setFocusProxy(table_);  // entering the tab puts the keyboard on the clip list
  connect(tiers_, &TierModel::changed, this, &ReviewTab::refreshTiers);
  connect(doc_, &ReviewDocument::clipChanged, this, [this](int row) {
    if (!doc_->lastSaveError().isEmpty()) setStatus(doc_->lastSaveError());
    if (table_->isColumnHidden(ClipListModel::Problem) && hasProblem(row)) table_->setColumnHidden(ClipListModel::Problem, false);
  });
  // The Problem column is shown only while some clip has one (room for the clip names).
  connect(doc_, &ReviewDocument::reset, this, [this] {
    bool any = false;
    for (int i = 0; i < doc_->count() && !any; ++i) any = hasProblem(i);
    table_->setColumnHidden(ClipListModel::Problem, !any);
  });
  table_->setColumnHidden(ClipListModel::Problem, true);
  connect(axis_, &TimeAxis::changed, this, [this] {
    // The scroll bar mirrors the axis in milliseconds.
    const int span = static_cast<int>(axis_->span() * 1000);
    const QSignalBlocker block(scroll_);
    scroll_->setRange(0, std::max(0, static_cast<int>(axis_->duration() * 1000) - span));
    scroll_->setPageStep(std::max(1, span));
    scroll_->setValue(static_cast<int>(axis_->start() * 1000));
  });
  connect(scroll_, &QScrollBar::valueChanged, this, [this](int ms) {
    axis_->setRange(ms / 1000.0, ms / 1000.0 + axis_->span());
  });
  if (context_) connect(context_, &AppContext::modelChanged, this, &ReviewTab::onModelChanged);
  onModelChanged();
  refreshTiers();
}

ReviewTab::~ReviewTab() {
  saveSession();
  batchWorker_->cancel();
  batchThread_.quit();
  analysisThread_.quit();
  batchThread_.wait();
  analysisThread_.wait();
}

void ReviewTab::resetProgress() {
  progress_->setRange(0, 1);
  progress_->reset();  // empty, no "0 / 1" text, until clips are open
  progress_->setFormat(tr("%v / %m clips"));
}

void ReviewTab::onModelChanged() {
  std::shared_ptr<const ModelBundle> model = context_ ? context_->model() : nullptr;
  doc_->setModelLabels(model ? model->labels() : std::vector<std::string>{});
  doc_->setUncertainRule(model ? modelUncertainRule(*model) : UncertainRule{});
  doc_->clearPredictions();
  bars_->setLabels(model ? model->labels() : std::vector<std::string>{});
  modelLabel_->setText(tr("Model in use: %1").arg(context_ ? context_->modelDescription() : tr("none")));
  predictButton_->setEnabled(model != nullptr);
  refreshLegend();
  if (currentRow() >= 0) onCurrentChanged();
  requestCachedLanes();
}

void ReviewTab::refreshLegend() {
  QStringList keys;
  const auto labels = keyLabels();
  for (size_t i = 0; i < labels.size() && i < 8; ++i)
    keys << QStringLiteral("<b>%1</b> %2").arg(i + 1).arg(QString::fromStdString(labels[i]));
  legend_->setText(tr("Label: %1 · <b>0</b> clear · <b>Space</b> play (selection) · <b>Shift+Space</b> loop · "
                      "drag: select · drag a boundary: move it · double-click/<b>Enter</b>: edit text · "
                      "<b>Ctrl+M</b> point · <b>Ctrl+wheel</b>/<b>Ctrl+=</b>/<b>Ctrl+-</b> zoom · <b>Ctrl+E</b> "
                      "zoom to selection · <b>Ctrl+F</b> fit · <b>N/P</b> next/previous clip · <b>Ctrl+Z</b> undo. "
                      "Model lane: one tile per %2 s; hatched: no prediction covers it.%3")
                       .arg(keys.join(QStringLiteral(" · ")))
                       .arg(kLaneHop)
                       .arg(doc_->uncertainRule().calibrated()
                                ? tr(" Crossed and faded: uncertain, the top guess under the model's threshold of %1 %.")
                                      .arg(doc_->uncertainRule().below * 100.0, 0, 'f', 0)
                                : QString()));
}

bool ReviewTab::hasProblem(int row) const {
  return !doc_->clip(row).predictionError.isEmpty() || !doc_->unknownLabels(row).isEmpty();
}

std::vector<std::string> ReviewTab::keyLabels() const {
  std::shared_ptr<const ModelBundle> model = context_ ? context_->model() : nullptr;
  std::vector<std::string> labels = model ? model->labels() : canonicalLabels();
  if (labels.size() > 8) labels.resize(8);
  return labels;
}

QString ReviewTab::openPaths(const QStringList& paths) {
  cancelPrediction();
  player_->stop();
  const QString error = doc_->open(paths);
  if (!error.isEmpty()) {
    setStatus(error);
    return error;
  }
  openedPaths_ = paths;
  applyFilter();
  progress_->setRange(0, std::max(1, doc_->count()));
  progress_->setValue(0);
  QString text = tr("%1 clips from %2 · annotations autosaved to %3").arg(doc_->count()).arg(doc_->root(), doc_->sidecarPath());
  if (!doc_->notes().isEmpty()) text += tr(" · %1 note(s): %2").arg(doc_->notes().size()).arg(doc_->notes().front());
  setStatus(text);
  requestCachedLanes();
  if (filter_->rowCount() > 0) table_->selectRow(0);
  table_->setFocus();
  saveSession();
  return {};
}

int ReviewTab::currentRow() const {
  const QModelIndex i = table_->currentIndex();
  return i.isValid() ? filter_->documentRow(i.row()) : -1;
}

void ReviewTab::selectRow(int documentRow) {
  const int p = filter_->proxyRow(documentRow);
  if (p >= 0) table_->selectRow(p);
}

std::pair<double, double> ReviewTab::selectedSegment() const { return {selection_->start(), selection_->end()}; }

void ReviewTab::onCurrentChanged() {
  player_->stop();
  playTimer_->stop();
  playEnd_ = -1;
  clearSelection();
  editor_->cancel();
  const int row = currentRow();
  current_ = ClipAnalysis{};
  bars_->clear();
  tiers_->setRow(row);
  axis_->setDuration(0);
  if (row < 0) {
    overview_->clear();
    clipTitle_->clear();
    return;
  }
  clipTitle_->setText(QStringLiteral("<b>%1</b>").arg(doc_->clip(row).key.toHtmlEscaped()));
  overview_->clear();
  overview_->setMessage(tr("Analysing %1…").arg(doc_->clip(row).key));
  std::shared_ptr<const ModelBundle> model = context_ ? context_->model() : nullptr;
  const QString path = doc_->clip(row).path;
  analysisWorker_->want(row);
  analysisWorker_->requestAnalysis(model, path, row, speakerClipsOf(speakerIndex(), doc_->clip(row).speaker));
  saveSession();
}

void ReviewTab::readReports(ReviewWorker* worker) {
  for (const ReviewReport& r : worker->takeReports()) {
    if (const auto* p = std::get_if<BatchProgress>(&r)) {
      progress_->setMaximum(std::max(1, p->total));
      progress_->setValue(p->done);
    } else if (const auto* prediction = std::get_if<ClipPrediction>(&r)) {
      onPredicted(*prediction);
    } else if (const auto* end = std::get_if<BatchFinished>(&r)) {
      onBatchFinished(end->cancelled, end->error);
    } else {
      onAnalysed(std::get<ClipAnalysis>(r));
    }
  }
}

void ReviewTab::onAnalysed(const ClipAnalysis& a) {
  if (a.row != currentRow() || a.path != doc_->clip(a.row).path) return;  // a clip no longer shown
  current_ = a;
  if (!a.error.isEmpty()) {
    overview_->setMessage(a.error);
    setStatus(a.error);
    return;
  }
  OverviewClip clip;
  clip.duration = a.duration;
  clip.samples = a.samples;
  clip.sampleRate = a.sampleRate;
  clip.spectrogram = a.spectrogram;
  clip.spectrogramDb = a.spectrogramDb;
  clip.spectrogramHop = a.spectrogramHop;
  clip.bandEdgesHz = a.bandEdgesHz;
  axis_->setDuration(a.duration);
  if (!a.bandEdgesHz.empty()) zoom_->setFrequencyLimit(a.bandEdgesHz.back());
  overview_->setClip(std::move(clip));
  tiers_->setModelLane(a.timeline, a.labels, a.uncertain);
  player_->setAudio(a.samples, a.sampleRate, doc_->clip(a.row).key);
  doc_->setDuration(a.row, a.duration);
  if (!a.labels.empty() && a.timelineError.isEmpty()) {  // the list entry from this very lane
    const LaneSummary s = summariseLane(a.timeline, a.labels, a.uncertain);
    doc_->setPrediction(a.row, QString::fromStdString(s.label), s.top >= 0 ? s.probabilities[static_cast<size_t>(s.top)] : 0.0f,
                        s.probabilities, {}, a.timeline, laneRuleText(s, a.duration), s.uncertain);
  }
  if (!a.timelineError.isEmpty()) setStatus(tr("No timeline: %1").arg(a.timelineError));
  if (restorePosition_ >= 0) {
    seekTo(restorePosition_);
    restorePosition_ = -1;
  }
  updatePlayhead();
  emit clipAnalysed(a.row);
}

void ReviewTab::refreshTiers() {
  const QStringList names = tiers_->humanTierNames();
  const QSignalBlocker block(tierBox_);
  tierBox_->clear();
  tierBox_->addItems(names);
  if (!names.contains(selection_->activeTier())) selection_->setActiveTier(names.front());
  tierBox_->setCurrentText(selection_->activeTier());
}

void ReviewTab::updatePlayhead() {
  double t = player_->position();
  if (player_->playing() && playEnd_ >= 0 && t >= playEnd_) {  // the end of the selection played
    if (loop_) {
      player_->seek(playStart_);
      t = playStart_;
    } else {
      player_->pause();
      playTimer_->stop();
      player_->seek(playEnd_);
      t = playEnd_;
      playEnd_ = -1;
    }
  }
  overview_->setPlayhead(t);
  if (player_->playing()) axis_->ensureVisible(t);
  for (const auto& s : current_.timeline) {
    if (t >= s.start && t < s.end) {
      if (s.speech)
        bars_->setProbabilities(s.probabilities);
      else
        bars_->setNoSpeech();
      return;
    }
  }
  bars_->setNoSpeech();
}

void ReviewTab::applyFilter() {
  const int row = currentRow();
  ClipFilterParams p;
  p.mode = static_cast<ClipFilterParams::Mode>(filterMode_->currentIndex());
  p.lowConfidence = lowConfidence_->value();
  p.text = filterText_->text();
  filter_->setParams(p);
  filter_->sort(table_->horizontalHeader()->sortIndicatorSection(), table_->horizontalHeader()->sortIndicatorOrder());
  if (row >= 0 && filter_->proxyRow(row) >= 0) {
    table_->selectRow(filter_->proxyRow(row));
  }
}

void ReviewTab::setStatus(const QString& text) { status_->setText(text); }
QString ReviewTab::statusText() const { return status_->text(); }
QString ReviewTab::readoutText() const { return overview_->readout(); }

}  // namespace emo::ui
