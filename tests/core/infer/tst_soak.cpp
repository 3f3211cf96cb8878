// A short soak of the live pipeline (the suite's version of `emoscope-cli bench soak`, which
// docs/RELIABILITY.md runs for an hour): 3 minutes of real 48 kHz speech with pauses, in random
// block sizes, faster than real time: nothing dropped or duplicated, frames at 10 per second in
// order, speech found, and resident memory flat after the first minute.
#include <QtTest>

#include "InferTestModel.h"
#include "core/audio/AudioReader.h"
#include "core/infer/SoakRun.h"
#include "support/TestPaths.h"

using namespace emo;

class TestSoak : public QObject {
  Q_OBJECT

 private slots:
  void threeMinutes() {
    auto model = test::defaultModel();
    QVERIFY(model);
    AudioBuffer loop;
    loop.sampleRate = 48000;
    ReadOptions ro;
    ro.targetRate = 48000;
    for (const char* f : {"samples/03-01-05-02-01-01-05.wav", "samples/03-01-08-01-02-02-01.wav"}) {
      auto a = readAudioMono(test::shared(f).toStdString(), ro);
      QVERIFY2(a, a.error().c_str());
      loop.samples.insert(loop.samples.end(), a->samples.begin(), a->samples.end());
      loop.samples.insert(loop.samples.end(), 48000, 0.0f);
    }
    auto rep = runSoak(model, loop, 180.0, 6000, 11);
    QVERIFY2(rep, rep.error().c_str());
    qInfo("%s", rep->toJson().c_str());
    QCOMPARE(rep->droppedSamples, 0LL);
    QCOMPARE(rep->samplesConsumed, rep->samplesWritten);
    QCOMPARE(rep->samplesReturned, rep->samplesWritten);
    QVERIFY(rep->framesInOrder);
    QVERIFY(std::llabs(rep->frames - rep->expectedFrames) <= 1);
    QVERIFY(rep->speechFrames > rep->frames / 3);
    // Flat memory: after the first minute, growth stays within 20 MB (allocator noise).
    QVERIFY2(rep->rssPeakMb - rep->rssStartMb < 20.0, qPrintable(QString::number(rep->rssPeakMb - rep->rssStartMb)));
  }
};

QTEST_GUILESS_MAIN(TestSoak)
#include "tst_soak.moc"
