// LiveTab: the microphone. Recording spools the device's own format to disk as it is captured
// (RecordingSpool, in recordingsFolder()); the analysis runs on a mono copy. Saving offers the
// recording as captured or the 16 kHz mono analysis copy.
#include <QAudioDevice>
#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>

#include "core/audio/AudioReader.h"
#include "core/audio/AudioWriter.h"
#include "ui/common/AppContext.h"
#include "ui/live/AudioCapture.h"
#include "ui/live/FilePlayback.h"
#include "ui/live/LiveEngine.h"
#include "ui/live/LiveTab.h"
#include "ui/live/RecordingRecovery.h"
#include "ui/live/RecordingSpool.h"
#include "ui/views/EmotionLabel.h"

namespace emo::ui {

QString formatDescription(int sampleRate, int channels) {
  const QString rate = sampleRate % 1000 == 0 ? QString::number(sampleRate / 1000) : QString::number(sampleRate / 1000.0, 'f', 1);
  const QString ch = channels == 1 ? QObject::tr("mono") : channels == 2 ? QObject::tr("stereo") : QObject::tr("%1 channels").arg(channels);
  return QObject::tr("%1 kHz %2").arg(rate, ch);
}

QString LiveTab::startRecording() {
  if (recording()) return {};
  playback_->pause();
  engine_->stop();
  instant_->waitForFinished();
  const QByteArray id = inputDeviceId();
  if (id.isEmpty()) {
    const QString m = tr("No microphone found. Connect one, or open an audio file instead.");
    showMessage(m);
    return m;
  }
  const QAudioDevice dev = AudioCapture::findDevice(id);
  if (dev.isNull()) {
    const QString m = tr("%1 is not available any more.").arg(deviceCombo_->currentText());
    showMessage(m);
    refreshDevices();
    return m;
  }
  fileMode_ = false;
  resetViews();
  // The session and the spool must exist before the source starts calling back; both take the
  // device's own rate (and the spool its channels).
  QAudioFormat fmt = capture_->formatFor(dev);
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (QString err = startSession(fmt.sampleRate(), 0.0); !err.isEmpty()) {
      showMessage(err);
      return err;
    }
    if (QString err = spool_->start(recordingsFolder(), fmt.sampleRate(), fmt.channelCount()); !err.isEmpty()) {
      engine_->stop();
      showMessage(err);
      updateControls();
      return err;
    }
    RecordingSpool* spool = spool_.get();
    const QString err = capture_->start(id, engine_->target(), [spool](const float* x, size_t n) { spool->write(x, n); });
    if (!err.isEmpty() || capture_->format() != fmt) {
      // Failed, or the device opened another format than it offered: retry once with that one.
      capture_->stop();
      engine_->stop();
      QFile::remove(spool_->finish());
      if (!err.isEmpty() || attempt == 1) {
        const QString m = err.isEmpty() ? tr("%1 does not keep to one audio format.").arg(dev.description()) : err;
        showMessage(m);
        updateControls();
        return m;
      }
      fmt = capture_->format();
      continue;
    }
    break;
  }
  micRecording_.clear();
  label_->setIdle(tr("Listening…"));
  updateControls();
  emit recordingChanged(true);
  return {};
}

void LiveTab::finishSpool(const QString& why) {
  if (!spool_->active()) return;
  const QString error = spool_->error();
  micRecording_ = spool_->finish();
  micFormat_ = formatDescription(spool_->sampleRate(), spool_->channels());
  const double secs = spool_->sampleRate() > 0 ? double(spool_->framesWritten()) / spool_->sampleRate() : 0.0;
  QString m = why;
  if (!error.isEmpty()) m = error;
  if (!m.isEmpty()) m += QLatin1Char(' ');
  m += tr("The %1 s recorded (%2) are kept in %3.").arg(secs, 0, 'f', 1).arg(micFormat_, micRecording_);
  showMessage(m);
}

void LiveTab::stopRecording() {
  if (!recording()) return;
  capture_->stop();
  engine_->finish();  // the views keep updating until the worker has caught up
  finishSpool(QString());
  updateControls();
  emit recordingChanged(false);
}

void LiveTab::toggleRecording() {
  if (recording())
    stopRecording();
  else
    startRecording();
}

bool LiveTab::recording() const { return capture_->active(); }

void LiveTab::checkSpool() {
  if (recording() && !spool_->error().isEmpty()) {
    capture_->stop();
    engine_->finish();
    finishSpool(QString());
    updateControls();
    emit recordingChanged(false);
  }
}

void LiveTab::onDeviceLost(const QString& description) {
  engine_->finish();  // analyses what arrived; the recording is kept
  finishSpool(tr("%1 was disconnected: recording stopped.").arg(description));
  refreshDevices();
  updateControls();
  emit recordingChanged(false);
}

bool LiveTab::confirmStopRecording(const QString& what) {
  if (!recording()) return true;
  if (!confirmDialogs_) {
    stopRecording();
    return true;
  }
  const auto answer = QMessageBox::question(
      this, tr("Recording in progress"),
      tr("Opening %1 stops the recording. What was recorded so far is kept in the recordings folder.\n\n"
         "Stop recording and open it?").arg(what),
      QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
  if (answer != QMessageBox::Yes) return false;
  stopRecording();
  return true;
}

void LiveTab::setRecording(const QString& path, const QString& format) {
  micRecording_ = path;
  micFormat_ = format;
  fileMode_ = false;
  updateControls();
}

bool LiveTab::hasMicRecording() const { return !fileMode_ && !micRecording_.isEmpty() && QFile::exists(micRecording_); }

bool LiveTab::hasRecording() const { return hasMicRecording() || playback_->loaded(); }

QString LiveTab::saveRecording(const QString& path, SaveKind kind) {
  if (hasMicRecording() && kind == SaveKind::AsRecorded) {
    const QString tmp = path + QStringLiteral(".part");
    QFile::remove(tmp);
    if (!QFile::copy(micRecording_, tmp)) return tr("Cannot write %1.").arg(path);
    QFile::remove(path);
    if (!QFile::rename(tmp, path)) {
      QFile::remove(tmp);
      return tr("Cannot write %1.").arg(path);
    }
    const auto info = probeAudio(path.toStdString());
    showMessage(tr("Saved %1 (%2 s, %3, as recorded).")
                    .arg(QFileInfo(path).fileName())
                    .arg(info ? info->seconds() : 0.0, 0, 'f', 1)
                    .arg(micFormat_));
    return {};
  }
  std::vector<float> audio;
  int rate = 0;
  if (hasMicRecording()) {
    auto a = readAudioMono(micRecording_.toStdString());  // the analysis copy: 16 kHz mono
    if (!a) return QString::fromStdString(a.error());
    audio = std::move(a->samples);
    rate = a->sampleRate;
  } else if (playback_->loaded()) {
    audio = playback_->samples();
    rate = playback_->sampleRate();
  }
  if (audio.empty() || rate <= 0) return tr("Nothing has been recorded yet.");
  const Status st = writeWav(path.toStdString(), audio, rate);
  if (!st) return QString::fromStdString(st.error());
  showMessage(tr("Saved %1 (%2 s, %3).").arg(QFileInfo(path).fileName()).arg(double(audio.size()) / rate, 0, 'f', 1)
                  .arg(formatDescription(rate, 1)));
  return {};
}

void LiveTab::saveRecordingDialog() {
  if (!hasRecording()) return showMessage(tr("Nothing has been recorded yet."));
  const QString asRecorded = tr("WAV as recorded, %1 (*.wav)").arg(micFormat_);
  const QString analysis = tr("WAV analysis copy, 16 kHz mono (*.wav)");
  const QString filters = hasMicRecording() ? asRecorded + QStringLiteral(";;") + analysis
                                            : tr("WAV, %1 (*.wav)").arg(formatDescription(playback_->sampleRate(), 1));
  QString chosen;
  const QString path = QFileDialog::getSaveFileName(this, tr("Save recording"), QStringLiteral("recording.wav"), filters, &chosen);
  if (path.isEmpty()) return;
  const SaveKind kind = chosen == analysis ? SaveKind::AnalysisCopy : SaveKind::AsRecorded;
  if (QString err = saveRecording(path, kind); !err.isEmpty()) showMessage(tr("Could not save: %1").arg(err));
}

}  // namespace emo::ui
