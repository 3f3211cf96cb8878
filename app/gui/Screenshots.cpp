#include "app/gui/Screenshots.h"

#include <QApplication>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QScreen>
#include <QTabWidget>
#include <QTimer>
#include <cstdint>
#include <cstdio>
#include <vector>

#include "core/audio/AudioReader.h"
#include "ui/MainWindow.h"
#include "ui/live/CalibrationDialog.h"
#include "ui/live/ProfileLibrary.h"
#include "ui/live/LiveTab.h"
#include "ui/live/PresentationMode.h"

namespace emo::app {
namespace {

void wait(int ms) {
  QEventLoop loop;
  QTimer::singleShot(ms, &loop, &QEventLoop::quit);
  loop.exec();
}

bool save(QWidget& w, const QDir& dir, const QString& name) {
  QApplication::processEvents();
  const QString path = dir.filePath(name);
  const bool ok = w.grab().save(path);
  std::printf("%s %s\n", ok ? "saved" : "FAILED", qPrintable(path));
  return ok;
}

QString samplePath(const QString& name) {
  QString shared = qEnvironmentVariable("EMO_SHARED_DIR");
  if (shared.isEmpty()) shared = QStringLiteral(EMO_SOURCE_DIR "/../shared");
  return QDir(shared).filePath(QStringLiteral("samples/") + name);
}

}  // namespace

int runScreenshots(emo::ui::MainWindow& window, const QString& folder) {
  using namespace emo::ui;
  QDir dir(folder);
  if (!dir.mkpath(QStringLiteral("."))) {
    std::fprintf(stderr, "screenshot: cannot create %s\n", qPrintable(folder));
    return 1;
  }
  window.resize(1280, 800);
  window.show();
  wait(300);
  bool ok = save(window, dir, QStringLiteral("live_idle.png"));
  LiveTab* live = window.liveTab();
  live->setAudiblePlayback(false);

  // Playing a file through the live pipeline (angry, RAVDESS actor 05).
  live->setInstantAnalysis(false);
  const QString angry = samplePath(QStringLiteral("03-01-05-02-01-01-05.wav"));
  if (QString err = live->openFile(angry); !err.isEmpty()) std::fprintf(stderr, "%s\n", qPrintable(err));
  wait(3200);
  ok = save(window, dir, QStringLiteral("live_playing.png")) && ok;

  // Room noise only: the engine's gate reports "no speech".
  std::vector<float> noise(16000 * 6);
  uint32_t seed = 12345;
  for (float& v : noise) {
    seed = seed * 1664525u + 1013904223u;
    v = 0.002f * (float(seed >> 8) / float(1u << 24) - 0.5f);
  }
  live->openAudio(std::move(noise), 16000, QStringLiteral("room noise"));
  wait(3000);
  ok = save(window, dir, QStringLiteral("live_nospeech.png")) && ok;
  live->stopFile();

  // A pause after a sentence: the headline holds the sentence's reading, marked as held.
  if (auto speech = readAudioMono(angry.toStdString())) {
    std::vector<float> paused = speech->samples;
    paused.resize(paused.size() + 16000 * 4, 0.0f);
    live->openAudio(std::move(paused), speech->sampleRate, QStringLiteral("sentence then pause"));
    wait(int(1000.0 * double(speech->samples.size()) / speech->sampleRate) + 1800);
    ok = save(window, dir, QStringLiteral("live_held.png")) && ok;
    live->stopFile();
  }

  // Calibration with the shipped model: not offered, and the dialog says why.
  {
    emo::ui::ProfileLibrary library;
    emo::ui::CalibrationDialog dialog(window.context(), &library, live->inputDeviceId(), &window);
    dialog.show();
    wait(300);
    ok = save(dialog, dir, QStringLiteral("calibration.png")) && ok;
  }

  // Presentation mode while the file plays on.
  live->openFile(angry);
  window.presentation()->setActive(true);
  wait(3000);
  ok = save(window, dir, QStringLiteral("presentation.png")) && ok;
  window.presentation()->setActive(false);
  live->stopFile();
  wait(200);

  // Instant analysis of a whole file (TESS, fear).
  live->setInstantAnalysis(true);
  QEventLoop done;
  QObject::connect(live, &LiveTab::fileAnalysed, &done, &QEventLoop::quit);
  QTimer::singleShot(30000, &done, &QEventLoop::quit);
  if (live->openFile(samplePath(QStringLiteral("YAF_back_fear.wav"))).isEmpty()) done.exec();
  wait(200);
  ok = save(window, dir, QStringLiteral("live_instant.png")) && ok;
  live->setInstantAnalysis(false);

  for (int i = 1; i < window.tabs()->count(); ++i) {
    window.tabs()->setCurrentIndex(i);
    wait(300);
    const QString name = window.tabs()->tabText(i).toLower().remove(QLatin1Char('&'));
    ok = save(window, dir, QStringLiteral("tab_%1.png").arg(name)) && ok;
  }
  window.tabs()->setCurrentIndex(0);
  return ok ? 0 : 1;
}

}  // namespace emo::app
