// The Review tab's small models on their own: the time axis (zoom about a point, limits, pixel
// mapping), the selection, the vertical zoom, the lane summary rule (the list entry from the lane)
// and the prediction cache (keyed by model and file content, on a real sample clip).
#include <QTemporaryDir>
#include <QtTest>

#include "support/TestPaths.h"
#include "ui/review/ModelLane.h"
#include "ui/review/PredictionCache.h"
#include "ui/review/SelectionModel.h"
#include "ui/review/TimeAxis.h"
#include "ui/review/VerticalZoom.h"
#include "../UiTestSupport.h"

using namespace emo;
using namespace emo::ui;

class TestReviewModels : public QObject {
  Q_OBJECT
 private slots:
  void timeAxisZoomsAboutAPointAndStaysInTheClip() {
    TimeAxis axis;
    QSignalSpy changed(&axis, &TimeAxis::changed);
    axis.setDuration(4.0);
    QCOMPARE(axis.span(), 4.0);
    axis.zoomAbout(4.0, 1.0);  // 1 s visible, 1.0 s stays at a quarter of the width
    QCOMPARE(axis.span(), 1.0);
    QCOMPARE(axis.start(), 0.75);
    QCOMPARE(axis.timeToX(1.0, 100, 400), 200.0);
    QCOMPARE(axis.xToTime(200, 100, 400), 1.0);
    axis.scrollBy(10.0);  // clamped at the end
    QCOMPARE(axis.end(), 4.0);
    QCOMPARE(axis.span(), 1.0);
    axis.zoomAbout(1e6, 3.5);  // never narrower than kMinSpan
    QCOMPARE(axis.span(), TimeAxis::kMinSpan);
    axis.ensureVisible(0.5);
    QVERIFY(axis.start() <= 0.5 && axis.end() >= 0.5);
    axis.fit();
    QCOMPARE(axis.start(), 0.0);
    QCOMPARE(axis.zoomFactor(), 1.0);
    QVERIFY(changed.count() >= 5);
    QCOMPARE(axis.xToTime(-50, 100, 400), 0.0);  // clamped to the clip
  }

  void selectionNormalisesAndClears() {
    SelectionModel s;
    s.setRange(2.0, 1.0);
    QCOMPARE(s.start(), 1.0);
    QCOMPARE(s.end(), 2.0);
    s.setRange(1.5, 1.5);
    QVERIFY(!s.hasRange());
    QSignalSpy tier(&s, &SelectionModel::activeTierChanged);
    s.setActiveTier("events");
    s.setActiveTier("events");
    QCOMPARE(tier.count(), 1);
  }

  void verticalZoom() {
    VerticalZoom z;
    QVERIFY(z.autoScale());
    QCOMPARE(z.effectiveGain(0.5), 1.9);
    QCOMPARE(z.effectiveGain(0.0), 1.0);
    z.zoomLevel(4.0);
    QVERIFY(!z.autoScale());
    QCOMPARE(z.effectiveGain(0.5), 4.0);
    z.setFrequencyLimit(8000);
    z.zoomFrequency(4.0);
    QCOMPARE(z.topHz(), 2000.0);
    z.zoomFrequency(100.0);
    QCOMPARE(z.topHz(), 500.0);
    z.zoomFrequency(0.001);
    QCOMPARE(z.topHz(), 8000.0);
  }

  void laneSummaryIsTheSpeechWeightedMean() {
    std::vector<TimelineSegment> tiles(3);
    tiles[0] = {0.0, 1.0, true, {0.2f, 0.8f}, 1};
    tiles[1] = {1.0, 1.5, false, {}, -1};
    tiles[2] = {1.5, 4.5, true, {0.6f, 0.4f}, 0};  // three times as long: it outweighs the first
    const LaneSummary s = summariseLane(tiles, {"neutral", "angry"});
    QVERIFY(s.speech);
    QCOMPARE(s.speechSeconds, 4.0);
    QCOMPARE(s.coveredSeconds, 4.5);
    QCOMPARE(s.speechTiles, 2);
    QVERIFY(std::abs(s.probabilities[0] - (0.2 * 1 + 0.6 * 3) / 4) < 1e-6);
    QCOMPARE(s.label, std::string("neutral"));
    QVERIFY(laneRuleText(s, 4.5).contains("weighted by its length"));
    const LaneSummary none = summariseLane({tiles[1]}, {"neutral", "angry"});
    QVERIFY(!none.speech);
    QCOMPARE(none.label, std::string("no speech"));
  }

  void predictionCacheIsKeyedByFileContent() {
    QTemporaryDir dir;
    PredictionCache cache(dir.path());
    const QString clip = emo::test::sample("03-01-01-01-01-01-07.wav");
    const QString key = PredictionCache::fileKey(clip);
    QCOMPARE(key.size(), 40);
    QVERIFY(!cache.find("m1", key));
    std::vector<TimelineSegment> lane(2);
    lane[0] = {0.0, 0.25, false, {}, -1};
    lane[1] = {0.25, 0.5, true, {0.125f, 0.875f}, 1};
    QCOMPARE(cache.store("m1", key, lane), QString());
    auto back = cache.find("m1", key);
    QVERIFY(back);
    QCOMPARE(back->size(), size_t(2));
    QVERIFY(!(*back)[0].speech);
    QCOMPARE((*back)[1].probabilities, lane[1].probabilities);
    QCOMPARE((*back)[1].top, 1);
    QCOMPARE((*back)[1].end, 0.5);
    QVERIFY(!cache.find("m2", key));  // another model
    // A copy with one byte changed is another file.
    QFile::copy(clip, dir.path() + "/copy.wav");
    QFile f(dir.path() + "/copy.wav");
    QVERIFY(f.open(QIODevice::ReadWrite));
    f.seek(f.size() - 1);
    f.write("\x01");
    f.close();
    QVERIFY(PredictionCache::fileKey(dir.path() + "/copy.wav") != key);
    QVERIFY(PredictionCache::fileKey(dir.path() + "/missing.wav").isEmpty());
  }
};

QTEST_MAIN(TestReviewModels)
#include "tst_reviewmodels.moc"
