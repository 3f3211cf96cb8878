// Microphone recordings on disk: the capture path (CaptureSink -> RecordingSpool) keeps the
// device's own rate and channels; a process killed with SIGKILL while recording leaves a
// recording that the next start finds, offers to recover and repairs, missing at most the last
// second; a full disk stops the recording with a clear message and keeps what was written.
// The killed process is this test executable started again as a helper (EMO_SPOOL_CHILD): it
// feeds real speech (a RAVDESS sample, 48 kHz) as 16-bit stereo device bytes through the real
// CaptureSink into a RecordingSpool in real time, printing the frames written.
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QTemporaryDir>
#include <QtTest>
#include <chrono>
#include <cstdio>
#include <thread>

#include "UiTestSupport.h"
#include "core/audio/AudioReader.h"
#include "ui/MainWindow.h"
#include "ui/live/CaptureSink.h"
#include "ui/live/LiveTab.h"
#include "ui/live/RecordingRecovery.h"
#include "ui/live/RecordingSpool.h"

using namespace emo;
using namespace emo::ui;

namespace {

const char* kSpeech = "samples/03-01-05-02-01-01-05.wav";  // angry (RAVDESS), 48 kHz

/// Reading at the file's own rate.
ReadOptions nativeRate(double maxSeconds = 0.0) {
  ReadOptions o;
  o.targetRate = 0;
  o.maxSeconds = maxSeconds;
  return o;
}

/// The speech at its own rate as 16-bit stereo device bytes: left = x, right = x / 2.
QByteArray stereoBytes(const std::vector<float>& mono) {
  QByteArray out(int(mono.size() * 4), Qt::Uninitialized);
  auto* p = reinterpret_cast<int16_t*>(out.data());
  for (size_t i = 0; i < mono.size(); ++i) {
    p[2 * i] = int16_t(std::lround(std::clamp(mono[i], -1.0f, 1.0f) * 32767.0f));
    p[2 * i + 1] = int16_t(std::lround(std::clamp(mono[i] * 0.5f, -1.0f, 1.0f) * 32767.0f));
  }
  return out;
}

QAudioFormat stereo16(int rate) {
  QAudioFormat f;
  f.setSampleRate(rate);
  f.setChannelCount(2);
  f.setSampleFormat(QAudioFormat::Int16);
  return f;
}

/// The helper process: records into $EMO_SPOOL_CHILD at real-time pace until killed.
int runSpoolChild() {
  auto audio = readAudioMono(emo::test::shared(QString::fromLatin1(kSpeech)).toStdString(), nativeRate());
  if (!audio) return std::fprintf(stderr, "%s\n", audio.error().c_str()), 2;
  const QByteArray bytes = stereoBytes(audio->samples);
  RecordingSpool spool;
  if (QString e = spool.start(qEnvironmentVariable("EMO_SPOOL_CHILD"), audio->sampleRate, 2); !e.isEmpty())
    return std::fprintf(stderr, "%s\n", qPrintable(e)), 3;
  CaptureSink sink;
  sink.setFormat(stereo16(audio->sampleRate));
  sink.setRawTarget([&spool](const float* x, size_t n) { spool.write(x, n); });
  sink.open(QIODevice::WriteOnly | QIODevice::Unbuffered);
  std::printf("started %s\n", qPrintable(spool.path()));
  std::fflush(stdout);
  const int block = audio->sampleRate / 50 * 4;  // 20 ms of stereo 16-bit
  auto next = std::chrono::steady_clock::now();
  for (long long pos = 0;; pos = (pos + block) % (bytes.size() - block)) {  // loops the clip
    sink.write(bytes.constData() + pos, block);
    next += std::chrono::milliseconds(20);
    std::this_thread::sleep_until(next);
    std::printf("written %lld\n", spool.framesWritten());
    std::fflush(stdout);
  }
}

}  // namespace

class TestRecording : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  std::vector<float> speech_;
  int rate_ = 0;

  /// Starts the helper recording into `folder`, kills it (SIGKILL) once it has written at
  /// least `seconds`, and returns the frames it reported last.
  long long recordAndKill(const QString& folder, double seconds) {
    QProcess child;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("EMO_SPOOL_CHILD"), folder);
    child.setProcessEnvironment(env);
    child.start(QCoreApplication::applicationFilePath(), {});
    if (!child.waitForStarted(5000)) return -1;
    long long last = 0;
    QElapsedTimer clock;
    clock.start();
    while (last < seconds * rate_ && clock.elapsed() < 30000) {
      child.waitForReadyRead(200);
      while (child.canReadLine()) {
        const QByteArray line = child.readLine().trimmed();
        if (line.startsWith("written ")) last = line.mid(8).toLongLong();
      }
    }
    child.kill();  // SIGKILL: no destructor, no finish()
    child.waitForFinished(5000);
    return last;
  }

 private slots:
  void initTestCase() {
    test::isolateSettings("tst_recording");
    auto a = readAudioMono(test::shared(QString::fromLatin1(kSpeech)).toStdString(), nativeRate());
    QVERIFY2(a, a.error().c_str());
    speech_ = a->samples;
    rate_ = a->sampleRate;
    QCOMPARE(rate_, 48000);
    QDir(recordingsFolder()).removeRecursively();  // Qt's test-mode data folder: nothing from earlier runs
  }

  void keepsTheDevicesRateAndChannels() {
    const QString folder = dir_.filePath(QStringLiteral("native"));
    RecordingSpool spool;
    QCOMPARE(spool.start(folder, rate_, 2), QString());
    QVERIFY(spool.path().endsWith(RecordingSpool::partialSuffix()));
    QVERIFY(findInterruptedRecordings(folder).isEmpty());  // being written: not "interrupted"
    CaptureSink sink;
    sink.setFormat(stereo16(rate_));
    std::vector<float> mono;
    sink.setTarget([&mono](const float* x, size_t n) { mono.insert(mono.end(), x, x + n); });
    sink.setRawTarget([&spool](const float* x, size_t n) { spool.write(x, n); });
    QVERIFY(sink.open(QIODevice::WriteOnly));
    const QByteArray bytes = stereoBytes(speech_);
    for (qint64 pos = 0; pos < bytes.size(); pos += 4800) {  // 25 ms blocks, as a device delivers
      sink.write(bytes.constData() + pos, std::min<qint64>(4800, bytes.size() - pos));
      QTest::qWait(2);
    }
    const QString done = spool.finish();
    QVERIFY2(done.endsWith(QStringLiteral(".wav")) && !done.endsWith(RecordingSpool::partialSuffix()), qPrintable(done));
    QVERIFY(spool.error().isEmpty());
    auto info = probeAudio(done.toStdString());
    QVERIFY2(info, info.error().c_str());
    QCOMPARE(info->sampleRate, 48000);
    QCOMPARE(info->channels, 2);
    QCOMPARE(static_cast<size_t>(info->frames), speech_.size());
    // The analysis got the downmix; the file holds both channels (right = left / 2).
    QCOMPARE(mono.size(), speech_.size());
    auto back = readAudioMono(done.toStdString(), nativeRate());  // mean of the channels = 0.75 x
    QVERIFY(back);
    double err = 0;
    for (size_t i = 0; i < speech_.size(); ++i) err = std::max(err, double(std::abs(back->samples[i] - 0.75f * speech_[i])));
    QVERIFY2(err < 1e-3, qPrintable(QString::number(err)));
    QVERIFY(findInterruptedRecordings(folder).isEmpty());
  }

  void killedProcessLeavesARecoverableRecording() {
    const QString folder = dir_.filePath(QStringLiteral("killed"));
    const long long written = recordAndKill(folder, 3.0);
    QVERIFY2(written >= 3 * rate_, qPrintable(QString::number(written)));
    const QList<InterruptedRecording> found = findInterruptedRecordings(folder);
    QCOMPARE(found.size(), 1);
    const InterruptedRecording& r = found.first();
    QCOMPARE(r.sampleRate, 48000);
    QCOMPARE(r.channels, 2);
    // At most the last second is lost (what the writer had not yet taken from the ring).
    qInfo("helper reported %.2f s written; the file holds %.2f s", double(written) / rate_, r.seconds);
    QVERIFY2(r.seconds >= double(written) / rate_ - 1.0, qPrintable(QString::number(r.seconds)));
    QString error;
    const QString recovered = recoverRecording(r, &error);
    QVERIFY2(!recovered.isEmpty(), qPrintable(error));
    QVERIFY(!QFile::exists(r.path));
    auto info = probeAudio(recovered.toStdString());
    QVERIFY2(info, info.error().c_str());
    QCOMPARE(info->channels, 2);
    QVERIFY(std::abs(info->seconds() - r.seconds) < 1e-3);
    // The content is the speech that was fed (left channel, first second).
    auto back = readAudioMono(recovered.toStdString(), nativeRate(1.0));
    QVERIFY(back);
    double err = 0;
    for (size_t i = 0; i < back->samples.size(); ++i) err = std::max(err, double(std::abs(back->samples[i] - 0.75f * speech_[i])));
    QVERIFY2(err < 1e-3, qPrintable(QString::number(err)));
  }

  void nextStartOffersRecovery() {
    const long long written = recordAndKill(recordingsFolder(), 1.5);
    QVERIFY(written > rate_);
    QCOMPARE(findInterruptedRecordings(recordingsFolder()).size(), 1);
    AppContext ctx;
    MainWindow w(&ctx);
    QString offered;
    QTimer::singleShot(200, [&offered] {
      auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
      if (!box) return;
      offered = box->text();
      for (QAbstractButton* b : box->buttons())
        if (b->text() == QStringLiteral("Recover")) b->click();
    });
    QCOMPARE(w.offerRecovery(), 1);
    QVERIFY2(offered.contains(QStringLiteral("recording-")) && offered.contains(QStringLiteral("48 kHz stereo")), qPrintable(offered));
    QVERIFY(findInterruptedRecordings(recordingsFolder()).isEmpty());
    LiveTab* live = w.liveTab();
    QVERIFY(live->hasRecording());
    QVERIFY(live->recordingPath().endsWith(QStringLiteral(".wav")));
    QCOMPARE(live->recordingFormat(), QStringLiteral("48 kHz stereo"));
    // Saved as recorded, or as the 16 kHz mono analysis copy.
    const QString asRecorded = dir_.filePath(QStringLiteral("as-recorded.wav"));
    const QString copy = dir_.filePath(QStringLiteral("analysis.wav"));
    QCOMPARE(live->saveRecording(asRecorded, LiveTab::SaveKind::AsRecorded), QString());
    QCOMPARE(live->saveRecording(copy, LiveTab::SaveKind::AnalysisCopy), QString());
    auto a = probeAudio(asRecorded.toStdString());
    auto b = probeAudio(copy.toStdString());
    QVERIFY(a && b);
    QCOMPARE(a->sampleRate, 48000);
    QCOMPARE(a->channels, 2);
    QCOMPARE(b->sampleRate, 16000);
    QCOMPARE(b->channels, 1);
    QVERIFY(std::abs(a->seconds() - b->seconds()) < 0.01);
    // Nothing left to offer on the next start.
    QCOMPARE(w.offerRecovery(), 0);
  }

  void fullDiskStopsWithAClearMessage() {
    const QString folder = dir_.filePath(QStringLiteral("full"));
    RecordingSpoolParams tooFull;
    tooFull.freeBytes = [](const std::string&) { return 10ll << 20; };  // 10 MB left: below the reserve
    RecordingSpool refused(tooFull);
    const QString why = refused.start(folder, rate_, 2);
    QVERIFY2(why.contains(QStringLiteral("full")), qPrintable(why));
    // A disk that fills while recording: 200 kB less free space per check.
    std::atomic<long long> free{(50ll << 20) + 500000};
    RecordingSpoolParams filling;
    filling.syncSeconds = 0.2;
    filling.freeBytes = [&free](const std::string&) { return free -= 200000; };
    RecordingSpool spool(filling);
    QCOMPARE(spool.start(folder, rate_, 2), QString());
    std::vector<float> stereo(size_t(rate_ / 50) * 2, 0.1f);
    QElapsedTimer clock;
    clock.start();
    while (spool.error().isEmpty() && clock.elapsed() < 10000) {
      spool.write(stereo.data(), stereo.size() / 2);
      QTest::qWait(20);
    }
    QVERIFY2(spool.error().contains(QStringLiteral("disk is full")), qPrintable(spool.error()));
    const long long frames = spool.framesWritten();
    QVERIFY(frames > 0);
    const QString done = spool.finish();
    auto info = probeAudio(done.toStdString());
    QVERIFY2(info, info.error().c_str());
    QCOMPARE(static_cast<long long>(info->frames), frames);  // what was written is kept, whole
  }
};

int main(int argc, char** argv) {
  if (qEnvironmentVariableIsSet("EMO_SPOOL_CHILD")) {
    QCoreApplication app(argc, argv);
    return runSpoolChild();
  }
  QApplication app(argc, argv);
  TestRecording test;
  QTEST_SET_MAIN_SOURCE_PATH
  return QTest::qExec(&test, argc, argv);
}

#include "tst_recording.moc"
