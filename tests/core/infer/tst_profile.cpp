// Speaker profiles: made from a real speaker's neutral clips, saved atomically and loaded back
// identically; too little speech, a corrupt file, and a profile made for another model input
// are refused with clear messages.
#include <QtTest>

#include <QTemporaryDir>
#include <fstream>

#include "InferTestModel.h"
#include "core/audio/AudioReader.h"
#include "core/infer/SpeakerProfile.h"
#include "support/TestPaths.h"

using namespace emo;

class TestProfile : public QObject {
  Q_OBJECT

  std::shared_ptr<const ModelBundle> model_;
  std::vector<AudioBuffer> neutral_;

 private slots:
  void initTestCase() {
    model_ = test::defaultModel();
    QVERIFY(model_);
    // Actor 01's four neutral clips (emotion code 01: two statements, two repetitions).
    for (const char* f : {"ravdess/Actor_01/03-01-01-01-01-01-01.flac", "ravdess/Actor_01/03-01-01-01-01-02-01.flac",
                          "ravdess/Actor_01/03-01-01-01-02-01-01.flac", "ravdess/Actor_01/03-01-01-01-02-02-01.flac"}) {
      auto a = readAudioMono(test::shared(QString("data/") + f).toStdString());
      QVERIFY2(a, a.error().c_str());
      neutral_.push_back(*a);
    }
  }

  void roundTrip() {
    auto p = makeSpeakerProfile("actor01", *model_, neutral_);
    QVERIFY2(p, p.error().c_str());
    QVERIFY(p->speechSeconds >= kMinCalibrationSpeechSeconds);
    QCOMPARE(p->stats.dim(), model_->info().inputDim);
    QTemporaryDir dir;
    const std::string path = dir.filePath("sub/actor01.profile.json").toStdString();
    QVERIFY(saveSpeakerProfile(path, *p));
    auto stats = loadProfileStatsForModel(path, *model_);
    QVERIFY2(stats, stats.error().c_str());
    QCOMPARE(stats->mean.size(), p->stats.mean.size());
    for (size_t i = 0; i < stats->mean.size(); ++i) {
      QVERIFY(std::abs(stats->mean[i] - p->stats.mean[i]) < 1e-4f);
      QVERIFY(std::abs(stats->std[i] - p->stats.std[i]) < 1e-4f);
    }
  }

  void tooLittleSpeechIsRefused() {
    AudioBuffer shortClip = neutral_[0];
    shortClip.samples.resize(16000);  // 1 s, mostly the silence before the sentence
    auto p = makeSpeakerProfile("short", *model_, {shortClip});
    QVERIFY(!p);
    QVERIFY2(QString::fromStdString(p.error()).contains("speech"), p.error().c_str());
  }

  void corruptOrForeignProfilesAreRefused() {
    QTemporaryDir dir;
    const std::string bad = dir.filePath("bad.profile.json").toStdString();
    std::ofstream(bad) << "{\"stats\": [1, 2";
    auto r = loadProfileStatsForModel(bad, *model_);
    QVERIFY(!r);
    QVERIFY2(QString::fromStdString(r.error()).contains("bad.profile.json"), r.error().c_str());

    auto p = makeSpeakerProfile("other", *model_, neutral_);
    QVERIFY(p);
    p->featureKinds = {"mfcc"};
    const std::string foreign = dir.filePath("foreign.profile.json").toStdString();
    QVERIFY(saveSpeakerProfile(foreign, *p));
    auto f = loadProfileStatsForModel(foreign, *model_);
    QVERIFY(!f);
    QVERIFY2(QString::fromStdString(f.error()).contains("calibrate again"), f.error().c_str());
  }

  void namesMapIntoTheProfileFolder() {
    qputenv("EMO_PROFILE_DIR", "/tmp/emo-profiles-test");
    QCOMPARE(QString::fromStdString(profilePath("ana")), QString("/tmp/emo-profiles-test/ana.profile.json"));
    QCOMPARE(QString::fromStdString(profilePath("./x.json")), QString("./x.json"));
  }
};

QTEST_GUILESS_MAIN(TestProfile)
#include "tst_profile.moc"
