// Review as an annotation tool (issue 16), driven with real mouse and key events on the shared
// sample clips: a drag selects (and replaces the old selection), a click moves the playhead, a
// number key labels the range in the active tier, boundaries drag, label text is edited in place,
// points and tiers are added, every edit undoes and redoes (and the sidecar follows), the view
// zooms and scrolls, readouts follow the pointer, the selection plays and loops, and the files
// written (labels, layers) hold what was done.
#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QProgressBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QUndoView>
#include <QtTest>

#include <deque>

#include "core/annotate/AnnotationFormats.h"
#include "core/annotate/AnnotationStore.h"
#include "core/common/AtomicFile.h"
#include "support/TestPaths.h"
#include "ui/common/AppContext.h"
#include "ui/live/FilePlayback.h"
#include "ui/review/ClipListModel.h"
#include "ui/review/ClipOverview.h"
#include "ui/review/LabelEditor.h"
#include "ui/review/ModelLane.h"
#include "ui/review/ReviewDocument.h"
#include "ui/review/ReviewTab.h"
#include "ui/review/SelectionModel.h"
#include "ui/review/TierModel.h"
#include "ui/review/TimeAxis.h"
#include "ui/review/VerticalZoom.h"
#include "../UiTestSupport.h"
#include "ReviewTestModel.h"

using namespace emo;
using namespace emo::ui;

namespace {

QString samplesDir() { return emo::test::shared("samples"); }
const char* kClip = "03-01-05-02-01-01-05.wav";  // RAVDESS angry, 3.5 s

int rowOf(ReviewDocument* doc, const QString& fileName) {
  for (int i = 0; i < doc->count(); ++i)
    if (QFileInfo(doc->clip(i).key).fileName() == fileName) return i;
  return -1;
}

// The sidecar as written on disk (what survives a crash). Each read is kept for the test's
// lifetime, so pointers into it (tierOf) stay valid.
const AnnotationSet& onDisk(ReviewDocument* doc, int row) {
  static std::deque<AnnotationSet> reads;
  auto store = AnnotationStore::open(doc->sidecarPath().toStdString());
  if (!store) qFatal("%s", store.error().c_str());
  reads.push_back(store->get(doc->clip(row).key.toStdString()));
  return reads.back();
}

const Tier* tierOf(const AnnotationSet& set, const char* name) { return set.findTier(name); }

void wheel(QWidget* w, QPoint pos, int deltaY, Qt::KeyboardModifiers mods) {
  QWheelEvent e(QPointF(pos), QPointF(w->mapToGlobal(pos)), QPoint(), QPoint(0, deltaY), Qt::NoButton, mods,
                Qt::NoScrollPhase, false);
  QApplication::sendEvent(w, &e);
}

void drag(QWidget* w, QPoint from, QPoint to) {
  QTest::mousePress(w, Qt::LeftButton, {}, from);
  QTest::mouseMove(w, (from + to) / 2);
  QTest::mouseMove(w, to);
  QTest::mouseRelease(w, Qt::LeftButton, {}, to);
}

}  // namespace

class TestReviewEditing : public QObject {
  Q_OBJECT
 private:
  std::unique_ptr<QTemporaryDir> annotations_;  ///< a fresh sidecar folder per test function
  QTemporaryDir model_;
  AppContext context_;

  // A shown tab with the samples open and kClip analysed.
  std::unique_ptr<ReviewTab> openTab() {
    auto tab = std::make_unique<ReviewTab>(&context_);
    tab->resize(1400, 820);
    tab->show();
    tab->activateWindow();
    if (!QTest::qWaitForWindowActive(tab.get())) return nullptr;
    tab->player()->setAudible(false);
    QSignalSpy analysed(tab.get(), &ReviewTab::clipAnalysed);
    if (!tab->openPaths({samplesDir()}).isEmpty()) return nullptr;
    const int row = rowOf(tab->document(), kClip);
    tab->selectRow(row);
    while (tab->overview()->duration() <= 0 || tab->currentRow() != row || tab->tiers()->modelLane().empty())
      if (!analysed.wait(30000)) return nullptr;
    return tab;
  }
  QPoint waveAt(ReviewTab* tab, double t) {
    const OverviewLayout l = tab->overview()->layout();
    return QPoint(static_cast<int>(std::lround(tab->overview()->timeToX(t))), l.wave.center().y());
  }
  QPoint laneAt(ReviewTab* tab, int lane, double t) {
    const OverviewLayout l = tab->overview()->layout();
    return QPoint(static_cast<int>(std::lround(tab->overview()->timeToX(t))), l.humanLanes.at(size_t(lane)).center().y());
  }

 private slots:
  void init() {
    annotations_ = std::make_unique<QTemporaryDir>();
    QVERIFY(annotations_->isValid());
    qputenv("EMO_ANNOTATION_DIR", annotations_->path().toUtf8());
  }

  void initTestCase() {
    emo::test::isolateSettings("tst_reviewediting");
    // The default model when one is installed; otherwise a tiny one trained here (seconds).
    QCOMPARE(emo::test::loadReviewModel(context_, model_), QString());
  }

  // Issue 16, "Why": a drag used to move the playhead, leave the old selection, and the next
  // number key relabelled the old segment.
  void dragSelectsClickSeeksAndKeysLabelTheNewRange() {
    auto tab = openTab();
    QVERIFY(tab);
    ReviewDocument* doc = tab->document();
    ClipOverview* view = tab->overview();
    const int row = tab->currentRow();
    const auto labels = tab->keyLabels();
    QVERIFY(tab->progressBar()->text().contains(QString::number(doc->count())));

    drag(view, waveAt(tab.get(), 0.5), waveAt(tab.get(), 1.25));
    QVERIFY(tab->selection()->hasRange());
    QVERIFY(std::abs(tab->selection()->start() - 0.5) < 0.02);
    QVERIFY(std::abs(tab->selection()->end() - 1.25) < 0.02);
    QVERIFY(std::abs(tab->player()->position() - tab->selection()->start()) < 1e-3);  // to the sample
    QTest::keyClick(tab->clipTable(), Qt::Key_2);
    const Tier* human = tierOf(onDisk(doc, row), "human");
    QVERIFY(human);
    QCOMPARE(human->segments.size(), size_t(1));
    QCOMPARE(human->segments[0].label, labels[1]);
    QCOMPARE(human->segments[0].origin, LabelOrigin::Human);

    // A second drag (right to left) replaces the first selection, and the key labels it only.
    drag(view, waveAt(tab.get(), 2.5), waveAt(tab.get(), 2.0));
    QVERIFY(std::abs(tab->selection()->start() - 2.0) < 0.02);
    QVERIFY(std::abs(tab->selection()->end() - 2.5) < 0.02);
    QTest::keyClick(tab->clipTable(), Qt::Key_3);
    human = tierOf(onDisk(doc, row), "human");
    QCOMPARE(human->segments.size(), size_t(2));
    QCOMPARE(human->segments[0].label, labels[1]);  // the first range kept its label
    QCOMPARE(human->segments[1].label, labels[2]);
    QVERIFY(std::abs(human->segments[1].start - 2.0) < 0.02);

    // A click clears the selection and moves the playhead; the next key labels the clip.
    QTest::mouseClick(view, Qt::LeftButton, {}, waveAt(tab.get(), 3.0));
    QVERIFY(!tab->selection()->hasRange());
    QVERIFY(std::abs(tab->player()->position() - 3.0) < 0.02);
    QVERIFY(std::abs(view->playhead() - 3.0) < 0.02);
    QTest::keyClick(tab->clipTable(), Qt::Key_4);
    QCOMPARE(onDisk(doc, row).clipLabel("human"), labels[3]);
    QCOMPARE(tierOf(onDisk(doc, row), "human")->segments.size(), size_t(2));  // no segment relabelled
  }

  void undoRedoFollowTheSidecar() {
    auto tab = openTab();
    QVERIFY(tab);
    ReviewDocument* doc = tab->document();
    const int row = tab->currentRow();
    const AnnotationSet start = onDisk(doc, row);
    drag(tab->overview(), waveAt(tab.get(), 0.4), waveAt(tab.get(), 0.9));
    QTest::keyClick(tab->clipTable(), Qt::Key_1);
    QTest::keyClick(tab->clipTable(), Qt::Key_5);  // relabel the same range
    const AnnotationSet edited = onDisk(doc, row);
    QCOMPARE(tierOf(edited, "human")->segments.back().label, tab->keyLabels()[4]);
    QCOMPARE(doc->undoStack()->count(), 2);
    QCOMPARE(tab->historyView()->stack(), doc->undoStack());

    QTest::keyClick(tab->clipTable(), Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(tierOf(onDisk(doc, row), "human")->segments.back().label, tab->keyLabels()[0]);
    QTest::keyClick(tab->clipTable(), Qt::Key_Z, Qt::ControlModifier);
    QVERIFY(onDisk(doc, row) == start);
    QVERIFY(!tab->undoAction()->isEnabled());
    QTest::keyClick(tab->clipTable(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    QTest::keyClick(tab->clipTable(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY(onDisk(doc, row) == edited);
    QCOMPARE(doc->undoStack()->index(), 2);
    // Clearing the range is an edit too.
    QTest::keyClick(tab->clipTable(), Qt::Key_Delete);
    QCOMPARE(tierOf(onDisk(doc, row), "human")->segments.size(), tierOf(start, "human") ? tierOf(start, "human")->segments.size() : size_t(0));
    QTest::keyClick(tab->clipTable(), Qt::Key_Z, Qt::ControlModifier);
    QVERIFY(onDisk(doc, row) == edited);
  }

  void boundaryDragTextEditAndUnknownLabels() {
    auto tab = openTab();
    QVERIFY(tab);
    ReviewDocument* doc = tab->document();
    const int row = tab->currentRow();
    QCOMPARE(doc->setSegmentLabel(row, 1.0, 1.5, "sad"), QString());
    // Drag the end boundary of "sad" from 1.5 s to 2.0 s in the human lane.
    drag(tab->overview(), laneAt(tab.get(), 0, 1.5), laneAt(tab.get(), 0, 2.0));
    const Tier* human = tierOf(onDisk(doc, row), "human");
    QVERIFY(std::abs(human->segments[0].end - 2.0) < 0.02);
    QCOMPARE(human->segments[0].start, 1.0);
    QVERIFY(!tab->selection()->hasRange());  // a boundary drag does not select
    // ... and its start from 1.0 s to 0.75 s.
    drag(tab->overview(), laneAt(tab.get(), 0, 1.0), laneAt(tab.get(), 0, 0.75));
    QVERIFY(std::abs(tierOf(onDisk(doc, row), "human")->segments[0].start - 0.75) < 0.02);
    QTest::keyClick(tab->clipTable(), Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(tierOf(onDisk(doc, row), "human")->segments[0].start, 1.0);

    // Double-click the label: the editor offers the emotion labels first; free text is accepted.
    QTest::mouseDClick(tab->overview(), Qt::LeftButton, {}, laneAt(tab.get(), 0, 1.25));
    LabelEditor* editor = tab->labelEditor();
    QVERIFY(editor->isVisible());
    QCOMPARE(editor->itemText(0), QString::fromStdString(tab->keyLabels()[0]));
    QCOMPARE(editor->currentText(), QString("sad"));
    QTest::keyClicks(editor, "NotAnEmotion");
    QTest::keyClick(editor, Qt::Key_Return);
    QVERIFY(!editor->isVisible());
    human = tierOf(onDisk(doc, row), "human");
    QCOMPARE(human->segments[0].label, std::string("NotAnEmotion"));
    // Kept, flagged and counted.
    QVERIFY(tab->tiers()->isUnknown("NotAnEmotion"));
    QVERIFY(tab->statusText().contains("not an emotion label"));
    QCOMPARE(doc->unknownLabels(row), QStringList{"NotAnEmotion"});
    ClipListModel list(doc);
    QCOMPARE(list.data(list.index(row, ClipListModel::Problem), Qt::DisplayRole).toString(), QString("1 unknown label(s)"));
    QVERIFY(list.data(list.index(row, ClipListModel::Human), Qt::ToolTipRole).toString().contains("NotAnEmotion"));
    QVERIFY(!tab->clipTable()->isColumnHidden(ClipListModel::Problem));  // hidden only while no clip has one
    // Escape leaves the label alone; Enter on the playhead opens the editor again.
    tab->player()->seek(1.2);
    QTest::keyClick(tab->clipTable(), Qt::Key_Return);
    QVERIFY(editor->isVisible());
    QTest::keyClick(editor, Qt::Key_Escape);
    QVERIFY(!editor->isVisible());
    QCOMPARE(tierOf(onDisk(doc, row), "human")->segments[0].label, std::string("NotAnEmotion"));
  }

  void tiersPointsAndTheirFiles() {
    auto tab = openTab();
    QVERIFY(tab);
    ReviewDocument* doc = tab->document();
    const int row = tab->currentRow();
    // A new tier: type its name into the tier box, Enter.
    QComboBox* tiers = tab->tierBox();
    tiers->lineEdit()->selectAll();
    QTest::keyClicks(tiers->lineEdit(), "events");
    QTest::keyClick(tiers->lineEdit(), Qt::Key_Return);
    QCOMPARE(tab->tiers()->humanTierNames(), (QStringList{"human", "events"}));
    QCOMPARE(tab->selection()->activeTier(), QString("events"));
    QCOMPARE(tab->overview()->layout().humanLanes.size(), size_t(2));
    // Clicking the human lane makes it active; a drag + key labels there, a drag + key with
    // "events" active labels that tier.
    QTest::mouseClick(tab->overview(), Qt::LeftButton, {}, laneAt(tab.get(), 0, 0.2));
    QCOMPARE(tab->selection()->activeTier(), QString("human"));
    drag(tab->overview(), laneAt(tab.get(), 0, 0.5), laneAt(tab.get(), 0, 1.5));
    QTest::keyClick(tab->clipTable(), Qt::Key_4);
    drag(tab->overview(), laneAt(tab.get(), 1, 1.0), laneAt(tab.get(), 1, 2.0));
    QCOMPARE(tab->selection()->activeTier(), QString("events"));
    QTest::keyClick(tab->clipTable(), Qt::Key_5);
    // A point label at the playhead: Ctrl+M, type, Enter.
    QTest::mouseClick(tab->overview(), Qt::LeftButton, {}, laneAt(tab.get(), 1, 2.5));
    QTest::keyClick(tab->clipTable(), Qt::Key_M, Qt::ControlModifier);
    QVERIFY(tab->labelEditor()->isVisible());
    QTest::keyClicks(tab->labelEditor(), "laugh");
    QTest::keyClick(tab->labelEditor(), Qt::Key_Return);
    const AnnotationSet set = onDisk(doc, row);
    const Tier* events = tierOf(set, "events");
    QVERIFY(events);
    QCOMPARE(events->segments.size(), size_t(2));
    QCOMPARE(events->segments[0].label, tab->keyLabels()[4]);
    QVERIFY(events->segments[1].isPoint());
    QVERIFY(std::abs(events->segments[1].start - 2.5) < 0.02);
    QCOMPARE(events->segments[1].label, std::string("laugh"));
    QCOMPARE(tierOf(set, "human")->segments.size(), size_t(1));

    // Files: TextGrid keeps both tiers, the point (a TextTier) and the origins; Audacity the point.
    QTemporaryDir out;
    QCOMPARE(tab->exportLabels(out.path() + "/clip.TextGrid", LabelFormat::TextGrid), QString());
    auto grid = readAnnotations((out.path() + "/clip.TextGrid").toStdString());
    QVERIFY2(grid, grid.error().c_str());
    QVERIFY(grid->front().findTier("events")->segments[1].isPoint());
    QCOMPARE(grid->front().findTier("events")->segments[1].origin, LabelOrigin::Human);
    QCOMPARE(grid->front().findTier("model")->segments.front().origin, LabelOrigin::Model);
    // Undo every edit back to the opened state, then import the TextGrid: the same tiers return.
    while (doc->undoStack()->canUndo()) QTest::keyClick(tab->clipTable(), Qt::Key_Z, Qt::ControlModifier);
    QVERIFY(!tierOf(onDisk(doc, row), "events"));
    QCOMPARE(tab->importLabels(out.path() + "/clip.TextGrid"), QString());
    const Tier* back = tierOf(onDisk(doc, row), "events");
    QVERIFY(back);
    QCOMPARE(back->segments.size(), size_t(2));
    QVERIFY(back->segments[1].isPoint());
    QCOMPARE(back->segments[1].label, std::string("laugh"));
    QCOMPARE(back->segments[1].origin, LabelOrigin::Human);
    QVERIFY(!onDisk(doc, row).findTier("model"));  // the model tier is the model's, never imported
  }

  void importWarnsAboutUnknownLabelsAndKeepsFileNameLabels() {
    auto tab = openTab();
    QVERIFY(tab);
    ReviewDocument* doc = tab->document();
    const int row = tab->currentRow();
    QTemporaryDir out;
    // An Audacity track with a point label and a label outside the emotion set.
    const QString track = out.path() + "/track.txt";
    QVERIFY(writeFileAtomically(track.toStdString(), "0.500000\t1.200000\tangry\n1.500000\t1.500000\tNotAnEmotion\n").ok());
    QCOMPARE(tab->importLabels(track), QString());
    QVERIFY2(tab->statusText().contains("warning: 1 label(s) outside the emotion set"), qPrintable(tab->statusText()));
    const Tier* human = tierOf(onDisk(doc, row), "human");
    QCOMPARE(human->segments.size(), size_t(2));
    QVERIFY(human->segments[1].isPoint());
    QCOMPARE(human->segments[1].origin, LabelOrigin::Imported);
    // CSV round trip of a file-name label: it stays a file-name label.
    const int other = rowOf(doc, "YAF_back_fear.wav");
    QVERIFY(!doc->humanLabelIsExplicit(other));
    QCOMPARE(tab->exportLabels(out.path() + "/all.csv", LabelFormat::Csv), QString());
    QCOMPARE(tab->importLabels(out.path() + "/all.csv"), QString());
    QVERIFY(!doc->humanLabelIsExplicit(other));
    QCOMPARE(doc->humanLabel(other), QString("fearful"));
    ClipListModel list(doc);
    // Shown in italics, the tooltip saying where it comes from.
    QCOMPARE(list.data(list.index(other, ClipListModel::Human), Qt::DisplayRole).toString(), QString("fearful"));
    QVERIFY(list.data(list.index(other, ClipListModel::Human), Qt::FontRole).value<QFont>().italic());
    QVERIFY(list.data(list.index(other, ClipListModel::Human), Qt::ToolTipRole).toString().contains("(file name)"));
  }

  void zoomScrollAndReadouts() {
    auto tab = openTab();
    QVERIFY(tab);
    TimeAxis* axis = tab->timeAxis();
    ClipOverview* view = tab->overview();
    const double duration = axis->duration();
    QCOMPARE(axis->span(), duration);
    // Ctrl+wheel zooms about the pointer: the time under it stays under it.
    const QPoint at = waveAt(tab.get(), 1.0);
    wheel(view, at, 120 * 3, Qt::ControlModifier);
    QVERIFY(axis->span() < duration * 0.6);
    QVERIFY(std::abs(view->xToTime(at.x()) - 1.0) < 0.01);
    // The wheel alone scrolls; keys zoom; Ctrl+E zooms to the selection; Ctrl+F fits.
    const double before = axis->start();
    wheel(view, at, -120, {});
    QVERIFY(axis->start() > before);
    const double span = axis->span();
    QTest::keyClick(tab->clipTable(), Qt::Key_Equal, Qt::ControlModifier);
    QVERIFY(std::abs(axis->span() - span / 2) < 1e-6);
    QTest::keyClick(tab->clipTable(), Qt::Key_Minus, Qt::ControlModifier);
    QVERIFY(std::abs(axis->span() - span) < 1e-6);
    QTest::keyClick(tab->clipTable(), Qt::Key_F, Qt::ControlModifier);
    QCOMPARE(axis->span(), duration);
    drag(view, waveAt(tab.get(), 1.0), waveAt(tab.get(), 1.5));
    QTest::keyClick(tab->clipTable(), Qt::Key_E, Qt::ControlModifier);
    QVERIFY(std::abs(axis->start() - 1.0) < 0.02 && std::abs(axis->end() - 1.5) < 0.02);
    // Readouts: time and level over the waveform, frequency and level over the spectrogram.
    const OverviewLayout l = view->layout();
    QTest::mouseMove(view, QPoint(l.plotLeft + l.plotWidth / 2, l.wave.center().y()));
    QVERIFY2(tab->readoutText().contains(" s") && tab->readoutText().contains("dBFS"), qPrintable(tab->readoutText()));
    const QPoint specPoint(l.plotLeft + l.plotWidth / 2, l.spec.center().y());
    QTest::mouseMove(view, specPoint);
    QVERIFY2(tab->readoutText().contains("Hz") && tab->readoutText().contains("dB"), qPrintable(tab->readoutText()));
    const double hz = view->yToHz(specPoint.y());
    QVERIFY(hz > 0);
    // Shift+wheel over the spectrogram zooms frequency; over the waveform, level.
    VerticalZoom* zoom = tab->verticalZoom();
    const double top = zoom->topHz();
    wheel(view, specPoint, 120 * 2, Qt::ShiftModifier);
    QVERIFY(zoom->topHz() < top);
    QVERIFY(view->yToHz(specPoint.y()) < hz);  // the same pixel now reads a lower frequency
    QVERIFY(zoom->autoScale());
    wheel(view, waveAt(tab.get(), 1.2), 120, Qt::ShiftModifier);
    QVERIFY(!zoom->autoScale());
    QVERIFY(zoom->gain() > 1.0);
    // The scroll bar mirrors the axis.
    QTest::keyClick(tab->clipTable(), Qt::Key_F, Qt::ControlModifier);
    QCOMPARE(axis->start(), 0.0);
  }

  void playSelectionLoopAndPlayFromClick() {
    auto tab = openTab();
    QVERIFY(tab);
    FilePlayback* player = tab->player();
    drag(tab->overview(), waveAt(tab.get(), 1.0), waveAt(tab.get(), 1.4));
    QTest::keyClick(tab->clipTable(), Qt::Key_Space);  // plays the selection, stops at its end
    QVERIFY(player->playing());
    QTRY_VERIFY_WITH_TIMEOUT(!player->playing(), 5000);
    QVERIFY(std::abs(player->position() - tab->selection()->end()) < 0.05);
    QTest::keyClick(tab->clipTable(), Qt::Key_Space, Qt::ShiftModifier);  // loops it
    QVERIFY(tab->looping());
    QTest::qWait(1000);  // more than twice the selection
    QVERIFY(player->playing());
    QVERIFY(player->position() >= tab->selection()->start() - 0.01 && player->position() <= tab->selection()->end() + 0.05);
    QTest::keyClick(tab->clipTable(), Qt::Key_Space);
    QVERIFY(!player->playing());
    // Play from a click: during playback a click moves the playhead and playing goes on there.
    QTest::mouseClick(tab->overview(), Qt::LeftButton, {}, waveAt(tab.get(), 0.2));
    QTest::keyClick(tab->clipTable(), Qt::Key_Space);
    QVERIFY(player->playing());
    QTest::mouseClick(tab->overview(), Qt::LeftButton, {}, waveAt(tab.get(), 2.5));
    QVERIFY(player->playing());
    QVERIFY(player->position() >= 2.45);
    QTest::keyClick(tab->clipTable(), Qt::Key_Space);
  }

  // The list entry and the lane come from the same predictions; the lane is painted over the
  // whole clip (what no tile covers is shown as such).
  void listEntryComesFromTheLane() {
    auto tab = openTab();
    QVERIFY(tab);
    ReviewDocument* doc = tab->document();
    const int row = tab->currentRow();
    const auto& lane = tab->tiers()->modelLane();
    QVERIFY(!lane.empty());
    for (const auto& t : lane) QVERIFY(t.start >= 0 && t.end <= tab->overview()->duration() + 0.26);
    const LaneSummary s = summariseLane(lane, tab->tiers()->modelLabels());
    QCOMPARE(doc->clip(row).modelLabel, QString::fromStdString(s.label));
    // Batch prediction of all clips gives this clip the very same entry.
    QSignalSpy done(tab.get(), &ReviewTab::batchFinished);
    tab->predictAll();
    QVERIFY(done.wait(120000));
    QCOMPARE(doc->clip(row).modelLabel, QString::fromStdString(s.label));
    if (s.top >= 0) QCOMPARE(doc->clip(row).confidence, s.probabilities[size_t(s.top)]);
    ClipListModel list(doc);
    const QString tip = list.data(list.index(row, ClipListModel::Model), Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains("weighted by its length"), qPrintable(tip));
  }

  void sessionAndCachedPredictionsSurviveARestart() {
    QString key;
    {
      auto tab = openTab();
      QVERIFY(tab);
      QSignalSpy done(tab.get(), &ReviewTab::batchFinished);
      tab->predictAll();
      QVERIFY(done.wait(120000));
      key = tab->document()->clip(tab->currentRow()).key;
      tab->player()->seek(1.75);
    }  // closed: the session is saved
    ReviewTab tab(&context_);
    tab.player()->setAudible(false);
    QSignalSpy analysed(&tab, &ReviewTab::clipAnalysed);
    QVERIFY(tab.restoreSession());
    QCOMPARE(tab.document()->clip(tab.currentRow()).key, key);
    QVERIFY(analysed.wait(30000));
    QCOMPARE(tab.player()->position(), 1.75);
    // Every clip's prediction is back from the cache, without "Predict all".
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
          for (int i = 0; i < tab.document()->count(); ++i)
            if (!tab.document()->clip(i).predicted) return false;
          return true;
        }(),
        20000);
    QVERIFY(!tab.predicting());
  }

  void failedClipsSayWhyAndTheProgressBarStartsEmpty() {
    ReviewTab tab(&context_);
    QVERIFY(tab.progressBar()->text().isEmpty());  // nothing loaded: no "0 / 1 clips"
    QTemporaryDir dir;
    QVERIFY(QFile::copy(emo::test::sample(kClip), dir.path() + "/" + kClip));
    QFile broken(dir.path() + "/broken.wav");
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write("RIFF\x10\x00\x00\x00WAVEjunk that is not audio");
    broken.close();
    QCOMPARE(tab.openPaths({dir.path()}), QString());
    QSignalSpy done(&tab, &ReviewTab::batchFinished);
    tab.predictAll();
    QVERIFY(done.wait(120000));
    const int row = rowOf(tab.document(), "broken.wav");
    QVERIFY(!tab.document()->clip(row).predictionError.isEmpty());
    ClipListModel list(tab.document());
    const QString reason = list.data(list.index(row, ClipListModel::Problem), Qt::DisplayRole).toString();
    QCOMPARE(reason, tab.document()->clip(row).predictionError);
    QVERIFY(list.data(list.index(row, ClipListModel::Model), Qt::ToolTipRole).toString().contains(reason));
    QVERIFY(tab.statusText().contains("1 clip(s) failed"));
  }

  void layersForSonicVisualiserAndAudacity() {
    auto tab = openTab();
    QVERIFY(tab);
    ReviewDocument* doc = tab->document();
    QSignalSpy done(tab.get(), &ReviewTab::batchFinished);
    tab->predictAll();
    QVERIFY(done.wait(120000));
    QCOMPARE(doc->setSegmentLabel(tab->currentRow(), 0.5, 1.0, "angry"), QString());
    QTemporaryDir out;
    QCOMPARE(tab->exportLayers(out.path()), QString());
    const QString stem = out.path() + "/03-01-05-02-01-01-05";
    auto human = readAnnotations((stem + ".human.txt").toStdString());
    QVERIFY2(human, human.error().c_str());
    QCOMPARE(human->front().findTier("human")->segments.front().label, std::string("angry"));
    auto model = readAnnotations((stem + ".model.txt").toStdString());
    QVERIFY2(model, model.error().c_str());
    QVERIFY(!model->front().findTier("human")->segments.empty());
    for (const auto& label : tab->tiers()->modelLabels()) {
      QFile csv(stem + "." + QString::fromStdString(label) + ".csv");
      QVERIFY2(csv.open(QIODevice::ReadOnly), qPrintable(csv.fileName()));
      const QList<QByteArray> lines = csv.readAll().trimmed().split('\n');
      QCOMPARE(lines.size(), qsizetype(doc->clip(tab->currentRow()).lane.size()));
      QCOMPARE(lines.front().split(',').size(), qsizetype(2));  // time,value
    }
    // Every clip got its tracks.
    for (int i = 0; i < doc->count(); ++i) {
      const QString s = QFileInfo(doc->clip(i).key).completeBaseName();
      QVERIFY2(QFileInfo::exists(out.path() + "/" + s + ".model.txt"), qPrintable(s));
    }
  }

  void screenshot() {
    const QString shots = qEnvironmentVariable("EMO_SCREENSHOT_DIR");
    if (shots.isEmpty()) QSKIP("set EMO_SCREENSHOT_DIR (scripts/screenshots-review-train.sh)");
    auto tab = openTab();
    QVERIFY(tab);
    QSignalSpy done(tab.get(), &ReviewTab::batchFinished);
    tab->predictAll();
    QVERIFY(done.wait(120000));
    tab->tierBox()->lineEdit()->selectAll();
    QTest::keyClicks(tab->tierBox()->lineEdit(), "events");
    QTest::keyClick(tab->tierBox()->lineEdit(), Qt::Key_Return);
    QTest::mouseClick(tab->overview(), Qt::LeftButton, {}, laneAt(tab.get(), 0, 0.1));
    drag(tab->overview(), laneAt(tab.get(), 0, 0.9), laneAt(tab.get(), 0, 1.6));
    QTest::keyClick(tab->clipTable(), Qt::Key_5);
    drag(tab->overview(), waveAt(tab.get(), 1.6), waveAt(tab.get(), 2.2));
    QTest::keyClick(tab->clipTable(), Qt::Key_1);
    QTest::mouseClick(tab->overview(), Qt::LeftButton, {}, laneAt(tab.get(), 1, 1.3));
    QTest::keyClick(tab->clipTable(), Qt::Key_M, Qt::ControlModifier);
    QTest::keyClicks(tab->labelEditor(), "laugh");
    QTest::keyClick(tab->labelEditor(), Qt::Key_Return);
    tab->timeAxis()->setRange(0.6, 2.6);  // zoomed in on the speech
    drag(tab->overview(), waveAt(tab.get(), 1.15), waveAt(tab.get(), 1.45));
    QTest::mouseMove(tab->overview(), QPoint(tab->overview()->layout().plotLeft + 300, tab->overview()->layout().spec.center().y()));
    QTest::qWait(200);
    QDir().mkpath(shots);
    QVERIFY(tab->grab().save(shots + "/review-annotate.png"));
  }
};

QTEST_MAIN(TestReviewEditing)
#include "tst_reviewediting.moc"
