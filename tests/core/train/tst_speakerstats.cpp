// Per-speaker normalisation statistics (core/train/SpeakerStats.h): from all of a speaker's
// clips, or from its neutral clips only with no clip ever in its own statistics. The clips are
// one-column frame matrices with known values (a unit test of the bookkeeping, not of audio).
#include <QtTest>

#include <map>

#include "core/train/SpeakerStats.h"

using namespace emo;

namespace {

Matrix constantFrames(int rows, float value) {
  Matrix m(rows, 1);
  for (int r = 0; r < rows; ++r) m.at(r, 0) = value;
  return m;
}

struct Fixture {
  FeatureDataset ds;
  std::vector<int> idx;
  TrainSet set;

  void add(const std::string& speaker, const std::string& label, float value, int rows = 10) {
    ds.clips.push_back(Clip{"/x/" + std::to_string(ds.clips.size()) + ".wav", label, speaker, "test", label});
    ds.labels.push_back(0);
    QVERIFY(ds.features.append({constantFrames(rows, value)}).ok());
    idx.push_back(static_cast<int>(ds.clips.size()) - 1);
    TrainSample s;
    s.variants = {ds.features.clean(ds.features.size() - 1)};
    s.speaker = speaker;
    set.samples.push_back(s);
  }
  float meanOf(int clip) const { return set.stats.at(set.samples.at(clip).statsIndex).mean.at(0); }
};

}  // namespace

class TestSpeakerStats : public QObject {
  Q_OBJECT
 private slots:
  void allClipsShareTheSpeakersStatistics() {
    Fixture f;
    f.set.stats = {NormStats{{0.0f}, {1.0f}}};
    f.add("a", "neutral", 1.0f);
    f.add("a", "angry", 3.0f);
    f.add("b", "neutral", 10.0f);
    f.add("b", "sad", 20.0f, 30);
    assignSpeakerStats(f.ds, f.idx, f.set, "");
    QCOMPARE(f.set.stats.size(), size_t(3));  // stats[0] kept, one per speaker
    QCOMPARE(f.set.stats[0].mean[0], 0.0f);
    QCOMPARE(f.meanOf(0), 2.0f);
    QCOMPARE(f.meanOf(1), 2.0f);
    QCOMPARE(f.meanOf(2), 17.5f);  // (10 x 10 + 30 x 20) / 40 frames
    QCOMPARE(f.set.stats[f.set.samples[0].statsIndex].std[0], 1.0f);
  }

  void neutralReferenceNeverHoldsTheClipItself() {
    Fixture f;
    f.set.stats = {NormStats{{0.0f}, {1.0f}}};
    f.add("a", "neutral", 1.0f);
    f.add("a", "neutral", 2.0f);
    f.add("a", "neutral", 6.0f);
    f.add("a", "angry", 100.0f);
    assignSpeakerStats(f.ds, f.idx, f.set, "neutral");
    QCOMPARE(f.meanOf(3), 3.0f);  // the angry clip: the mean of the three neutral clips only
    QCOMPARE(f.meanOf(0), 4.0f);  // each neutral clip: the other two
    QCOMPARE(f.meanOf(1), 3.5f);
    QCOMPARE(f.meanOf(2), 1.5f);
    QVERIFY(qAbs(f.set.stats[f.set.samples[0].statsIndex].std[0] - 2.0f) < 1e-5f);
  }

  void speakersWithoutEnoughNeutralClipsFallBack() {
    Fixture f;
    f.set.stats = {NormStats{{0.0f}, {1.0f}}};
    f.add("one", "neutral", 4.0f);  // its only neutral clip: the speaker's other clips
    f.add("one", "happy", 8.0f);
    f.add("one", "sad", 12.0f);
    f.add("none", "happy", 1.0f);   // no neutral clip at all: all of its clips
    f.add("none", "sad", 3.0f);
    assignSpeakerStats(f.ds, f.idx, f.set, "neutral");
    QCOMPARE(f.meanOf(0), 10.0f);
    QCOMPARE(f.meanOf(1), 4.0f);
    QCOMPARE(f.meanOf(2), 4.0f);
    QCOMPARE(f.meanOf(3), 2.0f);
    QCOMPARE(f.meanOf(4), 2.0f);
  }

  void sessionStatisticsGrowClipByClip() {
    Fixture f;
    for (float v : {1.0f, 2.0f, 3.0f, 4.0f, 5.0f}) f.add("a", "happy", v);  // 10 frames each
    for (float v : {10.0f, 20.0f}) f.add("b", "sad", v);
    const SessionStats s = sessionStatsInOrder(f.ds, f.idx, 25.0, 7);
    QCOMPARE(s.order.size(), size_t(7));
    QCOMPARE(s.of.size(), size_t(7));
    std::map<std::string, std::vector<float>> seen;  // per speaker, the values scored so far
    for (size_t k : s.order) {
      const std::string& speaker = f.ds.clips[f.idx[k]].speaker;
      seen[speaker].push_back(f.ds.features.clean(f.idx[k]).at(0, 0));
      const auto& values = seen[speaker];
      if (values.size() < 3) {  // 10 or 20 frames: under the 25 the session needs
        QCOMPARE(s.of[k], -1);
        continue;
      }
      QVERIFY(s.of[k] >= 0);
      float mean = 0;
      for (float v : values) mean += v / values.size();
      QVERIFY(qAbs(s.stats[s.of[k]].mean[0] - mean) < 1e-5f);  // the clips so far, itself included
    }
    QCOMPARE(seen["a"].size(), size_t(5));
    QCOMPARE(seen["b"].size(), size_t(2));  // speaker b never reaches 25 frames
    const SessionStats again = sessionStatsInOrder(f.ds, f.idx, 25.0, 7);
    QCOMPARE(again.order, s.order);  // the seed fixes the order
  }

  void frameMomentsRemoveWhatTheyAdded() {
    FrameMoments m;
    m.add(constantFrames(5, 2.0f));
    m.add(constantFrames(5, 4.0f));
    QCOMPARE(m.stats().mean[0], 3.0f);
    QCOMPARE(m.stats().std[0], 1.0f);
    m.add(constantFrames(5, 4.0f), -1.0);
    QCOMPARE(m.stats().mean[0], 2.0f);
    QCOMPARE(m.stats().std[0], 1e-5f);  // floored, never 0
    QVERIFY(FrameMoments{}.stats().empty());
  }
};

QTEST_GUILESS_MAIN(TestSpeakerStats)
#include "tst_speakerstats.moc"
