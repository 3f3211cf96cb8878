#include "ui/live/CalibrationDialog.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include "core/audio/AudioReader.h"
#include "core/audio/SpscRingBuffer.h"
#include "core/model/ModelBundle.h"
#include "ui/common/AppContext.h"
#include "ui/live/AudioCapture.h"
#include "ui/live/ProfileLibrary.h"
#include "ui/views/LevelMeter.h"

namespace emo::ui {

CalibrationDialog::CalibrationDialog(AppContext* context, ProfileLibrary* library, QByteArray deviceId,
                                     QWidget* parent, CalibrationParams params)
    : QDialog(parent), context_(context), library_(library), deviceId_(std::move(deviceId)), params_(params) {
  setWindowTitle(tr("Calibrate a speaker profile"));
  capture_ = new AudioCapture(this);
  worker_ = new QFutureWatcher<QString>(this);
  scratch_.resize(8192);
  auto* intro = new QLabel(tr("Read this passage aloud in your normal, calm voice until the bar is full "
                              "(about %1 s). EmoScope learns how your neutral voice sounds, so it can "
                              "judge emotions relative to it.")
                               .arg(int(params_.targetSeconds)),
                           this);
  intro->setWordWrap(true);
  auto* text = new QLabel(passage(), this);
  text->setWordWrap(true);
  QFont big = text->font();
  big.setPointSizeF(big.pointSizeF() * 1.5);
  text->setFont(big);
  text->setFrameShape(QFrame::StyledPanel);
  text->setMargin(12);
  name_ = new QLineEdit(this);
  name_->setPlaceholderText(tr("Profile name, e.g. your first name"));
  int n = 1;
  while (library_->contains(tr("Speaker %1").arg(n))) ++n;
  name_->setText(tr("Speaker %1").arg(n));
  meter_ = new LevelMeter(this);
  progress_ = new QProgressBar(this);
  progress_->setRange(0, int(params_.targetSeconds * 10));
  progress_->setFormat(QStringLiteral("%v"));
  progress_->setTextVisible(false);
  status_ = new QLabel(this);
  status_->setWordWrap(true);
  record_ = new QPushButton(tr("Record"), this);
  fromFile_ = new QPushButton(tr("Use a recording…"), this);
  create_ = new QPushButton(tr("Create profile"), this);
  create_->setDefault(true);
  auto* cancel = new QPushButton(tr("Cancel"), this);

  auto* nameRow = new QHBoxLayout;
  nameRow->addWidget(new QLabel(tr("Name:"), this));
  nameRow->addWidget(name_, 1);
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(record_);
  buttons->addWidget(fromFile_);
  buttons->addStretch(1);
  buttons->addWidget(create_);
  buttons->addWidget(cancel);
  auto* v = new QVBoxLayout(this);
  v->addWidget(intro);
  v->addWidget(text);
  v->addLayout(nameRow);
  v->addWidget(meter_);
  v->addWidget(progress_);
  v->addWidget(status_);
  v->addLayout(buttons);
  resize(560, 380);

  connect(record_, &QPushButton::clicked, this, [this] {
    if (recording())
      stopRecording();
    else if (QString e = startRecording(); !e.isEmpty())
      status_->setText(e);
  });
  connect(fromFile_, &QPushButton::clicked, this, [this] {
    const QString path = QFileDialog::getOpenFileName(this, tr("Neutral recording"), QString(),
                                                      tr("Audio files (*.wav *.flac *.ogg *.aiff);;All files (*)"));
    if (!path.isEmpty())
      if (QString e = useFile(path); !e.isEmpty()) status_->setText(e);
  });
  connect(create_, &QPushButton::clicked, this, &CalibrationDialog::createProfile);
  connect(cancel, &QPushButton::clicked, this, &QDialog::reject);
  connect(capture_, &AudioCapture::deviceLost, this, [this](const QString& d) {
    stopRecording();
    status_->setText(tr("%1 was disconnected.").arg(d));
  });
  connect(worker_, &QFutureWatcher<QString>::finished, this, &CalibrationDialog::onCreated);
  drainTimer_.setInterval(50);
  connect(&drainTimer_, &QTimer::timeout, this, &CalibrationDialog::drain);
  updateUi();
}

CalibrationDialog::~CalibrationDialog() {
  capture_->stop();
  worker_->waitForFinished();
}

QString CalibrationDialog::passage() {
  // Aesop's "The North Wind and the Sun", the phoneticians' standard neutral passage.
  return tr("The North Wind and the Sun were disputing which was the stronger, when a traveller came "
            "along wrapped in a warm cloak. They agreed that the one who first succeeded in making the "
            "traveller take his cloak off should be considered stronger than the other. Then the North "
            "Wind blew as hard as he could, but the more he blew, the more closely did the traveller fold "
            "his cloak around him; and at last the North Wind gave up the attempt.");
}

void CalibrationDialog::setProfileName(const QString& name) { name_->setText(name); }
QString CalibrationDialog::profileName() const { return name_->text().trimmed(); }
QString CalibrationDialog::statusText() const { return status_->text(); }
bool CalibrationDialog::recording() const { return capture_->active(); }
double CalibrationDialog::secondsRecorded() const { return rate_ > 0 ? double(audio_.size()) / rate_ : 0.0; }

QString CalibrationDialog::useFile(const QString& path) {
  stopRecording();
  ReadOptions opt;
  opt.maxFileSeconds = 600.0;
  Result<AudioBuffer> a = readAudioMono(path.toStdString(), opt);
  if (!a) return QString::fromStdString(a.error());
  audio_ = std::move(a->samples);
  rate_ = a->sampleRate;
  status_->setText(tr("%1: %2 s of audio.").arg(QFileInfo(path).fileName()).arg(secondsRecorded(), 0, 'f', 1));
  updateUi();
  return {};
}

QString CalibrationDialog::startRecording() {
  audio_.clear();
  // Sized for the whole target duration at up to 48 kHz, so the drain timer can never fall behind.
  ring_ = std::make_unique<SpscRingBuffer>(size_t(48000 * (params_.targetSeconds + 5)));
  SpscRingBuffer* ring = ring_.get();
  const QString err = capture_->start(deviceId_, [ring](const float* x, size_t n) { ring->write(x, n); });
  if (!err.isEmpty()) return err;
  rate_ = capture_->sampleRate();
  audio_.reserve(size_t(rate_ * params_.targetSeconds) + 1);
  drainTimer_.start();
  status_->setText(tr("Recording… read the passage."));
  updateUi();
  return {};
}

void CalibrationDialog::stopRecording() {
  if (!capture_->active()) return;
  capture_->stop();
  drain();
  drainTimer_.stop();
  status_->setText(tr("Recorded %1 s.").arg(secondsRecorded(), 0, 'f', 1));
  updateUi();
}

void CalibrationDialog::drain() {
  if (!ring_) return;
  size_t n;
  while ((n = ring_->read(scratch_.data(), scratch_.size())) > 0) {
    audio_.insert(audio_.end(), scratch_.begin(), scratch_.begin() + long(n));
    meter_->pushSamples(scratch_.data(), n);
  }
  progress_->setValue(int(secondsRecorded() * 10));
  if (capture_->active() && secondsRecorded() >= params_.targetSeconds) stopRecording();
}

void CalibrationDialog::updateUi() {
  record_->setText(recording() ? tr("Stop") : tr("Record"));
  record_->setEnabled(!worker_->isRunning());
  fromFile_->setEnabled(!recording() && !worker_->isRunning());
  create_->setEnabled(!recording() && !worker_->isRunning() && secondsRecorded() >= params_.minimumSeconds);
  progress_->setValue(int(std::min(secondsRecorded(), params_.targetSeconds) * 10));
}

void CalibrationDialog::createProfile() {
  stopRecording();
  const QString name = profileName();
  if (QString e = ProfileLibrary::checkName(name); !e.isEmpty()) return emit profileCreated(name, e), status_->setText(e);
  if (secondsRecorded() < params_.minimumSeconds) {
    const QString e = tr("Record at least %1 s (%2 s so far).").arg(params_.minimumSeconds).arg(secondsRecorded(), 0, 'f', 1);
    status_->setText(e);
    return emit profileCreated(name, e);
  }
  auto model = context_->model();
  if (!model) {
    const QString e = tr("No model is loaded.");
    status_->setText(e);
    return emit profileCreated(name, e);
  }
  status_->setText(tr("Computing the profile…"));
  const ProfileLibrary* lib = library_;
  const std::vector<float>* audio = &audio_;
  const int rate = rate_;
  worker_->setFuture(QtConcurrent::run([lib, model, name, audio, rate] { return lib->create(name, *model, *audio, rate); }));
  updateUi();
}

void CalibrationDialog::onCreated() {
  const QString err = worker_->result();
  const QString name = profileName();
  updateUi();
  if (!err.isEmpty()) {
    status_->setText(tr("The profile could not be created: %1").arg(err));
    emit profileCreated(name, err);
    return;
  }
  status_->setText(tr("Profile \"%1\" created.").arg(name));
  emit profileCreated(name, QString());
  accept();
}

}  // namespace emo::ui
