#include "ui/live/SpeakerProfilePanel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QMessageBox>
#include <QSettings>
#include <QToolButton>

#include "core/model/ModelBundle.h"
#include "core/train/SpeakerStats.h"
#include "ui/common/AppContext.h"
#include "ui/live/CalibrationDialog.h"
#include "ui/live/ProfileLibrary.h"

namespace emo::ui {
namespace {
const QString kProfileKey = QStringLiteral("live/speakerProfile");
}

SpeakerProfilePanel::SpeakerProfilePanel(AppContext* context, QWidget* parent)
    : QWidget(parent), context_(context), library_(std::make_unique<ProfileLibrary>()) {
  combo_ = new QComboBox(this);
  combo_->setObjectName(QStringLiteral("speakerProfile"));
  combo_->setToolTip(tr("Speaker profile: emotions judged relative to this speaker's calibrated neutral voice"));
  combo_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  calibrate_ = new QToolButton(this);
  calibrate_->setText(tr("Calibrate…"));
  rename_ = new QToolButton(this);
  rename_->setText(tr("Rename…"));
  delete_ = new QToolButton(this);
  delete_->setText(tr("Delete"));
  auto* h = new QHBoxLayout(this);
  h->setContentsMargins(0, 0, 0, 0);
  h->addWidget(new QLabel(tr("Speaker:"), this));
  h->addWidget(combo_);
  h->addWidget(calibrate_);
  h->addWidget(rename_);
  h->addWidget(delete_);

  connect(combo_, qOverload<int>(&QComboBox::currentIndexChanged), this, [this](int) {
    if (!updating_)
      if (QString e = select(current()); !e.isEmpty()) emit message(e);
  });
  connect(calibrate_, &QToolButton::clicked, this, &SpeakerProfilePanel::calibrate);
  connect(rename_, &QToolButton::clicked, this, [this] {
    const QString from = current();
    if (from.isEmpty()) return;
    bool ok = false;
    const QString to = QInputDialog::getText(this, tr("Rename profile"), tr("New name:"), QLineEdit::Normal, from, &ok);
    if (ok && to != from)
      if (QString e = rename(from, to.trimmed()); !e.isEmpty()) emit message(e);
  });
  connect(delete_, &QToolButton::clicked, this, [this] {
    const QString name = current();
    if (name.isEmpty()) return;
    if (QMessageBox::question(this, tr("Delete profile"), tr("Delete the speaker profile \"%1\"?").arg(name)) ==
        QMessageBox::Yes)
      if (QString e = remove(name); !e.isEmpty()) emit message(e);
  });
  connect(context_, &AppContext::modelChanged, this, [this] { select(current()); });
  refresh();
}

SpeakerProfilePanel::~SpeakerProfilePanel() = default;

void SpeakerProfilePanel::refresh() {
  const QString wanted = combo_->count() > 0 ? current() : QSettings().value(kProfileKey).toString();
  updating_ = true;
  combo_->clear();
  combo_->addItem(tr("(none)"), QString());
  for (const QString& n : library_->names()) combo_->addItem(n, n);
  const int idx = combo_->findData(wanted);
  combo_->setCurrentIndex(idx > 0 ? idx : 0);
  updating_ = false;
  rename_->setEnabled(!current().isEmpty());
  delete_->setEnabled(!current().isEmpty());
  if (QString e = select(current()); !e.isEmpty()) emit message(e);
}

QString SpeakerProfilePanel::noneItemText() const { return combo_->itemText(0); }

QString SpeakerProfilePanel::current() const { return combo_->currentData().toString(); }

QStringList SpeakerProfilePanel::names() const { return library_->names(); }

QString SpeakerProfilePanel::select(const QString& name) {
  const int idx = combo_->findData(name);
  if (idx < 0) return tr("No speaker profile named \"%1\".").arg(name);
  if (combo_->currentIndex() != idx) {
    updating_ = true;
    combo_->setCurrentIndex(idx);
    updating_ = false;
  }
  rename_->setEnabled(!name.isEmpty());
  delete_->setEnabled(!name.isEmpty());
  QSettings().setValue(kProfileKey, name);
  updateNoneItem();
  if (name.isEmpty() || !context_->model() || !modelWantsProfile()) {  // only such a model uses one
    if (context_->speakerProfile()) context_->setSpeakerProfile(QString(), nullptr);
    return {};
  }
  QString err;
  auto stats = library_->load(name, *context_->model(), &err);
  context_->setSpeakerProfile(name, stats);
  return stats ? QString() : err;
}

bool SpeakerProfilePanel::modelWantsProfile() const {
  return context_->model() && context_->model()->normMode() == NormMode::Speaker;
}

void SpeakerProfilePanel::updateNoneItem() {
  // A speaker-normalised model without a profile scores each window by itself until the session
  // has 3 s of scored audio, then normalises with the session's own statistics
  // (StreamingClassifier): say so where the profile is chosen. A model trained with the statistics
  // of all of each speaker's speech (not of neutral clips) did better that way than with a calm
  // calibration recording (docs/RESULTS.md, test-time speaker statistics): the panel recommends it.
  // Any other model ignores profiles: the panel does not invite a calibration and says why.
  const bool wanted = modelWantsProfile();
  const QString why = CalibrationDialog::calibrationUnusedReason(context_->model().get());
  const bool sessionFirst = wanted && speakerReferenceOf(context_->model()->info()).empty();
  combo_->setItemText(0, !wanted        ? tr("(not used by this model)")
                         : sessionFirst ? tr("(none: adapts to this session's voice; recommended)")
                                        : tr("(none: adapts to this session's voice)"));
  combo_->setEnabled(wanted);
  combo_->setToolTip(wanted ? tr("Speaker profile: emotions judged relative to this speaker's calibrated neutral voice")
                            : why);
  calibrate_->setEnabled(wanted);
  calibrate_->setToolTip(!wanted ? why
                         : sessionFirst
                             ? tr("This model learned each speaker's voice from all of their speech, and without a "
                                  "profile it adapts to the voice heard in this session after the first seconds: "
                                  "that measured better than a calm calibration recording. A profile fixes one "
                                  "speaker's statistics, e.g. for sessions that start with strong emotion")
                         : current().isEmpty()
                             ? tr("This model judges emotions relative to a speaker's voice: record a neutral "
                                  "calibration for each speaker; without one it adapts to the voice it has heard "
                                  "in this session, after the first seconds of speech")
                             : tr("Record a short neutral passage to create a speaker profile"));
}

QString SpeakerProfilePanel::calibrateToolTip() const { return calibrate_->toolTip(); }
bool SpeakerProfilePanel::calibrateOffered() const { return calibrate_->isEnabled(); }

QString SpeakerProfilePanel::rename(const QString& from, const QString& to) {
  const QString err = library_->rename(from, to);
  if (!err.isEmpty()) return err;
  refresh();
  return select(to);
}

QString SpeakerProfilePanel::remove(const QString& name) {
  const QString err = library_->remove(name);
  if (!err.isEmpty()) return err;
  updating_ = true;
  combo_->setCurrentIndex(0);
  updating_ = false;
  refresh();
  return {};
}

void SpeakerProfilePanel::calibrate() {
  if (!context_->model()) return emit message(tr("Load a model before calibrating."));
  CalibrationDialog dialog(context_, library_.get(), deviceId_, this);
  QString created;
  connect(&dialog, &CalibrationDialog::profileCreated, this, [&created](const QString& n, const QString& e) {
    if (e.isEmpty()) created = n;
  });
  dialog.exec();
  if (created.isEmpty()) return;
  refresh();
  if (QString e = select(created); !e.isEmpty()) emit message(e);
}

}  // namespace emo::ui
