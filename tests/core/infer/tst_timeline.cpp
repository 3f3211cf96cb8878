// Timelines cover the whole clip with equal hops (issue 18: segments were 0.05 s long in the first
// second and 0.1 s after, and stopped at 3.45 s of a 4.40 s file). On a real RAVDESS file of
// 4.40 s: the first segment starts at 0, the last ends at the file's duration, every segment
// starts one hop after the previous one and ends where the next starts; each frame's segment
// lies at the centre of the window that scored it.
#include <QtTest>

#include <cmath>

#include "InferTestModel.h"
#include "core/audio/AudioReader.h"
#include "core/infer/StreamingClassifier.h"
#include "core/infer/TimelinePredictor.h"
#include "support/TestPaths.h"

using namespace emo;

class TestTimeline : public QObject {
  Q_OBJECT

  std::shared_ptr<const ModelBundle> model_;
  AudioBuffer clip_;  // RAVDESS Actor_03, angry, strong: 70470 samples at 16 kHz = 4.404 s

  void checkCoverage(const std::vector<TimelineSegment>& t, double hop) {
    const double duration = clip_.seconds();
    QVERIFY(!t.empty());
    QCOMPARE(int(t.size()), int(std::ceil(duration / hop - 1e-9)));
    QCOMPARE(t.front().start, 0.0);
    QVERIFY2(std::abs(t.back().end - duration) < 1e-9,
             qPrintable(QString("last segment ends at %1 s of %2 s").arg(t.back().end).arg(duration)));
    for (size_t k = 0; k < t.size(); ++k) {
      QVERIFY2(std::abs(t[k].start - double(k) * hop) < 1e-9, qPrintable(QString("segment %1 starts at %2").arg(k).arg(t[k].start)));
      if (k + 1 < t.size()) {
        QVERIFY(std::abs(t[k].end - t[k + 1].start) < 1e-9);
        QVERIFY(std::abs((t[k].end - t[k].start) - hop) < 1e-9);
      }
    }
    QVERIFY(t.back().end > t.back().start);
    int speech = 0;
    for (const auto& s : t) speech += s.speech ? 1 : 0;
    QVERIFY2(speech > 5, "an acted sentence must give speech segments");
  }

 private slots:
  void initTestCase() {
    model_ = test::defaultModel();
    QVERIFY2(model_, "the default model must load");
    auto a = readAudioMono(test::shared("data/ravdess/Actor_03/03-01-05-02-01-01-03.flac").toStdString());
    QVERIFY2(a, a.error().c_str());
    clip_ = *a;
    QCOMPARE(clip_.sampleRate, 16000);
    QCOMPARE(clip_.samples.size(), size_t(70470));
  }

  void defaultTimelineCoversTheFile() {
    auto t = TimelinePredictor(model_).timeline(clip_);
    QVERIFY2(t, t.error().c_str());
    checkCoverage(*t, 0.1);
  }

  void otherWindowAndHopCoverTheFile() {
    auto t = TimelinePredictor(model_).timeline(clip_, 1.5, 0.25);
    QVERIFY2(t, t.error().c_str());
    checkCoverage(*t, 0.25);
    auto both = TimelinePredictor(model_).analyse(clip_, 1.5, 0.25);
    QVERIFY2(both, both.error().c_str());
    QCOMPARE(both->timeline.size(), t->size());
  }

  void segmentsSitAtTheCentreOfTheirWindows() {
    StreamParams p;
    auto frames = TimelinePredictor(model_, p).timelineFrames(clip_);
    QVERIFY2(frames, frames.error().c_str());
    for (const EmotionFrame& f : *frames) {
      const double centre = 0.5 * (f.start + f.end);
      if (f.time >= p.windowSeconds && f.time < clip_.seconds()) {
        // A whole window, before the stream's end: it ends half a window after the segment's centre.
        QVERIFY2(std::abs(f.time - p.windowSeconds / 2 - centre) <= 0.01 + 1e-9,
                 qPrintable(QString("window ending at %1 s scores the segment at %2 s").arg(f.time).arg(centre)));
      } else {
        // Near the edges the window is cut to the audio (no padding): it ends at most half a
        // window after the centre, and at the end of the stream for the last segments.
        QVERIFY(f.time <= clip_.seconds() + 1e-9);
        QVERIFY(f.time - centre <= p.windowSeconds / 2 + 0.01);
      }
    }
  }

  void streamStopsAtEveryLength() {
    // Durations that are not a multiple of the hop, and shorter than a window: still covered.
    for (size_t samples : {size_t(1), size_t(1599), size_t(1601), size_t(8000), size_t(40123)}) {
      StreamingClassifier stream(model_);
      QVERIFY(stream.push(clip_.samples.data(), samples, 16000));
      stream.finish();
      const auto frames = stream.takeFrames();
      const double duration = double(samples) / 16000;
      QCOMPARE(int(frames.size()), int(std::ceil(duration / 0.1 - 1e-9)));
      QCOMPARE(frames.front().start, 0.0);
      QVERIFY(std::abs(frames.back().end - duration) < 1e-9);
    }
  }
};

QTEST_GUILESS_MAIN(TestTimeline)
#include "tst_timeline.moc"
