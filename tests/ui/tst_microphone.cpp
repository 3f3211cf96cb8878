// The real microphone path without hardware: a private PulseAudio daemon with a virtual source
// (module-pipe-source, 48 kHz stereo) fed in real time from a sample WAV, and a second input
// (module-remap-source over the null sink's monitor: Qt hides *.monitor sources). The window
// selects it by id from QMediaDevices, records through QAudioSource -> CaptureSink -> LiveSession,
// and the engine must produce speech frames; the recording is spooled to disk in the device's
// own rate and channels and saved; the input is switched in presentation mode without leaving it;
// unplugging the source mid-recording stops the recording cleanly with a message and keeps what
// was recorded.
#include <QElapsedTimer>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <thread>

#include "UiTestSupport.h"
#include "core/audio/AudioReader.h"
#include "ui/MainWindow.h"
#include "ui/live/AudioCapture.h"
#include "ui/live/LiveEngine.h"
#include "ui/live/LiveTab.h"
#include "ui/live/MessageOverlay.h"
#include "ui/live/PresentationMode.h"
#include "ui/live/RecordingRecovery.h"
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include "ui/views/SpectrogramView.h"

using namespace emo;
using namespace emo::ui;

namespace {

constexpr int kRate = 48000;  // the virtual source's rate (stereo)

/// Writes 48 kHz stereo s16le audio (left = x, right = x / 2) into the pipe source at real-time
/// pace, 20 ms at a time.
class PipeFeeder {
 public:
  void start(const QString& fifo, std::vector<float> samples) {
    stop_ = false;
    done_ = false;
    thread_ = std::thread([this, path = fifo.toStdString(), s = std::move(samples)] {
      FILE* f = std::fopen(path.c_str(), "wb");
      if (!f) return void(done_ = true);
      const size_t block = kRate / 50;
      std::vector<int16_t> buf(2 * block);
      auto next = std::chrono::steady_clock::now();
      for (size_t i = 0; i < s.size() && !stop_; i += block) {
        const size_t n = std::min(block, s.size() - i);
        for (size_t k = 0; k < n; ++k) {
          buf[2 * k] = int16_t(std::clamp(s[i + k], -1.0f, 1.0f) * 32767.0f);
          buf[2 * k + 1] = int16_t(std::clamp(s[i + k] * 0.5f, -1.0f, 1.0f) * 32767.0f);
        }
        std::fwrite(buf.data(), 4, n, f);
        std::fflush(f);
        next += std::chrono::milliseconds(20);
        std::this_thread::sleep_until(next);
      }
      std::fclose(f);
      done_ = true;
    });
  }
  void join() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
  }
  bool done() const { return done_; }
  ~PipeFeeder() { join(); }

 private:
  std::thread thread_;
  std::atomic<bool> stop_{false};
  std::atomic<bool> done_{false};
};

std::vector<float> withSilence(std::vector<float> speech, double before, double after) {
  std::vector<float> out(size_t(before * kRate), 0.0f);
  out.insert(out.end(), speech.begin(), speech.end());
  out.resize(out.size() + size_t(after * kRate), 0.0f);
  return out;
}

}  // namespace

class TestMicrophone : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  QProcess daemon_;
  AppContext ctx_;
  QString fifo_;
  std::vector<float> speech_;

  QString pactl(const QStringList& args) {
    QProcess p;
    p.start(QStringLiteral("pactl"), args);
    p.waitForFinished(5000);
    return QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
  }

 private slots:
  void initTestCase() {
    test::isolateSettings("tst_microphone");
    std::signal(SIGPIPE, SIG_IGN);  // a pipe write after the source is unloaded must not kill the test
    EMO_REQUIRE_DEFAULT_MODEL(ctx_);
    const QString exe = QStandardPaths::findExecutable(QStringLiteral("pulseaudio"));
    if (exe.isEmpty()) QSKIP("pulseaudio is not installed: the microphone path cannot be tested here");
    QVERIFY(dir_.isValid());
    // The daemon and Qt's PulseAudio client both use this private runtime dir and socket.
    const QString runtime = dir_.filePath(QStringLiteral("runtime"));
    QDir().mkpath(runtime);
    QFile::setPermissions(runtime, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    const QString socket = dir_.filePath(QStringLiteral("native"));
    fifo_ = dir_.filePath(QStringLiteral("virtmic"));
    qputenv("PULSE_RUNTIME_PATH", runtime.toUtf8());
    qputenv("PULSE_SERVER", ("unix:" + socket).toUtf8());
    qputenv("PULSE_STATE_PATH", runtime.toUtf8());
    qputenv("HOME", dir_.path().toUtf8());  // cookie and config (root's HOME may be read-only)
    daemon_.setProcessChannelMode(QProcess::MergedChannels);
    daemon_.start(exe, {QStringLiteral("-n"), QStringLiteral("--daemonize=no"), QStringLiteral("--exit-idle-time=-1"),
                        QStringLiteral("--disallow-exit"), QStringLiteral("--log-target=stderr"),
                        QStringLiteral("-L"), QStringLiteral("module-native-protocol-unix socket=%1 auth-anonymous=1").arg(socket),
                        QStringLiteral("-L"),
                        QStringLiteral("module-pipe-source source_name=virtmic file=%1 format=s16le rate=48000 channels=2").arg(fifo_),
                        QStringLiteral("-L"), QStringLiteral("module-null-sink sink_name=silence"),
                        QStringLiteral("-L"), QStringLiteral("module-remap-source source_name=virtmic2 master=silence.monitor")});
    if (!daemon_.waitForStarted(5000)) QSKIP("the PulseAudio daemon could not be started");
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(socket) || daemon_.state() == QProcess::NotRunning, 8000);
    if (daemon_.state() == QProcess::NotRunning)
      QSKIP(qPrintable(QStringLiteral("the PulseAudio daemon exited: ") + QString::fromUtf8(daemon_.readAll())));
    ReadOptions at48k;
    at48k.targetRate = kRate;
    auto audio = readAudioMono(test::sample("03-01-05-02-01-01-05.wav").toStdString(), at48k);  // angry
    QVERIFY2(audio, audio.error().c_str());
    speech_ = audio->samples;
  }

  void cleanupTestCase() {
    if (daemon_.state() != QProcess::NotRunning) {
      daemon_.terminate();
      if (!daemon_.waitForFinished(3000)) daemon_.kill();
      daemon_.waitForFinished(2000);
    }
  }

  void virtualSourceIsListed() {
    QTRY_VERIFY_WITH_TIMEOUT(!AudioCapture::findDevice("virtmic").isNull(), 5000);
  }

  void recordsSpeechThroughTheWindow() {
    MainWindow w(&ctx_);
    w.show();
    LiveTab* live = w.liveTab();
    QVERIFY(live->selectInputDevice("virtmic"));
    QVERIFY(w.statusInputText().contains(AudioCapture::findDevice("virtmic").description()));
    QCOMPARE(QSettings().value(QStringLiteral("live/inputDevice")).toByteArray(), QByteArray("virtmic"));
    QCOMPARE(live->startRecording(), QString());
    QVERIFY(live->recording());
    PipeFeeder feeder;
    const std::vector<float> fed = withSilence(speech_, 0.5, 1.0);
    feeder.start(fifo_, fed);
    QTRY_VERIFY_WITH_TIMEOUT(feeder.done(), 15000);
    QTest::qWait(600);
    live->stopRecording();
    QVERIFY(!live->recording());
    QTRY_VERIFY_WITH_TIMEOUT(!live->analysing(), 10000);  // the worker catches up, then stops
    const LiveEngine* engine = live->engine();
    // The recording on disk keeps the device's format (the analysis ran on a 16 kHz mono copy).
    auto spooled = probeAudio(live->recordingPath().toStdString());
    QVERIFY2(spooled, spooled.error().c_str());
    const double recorded = spooled->seconds();
    qInfo("frames %lld, speech frames %lld, recorded %.2f s (%d Hz, %d ch) of %.2f s fed, dropped %lld",
          engine->framesTotal(), engine->speechFrames(), recorded, spooled->sampleRate, spooled->channels,
          fed.size() / double(kRate), engine->droppedSamples());
    QCOMPARE(spooled->sampleRate, kRate);
    QCOMPARE(spooled->channels, 2);
    QCOMPARE(live->recordingFormat(), QStringLiteral("48 kHz stereo"));
    QVERIFY(live->recordingPath().startsWith(recordingsFolder()));
    QVERIFY(engine->framesTotal() > 20);
    QVERIFY2(engine->speechFrames() > 0, "no speech frames from the virtual microphone");
    QCOMPARE(live->speechFramesShown(), engine->speechFrames());
    QVERIFY(live->spectrogram()->columnsReceived() > 200);
    QVERIFY(std::abs(recorded - fed.size() / double(kRate)) < 0.6);
    const QString out = dir_.filePath(QStringLiteral("recorded.wav"));
    QCOMPARE(live->saveRecording(out), QString());
    auto saved = probeAudio(out.toStdString());
    QVERIFY(saved);
    QCOMPARE(saved->channels, 2);
    QVERIFY(std::abs(saved->seconds() - recorded) < 0.01);
    const QString copy = dir_.filePath(QStringLiteral("analysis-copy.wav"));
    QCOMPARE(live->saveRecording(copy, LiveTab::SaveKind::AnalysisCopy), QString());
    QCOMPARE(probeAudio(copy.toStdString())->sampleRate, 16000);
    QCOMPARE(probeAudio(copy.toStdString())->channels, 1);
  }

  void openingAFileWhileRecordingAsksFirst() {
    MainWindow w(&ctx_);
    w.show();
    LiveTab* live = w.liveTab();
    live->setAudiblePlayback(false);
    QVERIFY(live->selectInputDevice("virtmic"));
    QCOMPARE(live->startRecording(), QString());
    PipeFeeder feeder;
    feeder.start(fifo_, withSilence(speech_, 0.2, 3.0));
    QTest::qWait(800);
    QString asked;
    auto answer = [&asked](QMessageBox::StandardButton b) {
      QTimer::singleShot(100, [&asked, b] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        if (!box) return;
        asked = box->text();
        box->button(b)->click();
      });
    };
    answer(QMessageBox::No);  // keep recording
    const QString file = test::sample("03-01-03-02-01-02-12.wav");
    QVERIFY(!live->openFile(file).isEmpty());
    QVERIFY2(asked.contains(QStringLiteral("stops the recording")), qPrintable(asked));
    QVERIFY(live->recording());
    asked.clear();
    answer(QMessageBox::Yes);  // stop it and open the file; the recording is kept
    QCOMPARE(live->openFile(file), QString());
    QVERIFY(!asked.isEmpty());
    QVERIFY(!live->recording());
    QVERIFY(QFile::exists(live->recordingPath()));
    QVERIFY(probeAudio(live->recordingPath().toStdString())->seconds() > 0.5);
    feeder.join();
    live->stopFile();
  }

  void inputSwitchesWithoutLeavingPresentation() {
    MainWindow w(&ctx_);
    w.show();
    LiveTab* live = w.liveTab();
    QTRY_VERIFY_WITH_TIMEOUT(!AudioCapture::findDevice("virtmic2").isNull(), 5000);
    QVERIFY(live->selectInputDevice("virtmic"));
    w.presentation()->setActive(true);
    QCOMPARE(live->startRecording(), QString());
    QTest::qWait(500);  // (no feeder: once the input is switched nobody reads its pipe)
    QVERIFY(live->sourceView()->text().contains(AudioCapture::findDevice("virtmic").description()));
    QCOMPARE(live->switchInput("virtmic2"), QString());
    QVERIFY(w.presentation()->active());
    QVERIFY(live->recording());  // goes on from the new input
    QCOMPARE(live->inputDeviceId(), QByteArray("virtmic2"));
    QVERIFY2(live->sourceView()->text().contains(AudioCapture::findDevice("virtmic2").description()),
             qPrintable(live->sourceView()->text()));
    QTest::qWait(300);
    live->stopRecording();
    QVERIFY(QFile::exists(live->recordingPath()));
    w.presentation()->setActive(false);
  }

  void filePlaysThroughAnOutputDeviceInStep() {
    MainWindow w(&ctx_);
    LiveTab* live = w.liveTab();
    live->setInstantAnalysis(false);
    live->setAudiblePlayback(true);  // the daemon's null sink is the output device
    QElapsedTimer clock;
    clock.start();
    QSignalSpy done(live, &LiveTab::fileAnalysed);
    const QString path = test::sample("03-01-03-02-01-02-12.wav");
    QCOMPARE(live->openFile(path), QString());
    QVERIFY(live->playbackAudible());
    QTRY_VERIFY_WITH_TIMEOUT(live->spectrogram()->columnsReceived() > 100, 5000);
    // In step with playback: after t seconds about t*100 columns, never the whole file at once.
    const double t = clock.elapsed() / 1000.0;
    QVERIFY2(live->spectrogram()->columnsReceived() < (t + 0.6) * 100, "analysis ran ahead of playback");
    QVERIFY(done.wait(15000));
    const double seconds = probeAudio(path.toStdString())->seconds();
    QVERIFY(clock.elapsed() / 1000.0 > seconds - 0.5);
    QVERIFY(live->speechFramesShown() > 0);
  }

  void unpluggedSourceStopsCleanlyAndKeepsAudio() {
    MainWindow w(&ctx_);
    w.show();
    LiveTab* live = w.liveTab();
    QVERIFY(live->selectInputDevice("virtmic"));
    QSignalSpy recordingChanged(live, &LiveTab::recordingChanged);
    QCOMPARE(live->startRecording(), QString());
    PipeFeeder feeder;
    feeder.start(fifo_, withSilence(speech_, 0.2, 10.0));
    QTest::qWait(1500);
    QVERIFY(live->recording());
    const QString modules = pactl({QStringLiteral("list"), QStringLiteral("short"), QStringLiteral("modules")});
    QString moduleId;
    for (const QString& line : modules.split(QLatin1Char('\n')))
      if (line.contains(QStringLiteral("module-pipe-source"))) moduleId = line.section(QLatin1Char('\t'), 0, 0);
    QVERIFY2(!moduleId.isEmpty(), qPrintable(modules));
    feeder.join();  // the pipe goes away with the module
    pactl({QStringLiteral("unload-module"), moduleId});
    QTRY_VERIFY_WITH_TIMEOUT(!live->recording(), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(!live->engine()->running(), 10000);
    QCOMPARE(recordingChanged.last().first().toBool(), false);
    QVERIFY(!live->overlay()->currentMessage().isEmpty());
    qInfo("message: %s", qPrintable(live->overlay()->currentMessage()));
    QVERIFY(live->hasRecording());
    QVERIFY(probeAudio(live->recordingPath().toStdString())->seconds() > 1.0);  // > 1 s kept
    QVERIFY(QApplication::activeModalWidget() == nullptr);
    // The device list follows: the source is gone.
    QTRY_VERIFY_WITH_TIMEOUT(AudioCapture::findDevice("virtmic").isNull(), 5000);
  }
};

QTEST_MAIN(TestMicrophone)
#include "tst_microphone.moc"
