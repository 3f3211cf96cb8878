// LiveTab: the sources. Microphone capture, file playback / instant analysis, saving, seeking.
#include <QAudioDevice>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSlider>
#include <QtConcurrent/QtConcurrentRun>

#include "core/audio/AudioWriter.h"
#include "ui/common/AppContext.h"
#include "ui/live/AudioCapture.h"
#include "ui/live/FilePlayback.h"
#include "ui/live/LiveEngine.h"
#include "ui/live/LiveTab.h"
#include "ui/live/MessageOverlay.h"
#include "ui/live/SpeakerProfilePanel.h"
#include "ui/views/EmotionLabel.h"
#include "ui/views/EmotionTimelineChart.h"
#include "ui/views/ProbabilityBars.h"
#include "ui/views/SpectrogramView.h"
#include "ui/views/WaveformView.h"

namespace emo::ui {
namespace {
const QString kDeviceKey = QStringLiteral("live/inputDevice");

QString mmss(double s) {
  const int t = int(s);
  return QStringLiteral("%1:%2").arg(t / 60).arg(t % 60, 2, 10, QLatin1Char('0'));
}
}  // namespace

void LiveTab::refreshDevices() {
  const QByteArray current = deviceCombo_->currentData().toByteArray();
  const QByteArray wanted = current.isEmpty() ? QSettings().value(kDeviceKey).toByteArray() : current;
  deviceCombo_->clear();
  for (const QAudioDevice& d : AudioCapture::inputDevices()) deviceCombo_->addItem(d.description(), d.id());
  if (deviceCombo_->count() == 0) deviceCombo_->addItem(tr("(no microphone)"), QByteArray());
  int idx = deviceCombo_->findData(wanted);
  deviceCombo_->setCurrentIndex(idx >= 0 ? idx : 0);
  profiles_->setDeviceId(inputDeviceId());
  emit inputDeviceChanged(inputDeviceDescription());
  updateControls();
}

bool LiveTab::selectInputDevice(const QByteArray& id) {
  const int idx = deviceCombo_->findData(id);
  if (idx < 0 || id.isEmpty()) return false;
  deviceCombo_->setCurrentIndex(idx);
  QSettings().setValue(kDeviceKey, id);
  profiles_->setDeviceId(id);
  emit inputDeviceChanged(inputDeviceDescription());
  return true;
}

QString LiveTab::switchInput(const QByteArray& id) {
  if (id == inputDeviceId()) return {};
  const bool wasRecording = recording();
  if (wasRecording) stopRecording();
  if (!selectInputDevice(id)) {
    const QString m = tr("That input is not available any more.");
    showMessage(m);
    return m;
  }
  sourceLabel_->setText(sourceDescription());
  showMessage(tr("Input: %1").arg(inputDeviceDescription()));
  return wasRecording ? startRecording() : QString();
}

QByteArray LiveTab::nextInputId() const {
  const int n = deviceCombo_->count();
  if (n == 0) return {};
  return deviceCombo_->itemData((deviceCombo_->currentIndex() + 1) % n).toByteArray();
}

QByteArray LiveTab::inputDeviceId() const { return deviceCombo_->currentData().toByteArray(); }

QString LiveTab::inputDeviceDescription() const {
  return inputDeviceId().isEmpty() ? tr("no microphone") : deviceCombo_->currentText();
}

QString LiveTab::startSession(int inputRate, double offset) {
  return engine_->start(context_->model(), inputRate, StreamParams{}, context_->speakerProfile(), offset);
}

QString LiveTab::openFile(const QString& path) {
  const QString name = QFileInfo(path).fileName();
  if (!confirmStopRecording(name)) return tr("Still recording: %1 was not opened.").arg(name);
  engine_->stop();
  instant_->waitForFinished();
  QString err = playback_->open(path);
  if (!err.isEmpty()) {
    // The core's messages name the file (often by its whole path): name it once, briefly.
    err.replace(QFileInfo(path).absoluteFilePath(), name).replace(path, name);
    showMessage(err.contains(name) ? err : tr("Cannot open %1: %2").arg(name, err));
    updateControls();
    return err;
  }
  clearMessage();  // an earlier error is about another file
  return startFile();
}

QString LiveTab::openAudio(std::vector<float> samples, int sampleRate, const QString& name) {
  if (!confirmStopRecording(name)) return tr("Still recording: %1 was not opened.").arg(name);
  engine_->stop();
  instant_->waitForFinished();
  if (samples.empty() || sampleRate <= 0) return tr("No audio.");
  playback_->setAudio(std::move(samples), sampleRate, name);
  return startFile();
}

QString LiveTab::startFile() {
  fileMode_ = true;
  resetViews();
  sourceLabel_->setText(sourceDescription());
  fileLabel_->setText(playback_->fileName());
  fileRow_->setVisible(!presentation_);
  position_->setRange(0, int(playback_->duration() * 10.0));
  position_->setValue(0);
  if (instantAnalysis()) {
    if (!context_->model()) {
      const QString m = tr("No model is loaded: open a model bundle (File > Open model).");
      showMessage(m);
      return m;
    }
    label_->setIdle(tr("Analysing %1…").arg(playback_->fileName()));
    instantAudio_ = playback_->samples();
    const int rate = playback_->sampleRate();
    auto model = context_->model();
    auto speaker = context_->speakerProfile();
    const std::vector<float>* audio = &instantAudio_;
    instant_->setFuture(QtConcurrent::run(
        [model, speaker, audio, rate] { return analyseInstantly(model, StreamParams{}, speaker, *audio, rate); }));
    updateControls();
    return {};
  }
  if (QString e = startSession(playback_->sampleRate(), 0.0); !e.isEmpty()) {
    showMessage(e);
    updateControls();
    return e;
  }
  fileMode_ = true;
  playback_->play(engine_->target());
  updateControls();
  return {};
}

void LiveTab::onInstantDone() {
  const InstantResult r = instant_->result();
  if (!r.error.empty()) {
    showMessage(tr("Analysis failed: %1").arg(QString::fromStdString(r.error)));
    updateControls();
    return;
  }
  // Whole file at once: the spectrogram and waveform hold the whole file (capped at 60 s).
  SpectrogramViewParams sp = spectrogram_->params();
  sp.historyColumns = std::clamp(r.spectrogram.rows, 100, 6000);
  spectrogram_->setParams(sp);
  spectrogram_->appendColumns(r.spectrogram);
  WaveformViewParams wp;
  wp.historySeconds = std::clamp(playback_->duration(), 1.0, 60.0);
  wp.bucketSeconds = std::max(0.002, wp.historySeconds / 1500.0);
  waveform_->setParams(wp);
  const size_t n = std::min(instantAudio_.size(), size_t(60.0 * playback_->sampleRate()));
  waveform_->appendSamples(instantAudio_.data() + (instantAudio_.size() - n), n, playback_->sampleRate());
  timeline_->showAll(r.frames);
  framesShown_ = static_cast<long long>(r.frames.size());
  speechShown_ = 0;
  for (const EmotionFrame& f : r.frames) speechShown_ += f.speech ? 1 : 0;
  summary_ = RecordingSummary(labels_, uncertain_.below);
  summary_.add(r.frames);
  updateSummary();
  if (summary_.speechSeconds() <= 0.0) {
    label_->setNoSpeech();
    bars_->setNoSpeech();
    setReadingCaption(QStringLiteral("file"), tr("Whole file: no speech found"));
  } else {
    const std::vector<double> mean = summary_.meanProbabilities();  // over the speech time
    EmotionFrame summary;
    summary.speech = true;
    summary.probabilities.assign(mean.begin(), mean.end());
    summary.top = int(std::max_element(mean.begin(), mean.end()) - mean.begin());
    summary.confidence = summary.probabilities[size_t(summary.top)];
    showFrame(summary);
    setReadingCaption(QStringLiteral("file"), tr("Whole file: mean over its %1 s of speech (not the last window)")
                                                  .arg(summary_.speechSeconds(), 0, 'f', 1));
  }
  position_->setValue(position_->maximum());
  instantAudio_.clear();
  updateControls();
  emit fileAnalysed(int(r.frames.size()));
}

void LiveTab::onFileFinished() {
  engine_->finish();  // fileAnalysed() follows when the worker is done (onEngineFinished)
  updateControls();
}

void LiveTab::onEngineFinished() {
  updateControls();
  if (fileMode_) emit fileAnalysed(int(framesShown_));
}

void LiveTab::onSeek(int value) {
  if (!playback_->loaded() || instantAnalysis()) return;
  const double t = value / 10.0;
  const bool wasPlaying = playback_->playing() || engine_->finishing();
  playback_->pause();
  engine_->stop();
  playback_->seek(t);
  resetViews();
  if (wasPlaying) {
    if (QString e = startSession(playback_->sampleRate(), t); !e.isEmpty()) return showMessage(e);
    playback_->play(engine_->target());
  }
  updateControls();
}

void LiveTab::setInstantAnalysis(bool instant) {
  modeCombo_->setCurrentIndex(instant ? 1 : 0);
  QSettings().setValue(QStringLiteral("live/instant"), instant);
}

bool LiveTab::instantAnalysis() const { return modeCombo_->currentIndex() == 1; }

void LiveTab::setAudiblePlayback(bool audible) { playback_->setAudible(audible); }

void LiveTab::stopFile() {
  playback_->pause();
  engine_->stop();
  updateControls();
}

bool LiveTab::playingFile() const { return playback_->playing(); }

bool LiveTab::playbackAudible() const { return playback_->playing() && playback_->audibleNow(); }

bool LiveTab::analysing() const { return engine_->running() || instant_->isRunning(); }

QString LiveTab::openFileDialog() {
  QSettings s;
  const QString dir = s.value(QStringLiteral("live/lastDir")).toString();
  const QString path = QFileDialog::getOpenFileName(
      this, tr("Open audio file"), dir, tr("Audio files (*.wav *.flac *.ogg *.aiff *.aif *.mp3 *.opus);;All files (*)"));
  if (path.isEmpty()) return {};
  s.setValue(QStringLiteral("live/lastDir"), QFileInfo(path).absolutePath());
  return openFile(path);
}

void LiveTab::updateControls() {
  const bool rec = recording();
  recordButton_->setText(rec ? tr("Stop") : tr("Record"));
  recordButton_->setEnabled(context_->model() != nullptr && (!inputDeviceId().isEmpty() || rec));
  saveButton_->setEnabled(hasRecording() && !rec);
  playButton_->setText(playback_->playing() ? tr("Pause") : tr("Play"));
  playButton_->setEnabled(playback_->loaded() && !instantAnalysis() && !rec);
  position_->setEnabled(playback_->loaded() && !instantAnalysis());
}

void LiveTab::updatePosition() {
  if (!playback_->loaded()) return;
  if (!position_->isSliderDown() && playback_->playing()) position_->setValue(int(playback_->position() * 10.0));
  positionLabel_->setText(mmss(position_->value() / 10.0) + QStringLiteral(" / ") + mmss(playback_->duration()));
  if (!playback_->playing() && playButton_->text() != tr("Play")) updateControls();
}

}  // namespace emo::ui
