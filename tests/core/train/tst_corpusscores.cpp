// Corpus-aware training sets and per-corpus scores on real clips of RAVDESS, TESS and nEMO
// (features through loadFeatureDataset): which corpus each sample comes from and the classes it
// may produce (TrainSet::corpusClassMask), and cross-validation scores per corpus restricted to
// its own labels, with UA by utterance length.
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <fstream>

#include "core/audio/AudioReader.h"
#include "core/train/CorpusScores.h"
#include "core/train/CorpusSets.h"
#include "core/train/FeatureDataset.h"
#include "support/TestPaths.h"

using namespace emo;

class TestCorpusScores : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;
  FeatureDataset ds_;

  int indexOf(const std::string& cls) const { return ds_.schema.indexOf(cls); }

 private slots:
  void initTestCase() {
    const std::string csv = tmp_.filePath("mixed.csv").toStdString();
    std::ofstream f(csv);
    f << "path,label,speaker\n";
    auto add = [&](const char* rel, const char* label, const char* speaker) {
      f << emo::test::shared(rel).toStdString() << "," << label << "," << speaker << "\n";
    };
    add("data/ravdess/Actor_01/03-01-02-01-01-01-01.flac", "calm", "ravdess:01");
    add("data/ravdess/Actor_01/03-01-05-01-01-01-01.flac", "angry", "ravdess:01");
    add("data/tess/OAF_angry/OAF_back_angry.flac", "angry", "tess:OAF");
    add("data/tess/YAF_sad/YAF_back_sad.flac", "sad", "tess:YAF");
    add("data/nemo/samples/EB0_anger_1.ogg", "anger", "nemo:EB0");
    add("data/nemo/samples/EB0_happiness_1.ogg", "happiness", "nemo:EB0");
    add("data/nemo/samples/KS0_sadness_1.ogg", "sadness", "nemo:KS0");
    f.close();
    DataOptions o;
    o.sources = {csv};
    o.threads = 1;
    o.cacheDir = tmp_.filePath("cache").toStdString();
    auto ds = loadFeatureDataset(o);
    QVERIFY2(ds.ok(), ds.ok() ? "" : ds.error().c_str());
    ds_ = std::move(ds.value());
    QCOMPARE(int(ds_.clips.size()), 7);
  }

  void priorBalancedPerSpeakerOverTheirCorpusLabels() {
    // Clips 4 and 5 are nemo:EB0, 6 nemo:KS0, 0 and 1 ravdess:01; every prediction leans to "sad".
    const int k = int(ds_.schema.classes.size());
    std::vector<ScoredClip> fold;
    for (int i : {4, 5, 6, 0, 1}) {
      std::vector<float> p(k, 0.05f);
      p[indexOf("sad")] = 0.4f;
      p[ds_.labels[i]] = 0.25f;
      fold.push_back({i, ds_.labels[i], p});
    }
    const auto balanced = speakerPriorBalanced(ds_, ds_.schema.classes, {fold});
    QCOMPARE(int(balanced.size()), 1);
    QCOMPARE(int(balanced[0].size()), 5);
    for (const ScoredClip& s : balanced[0]) {
      const auto& p = s.probs;
      if (s.clip == 6) continue;
      QCOMPARE(int(std::max_element(p.begin(), p.end()) - p.begin()), s.truth);  // the lean is gone
      if (ds_.clips[s.clip].corpus == "nemo") QCOMPARE(p[indexOf("calm")], 0.0f);  // nEMO has no calm
    }
    // KS0's one clip is balanced by itself alone: uniform over nEMO's six labels.
    const auto& lone = balanced[0][2].probs;
    for (const char* c : {"neutral", "happy", "sad", "angry", "fearful", "surprised"})
      QVERIFY(std::abs(lone[indexOf(c)] - 1.0f / 6) < 1e-5);
  }

  void trainSetCarriesCorpora() {
    TrainSet set;
    const std::vector<int> idx{4, 0, 2, 5};  // nemo, ravdess, tess, nemo
    for (int i : idx) {
      TrainSample s;
      s.label = ds_.labels[i];
      set.samples.push_back(s);
    }
    assignCorpora(ds_, idx, set);
    QCOMPARE(set.corpora, (std::vector<std::string>{"nemo", "ravdess", "tess"}));
    QCOMPARE(set.samples[0].corpusIndex, 0);
    QCOMPARE(set.samples[1].corpusIndex, 1);
    QCOMPARE(set.samples[2].corpusIndex, 2);
    QCOMPARE(set.samples[3].corpusIndex, 0);
    QCOMPARE(int(set.corpusClassMask.size()), 3);
    for (const auto& mask : set.corpusClassMask) QCOMPARE(mask.size(), ds_.schema.classes.size());
    const auto& nemo = set.corpusClassMask[0];
    QCOMPARE(int(nemo[indexOf("calm")]), 0);
    QCOMPARE(int(nemo[indexOf("disgust")]), 0);
    QCOMPARE(int(nemo[indexOf("happy")]), 1);
    QCOMPARE(int(nemo[indexOf("surprised")]), 1);
    QCOMPARE(int(std::count(nemo.begin(), nemo.end(), 1)), 6);
    QCOMPARE(int(std::count(set.corpusClassMask[1].begin(), set.corpusClassMask[1].end(), 1)), 8);
    QCOMPARE(int(std::count(set.corpusClassMask[2].begin(), set.corpusClassMask[2].end(), 1)), 7);
    QCOMPARE(int(set.corpusClassMask[2][indexOf("calm")]), 0);
    // In a model's own label order (an evaluation of a bundle with other labels).
    assignCorpora(ds_, idx, set, {"calm", "happy", "surprised"});
    QCOMPARE(set.corpusClassMask[0], (std::vector<uint8_t>{0, 1, 1}));
    QCOMPARE(set.corpusClassMask[1], (std::vector<uint8_t>{1, 1, 1}));
  }

  void lengthsFromFrames() {
    for (int i = 0; i < int(ds_.clips.size()); ++i) {
      auto info = probeAudio(ds_.clips[i].path);
      QVERIFY(info.ok());
      const double seconds = clipSeconds(ds_, i, FeatureParams{});
      QVERIFY2(std::abs(seconds - info->seconds()) <= 0.0101, qPrintable(QString("%1 vs %2").arg(seconds).arg(info->seconds())));
    }
  }

  // Every nEMO/TESS clip's top class is "calm" (which neither corpus has), its true class second:
  // over all labels nothing is right, over the corpus's own labels everything is.
  void restrictedToTheCorpusLabels() {
    const int K = int(ds_.schema.classes.size());
    std::vector<ScoredClip> fold1, fold2;
    for (int i = 0; i < int(ds_.clips.size()); ++i) {
      ScoredClip s{i, ds_.labels[i], std::vector<float>(K, 0.01f)};
      s.probs[indexOf("calm")] = 0.6f;
      s.probs[ds_.labels[i]] = ds_.clips[i].corpus == "ravdess" ? 0.7f : 0.3f;
      (i % 2 ? fold2 : fold1).push_back(s);
    }
    const auto j = perCorpusScores(ds_, ds_.schema.classes, {fold1, fold2}, FeatureParams{});
    QCOMPARE(int(j.size()), 3);
    for (const char* c : {"tess", "nemo"}) {
      QCOMPARE(j[c]["ua"].get<double>(), 1.0);
      QCOMPARE(j[c]["wa"].get<double>(), 1.0);
      QCOMPARE(j[c]["unrestricted_ua"].get<double>(), 0.0);
      QVERIFY(std::find(j[c]["labels"].begin(), j[c]["labels"].end(), "calm") == j[c]["labels"].end());
    }
    QCOMPARE(j["nemo"]["labels"].size(), size_t(6));
    QCOMPARE(j["nemo"]["count"].get<int>(), 3);
    QCOMPARE(j["nemo"]["fold_ua"].size(), size_t(2));  // nEMO clips 4, 5, 6 fall in both folds
    QCOMPARE(j["ravdess"]["ua"].get<double>(), 1.0);
    QCOMPARE(j["ravdess"]["labels"].size(), size_t(8));
    int counted = 0;
    for (const char* b : {"<1s", "1-2s", ">2s"}) counted += j["nemo"]["by_length"][b]["count"].get<int>();
    QCOMPARE(counted, 3);
    const EvalMetrics m = corpusMetrics(ds_, ds_.schema.classes, "nemo", fold1);
    QCOMPARE(m.wa, 1.0);
  }
};

QTEST_GUILESS_MAIN(TestCorpusScores)
#include "tst_corpusscores.moc"
