// Speaker prior balancing (core/infer/SpeakerPriorBalance.h): a speaker whose every clip leans to
// one class gets that lean removed, the true class back on top, and rows that sum to 1 over the
// classes allowed; a speaker the model does not lean for is left alone.
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/infer/SpeakerPriorBalance.h"

using namespace emo;

namespace {

/// 4 classes, 5 clips of each: the true class 0.3, class 2 ("sad") `lean`, the rest shared.
std::vector<std::vector<float>> leaningSpeaker(float lean, std::vector<int>* truth) {
  std::vector<std::vector<float>> rows;
  for (int t = 0; t < 4; ++t)
    for (int n = 0; n < 5; ++n) {
      std::vector<float> p(4, 0.0f);
      p[t] += 0.3f;
      p[2] += lean;
      const float rest = (1.0f - 0.3f - lean) / 4;
      for (float& v : p) v += rest;
      rows.push_back(p);
      truth->push_back(t);
    }
  return rows;
}

int argmax(const std::vector<float>& p) { return int(std::max_element(p.begin(), p.end()) - p.begin()); }

int correct(const std::vector<std::vector<float>>& rows, const std::vector<int>& truth) {
  int n = 0;
  for (size_t i = 0; i < rows.size(); ++i) n += argmax(rows[i]) == truth[i];
  return n;
}

}  // namespace

class TestSpeakerPriorBalance : public QObject {
  Q_OBJECT
 private slots:
  void removesTheSpeakersLean() {
    std::vector<int> truth;
    const auto rows = leaningSpeaker(0.4f, &truth);
    QCOMPARE(correct(rows, truth), 5);  // "sad" for every clip: only the sad ones right
    const auto balanced = balanceSpeakerPrior(rows);
    QCOMPARE(correct(balanced, truth), 20);
    for (const auto& p : balanced) QVERIFY(std::abs(std::accumulate(p.begin(), p.end(), 0.0) - 1.0) < 1e-5);
    // strength 0 leaves the ranking as it was
    QCOMPARE(correct(balanceSpeakerPrior(rows, {}, 0.0), truth), 5);
  }

  void leavesAnUnbiasedSpeakerAlone() {
    std::vector<int> truth;
    const auto rows = leaningSpeaker(0.0f, &truth);
    const auto balanced = balanceSpeakerPrior(rows);
    for (size_t i = 0; i < rows.size(); ++i)
      for (size_t c = 0; c < 4; ++c) QVERIFY(std::abs(balanced[i][c] - rows[i][c]) < 1e-6);
  }

  void staysWithinTheAllowedClasses() {
    std::vector<int> truth;
    const auto rows = leaningSpeaker(0.4f, &truth);
    const auto balanced = balanceSpeakerPrior(rows, {0, 1, 3});  // a corpus without class 2
    for (const auto& p : balanced) {
      QCOMPARE(p[2], 0.0f);
      QVERIFY(std::abs(p[0] + p[1] + p[3] - 1.0f) < 1e-5);
    }
    for (size_t i = 0; i < rows.size(); ++i)
      if (truth[i] != 2) QCOMPARE(argmax(balanced[i]), truth[i]);
    QVERIFY(balanceSpeakerPrior({}).empty());
  }
};

QTEST_GUILESS_MAIN(TestSpeakerPriorBalance)
#include "tst_speakerpriorbalance.moc"
