// "Uncertain" as the user sees it: with a bundle whose calibration ("uncertain_below") puts a
// reading under its threshold, Live's headline says "Uncertain (maybe <guess> N %)" and Review's
// clip list, model lane and CSV/JSON export say "uncertain" beside the top guess; above it, and
// with the shipped model (no calibration), the label shows as before. The readings come from the
// model: each test first runs the unchanged shipped model on real speech, then writes a copy of
// models/default whose threshold lies just above or below what it computed.
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "UiTestSupport.h"
#include "core/annotate/AnnotationFormats.h"
#include "core/common/AtomicFile.h"
#include "core/model/ModelBundle.h"
#include "ui/common/ModelFacts.h"
#include "ui/live/LiveEngine.h"
#include "ui/live/LiveTab.h"
#include "ui/review/ClipListModel.h"
#include "ui/review/ModelLane.h"
#include "ui/review/ReviewDocument.h"
#include "ui/review/ReviewTab.h"
#include "ui/review/TierModel.h"
#include "ui/views/EmotionColors.h"
#include "ui/views/EmotionLabel.h"

using namespace emo;
using namespace emo::ui;

namespace {

/// A copy of models/default in `dir`/<name> whose model.json says `calibration` (null: none).
QString bundleCopy(const QTemporaryDir& dir, const QString& name, const nlohmann::json& calibration) {
  const QString from = AppContext::defaultModelFolder();
  const QString to = dir.filePath(name);
  QDir().mkpath(to);
  for (const QString& f : QDir(from).entryList(QDir::Files)) QFile::copy(from + '/' + f, to + '/' + f);
  const std::string json = (to + "/model.json").toStdString();
  auto j = nlohmann::json::parse(readFileBytes(json).value());
  if (calibration.is_null()) j.erase("calibration");
  else j["calibration"] = calibration;
  if (!writeFileAtomically(json, j.dump(2))) return {};
  return to;
}

/// A calibrated copy with the shipped model's temperature (1 when it has none) and `below`
/// (0: never uncertain, so its readings are the shipped model's own).
QString withThreshold(const QTemporaryDir& dir, const QString& name, const ModelBundle& shipped, double below) {
  return bundleCopy(dir, name, {{"temperature", shipped.info().temperature}, {"uncertain_below", below}});
}

/// Analyses a sample instantly in `live` (headline: the whole file's mean).
bool analyseInstantly(LiveTab* live, const char* sample) {
  live->setInstantAnalysis(true);
  QSignalSpy done(live, &LiveTab::fileAnalysed);
  if (!live->openFile(test::sample(sample)).isEmpty()) return false;
  return done.wait(30000);
}

QString listText(ReviewTab& tab, int documentRow, int column) {
  ClipFilter* f = tab.filter();
  return f->data(f->index(f->proxyRow(documentRow), column)).toString();
}

bool predictAll(ReviewTab& tab) {
  QSignalSpy done(&tab, &ReviewTab::batchFinished);
  tab.predictAll();
  return done.wait(120000) && !done.takeFirst().at(0).toBool();
}

/// The clip-level label of `tier` for clip `key` in an exported file ("" if none).
std::string exportedClipLabel(const QString& path, const QString& key, const char* tier) {
  auto sets = readAnnotations(path.toStdString());
  if (!sets) return "?" + sets.error();
  for (const auto& s : *sets)
    if (s.clip == key.toStdString()) return s.clipLabel(tier);
  return "?no clip";
}

}  // namespace

class TestUncertain : public QObject {
  Q_OBJECT
  QTemporaryDir bundles_;
  QTemporaryDir annotations_;
  std::shared_ptr<const ModelBundle> shipped_;

 private slots:
  void initTestCase() {
    test::isolateSettings("tst_uncertain");
    qputenv("PULSE_SERVER", "unix:/nonexistent/emoscope-test-socket");
    qputenv("EMO_ANNOTATION_DIR", annotations_.path().toUtf8());  // the samples folder is read-only
    AppContext ctx;
    EMO_REQUIRE_DEFAULT_MODEL(ctx);
    shipped_ = ctx.model();
    QVERIFY(bundles_.isValid());
  }

  void ruleFollowsTheBundle() {
    // No calibration: never uncertain; a threshold: under it only.
    const QString plain = bundleCopy(bundles_, "plain", nullptr);
    auto none = ModelBundle::load(plain.toStdString());
    QVERIFY2(none, none.error().c_str());
    QVERIFY(!modelUncertainRule(**none).calibrated());
    QVERIFY(!modelUncertainRule(**none)({0.2f, 0.2f, 0.2f, 0.2f, 0.2f}));
    auto half = ModelBundle::load(withThreshold(bundles_, "half", *shipped_, 0.5).toStdString());
    QVERIFY2(half, half.error().c_str());
    const UncertainRule rule = modelUncertainRule(**half);
    QCOMPARE(rule.below, 0.5);
    QVERIFY(rule({0.45f, 0.3f, 0.25f}));
    QVERIFY(!rule({0.55f, 0.3f, 0.15f}));
    QVERIFY(!rule({}));
  }

  void liveHeadlineSaysUncertain() {
    AppContext ctx;
    QCOMPARE(ctx.loadModel(withThreshold(bundles_, "live-plain", *shipped_, 0.0)), QString());
    LiveTab live(&ctx);
    live.resize(1200, 700);
    live.show();
    // The shipped model's whole-file reading of the sad sentence, as computed.
    QVERIFY(analyseInstantly(&live, "03-01-04-02-02-01-02.wav"));
    EmotionLabel* label = live.emotionLabel();
    QCOMPARE(label->state(), EmotionLabel::State::Emotion);
    const QString guess = label->text();
    const float p = label->confidence();
    QVERIFY(p > 0.0f && p < 1.0f);
    const QString percent = QStringLiteral("%1 %").arg(int(p * 100.0f + 0.5f));
    QCOMPARE(label->shownText(), guess + ' ' + percent);

    // A threshold above that reading: the same guess, shown as uncertain.
    QCOMPARE(ctx.loadModel(withThreshold(bundles_, "live-above", *shipped_, std::min(1.0, p + 0.05))), QString());
    QVERIFY(analyseInstantly(&live, "03-01-04-02-02-01-02.wav"));
    QCOMPARE(label->state(), EmotionLabel::State::Uncertain);
    QCOMPARE(label->text(), QStringLiteral("Uncertain"));
    QCOMPARE(label->shownText(), QStringLiteral("Uncertain (maybe %1 %2)").arg(guess, percent));
    QCOMPARE(label->accessibleName(), label->shownText());
    QCOMPARE(live.readingKind(), QStringLiteral("file"));  // the caption still says what it is

    // Below it: the label as before.
    QCOMPARE(ctx.loadModel(withThreshold(bundles_, "live-below", *shipped_, p / 2)), QString());
    QVERIFY(analyseInstantly(&live, "03-01-04-02-02-01-02.wav"));
    QCOMPARE(label->state(), EmotionLabel::State::Emotion);
    QCOMPARE(label->shownText(), guess + ' ' + percent);

    // Silence stays "no speech", whatever the threshold.
    QCOMPARE(ctx.loadModel(withThreshold(bundles_, "live-all", *shipped_, 1.0)), QString());
    live.setInstantAnalysis(true);
    QSignalSpy done(&live, &LiveTab::fileAnalysed);
    QCOMPARE(live.openAudio(std::vector<float>(16000 * 3, 0.0f), 16000, QStringLiteral("silence")), QString());
    QVERIFY(done.wait(30000));
    QCOMPARE(label->state(), EmotionLabel::State::NoSpeech);
    QCOMPARE(label->text(), QStringLiteral("no speech"));
  }

  void liveSummaryCountsUncertainApart() {
    AppContext ctx;
    LiveTab live(&ctx);
    live.resize(1200, 700);
    live.show();
    auto summary = [&] { return live.summaryText().replace(QChar(0xA0), ' '); };
    // Never uncertain: every second of speech belongs to a label.
    QCOMPARE(ctx.loadModel(withThreshold(bundles_, "summary-plain", *shipped_, 0.0)), QString());
    QVERIFY(analyseInstantly(&live, "03-01-04-02-02-01-02.wav"));
    QVERIFY2(summary().contains("share of") && !summary().contains("Uncertain"), qPrintable(summary()));
    // A threshold above every reading: all of the speech is uncertain time, no label has a share.
    QCOMPARE(ctx.loadModel(withThreshold(bundles_, "summary-all", *shipped_, 1.0)), QString());
    QVERIFY(analyseInstantly(&live, "03-01-04-02-02-01-02.wav"));
    QVERIFY2(summary().contains("Uncertain 100 %"), qPrintable(summary()));
    for (const std::string& l : shipped_->labels())
      QVERIFY2(!summary().contains(emotionDisplayName(l) + ' '), qPrintable(summary()));
  }

  void liveStreamMarksEachReading() {
    // The played sentence, window by window: first the shipped model's readings, then a threshold
    // at their median, so some readings fall under it and some do not.
    AppContext ctx;
    QCOMPARE(ctx.loadModel(withThreshold(bundles_, "stream-plain", *shipped_, 0.0)), QString());
    LiveTab live(&ctx);
    live.setSmoothingSeconds(0.0);
    live.setInstantAnalysis(false);
    live.setAudiblePlayback(false);
    auto play = [&live](const std::function<void()>& afterEachUpdate) {
      // Connected after the tab's own slot: runs once the headline shows the update.
      auto c = QObject::connect(live.engine(), &LiveEngine::updated, &live, afterEachUpdate);
      QSignalSpy done(&live, &LiveTab::fileAnalysed);
      const bool ok = live.openFile(test::sample("03-01-05-02-01-01-05.wav")).isEmpty() && done.wait(30000);
      QObject::disconnect(c);
      return ok;
    };
    EmotionLabel* label = live.emotionLabel();
    std::vector<float> confidences;
    QVERIFY(play([&] {
      if (label->state() == EmotionLabel::State::Emotion) confidences.push_back(label->confidence());
      QVERIFY(label->state() != EmotionLabel::State::Uncertain);
    }));
    QVERIFY2(confidences.size() >= 10, qPrintable(QString::number(confidences.size())));
    std::sort(confidences.begin(), confidences.end());
    const double median = confidences[confidences.size() / 2];
    QVERIFY2(confidences.front() < median, "every reading the same: no threshold splits them");

    QCOMPARE(ctx.loadModel(withThreshold(bundles_, "stream-median", *shipped_, median)), QString());
    int uncertain = 0, certain = 0;
    QVERIFY(play([&] {
      if (label->state() == EmotionLabel::State::Uncertain) {
        ++uncertain;
        QVERIFY2(label->confidence() < median, qPrintable(label->shownText()));
        QVERIFY(label->shownText().startsWith(QStringLiteral("Uncertain (maybe ")));
      } else if (label->state() == EmotionLabel::State::Emotion) {
        ++certain;
        QVERIFY2(label->confidence() >= median, qPrintable(label->shownText()));
      }
    }));
    QVERIFY2(uncertain > 0 && certain > 0, qPrintable(QStringLiteral("%1 uncertain, %2 certain").arg(uncertain).arg(certain)));
  }

  void reviewListLaneAndExportSayUncertain() {
    AppContext ctx;
    QCOMPARE(ctx.loadModel(withThreshold(bundles_, "review-plain", *shipped_, 0.0)), QString());
    ReviewTab tab(&ctx);
    tab.resize(1280, 760);
    tab.show();
    QCOMPARE(tab.openPaths({test::shared("samples")}), QString());
    ReviewDocument* doc = tab.document();
    QVERIFY(predictAll(tab));
    // The shipped model's entry for a clip with speech, and its lane's most confident tile.
    int row = -1;
    for (int i = 0; i < doc->count() && row < 0; ++i)
      if (doc->clip(i).predicted && doc->clip(i).modelLabel != QStringLiteral("no speech")) row = i;
    QVERIFY(row >= 0);
    const QString guess = doc->clip(row).modelLabel;
    const float p = doc->clip(row).confidence;
    float maxTile = 0.0f;
    for (const auto& t : doc->clip(row).lane)
      if (t.speech) maxTile = std::max(maxTile, *std::max_element(t.probabilities.begin(), t.probabilities.end()));
    QVERIFY(maxTile >= p - 1e-6f);
    QCOMPARE(listText(tab, row, ClipListModel::Model), guess);
    const QString plainCsv = annotations_.filePath("plain.csv");
    QCOMPARE(doc->exportTo(plainCsv, LabelFormat::Csv, row), QString());
    QCOMPARE(exportedClipLabel(plainCsv, doc->clip(row).key, ReviewDocument::kModelStatusTier), std::string());
    QVERIFY(!QString::fromStdString(readFileBytes(plainCsv.toStdString()).value()).contains("model-status"));

    // A threshold above every tile of that clip: its entry and each of its speech tiles are uncertain.
    const double above = std::min(1.0, double(maxTile) + 0.01);
    QCOMPARE(ctx.loadModel(withThreshold(bundles_, "review-above", *shipped_, above)), QString());
    QVERIFY(predictAll(tab));
    QVERIFY(doc->clip(row).uncertain);
    QCOMPARE(doc->clip(row).modelLabel, guess);  // still the top guess
    QCOMPARE(listText(tab, row, ClipListModel::Model), QStringLiteral("%1?").arg(guess));
    for (int i = 0; i < doc->count(); ++i)  // every entry: uncertain exactly when under the threshold
      if (doc->clip(i).predicted && doc->clip(i).modelLabel != QStringLiteral("no speech"))
        QCOMPARE(doc->clip(i).uncertain, doc->clip(i).confidence < above);
    QVERIFY(doc->clip(row).rule.contains(QStringLiteral("Uncertain")));
    tab.selectRow(row);  // its lane, analysed with this model (maybe already while predicting)
    QTRY_VERIFY_WITH_TIMEOUT(tab.tiers()->row() == row && !tab.tiers()->modelLane().empty() &&
                                 tab.tiers()->uncertainRule().below == above,
                             30000);
    const auto& lane = tab.tiers()->modelLane();
    int speechTiles = 0;
    for (const auto& t : lane) {
      const QString text = laneTileText(t, tab.tiers()->modelLabels(), tab.tiers()->uncertainRule());
      if (!t.speech) {
        QCOMPARE(text, QStringLiteral("no speech"));
        continue;
      }
      ++speechTiles;
      QCOMPARE(text, QStringLiteral("%1?").arg(QString::fromStdString(tab.tiers()->modelLabels()[size_t(t.top)])));
    }
    QVERIFY(speechTiles > 0);
    const QString aboveCsv = annotations_.filePath("above.csv"), aboveJson = annotations_.filePath("above.json");
    QCOMPARE(doc->exportTo(aboveCsv, LabelFormat::Csv, row), QString());
    QCOMPARE(doc->exportTo(aboveJson, LabelFormat::Json, row), QString());
    for (const QString& file : {aboveCsv, aboveJson}) {
      QCOMPARE(exportedClipLabel(file, doc->clip(row).key, ReviewDocument::kModelTier), guess.toStdString());
      QCOMPARE(exportedClipLabel(file, doc->clip(row).key, ReviewDocument::kModelStatusTier), std::string("uncertain"));
    }
    auto sets = readAnnotations(aboveCsv.toStdString());
    QVERIFY(sets);
    for (const auto& s : *sets) {
      if (s.clip != doc->clip(row).key.toStdString()) continue;
      const Tier* status = s.findTier(ReviewDocument::kModelStatusTier);
      QVERIFY(status && !status->segments.empty());
      double covered = 0, speech = 0;
      for (const auto& seg : status->segments) {
        QCOMPARE(seg.label, std::string("uncertain"));
        QCOMPARE(seg.origin, LabelOrigin::Model);
        covered += seg.end - seg.start;
      }
      for (const auto& t : doc->clip(row).lane) speech += t.speech ? t.end - t.start : 0.0;
      QVERIFY(std::abs(covered - speech) < 1e-3);  // every speech tile, nothing else
    }
    // Importing the export brings no model tier into the human tiers.
    QCOMPARE(doc->importFrom(aboveCsv, row), QString());
    QVERIFY(!doc->humanTiers(row).contains(ReviewDocument::kModelStatusTier));
    QVERIFY(!doc->annotations(row).findTier(ReviewDocument::kModelStatusTier));

    // A threshold below the entry: the label as before, exported as "confident".
    QCOMPARE(ctx.loadModel(withThreshold(bundles_, "review-below", *shipped_, p / 2)), QString());
    QVERIFY(predictAll(tab));
    QVERIFY(!doc->clip(row).uncertain);
    QCOMPARE(listText(tab, row, ClipListModel::Model), guess);
    const QString belowCsv = annotations_.filePath("below.csv");
    QCOMPARE(doc->exportTo(belowCsv, LabelFormat::Csv, row), QString());
    QCOMPARE(exportedClipLabel(belowCsv, doc->clip(row).key, ReviewDocument::kModelStatusTier), std::string("confident"));
  }
};

QTEST_MAIN(TestUncertain)
#include "tst_uncertain.moc"
