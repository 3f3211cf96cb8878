// Property tests of the splits over the real RAVDESS clip list (1200 clips, 20 speakers).
#include <QtTest>

#include <algorithm>
#include <set>

#include "core/data/DatasetScanner.h"
#include "core/data/SpeakerSplits.h"
#include "support/TestPaths.h"

using namespace emo;

class TestSplits : public QObject {
  Q_OBJECT
  std::vector<Clip> clips_;

  static std::set<std::string> speakersOf(const std::vector<Clip>& clips, const std::vector<int>& idx) {
    std::set<std::string> s;
    for (int i : idx) s.insert(clips[size_t(i)].speaker);
    return s;
  }
  void checkDisjointSpeakers(const Fold& f) {
    const auto train = speakersOf(clips_, f.train), test = speakersOf(clips_, f.test);
    for (const auto& s : test) QVERIFY2(!train.count(s), ("speaker in train and test: " + s).c_str());
    QCOMPARE(std::set<std::string>(f.testSpeakers.begin(), f.testSpeakers.end()), test);
    QCOMPARE(int(f.train.size() + f.test.size()), int(clips_.size()));
    QVERIFY(!f.speakerDependent);
  }
  static std::vector<std::vector<std::string>> speakerSets(const std::vector<Fold>& folds) {
    std::vector<std::vector<std::string>> out;
    for (const auto& f : folds) out.push_back(f.testSpeakers);
    return out;
  }

 private slots:
  void initTestCase() {
    ScanOptions o;
    o.detectDuplicates = false;
    auto report = scanDataset(emo::test::shared("data/ravdess").toStdString(), o);
    QVERIFY2(report.ok(), report.error().c_str());
    clips_ = report->clips;
    QCOMPARE(int(clips_.size()), 1200);
  }

  void kFoldProperties() {
    for (int k : {2, 5, 10}) {
      auto folds = speakerGroupedKFold(clips_, k, 42);
      QVERIFY2(folds.ok(), folds.error().c_str());
      QCOMPARE(int(folds->size()), k);
      std::vector<int> seen(clips_.size(), 0);
      for (const auto& f : *folds) {
        checkDisjointSpeakers(f);
        for (int i : f.test) ++seen[size_t(i)];
        // 20 speakers with 60 clips each: balanced folds hold 1200/k clips.
        QCOMPARE(int(f.test.size()), 1200 / k);
      }
      for (int n : seen) QCOMPARE(n, 1);  // each clip in exactly one test fold
    }
  }

  void kFoldDeterministicPerSeed() {
    auto a = speakerGroupedKFold(clips_, 5, 7).value();
    auto b = speakerGroupedKFold(clips_, 5, 7).value();
    QCOMPARE(speakerSets(a), speakerSets(b));
    for (size_t i = 0; i < a.size(); ++i) QCOMPARE(a[i].test, b[i].test);
    auto c = speakerGroupedKFold(clips_, 5, 8).value();
    QVERIFY(speakerSets(a) != speakerSets(c));
  }

  void kFoldBalancesUnequalSpeakers() {
    // Drop most clips of two speakers: folds must still be balanced by clip count.
    std::vector<Clip> uneven;
    for (const Clip& c : clips_)
      if ((c.speaker != "ravdess:01" && c.speaker != "ravdess:02") || c.rawLabel == "05") uneven.push_back(c);
    auto folds = speakerGroupedKFold(uneven, 4, 1).value();
    size_t lo = uneven.size(), hi = 0;
    for (const auto& f : folds) lo = std::min(lo, f.test.size()), hi = std::max(hi, f.test.size());
    QVERIFY2(hi - lo <= 60, qPrintable(QString("fold sizes %1..%2").arg(lo).arg(hi)));
  }

  void kFoldErrors() {
    auto k1 = speakerGroupedKFold(clips_, 1, 0);
    QVERIFY(!k1.ok());
    QVERIFY(QString::fromStdString(k1.error()).contains("at least 2"));
    auto k21 = speakerGroupedKFold(clips_, 21, 0);
    QVERIFY(!k21.ok());
    QVERIFY(QString::fromStdString(k21.error()).contains("20"));
  }

  void leaveOneSpeakerOutFolds() {
    auto folds = leaveOneSpeakerOut(clips_);
    QVERIFY2(folds.ok(), folds.error().c_str());
    QCOMPARE(int(folds->size()), 20);
    std::set<std::string> tested;
    for (const auto& f : *folds) {
      checkDisjointSpeakers(f);
      QCOMPARE(int(f.testSpeakers.size()), 1);
      QCOMPARE(int(f.test.size()), 60);
      tested.insert(f.testSpeakers.front());
    }
    QCOMPARE(int(tested.size()), 20);
    std::vector<Clip> one(clips_.begin(), clips_.begin() + 10);
    QVERIFY(!leaveOneSpeakerOut(one).ok());
  }

  void explicitSpeakers() {
    auto f = explicitSpeakerSplit(clips_, {"03", "ravdess:10"});
    QVERIFY2(f.ok(), f.error().c_str());
    checkDisjointSpeakers(f.value());
    QCOMPARE(f->testSpeakers, (std::vector<std::string>{"ravdess:03", "ravdess:10"}));
    QCOMPARE(int(f->test.size()), 120);
    auto bad = explicitSpeakerSplit(clips_, {"99"});
    QVERIFY(!bad.ok());
    QVERIFY(QString::fromStdString(bad.error()).contains("'99'"));
    QVERIFY(!explicitSpeakerSplit(clips_, {}).ok());
  }

  void randomSplitIsFlagged() {
    auto f = randomSplit(clips_, 0.2, 3);
    QVERIFY2(f.ok(), f.error().c_str());
    QVERIFY(f->speakerDependent);
    QCOMPARE(int(f->test.size()), 240);
    QCOMPARE(int(f->train.size()), 960);
    std::set<int> all(f->train.begin(), f->train.end());
    all.insert(f->test.begin(), f->test.end());
    QCOMPARE(int(all.size()), 1200);
    QCOMPARE(randomSplit(clips_, 0.2, 3).value().test, f->test);
    QVERIFY(randomSplit(clips_, 0.2, 4).value().test != f->test);
    QVERIFY(!randomSplit(clips_, 0.0, 3).ok());
    QVERIFY(!randomSplit(clips_, 1.0, 3).ok());
  }

  void holdoutWithinTrainingSet() {
    const Fold outer = speakerGroupedKFold(clips_, 5, 11).value().front();
    auto h = speakerGroupedHoldout(clips_, outer.train, 0.2, 5);
    QVERIFY2(h.ok(), h.error().c_str());
    const auto trainSpk = speakersOf(clips_, h->train), valSpk = speakersOf(clips_, h->test);
    for (const auto& s : valSpk) QVERIFY(!trainSpk.count(s));
    QCOMPARE(int(h->train.size() + h->test.size()), int(outer.train.size()));
    const auto outerTest = speakersOf(clips_, outer.test);
    for (const auto& s : valSpk) QVERIFY(!outerTest.count(s));  // never touches the test fold
    QCOMPARE(int(h->test.size()), 180);  // 16 speakers x 60, 20% -> 3 speakers
    QCOMPARE(speakerGroupedHoldout(clips_, outer.train, 0.2, 5).value().test, h->test);
    QVERIFY(!speakerGroupedHoldout(clips_, {0, 1, 2}, 0.2, 5).ok());  // one speaker only
  }
};

QTEST_GUILESS_MAIN(TestSplits)
#include "tst_splits.moc"
