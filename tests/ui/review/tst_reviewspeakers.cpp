// Review with a speaker-normalised model and no calibration (issue 14): each clip is normalised
// with the statistics of all of its speaker's clips in the opened folder (speakers from the
// RAVDESS naming). The tab's lanes must equal the lanes computed here through core with those
// statistics, and differ from each clip scored by itself; a clip without a speaker stays by itself.
#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include "core/audio/AudioReader.h"
#include "core/infer/SpeakerProfile.h"
#include "core/infer/TimelinePredictor.h"
#include "support/TestBundles.h"
#include "support/TestPaths.h"
#include "ui/common/AppContext.h"
#include "ui/review/ModelLane.h"
#include "ui/review/ReviewDocument.h"
#include "ui/review/ReviewTab.h"
#include "../UiTestSupport.h"

using namespace emo;
using namespace emo::ui;

namespace {

const char* kActor01[] = {"03-01-01-01-01-01-01.flac", "03-01-05-02-01-01-01.flac", "03-01-04-02-01-01-01.flac"};
const char* kActor02[] = {"03-01-01-01-01-01-02.flac", "03-01-03-02-02-01-02.flac"};

std::vector<float> flatten(const std::vector<TimelineSegment>& lane) {
  std::vector<float> out;
  for (const auto& t : lane) out.insert(out.end(), t.probabilities.begin(), t.probabilities.end());
  return out;
}

bool close(const std::vector<float>& a, const std::vector<float>& b) {
  if (a.size() != b.size() || a.empty()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::abs(a[i] - b[i]) > 1e-5f) return false;
  return true;
}

}  // namespace

class TestReviewSpeakers : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;
  AppContext context_;
  QString folder_;

  /// The lane of `path` computed through core, with the statistics of `speakerPaths` (none if empty).
  std::vector<TimelineSegment> expectedLane(const QString& path, const QStringList& speakerPaths) {
    std::shared_ptr<const ModelBundle> model = context_.model();
    std::shared_ptr<const NormStats> stats;
    if (!speakerPaths.isEmpty()) {
      SpeakerStatsAccumulator speech(*model);
      for (const QString& p : speakerPaths) {
        auto a = readAudioMono(p.toStdString());
        if (!a || !speech.add(*a)) return {};
      }
      stats = std::make_shared<const NormStats>(speech.stats());
    }
    auto audio = readAudioMono(path.toStdString());
    if (!audio) return {};
    auto lane = modelLane(TimelinePredictor(model, StreamParams{}, stats), *audio);
    return lane ? *lane : std::vector<TimelineSegment>{};
  }

 private slots:
  void initTestCase() {
    emo::test::isolateSettings("tst_reviewspeakers");
    QDir(QStandardPaths::writableLocation(QStandardPaths::CacheLocation)).removeRecursively();  // no lanes of earlier runs
    qputenv("EMO_ANNOTATION_DIR", tmp_.filePath("annotations").toUtf8());
    const QString bundle = tmp_.filePath("speaker-model");  // the shipped weights, normalised per speaker
    QVERIFY(emo::test::copyShippedModel(bundle, "speaker"));
    QCOMPARE(context_.loadModel(bundle), QString());
    folder_ = tmp_.filePath("clips");
    QVERIFY(QDir().mkpath(folder_));
    for (const char* f : kActor01) QVERIFY(QFile::copy(emo::test::shared(QString("data/ravdess/Actor_01/") + f), folder_ + "/" + f));
    for (const char* f : kActor02) QVERIFY(QFile::copy(emo::test::shared(QString("data/ravdess/Actor_02/") + f), folder_ + "/" + f));
    QVERIFY(QFile::copy(emo::test::sample("YAF_back_fear.wav"), folder_ + "/no-speaker.wav"));
  }

  void lanesUseAllOfTheSpeakersClips() {
    ReviewTab tab(&context_);
    QCOMPARE(tab.openPaths({folder_}), QString());
    ReviewDocument* doc = tab.document();
    QCOMPARE(doc->count(), 6);
    QMap<QString, QStringList> bySpeaker;
    for (int r = 0; r < doc->count(); ++r) bySpeaker[doc->clip(r).speaker] << doc->clip(r).path;
    QCOMPARE(bySpeaker.size(), 3);  // two actors and the clip without a speaker
    QCOMPARE(bySpeaker[""].size(), 1);

    QSignalSpy done(&tab, &ReviewTab::batchFinished);
    tab.predictAll();
    QVERIFY(done.wait(120000));
    for (int r = 0; r < doc->count(); ++r) {
      const ReviewClip& clip = doc->clip(r);
      QVERIFY2(clip.predicted, qPrintable(clip.predictionError));
      const std::vector<float> shown = flatten(clip.lane);
      const std::vector<float> alone = flatten(expectedLane(clip.path, {}));
      if (clip.speaker.isEmpty()) {
        QVERIFY2(close(shown, alone), qPrintable(clip.key));
        continue;
      }
      QVERIFY2(close(shown, flatten(expectedLane(clip.path, bySpeaker[clip.speaker]))), qPrintable(clip.key));
      QVERIFY2(!close(shown, alone), qPrintable(clip.key));  // the statistics changed what it shows
    }
  }
};

QTEST_MAIN(TestReviewSpeakers)
#include "tst_reviewspeakers.moc"
