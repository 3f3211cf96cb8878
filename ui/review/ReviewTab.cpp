#include "ui/review/ReviewTab.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include "core/data/LabelVocabulary.h"
#include "core/model/ModelBundle.h"
#include "ui/common/AppContext.h"
#include "ui/live/FilePlayback.h"
#include "ui/review/ClipListModel.h"
#include "ui/review/ClipOverview.h"
#include "ui/review/ReviewDocument.h"
#include "ui/views/EmotionColors.h"
#include "ui/views/ProbabilityBars.h"

namespace emo::ui {

ReviewTab::ReviewTab(AppContext* context, QWidget* parent) : QWidget(parent), context_(context) {
  doc_ = new ReviewDocument(this);
  model_ = new ClipListModel(doc_, this);
  filter_ = new ClipFilter(doc_, this);
  filter_->setSourceModel(model_);
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

  buildUi();
  buildShortcuts();
  setFocusProxy(table_);  // entering the tab puts the keyboard on the clip list
  connect(doc_, &ReviewDocument::clipChanged, this, [this](int row) {
    if (row == currentRow()) refreshHuman();
  });
  if (context_) connect(context_, &AppContext::modelChanged, this, &ReviewTab::onModelChanged);
  onModelChanged();
}

ReviewTab::~ReviewTab() {
  batchWorker_->cancel();
  batchThread_.quit();
  analysisThread_.quit();
  batchThread_.wait();
  analysisThread_.wait();
}

void ReviewTab::buildUi() {
  auto* openFiles = new QPushButton(tr("Open files…"), this);
  auto* openFolder = new QPushButton(tr("Open folder…"), this);
  auto* openManifest = new QPushButton(tr("Open manifest…"), this);
  auto* importButton = new QPushButton(tr("Import labels…"), this);
  auto* exportButton = new QPushButton(tr("Export labels…"), this);
  predictButton_ = new QPushButton(tr("Predict all"), this);
  cancelButton_ = new QPushButton(tr("Cancel"), this);
  cancelButton_->setEnabled(false);
  progress_ = new QProgressBar(this);
  progress_->setRange(0, 1);
  progress_->setValue(0);
  progress_->setFormat(tr("%v / %m clips"));
  for (QPushButton* b : {openFiles, openFolder, openManifest, importButton, exportButton, predictButton_, cancelButton_})
    b->setFocusPolicy(Qt::NoFocus);  // keys stay with the keyboard workflow
  connect(openFiles, &QPushButton::clicked, this, &ReviewTab::openFilesDialog);
  connect(openFolder, &QPushButton::clicked, this, &ReviewTab::openFolderDialog);
  connect(openManifest, &QPushButton::clicked, this, &ReviewTab::openManifestDialog);
  connect(importButton, &QPushButton::clicked, this, &ReviewTab::importDialog);
  connect(exportButton, &QPushButton::clicked, this, &ReviewTab::exportDialog);
  connect(predictButton_, &QPushButton::clicked, this, &ReviewTab::predictAll);
  connect(cancelButton_, &QPushButton::clicked, this, &ReviewTab::cancelPrediction);

  auto* top = new QHBoxLayout;
  for (QWidget* w : {static_cast<QWidget*>(openFiles), static_cast<QWidget*>(openFolder),
                     static_cast<QWidget*>(openManifest), static_cast<QWidget*>(importButton),
                     static_cast<QWidget*>(exportButton), static_cast<QWidget*>(predictButton_),
                     static_cast<QWidget*>(cancelButton_)})
    top->addWidget(w);
  top->addWidget(progress_, 1);

  filterMode_ = new QComboBox(this);
  filterMode_->addItems({tr("All clips"), tr("Only disagreements"), tr("Low confidence"), tr("Unlabelled"),
                         tr("Not predicted")});
  lowConfidence_ = new QDoubleSpinBox(this);
  lowConfidence_->setRange(0.05, 1.0);
  lowConfidence_->setSingleStep(0.05);
  lowConfidence_->setValue(0.5);
  lowConfidence_->setPrefix(tr("below "));
  filterText_ = new QLineEdit(this);
  filterText_->setPlaceholderText(tr("filter by name"));
  filterText_->setClearButtonEnabled(true);
  connect(filterMode_, &QComboBox::currentIndexChanged, this, &ReviewTab::applyFilter);
  connect(lowConfidence_, &QDoubleSpinBox::valueChanged, this, &ReviewTab::applyFilter);
  connect(filterText_, &QLineEdit::textChanged, this, &ReviewTab::applyFilter);
  connect(filterText_, &QLineEdit::returnPressed, this, [this] { table_->setFocus(); });

  table_ = new QTableView(this);
  table_->setModel(filter_);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setSelectionMode(QAbstractItemView::SingleSelection);
  table_->setSortingEnabled(true);
  table_->sortByColumn(ClipListModel::File, Qt::AscendingOrder);
  table_->verticalHeader()->hide();
  table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  table_->horizontalHeader()->setSectionResizeMode(ClipListModel::File, QHeaderView::Stretch);
  table_->setMinimumWidth(420);
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &ReviewTab::onCurrentChanged);

  auto* listPane = new QWidget(this);
  auto* listLayout = new QVBoxLayout(listPane);
  listLayout->setContentsMargins(0, 0, 0, 0);
  auto* filterRow = new QHBoxLayout;
  filterRow->addWidget(filterMode_);
  filterRow->addWidget(lowConfidence_);
  filterRow->addWidget(filterText_, 1);
  listLayout->addLayout(filterRow);
  listLayout->addWidget(table_, 1);

  clipTitle_ = new QLabel(this);
  clipTitle_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  overview_ = new ClipOverview(this);
  connect(overview_, &ClipOverview::seekRequested, this, &ReviewTab::seekTo);
  bars_ = new ProbabilityBars(this);
  legend_ = new QLabel(this);
  legend_->setWordWrap(true);
  auto* detail = new QWidget(this);
  auto* detailLayout = new QVBoxLayout(detail);
  detailLayout->setContentsMargins(0, 0, 0, 0);
  detailLayout->addWidget(clipTitle_);
  auto* viewRow = new QHBoxLayout;
  viewRow->addWidget(overview_, 3);
  viewRow->addWidget(bars_, 1);
  detailLayout->addLayout(viewRow, 1);
  detailLayout->addWidget(legend_);

  auto* split = new QSplitter(Qt::Horizontal, this);
  split->addWidget(listPane);
  split->addWidget(detail);
  split->setStretchFactor(0, 2);
  split->setStretchFactor(1, 3);
  split->setSizes({560, 840});

  modelLabel_ = new QLabel(this);
  status_ = new QLabel(this);
  status_->setWordWrap(true);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(top);
  layout->addWidget(split, 1);
  layout->addWidget(modelLabel_);
  layout->addWidget(status_);
}

void ReviewTab::onModelChanged() {
  std::shared_ptr<const ModelBundle> model = context_ ? context_->model() : nullptr;
  doc_->setModelLabels(model ? model->labels() : std::vector<std::string>{});
  doc_->clearPredictions();
  bars_->setLabels(model ? model->labels() : std::vector<std::string>{});
  modelLabel_->setText(tr("Model in use: %1").arg(context_ ? context_->modelDescription() : tr("none")));
  predictButton_->setEnabled(model != nullptr);
  refreshLegend();
  if (currentRow() >= 0) onCurrentChanged();
}

void ReviewTab::refreshLegend() {
  QStringList keys;
  const auto labels = keyLabels();
  for (size_t i = 0; i < labels.size() && i < 8; ++i)
    keys << QStringLiteral("<b>%1</b> %2").arg(i + 1).arg(QString::fromStdString(labels[i]));
  legend_->setText(tr("Label: %1 · <b>0</b> clear · <b>Space</b> play/pause · <b>←/→</b> seek · "
                      "<b>N/P</b> next/previous clip · <b>S</b> select segment · <b>[ ]</b> previous/next "
                      "segment · <b>Esc</b> whole clip")
                       .arg(keys.join(QStringLiteral(" · "))));
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
  applyFilter();
  progress_->setRange(0, std::max(1, doc_->count()));
  progress_->setValue(0);
  QString text = tr("%1 clips from %2 · annotations autosaved to %3").arg(doc_->count()).arg(doc_->root(), doc_->sidecarPath());
  if (!doc_->notes().isEmpty()) text += tr(" · %1 note(s): %2").arg(doc_->notes().size()).arg(doc_->notes().front());
  setStatus(text);
  if (filter_->rowCount() > 0) table_->selectRow(0);
  table_->setFocus();
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

void ReviewTab::onCurrentChanged() {
  player_->stop();
  playTimer_->stop();
  clearSelection();
  const int row = currentRow();
  current_ = ClipAnalysis{};
  bars_->clear();
  if (row < 0) {
    overview_->clear();
    clipTitle_->clear();
    return;
  }
  clipTitle_->setText(QStringLiteral("<b>%1</b>").arg(doc_->clip(row).key.toHtmlEscaped()));
  overview_->clear();
  overview_->setMessage(tr("Analysing %1…").arg(doc_->clip(row).key));
  refreshHuman();
  std::shared_ptr<const ModelBundle> model = context_ ? context_->model() : nullptr;
  const QString path = doc_->clip(row).path;
  analysisWorker_->want(row);
  analysisWorker_->requestAnalysis(model, path, row);
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
  overview_->setClip(a.duration, a.envelopeMin, a.envelopeMax, a.spectrogram);
  overview_->setTimeline(a.timeline, a.labels);
  refreshHuman();
  player_->setAudio(a.samples, a.sampleRate, doc_->clip(a.row).key);
  std::vector<Segment> modelSegments;
  for (const auto& s : a.timeline) {  // runs of one label become one segment
    if (!s.speech || s.top < 0 || s.top >= static_cast<int>(a.labels.size())) continue;
    const std::string& label = a.labels[static_cast<size_t>(s.top)];
    if (!modelSegments.empty() && modelSegments.back().label == label && s.start <= modelSegments.back().end + 1e-6)
      modelSegments.back().end = s.end;
    else
      modelSegments.push_back(Segment{s.start, s.end, label});
  }
  doc_->setModelTimeline(a.row, std::move(modelSegments), a.duration);
  if (!a.timelineError.isEmpty()) setStatus(tr("No timeline: %1").arg(a.timelineError));
  updatePlayhead();
  emit clipAnalysed(a.row);
}

void ReviewTab::refreshHuman() {
  const int row = currentRow();
  if (row < 0) return;
  const AnnotationSet set = doc_->annotations(row);
  const Tier* human = set.findTier(ReviewDocument::kHumanTier);
  overview_->setHumanSegments(human ? human->segments : std::vector<Segment>{});
}

void ReviewTab::updatePlayhead() {
  const double t = player_->position();
  overview_->setPlayhead(t);
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

void ReviewTab::predictAll() {
  std::shared_ptr<const ModelBundle> model = context_ ? context_->model() : nullptr;
  if (!model) {
    setStatus(tr("No model is loaded: load or train one first."));
    return;
  }
  if (predicting_ || doc_->count() == 0) return;
  QStringList paths;
  QList<int> rows;
  for (int p = 0; p < filter_->rowCount(); ++p) {  // in the order shown
    const int r = filter_->documentRow(p);
    paths << doc_->clip(r).path;
    rows << r;
  }
  predicting_ = true;
  batchWorker_->resetCancel();
  predictButton_->setEnabled(false);
  cancelButton_->setEnabled(true);
  progress_->setRange(0, std::max(1, static_cast<int>(paths.size())));
  progress_->setValue(0);
  setStatus(tr("Predicting %1 clips…").arg(paths.size()));
  batchWorker_->requestPredictAll(model, paths, rows);
}

void ReviewTab::cancelPrediction() {
  if (predicting_) batchWorker_->cancel();
}

void ReviewTab::onPredicted(const ClipPrediction& p) {
  if (p.row < 0 || p.row >= doc_->count()) return;
  doc_->setPrediction(p.row, p.label, p.confidence, p.probabilities, p.error);
}

void ReviewTab::onBatchFinished(bool cancelled, const QString& error) {
  predicting_ = false;
  predictButton_->setEnabled(context_ && context_->model());
  cancelButton_->setEnabled(false);
  int disagreements = 0, done = 0;
  for (int i = 0; i < doc_->count(); ++i) {
    done += doc_->clip(i).predicted ? 1 : 0;
    disagreements += doc_->disagrees(i) ? 1 : 0;
  }
  if (!error.isEmpty())
    setStatus(error);
  else
    setStatus((cancelled ? tr("Prediction cancelled: %1 of %2 clips predicted, %3 disagreements.")
                         : tr("Predicted %1 of %2 clips, %3 disagreements."))
                  .arg(done).arg(doc_->count()).arg(disagreements));
  applyFilter();
  emit batchFinished(cancelled);
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

}  // namespace emo::ui
