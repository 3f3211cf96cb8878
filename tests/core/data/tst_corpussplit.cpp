// Split, the evaluation protocol as data, over the real pooled RAVDESS + TESS + nEMO clip list:
// leave-one-corpus-out folds, pooled speaker folds, option errors and descriptions.
#include <QtTest>

#include <set>

#include "core/data/DatasetScanner.h"
#include "core/data/Split.h"
#include "support/TestPaths.h"

using namespace emo;

class TestCorpusSplit : public QObject {
  Q_OBJECT
  std::vector<Clip> clips_;
  std::map<std::string, int> perCorpus_;

 private slots:
  void initTestCase() {
    ScanOptions o;
    o.detectDuplicates = false;
    for (const char* corpus : {"ravdess", "tess", "nemo"}) {
      auto r = scanDataset(emo::test::shared(QString("data/") + corpus).toStdString(), o);
      QVERIFY2(r.ok(), r.ok() ? "" : r.error().c_str());
      clips_.insert(clips_.end(), r->clips.begin(), r->clips.end());
      perCorpus_[corpus] = int(r->clips.size());
    }
  }

  void leaveOneCorpusOut() {
    Split s;
    s.group = "corpus";
    auto folds = s.makeFolds(clips_);
    QVERIFY2(folds.ok(), folds.ok() ? "" : folds.error().c_str());
    QCOMPARE(int(folds->size()), 3);
    const std::vector<std::string> order{"ravdess", "tess", "nemo"};  // order of first appearance
    for (size_t k = 0; k < folds->size(); ++k) {
      const Fold& f = (*folds)[k];
      QCOMPARE(f.heldOutCorpus, order[k]);
      QCOMPARE(int(f.test.size()), perCorpus_[order[k]]);
      QCOMPARE(f.train.size() + f.test.size(), clips_.size());
      for (int i : f.test) QCOMPARE(clips_[size_t(i)].corpus, order[k]);
      for (int i : f.train) QVERIFY(clips_[size_t(i)].corpus != order[k]);
      std::set<std::string> speakers;
      for (int i : f.test) speakers.insert(clips_[size_t(i)].speaker);
      QCOMPARE(std::set<std::string>(f.testSpeakers.begin(), f.testSpeakers.end()), speakers);
      QVERIFY(!f.speakerDependent);
    }
    QCOMPARE(s.describe(), std::string("leave-one-corpus-out"));
    s.testCorpora = {"nemo"};
    auto only = s.makeFolds(clips_);
    QVERIFY(only.ok());
    QCOMPARE(int(only->size()), 1);
    QCOMPARE(only->front().heldOutCorpus, std::string("nemo"));
    s.testCorpora = {"savee"};
    auto missing = s.makeFolds(clips_);
    QVERIFY(!missing.ok());
    QVERIFY2(missing.error().find("'savee' is not among the corpora") != std::string::npos, missing.error().c_str());
  }

  void singleCorpusIsRefused() {
    std::vector<Clip> ravdess;
    for (const Clip& c : clips_)
      if (c.corpus == "ravdess") ravdess.push_back(c);
    Split s;
    s.group = "corpus";
    auto folds = s.makeFolds(ravdess);
    QVERIFY(!folds.ok());
    QVERIFY2(folds.error().find("two corpora or more") != std::string::npos &&
                 folds.error().find("'ravdess'") != std::string::npos,
             folds.error().c_str());
  }

  // Pooled speaker folds: every speaker of every corpus tested exactly once, never in training.
  void pooledSpeakerFolds() {
    Split s;
    s.folds = 5;
    auto folds = s.makeFolds(clips_);
    QVERIFY(folds.ok());
    QCOMPARE(int(folds->size()), 5);
    std::multiset<std::string> tested;
    for (const Fold& f : *folds) {
      QVERIFY(f.heldOutCorpus.empty());
      std::set<std::string> train;
      for (int i : f.train) train.insert(clips_[size_t(i)].speaker);
      for (const auto& spk : f.testSpeakers) {
        QVERIFY2(!train.count(spk), spk.c_str());
        tested.insert(spk);
      }
    }
    QCOMPARE(int(tested.size()), 20 + 2 + 7);
    QCOMPARE(int(std::set<std::string>(tested.begin(), tested.end()).size()), 29);
    QCOMPARE(s.describe(), std::string("5 speaker-grouped folds"));
  }

  void optionErrors() {
    Split s;
    s.group = "language";
    QVERIFY2(s.validate().error().find("--group must be 'speaker' or 'corpus'") != std::string::npos,
             s.validate().error().c_str());
    s.group = "corpus";
    s.testSpeakers = {"ravdess:01"};
    QVERIFY(!s.validate().ok());
    s.testSpeakers.clear();
    s.method = "random";
    QVERIFY(!s.validate().ok());
    s.group = "speaker";
    QVERIFY(s.validate().ok());
    s.folds = 1;
    QVERIFY(!s.validate().ok());
    s.method = "bogus";
    QVERIFY2(s.validate().error().find("--split must be speaker, loso or random") != std::string::npos,
             s.validate().error().c_str());
  }
};

QTEST_GUILESS_MAIN(TestCorpusSplit)
#include "tst_corpussplit.moc"
