#include "app/gui/Benchmarks.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTimer>
#include <cstdio>
#include <ctime>
#include <sys/resource.h>
#include <unistd.h>

#include "core/audio/AudioReader.h"
#include "ui/MainWindow.h"
#include "ui/live/LiveEngine.h"
#include "ui/live/LiveTab.h"
#include "ui/live/PresentationMode.h"
#include "ui/views/SpectrogramView.h"
#include "ui/views/WaveformView.h"

namespace emo::app {
namespace {

/// CPU time of the calling thread (the GUI thread: painting and view updates).
double threadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return double(ts.tv_sec) + 1e-9 * double(ts.tv_nsec);
}

double cpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + 1e-6 * double(u.ru_utime.tv_usec + u.ru_stime.tv_usec);
}

/// VmRSS / VmHWM of this process in MiB.
double procStatusMiB(const char* key) {
  QFile f(QStringLiteral("/proc/self/status"));
  if (!f.open(QIODevice::ReadOnly)) return -1;
  for (const QByteArray& line : f.readAll().split('\n'))
    if (line.startsWith(key)) return line.mid(int(qstrlen(key))).trimmed().split(' ').first().toDouble() / 1024.0;
  return -1;
}

/// Seconds since this process started (kernel start time, includes loading the libraries).
double secondsSinceProcessStart() {
  QFile stat(QStringLiteral("/proc/self/stat")), up(QStringLiteral("/proc/uptime"));
  if (!stat.open(QIODevice::ReadOnly) || !up.open(QIODevice::ReadOnly)) return -1;
  const QByteArray s = stat.readAll();
  const QList<QByteArray> fields = s.mid(s.lastIndexOf(')') + 2).split(' ');
  const double startTicks = fields.value(19).toDouble();  // field 22 overall
  const double uptime = up.readAll().split(' ').first().toDouble();
  return uptime - startTicks / double(sysconf(_SC_CLK_TCK));
}

}  // namespace

int runStartupBenchmark(emo::ui::MainWindow& window, const QString& modelError) {
  window.show();
  QApplication::processEvents();  // first layout and paint
  window.repaint();
  const double s = secondsSinceProcessStart();
  std::printf("startup_to_window_s=%.3f model_loaded=%s rss_mib=%.1f\n", s, modelError.isEmpty() ? "yes" : "no",
              procStatusMiB("VmRSS:"));
  if (!modelError.isEmpty()) std::printf("model_error=%s\n", qPrintable(modelError));
  return modelError.isEmpty() ? 0 : 1;
}

int runLiveBenchmark(emo::ui::MainWindow& window, const QString& file, double seconds, bool presentation) {
  using namespace emo::ui;
  window.show();
  if (presentation) window.presentation()->setActive(true);
  LiveTab* live = window.liveTab();
  live->setInstantAnalysis(false);
  live->setAudiblePlayback(false);
  // The file repeated to cover the whole measurement, so one session runs throughout.
  emo::ReadOptions opt;
  opt.targetRate = 0;
  auto audio = emo::readAudioMono(file.toStdString(), opt);
  if (!audio || audio->samples.empty()) {
    std::fprintf(stderr, "benchmark: %s\n", audio ? "empty file" : audio.error().c_str());
    return 1;
  }
  std::vector<float> looped;
  const size_t want = size_t((seconds + 5.0) * audio->sampleRate);
  while (looped.size() < want) looped.insert(looped.end(), audio->samples.begin(), audio->samples.end());
  if (QString err = live->openAudio(std::move(looped), audio->sampleRate, file); !err.isEmpty()) {
    std::fprintf(stderr, "benchmark: %s\n", qPrintable(err));
    return 1;
  }
  long long frames = 0, speech = 0;
  QObject::connect(live->engine(), &LiveEngine::updated, live, [&](const emo::LiveUpdate& u) {
    frames += static_cast<long long>(u.frames.size());
    for (const auto& f : u.frames) speech += f.speech ? 1 : 0;
  });
  const double warmup = 2.0;
  QElapsedTimer clock;
  clock.start();
  QEventLoop loop;
  long long paints0 = 0, wpaints0 = 0, frames0 = 0;
  double cpu0 = 0, gui0 = 0;
  QTimer::singleShot(int(warmup * 1000), &loop, [&] {
    paints0 = live->spectrogram()->paintCount();
    wpaints0 = live->waveform()->paintCount();
    frames0 = frames;
    cpu0 = cpuSeconds();
    gui0 = threadCpuSeconds();
    clock.restart();
  });
  QTimer::singleShot(int((warmup + seconds) * 1000), &loop, &QEventLoop::quit);
  loop.exec();
  const double wall = clock.elapsed() / 1000.0;
  const double cpu = cpuSeconds() - cpu0;
  const double gui = threadCpuSeconds() - gui0;
  double load = -1;
  if (QFile f(QStringLiteral("/proc/loadavg")); f.open(QIODevice::ReadOnly)) load = f.readAll().split(' ').first().toDouble();
  std::printf("load_avg_1min=%.2f presentation=%d ", load, presentation ? 1 : 0);
  std::printf("seconds=%.1f spectrogram_fps=%.1f waveform_fps=%.1f emotion_frames_per_s=%.1f speech_frames=%lld "
              "cpu_fraction_of_one_core=%.3f gui_thread_fraction=%.3f rss_mib=%.1f peak_rss_mib=%.1f dropped_samples=%lld\n",
              wall, double(live->spectrogram()->paintCount() - paints0) / wall,
              double(live->waveform()->paintCount() - wpaints0) / wall, double(frames - frames0) / wall, speech,
              cpu / wall, gui / wall, procStatusMiB("VmRSS:"), procStatusMiB("VmHWM:"), live->engine()->droppedSamples());
  live->stopFile();
  return frames > frames0 ? 0 : 1;
}

}  // namespace emo::app
