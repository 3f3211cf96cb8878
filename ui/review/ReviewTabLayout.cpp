// ReviewTab: building the widgets (tool row, clip list, clip view and its side panel).
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
#include <QSplitter>
#include <QTableView>
#include <QUndoView>
#include <QVBoxLayout>

#include "ui/review/ClipListModel.h"
#include "ui/review/ClipOverview.h"
#include "ui/review/LabelEditor.h"
#include "ui/review/ReviewDocument.h"
#include "ui/review/ReviewTab.h"
#include "ui/review/SelectionModel.h"
#include "ui/review/VerticalZoom.h"
#include "ui/views/ProbabilityBars.h"

namespace emo::ui {

void ReviewTab::buildUi() {
  auto* openFiles = new QPushButton(tr("Open files…"), this);
  auto* openFolder = new QPushButton(tr("Open folder…"), this);
  auto* openManifest = new QPushButton(tr("Open manifest…"), this);
  auto* importButton = new QPushButton(tr("Import labels…"), this);
  auto* exportButton = new QPushButton(tr("Export labels…"), this);
  auto* layersButton = new QPushButton(tr("Export layers…"), this);
  predictButton_ = new QPushButton(tr("Predict all"), this);
  cancelButton_ = new QPushButton(tr("Cancel"), this);
  cancelButton_->setEnabled(false);
  progress_ = new QProgressBar(this);
  resetProgress();
  for (QPushButton* b : {openFiles, openFolder, openManifest, importButton, exportButton, layersButton, predictButton_,
                         cancelButton_})
    b->setFocusPolicy(Qt::NoFocus);  // keys stay with the keyboard workflow
  connect(openFiles, &QPushButton::clicked, this, &ReviewTab::openFilesDialog);
  connect(openFolder, &QPushButton::clicked, this, &ReviewTab::openFolderDialog);
  connect(openManifest, &QPushButton::clicked, this, &ReviewTab::openManifestDialog);
  connect(importButton, &QPushButton::clicked, this, &ReviewTab::importDialog);
  connect(exportButton, &QPushButton::clicked, this, &ReviewTab::exportDialog);
  connect(layersButton, &QPushButton::clicked, this, &ReviewTab::layersDialog);
  connect(predictButton_, &QPushButton::clicked, this, &ReviewTab::predictAll);
  connect(cancelButton_, &QPushButton::clicked, this, &ReviewTab::cancelPrediction);

  auto* top = new QHBoxLayout;
  for (QPushButton* b : {openFiles, openFolder, openManifest, importButton, exportButton, layersButton, predictButton_,
                         cancelButton_})
    top->addWidget(b);
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
  filterText_->setObjectName(QStringLiteral("clipFilter"));
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
  // Every column as wide as its contents, so a clip name is never cut ("03-01-05-…"): when the
  // pane is narrower than the columns, the view scrolls sideways (the least needed columns are
  // last) and the last one takes any room left.
  table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  table_->horizontalHeader()->setStretchLastSection(true);
  table_->setMinimumWidth(420);
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &ReviewTab::onCurrentChanged);
  table_->installEventFilter(this);  // Enter: edit the label at the playhead

  auto* listPane = new QWidget(this);
  auto* listLayout = new QVBoxLayout(listPane);
  listLayout->setContentsMargins(0, 0, 0, 0);
  auto* filterRow = new QHBoxLayout;
  filterRow->addWidget(filterMode_);
  filterRow->addWidget(lowConfidence_);
  filterRow->addWidget(filterText_, 1);
  listLayout->addLayout(filterRow);
  listLayout->addWidget(table_, 1);

  auto* split = new QSplitter(Qt::Horizontal, this);
  split->addWidget(listPane);
  split->addWidget(buildDetailPane());
  split->setStretchFactor(0, 2);
  split->setStretchFactor(1, 4);
  split->setSizes({620, 660});  // at 1280 px the list shows a RAVDESS folder's names and labels whole

  modelLabel_ = new QLabel(this);
  status_ = new QLabel(this);
  status_->setWordWrap(true);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(top);
  layout->addWidget(split, 1);
  layout->addWidget(modelLabel_);
  layout->addWidget(status_);
  editor_ = new LabelEditor(this);
  connect(editor_, &LabelEditor::committed, this, &ReviewTab::onEditCommitted);
}

QWidget* ReviewTab::buildDetailPane() {
  clipTitle_ = new QLabel(this);
  clipTitle_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  overview_ = new ClipOverview(axis_, selection_, tiers_, zoom_, this);
  connect(overview_, &ClipOverview::seekRequested, this, &ReviewTab::seekTo);
  connect(overview_, &ClipOverview::edgeMoved, this, [this](const QString& tier, int index, int which, double t) {
    const int row = currentRow();
    if (row < 0) return;
    const QString error = doc_->moveSegmentEdge(row, tier, index, which, t);
    setStatus(error.isEmpty() ? tr("Boundary moved to %1 s (saved; Ctrl+Z undoes)").arg(t, 0, 'f', 3) : error);
  });
  connect(overview_, &ClipOverview::editRequested, this, &ReviewTab::editLabel);
  scroll_ = new QScrollBar(Qt::Horizontal, this);
  scroll_->setFocusPolicy(Qt::NoFocus);
  readout_ = new QLabel(this);
  readout_->setMinimumWidth(260);
  connect(overview_, &ClipOverview::readoutChanged, readout_, &QLabel::setText);
  tierBox_ = new QComboBox(this);
  tierBox_->setEditable(true);
  tierBox_->setInsertPolicy(QComboBox::NoInsert);
  tierBox_->setToolTip(tr("The tier labels go to. Type a new name and press Enter to add a tier."));
  tierBox_->setMinimumWidth(120);
  connect(tierBox_, &QComboBox::activated, this, &ReviewTab::onTierChosen);
  connect(tierBox_->lineEdit(), &QLineEdit::returnPressed, this, &ReviewTab::onTierChosen);
  connect(selection_, &SelectionModel::activeTierChanged, this, [this](const QString& tier) {
    const QSignalBlocker block(tierBox_);
    tierBox_->setCurrentText(tier);
  });
  autoScale_ = new QCheckBox(tr("Auto-scale"), this);
  autoScale_->setChecked(true);
  autoScale_->setFocusPolicy(Qt::NoFocus);
  autoScale_->setToolTip(tr("Fit the waveform to the loudest sample in view; Shift+wheel over it zooms the level."));
  connect(autoScale_, &QCheckBox::toggled, zoom_, &VerticalZoom::setAutoScale);
  connect(zoom_, &VerticalZoom::changed, this, [this] {
    const QSignalBlocker block(autoScale_);
    autoScale_->setChecked(zoom_->autoScale());
  });
  bars_ = new ProbabilityBars(this);
  history_ = new QUndoView(doc_->undoStack(), this);
  history_->setEmptyLabel(tr("<opened>"));
  history_->setFocusPolicy(Qt::NoFocus);
  history_->setToolTip(tr("Edit history: click an entry to go back to it (Ctrl+Z / Ctrl+Shift+Z)."));
  legend_ = new QLabel(this);
  legend_->setWordWrap(true);

  auto* detail = new QWidget(this);
  auto* detailLayout = new QVBoxLayout(detail);
  detailLayout->setContentsMargins(0, 0, 0, 0);
  auto* titleRow = new QHBoxLayout;
  titleRow->addWidget(clipTitle_, 1);
  titleRow->addWidget(new QLabel(tr("Tier:"), this));
  titleRow->addWidget(tierBox_);
  titleRow->addWidget(autoScale_);
  detailLayout->addLayout(titleRow);
  auto* viewRow = new QHBoxLayout;
  auto* viewColumn = new QVBoxLayout;
  viewColumn->addWidget(overview_, 1);
  viewColumn->addWidget(scroll_);
  viewColumn->addWidget(readout_);
  viewRow->addLayout(viewColumn, 4);
  auto* side = new QVBoxLayout;
  side->addWidget(bars_, 2);
  side->addWidget(new QLabel(tr("History"), this));
  side->addWidget(history_, 1);
  viewRow->addLayout(side, 1);
  detailLayout->addLayout(viewRow, 1);
  detailLayout->addWidget(legend_);
  return detail;
}

}  // namespace emo::ui
