#include "ui/train/TrainForm.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "core/data/DatasetScanner.h"
#include "core/data/LabelVocabulary.h"
#include "core/dsp/FeatureSet.h"
#include "core/model/ModelSpec.h"
#include "core/model/TorchRuntime.h"
#include "ui/common/AppPaths.h"

namespace emo::ui {
namespace {

/// The features field's entry for "the model type's own input" (ExperimentConfig::features "").
const QString kDefaultFeatures = QStringLiteral("default");

QSpinBox* spin(int lo, int hi, int value, QWidget* parent, const QString& special = {}) {
  auto* s = new QSpinBox(parent);
  s->setRange(lo, hi);
  s->setValue(value);
  if (!special.isEmpty()) s->setSpecialValueText(special);
  return s;
}

/// A spin box for a fraction or weight: [lo, hi] in steps of `step`; `off` names the value lo.
QDoubleSpinBox* fractionSpin(double lo, double hi, double step, double value, const QString& off, QWidget* parent) {
  auto* s = new QDoubleSpinBox(parent);
  s->setRange(lo, hi);
  s->setSingleStep(step);
  s->setValue(value);
  s->setSpecialValueText(off);
  return s;
}

}  // namespace

TrainForm::TrainForm(QWidget* parent) : QWidget(parent) {
  const ExperimentConfig defaults;
  // Data.
  sources_ = new QListWidget(this);
  sources_->setMaximumHeight(90);
  auto* addFolderButton = new QPushButton(tr("Add folder…"), this);
  auto* addManifestButton = new QPushButton(tr("Add manifest…"), this);
  auto* removeButton = new QPushButton(tr("Remove"), this);
  removeButton->setObjectName(QStringLiteral("removeSource"));
  connect(addFolderButton, &QPushButton::clicked, this, &TrainForm::addFolder);
  connect(addManifestButton, &QPushButton::clicked, this, &TrainForm::addManifest);
  connect(removeButton, &QPushButton::clicked, this, [this] {
    delete sources_->currentItem();
    emit sourcesChanged();
  });
  adapter_ = new QComboBox(this);
  adapter_->addItem("auto");
  for (const auto& a : adapterNames())
    if (a != "auto") adapter_->addItem(QString::fromStdString(a));
  connect(adapter_, &QComboBox::currentIndexChanged, this, &TrainForm::sourcesChanged);
  auto* dataBox = new QGroupBox(tr("Data"), this);
  auto* dataLayout = new QVBoxLayout(dataBox);
  dataLayout->addWidget(sources_);
  auto* dataButtons = new QHBoxLayout;
  dataButtons->addWidget(addFolderButton);
  dataButtons->addWidget(addManifestButton);
  dataButtons->addWidget(removeButton);
  dataLayout->addLayout(dataButtons);
  auto* adapterRow = new QFormLayout;
  adapterRow->addRow(tr("Adapter"), adapter_);
  dataLayout->addLayout(adapterRow);
  speakers_ = new QListWidget(this);
  speakers_->setObjectName(QStringLiteral("speakers"));
  speakers_->setMaximumHeight(110);
  speakers_->setFlow(QListView::LeftToRight);
  speakers_->setWrapping(true);
  speakers_->setResizeMode(QListView::Adjust);
  speakers_->setToolTip(tr("Speakers found by the scan: uncheck those to leave out of training and testing"));
  dataLayout->addWidget(new QLabel(tr("Speakers (scan to list; uncheck to leave out)"), this));
  dataLayout->addWidget(speakers_);
  connect(this, &TrainForm::sourcesChanged, speakers_, &QListWidget::clear);

  // Model and hyperparameters.
  schema_ = new QComboBox(this);
  schema_->setEditable(true);  // a built-in name or the path of a mapping JSON
  for (const auto& s : LabelSchema::builtinNames()) schema_->addItem(QString::fromStdString(s));
  schema_->setCurrentText(QString::fromStdString(defaults.schema));
  schema_->setToolTip(tr("A built-in schema or the path of a label mapping JSON"));
  modelType_ = new QComboBox(this);
  for (const auto& t : modelTypeNames()) modelType_->addItem(QString::fromStdString(t));
  modelType_->setCurrentText(QString::fromStdString(defaults.modelType));
  features_ = new QComboBox(this);
  features_->setEditable(true);  // any comma-separated list of feature kinds
  features_->addItems({kDefaultFeatures, "logmel_db", "logmel_db,f0", "pcen", "mfcc,mfcc_delta,mfcc_delta2"});
  features_->setCurrentText(defaults.features.empty() ? kDefaultFeatures : QString::fromStdString(defaults.features));
  features_->setToolTip(tr("The network's input, as comma-separated feature kinds (%1); \"%2\" is the model "
                           "type's own. f0 adds the YIN pitch and the voiced flag")
                            .arg(QString::fromStdString(featureKindNames()), kDefaultFeatures));
  epochs_ = spin(1, 500, defaults.epochs, this);
  batch_ = spin(1, 512, defaults.batchSize, this);
  lr_ = new QDoubleSpinBox(this);
  lr_->setDecimals(5);
  lr_->setRange(1e-5, 1.0);
  lr_->setSingleStep(1e-4);
  lr_->setValue(defaults.lr);
  weightDecay_ = new QDoubleSpinBox(this);
  weightDecay_->setDecimals(4);
  weightDecay_->setRange(0, 1);
  weightDecay_->setValue(defaults.weightDecay);
  patience_ = spin(0, 100, defaults.patience, this, tr("off"));
  lrSchedule_ = new QComboBox(this);
  lrSchedule_->addItems({"plateau", "cosine"});
  lrSchedule_->setCurrentText(QString::fromStdString(defaults.lrSchedule));
  lrSchedule_->setToolTip(tr("plateau: halve the rate when validation UA stops improving; "
                             "cosine: decay to the floor over all epochs"));
  normalisation_ = new QComboBox(this);
  normalisation_->addItem(tr("Model default"), QString("|all"));
  normalisation_->addItem(tr("Per utterance"), QString("utterance|all"));
  normalisation_->addItem(tr("Training set (global)"), QString("global|all"));
  normalisation_->addItem(tr("Per speaker, from all its clips"), QString("speaker|all"));
  normalisation_->addItem(tr("Per speaker, from its neutral clips (as calibration)"), QString("speaker|neutral"));
  normalisation_->setToolTip(tr("Per speaker: each speaker's input is standardised with its own statistics; "
                                "live, a speaker profile (Calibrate) provides them. From neutral clips "
                                "matches the app's neutral calibration recording"));
  corpusAdversary_ = fractionSpin(0, 1, 0.05, defaults.corpusAdversary, tr("off"), this);
  corpusAdversary_->setToolTip(tr("Weight of a corpus classifier trained through gradient reversal, so the network "
                                  "keeps less of which corpus (studio, language) a clip came from; needs two or "
                                  "more corpora"));
  validation_ = fractionSpin(0, 0.5, 0.05, defaults.validationFraction, tr("none"), this);
  validation_->setToolTip(tr("Share of the training speakers held out (whole speakers) for early stopping and "
                             "to fit the confidence calibration"));
  keep_ = new QComboBox(this);
  keep_->addItem(tr("Best validation epoch"), "best");
  keep_->addItem(tr("Last epoch (validation speakers only calibrate)"), "last");
  keep_->setCurrentIndex(keep_->findData(QString::fromStdString(defaults.keep)));
  channels_ = spin(0, 1024, 0, this, tr("default"));
  hidden_ = spin(0, 1024, 0, this, tr("default"));
  members_ = spin(1, ModelSpec::kMaxMembers, defaults.members, this);
  members_->setToolTip(tr("Ensemble: networks trained side by side from different initial weights; "
                          "their probabilities are averaged (costs this many times the time)"));
  seed_ = spin(0, 1 << 30, static_cast<int>(defaults.seed), this);
  device_ = new QComboBox(this);
  device_->setObjectName(QStringLiteral("trainDevice"));
  device_->addItems({"auto", "cpu"});
  for (int i = 0; i < cudaDeviceCount(); ++i) device_->addItem(QStringLiteral("cuda:%1").arg(i));
  device_->setCurrentText(QString::fromStdString(defaults.device));
  device_->setToolTip(tr("Where the network trains: auto uses a GPU when this build of EmoScope and the "
                         "machine have one (now: %1), cpu always works")
                          .arg(QString::fromStdString(resolveComputeDevice("auto").value().name)));
  auto* modelBox = new QGroupBox(tr("Model"), this);
  auto* modelForm = new QFormLayout(modelBox);
  modelForm->addRow(tr("Label schema"), schema_);
  modelForm->addRow(tr("Model type"), modelType_);
  modelForm->addRow(tr("Input features"), features_);
  modelForm->addRow(tr("Epochs"), epochs_);
  modelForm->addRow(tr("Batch size"), batch_);
  modelForm->addRow(tr("Learning rate"), lr_);
  modelForm->addRow(tr("Weight decay"), weightDecay_);
  modelForm->addRow(tr("Early-stopping patience"), patience_);
  modelForm->addRow(tr("Learning-rate schedule"), lrSchedule_);
  modelForm->addRow(tr("Normalisation"), normalisation_);
  modelForm->addRow(tr("Corpus adversary"), corpusAdversary_);
  modelForm->addRow(tr("Validation speakers"), validation_);
  modelForm->addRow(tr("Weights kept"), keep_);
  modelForm->addRow(tr("Channels"), channels_);
  modelForm->addRow(tr("Hidden size"), hidden_);
  modelForm->addRow(tr("Ensemble members"), members_);
  modelForm->addRow(tr("Seed"), seed_);
  modelForm->addRow(tr("Device"), device_);

  // Augmentation.
  augment_ = new QComboBox(this);
  augment_->addItems({"none", "light", "voice", "light+voice", "robust"});
  augment_->setToolTip(tr("light: gain, mild noise, time shift; voice: speaking rate and pitch of other "
                          "speakers; light+voice: both; robust: all effects, strong noise, reverberation, "
                          "band limits"));
  specAugment_ = new QCheckBox(tr("SpecAugment"), this);
  sampling_ = new QComboBox(this);
  sampling_->addItem(tr("Each clip once"), "shuffle");
  sampling_->addItem(tr("Oversample rare classes"), "class");
  sampling_->addItem(tr("Corpora in equal shares"), "corpus");
  sampling_->setToolTip(tr("Which clips each epoch draws. Corpora in equal shares: a large corpus of few "
                           "speakers does not outweigh the others"));
  bucketByLength_ = new QCheckBox(tr("Batches of similar length (faster)"), this);
  bucketByLength_->setToolTip(tr("Clips of similar length share a batch and one crop length, so padding costs nothing"));
  mixup_ = fractionSpin(0, 10, 0.1, defaults.mixup, tr("off"), this);
  mixup_->setToolTip(tr("Mix pairs of training clips with a Beta(alpha, alpha) weight"));
  ownStats_ = fractionSpin(0, 1, 0.05, defaults.ownStatsShare, tr("none"), this);
  ownStats_->setToolTip(tr("Per-speaker normalisation only: this share of training crops is normalised by its own "
                           "statistics instead of its speaker's, as a recording is before its speaker's "
                           "statistics exist (the first seconds of Live, a single clip)"));
  const auto enableOwnStats = [this] { ownStats_->setEnabled(normalisation_->currentData().toString().startsWith("speaker")); };
  connect(normalisation_, &QComboBox::currentIndexChanged, this, enableOwnStats);
  enableOwnStats();
  auto* augBox = new QGroupBox(tr("Augmentation"), this);
  auto* augForm = new QFormLayout(augBox);
  augmentCopies_ = spin(0, 8, defaults.augmentCopies, this, tr("none (effects drawn anew)"));
  augmentCopies_->setToolTip(tr("Augmented versions of each clip computed once; each epoch draws one of them or the "
                                "clip itself"));
  augForm->addRow(tr("Waveform effects"), augment_);
  augForm->addRow(tr("Augmented copies"), augmentCopies_);
  augForm->addRow(specAugment_);
  augForm->addRow(tr("Sampling"), sampling_);
  augForm->addRow(bucketByLength_);
  augForm->addRow(tr("Mixup alpha"), mixup_);
  augForm->addRow(tr("Crops without speaker statistics"), ownStats_);

  // Evaluation.
  evaluation_ = new QComboBox(this);
  evaluation_->addItems({tr("Speaker-grouped folds (test speakers unseen)"), tr("Random 80/20 split"),
                         tr("Unseen corpus (test on the first source's corpus, train on the others)")});
  evaluation_->setToolTip(tr("Unseen corpus: leave one corpus out, scored over that corpus's own labels; "
                             "emoscope-cli cv --group corpus runs every corpus in turn"));
  folds_ = spin(2, 20, defaults.folds, this);
  warning_ = new QLabel(tr("⚠ Speaker-dependent: test speakers are also in training, so scores are optimistic "
                           "and do not predict results on new voices."),
                        this);
  warning_->setWordWrap(true);
  warning_->setStyleSheet("color: #b00020; font-weight: bold;");
  connect(evaluation_, &QComboBox::currentIndexChanged, this, &TrainForm::updateWarning);
  auto* evalBox = new QGroupBox(tr("Evaluation"), this);
  auto* evalForm = new QFormLayout(evalBox);
  evalForm->addRow(tr("Split"), evaluation_);
  evalForm->addRow(tr("Folds (test on fold 1)"), folds_);
  evalForm->addRow(warning_);

  // Output.
  bundleFolder_ = new QLineEdit(this);
  bundleFolder_->setText(defaultBundleFolder());
  connect(bundleFolder_, &QLineEdit::textChanged, this, &TrainForm::bundleFolderChanged);
  auto* browse = new QPushButton(tr("…"), this);
  connect(browse, &QPushButton::clicked, this, &TrainForm::chooseBundleFolder);
  auto* outRow = new QHBoxLayout;
  outRow->addWidget(new QLabel(tr("Save bundle to"), this));
  outRow->addWidget(bundleFolder_, 1);
  outRow->addWidget(browse);

  auto* recipe = new QPushButton(tr("Shipped recipe"), this);
  recipe->setObjectName(QStringLiteral("shippedRecipe"));
  recipe->setToolTip(tr("Set every model, augmentation and validation field to the configuration the shipped "
                        "model was trained with (scripts/train-default.sh): it did best on corpora it never heard"));
  connect(recipe, &QPushButton::clicked, this, [this] { applyRecipe(shippedRecipe()); });
  auto* recipeRow = new QHBoxLayout;
  recipeRow->addStretch(1);
  recipeRow->addWidget(recipe);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(dataBox);
  layout->addLayout(recipeRow);
  layout->addWidget(modelBox);
  layout->addWidget(augBox);
  layout->addWidget(evalBox);
  layout->addLayout(outRow);
  layout->addStretch(1);
  updateWarning();
}

QStringList TrainForm::sources() const {
  QStringList out;
  for (int i = 0; i < sources_->count(); ++i) out << sources_->item(i)->text();
  return out;
}

void TrainForm::setSources(const QStringList& sources) {
  sources_->clear();
  sources_->addItems(sources);
  emit sourcesChanged();
}

QString TrainForm::adapter() const { return adapter_->currentText(); }
bool TrainForm::randomSplit() const { return evaluation_->currentIndex() == 1; }
bool TrainForm::corpusHeldOut() const { return evaluation_->currentIndex() == 2; }
QString TrainForm::bundleFolder() const { return bundleFolder_->text().trimmed(); }
void TrainForm::setBundleFolder(const QString& folder) { bundleFolder_->setText(folder); }

QString TrainForm::defaultBundleFolder() {
  return AppPaths::modelsFolder() + "/model-" + QDateTime::currentDateTime().toString("yyyyMMdd-HHmmss");
}

void TrainForm::setSpeakers(const QStringList& speakers) {
  speakers_->clear();
  for (const QString& s : speakers) {
    auto* item = new QListWidgetItem(s, speakers_);
    item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
    item->setCheckState(Qt::Checked);
  }
}

QStringList TrainForm::chosenSpeakers() const {
  QStringList chosen;
  for (int i = 0; i < speakers_->count(); ++i)
    if (speakers_->item(i)->checkState() == Qt::Checked) chosen << speakers_->item(i)->text();
  return chosen.size() == speakers_->count() ? QStringList() : chosen;
}
bool TrainForm::speakerDependentWarningVisible() const { return !warning_->isHidden(); }

void TrainForm::updateWarning() {
  warning_->setVisible(randomSplit());
  emit splitChanged();
}

TrainJob TrainForm::job(bool resume) const {
  TrainJob j;
  ExperimentConfig& c = j.config;
  for (const QString& s : sources()) c.data.push_back(s.toStdString());
  c.adapter = adapter().toStdString();
  c.schema = schema_->currentText().trimmed().toStdString();
  c.modelType = modelType_->currentText().toStdString();
  const QString features = features_->currentText().remove(' ');
  c.features = features == kDefaultFeatures ? std::string() : features.toStdString();
  c.epochs = epochs_->value();
  c.batchSize = batch_->value();
  c.lr = static_cast<float>(lr_->value());
  c.weightDecay = static_cast<float>(weightDecay_->value());
  c.patience = patience_->value();
  const QStringList norm = normalisation_->currentData().toString().split('|');
  c.norm = norm.value(0).toStdString();
  c.speakerStats = norm.value(1).toStdString();
  c.channels = channels_->value();
  c.hidden = hidden_->value();
  c.members = members_->value();
  c.seed = static_cast<uint64_t>(seed_->value());
  c.device = device_->currentText().toStdString();
  c.augment = augment_->currentText().toStdString();
  c.specAugment = specAugment_->isChecked();
  c.lrSchedule = lrSchedule_->currentText().toStdString();
  c.mixup = static_cast<float>(mixup_->value());
  c.corpusAdversary = static_cast<float>(corpusAdversary_->value());
  c.ownStatsShare = ownStats_->isEnabled() ? static_cast<float>(ownStats_->value()) : 0.0f;
  c.validationFraction = static_cast<float>(validation_->value());
  c.keep = keep_->currentData().toString().toStdString();
  c.augmentCopies = augmentCopies_->value();
  c.sampling = sampling_->currentData().toString().toStdString();
  c.bucketByLength = bucketByLength_->isChecked();
  c.folds = folds_->value();
  c.split = randomSplit() ? "random" : "speaker";
  c.group = corpusHeldOut() ? "corpus" : "speaker";
  c.resume = resume;
  j.randomSplit = randomSplit();
  j.bundleFolder = bundleFolder();
  j.speakers = chosenSpeakers();
  return j;
}

void TrainForm::applyRecipe(const ExperimentConfig& r) {
  schema_->setCurrentText(QString::fromStdString(r.schema));
  modelType_->setCurrentText(QString::fromStdString(r.modelType));
  features_->setCurrentText(r.features.empty() ? kDefaultFeatures : QString::fromStdString(r.features));
  epochs_->setValue(r.epochs);
  batch_->setValue(r.batchSize);
  lr_->setValue(r.lr);
  weightDecay_->setValue(r.weightDecay);
  patience_->setValue(r.patience);
  lrSchedule_->setCurrentText(QString::fromStdString(r.lrSchedule));
  normalisation_->setCurrentIndex(normalisation_->findData(QString::fromStdString(r.norm + "|" + r.speakerStats)));
  corpusAdversary_->setValue(r.corpusAdversary);
  validation_->setValue(r.validationFraction);
  keep_->setCurrentIndex(keep_->findData(QString::fromStdString(r.keep)));
  channels_->setValue(r.channels);
  hidden_->setValue(r.hidden);
  members_->setValue(r.members);
  seed_->setValue(static_cast<int>(r.seed));
  augment_->setCurrentText(QString::fromStdString(r.augment));
  augmentCopies_->setValue(r.augmentCopies);
  specAugment_->setChecked(r.specAugment);
  sampling_->setCurrentIndex(sampling_->findData(QString::fromStdString(r.sampling)));
  bucketByLength_->setChecked(r.bucketByLength);
  mixup_->setValue(r.mixup);
  ownStats_->setValue(r.ownStatsShare);
}

void TrainForm::addFolder() {
  const QString dir = QFileDialog::getExistingDirectory(this, tr("Add a dataset folder"));
  if (dir.isEmpty()) return;
  sources_->addItem(dir);
  emit sourcesChanged();
}

void TrainForm::addManifest() {
  const QString csv = QFileDialog::getOpenFileName(this, tr("Add a CSV manifest"), {}, tr("Manifest (*.csv)"));
  if (csv.isEmpty()) return;
  sources_->addItem(csv);
  emit sourcesChanged();
}

void TrainForm::chooseBundleFolder() {
  const QString dir = QFileDialog::getSaveFileName(this, tr("Folder for the model bundle"), bundleFolder());
  if (!dir.isEmpty()) bundleFolder_->setText(dir);
}

}  // namespace emo::ui
