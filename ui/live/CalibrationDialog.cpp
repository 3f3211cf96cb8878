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
#include <cmath>

#include "core/audio/AudioReader.h"
#include "core/audio/SpscRingBuffer.h"
#include "core/infer/SpeakerProfile.h"
#include "core/infer/SpeechGate.h"
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
  unusedReason_ = calibrationUnusedReason(context_->model().get());
  notUsed_ = new QLabel(unusedReason_, this);
  notUsed_->setObjectName(QStringLiteral("calibrationNotUsed"));
  notUsed_->setWordWrap(true);
  notUsed_->setStyleSheet(QStringLiteral("color: #b00020; font-weight: bold;"));
  notUsed_->setVisible(!unusedReason_.isEmpty());
  auto* intro = new QLabel(tr("Read this passage aloud in your normal, calm voice until the bar is full "
                              "(%1 s of speech). EmoScope learns how your neutral voice sounds, so a "
                              "speaker-normalised model can judge emotions relative to it.")
                               .arg(int(params_.targetSpeechSeconds)),
                           this);
  intro->setWordWrap(true);
  auto* text = new QLabel(passage(), this);
  passage_ = text;
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
  progress_->setRange(0, int(params_.targetSpeechSeconds * 10));
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
  v->addWidget(notUsed_);
  v->addWidget(intro);
  v->addWidget(text);
  v->addLayout(nameRow);
  v->addWidget(meter_);
  v->addWidget(progress_);
  v->addWidget(status_);
  v->addLayout(buttons);
  // Tall enough for the wrapped passage at this width (a fixed height clipped it).
  const int width = 640;
  resize(width, std::max(380, v->totalHeightForWidth(width)));

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

QString CalibrationDialog::calibrationUnusedReason(const ModelBundle* model) {
  if (!model) return tr("No model is loaded.");
  if (model->normMode() == NormMode::Speaker) return {};
  return tr("The model in use does not use speaker profiles: it normalises every window by itself, so a "
            "calibration would not change its results. Calibration is for speaker-normalised models "
            "(Train tab: Normalisation \"Per speaker\").");
}

bool CalibrationDialog::recordingOffered() const { return record_->isEnabled() || fromFile_->isEnabled(); }

void CalibrationDialog::countSpeech() {
  if (rate_ <= 0) return;
  if (!gate_) {
    const StreamParams p;
    gate_ = std::make_unique<SpeechGate>(p.gateDb, p.noiseMarginDb, 0.01);
  }
  const size_t frame = size_t(std::max(1, rate_ / 100));
  while (gated_ + frame <= audio_.size()) {
    double sum = 0.0;
    for (size_t i = gated_; i < gated_ + frame; ++i) sum += double(audio_[i]) * audio_[i];
    if (gate_->push(float(std::sqrt(sum / double(frame))))) ++speechFrames_;
    gated_ += frame;
  }
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
  gate_.reset();
  gated_ = 0;
  speechFrames_ = 0;
  countSpeech();
  status_->setText(tr("%1: %2 s of speech in %3 s of audio.")
                       .arg(QFileInfo(path).fileName())
                       .arg(secondsOfSpeech(), 0, 'f', 1)
                       .arg(secondsRecorded(), 0, 'f', 1));
  updateUi();
  return {};
}

QString CalibrationDialog::startRecording() {
  if (!unusedReason_.isEmpty()) return unusedReason_;
  audio_.clear();
  gate_.reset();
  gated_ = 0;
  speechFrames_ = 0;
  // Ten seconds at up to 48 kHz: the 50 ms drain timer never falls that far behind.
  ring_ = std::make_unique<SpscRingBuffer>(size_t(48000 * 10));
  SpscRingBuffer* ring = ring_.get();
  const QString err = capture_->start(deviceId_, [ring](const float* x, size_t n) { ring->write(x, n); });
  if (!err.isEmpty()) return err;
  rate_ = capture_->sampleRate();
  audio_.reserve(size_t(rate_ * params_.maximumSeconds) + 1);
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
  status_->setText(tr("Speech captured: %1 s (in %2 s recorded).").arg(secondsOfSpeech(), 0, 'f', 1).arg(secondsRecorded(), 0, 'f', 1));
  updateUi();
}

void CalibrationDialog::drain() {
  if (!ring_) return;
  size_t n;
  while ((n = ring_->read(scratch_.data(), scratch_.size())) > 0) {
    audio_.insert(audio_.end(), scratch_.begin(), scratch_.begin() + long(n));
    meter_->pushSamples(scratch_.data(), n);
  }
  countSpeech();
  progress_->setValue(int(std::min(secondsOfSpeech(), params_.targetSpeechSeconds) * 10));
  if (capture_->active())
    status_->setText(tr("Recording… speech captured: %1 s of %2 s.").arg(secondsOfSpeech(), 0, 'f', 1).arg(params_.targetSpeechSeconds, 0, 'f', 0));
  if (capture_->active() && (secondsOfSpeech() >= params_.targetSpeechSeconds || secondsRecorded() >= params_.maximumSeconds))
    stopRecording();
}

void CalibrationDialog::updateUi() {
  record_->setText(recording() ? tr("Stop") : tr("Record"));
  const bool useful = unusedReason_.isEmpty();
  record_->setEnabled(useful && !worker_->isRunning());
  fromFile_->setEnabled(useful && !recording() && !worker_->isRunning());
  create_->setEnabled(useful && !recording() && !worker_->isRunning() && secondsOfSpeech() >= params_.minimumSpeechSeconds);
  progress_->setValue(int(std::min(secondsOfSpeech(), params_.targetSpeechSeconds) * 10));
}

void CalibrationDialog::createProfile() {
  stopRecording();
  const QString name = profileName();
  if (QString e = ProfileLibrary::checkName(name); !e.isEmpty()) return emit profileCreated(name, e), status_->setText(e);
  if (!unusedReason_.isEmpty()) {
    status_->setText(unusedReason_);
    return emit profileCreated(name, unusedReason_);
  }
  if (secondsOfSpeech() < params_.minimumSpeechSeconds) {
    const QString e = tr("Too little speech: at least %1 s are needed (%2 s captured in %3 s recorded).")
                          .arg(params_.minimumSpeechSeconds)
                          .arg(secondsOfSpeech(), 0, 'f', 1)
                          .arg(secondsRecorded(), 0, 'f', 1);
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
  // What the profile holds, as the core counted it.
  auto saved = loadSpeakerProfile((library_->folder() + QLatin1Char('/') + name + QString::fromLatin1(profileSuffix())).toStdString());
  status_->setText(saved ? tr("Profile \"%1\" created from %2 s of speech.").arg(name).arg(saved->speechSeconds, 0, 'f', 1)
                         : tr("Profile \"%1\" created.").arg(name));
  emit profileCreated(name, QString());
  accept();
}

}  // namespace emo::ui
