// Presentation mode: F11 / the menu entry toggle full screen with large high-contrast views,
// Space records/stops, Escape leaves, and messages go to the overlay (no dialogs).
#include <QMenuBar>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTabBar>
#include <QtTest>

#include "UiTestSupport.h"
#include "ui/MainWindow.h"
#include "ui/live/LiveTab.h"
#include "ui/live/MessageOverlay.h"
#include "ui/live/PresentationMode.h"
#include "ui/views/EmotionLabel.h"
#include "ui/views/EmotionTimelineChart.h"
#include "ui/views/ProbabilityBars.h"
#include <QLabel>
#include <QtCharts/QChart>
#include <QtCharts/QLegend>

using namespace emo;
using namespace emo::ui;

class TestPresentation : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    // No sound server: the machine has no microphone, which is what Space must cope with.
    qputenv("PULSE_SERVER", "unix:/nonexistent/emoscope-test-socket");
    test::isolateSettings("tst_presentation");
  }

  void f11TogglesFullScreenAndBigType() {
    AppContext ctx;
    MainWindow w(&ctx);
    w.loadInitialModel();  // works with or without a model
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.tabs()->setCurrentIndex(2);
    const QSize normalBars = w.liveTab()->bars()->sizeHint();
    const QSize normalLabel = w.liveTab()->emotionLabel()->sizeHint();
    QSignalSpy spy(w.presentation(), &PresentationMode::activeChanged);

    QTest::keyClick(&w, Qt::Key_F11);
    QVERIFY(w.presentation()->active());
    QCOMPARE(spy.count(), 1);
    QTRY_VERIFY(w.windowState() & Qt::WindowFullScreen);
    QVERIFY(w.menuBar()->isHidden());
    QVERIFY(w.statusBar()->isHidden());
    QVERIFY(w.tabs()->tabBar()->isHidden());
    QCOMPARE(w.tabs()->currentWidget(), static_cast<QWidget*>(w.liveTab()));
    QVERIFY(w.liveTab()->presentation());
    QVERIFY(w.liveTab()->bars()->sizeHint().height() > normalBars.height() * 3 / 2);
    QVERIFY(w.liveTab()->emotionLabel()->sizeHint().height() > normalLabel.height() * 3 / 2);
    // High contrast: light text on black.
    QCOMPARE(w.liveTab()->palette().color(QPalette::Window), QColor(Qt::black));
    QCOMPARE(w.liveTab()->palette().color(QPalette::WindowText), QColor(Qt::white));

    QTest::keyClick(&w, Qt::Key_F11);
    QVERIFY(!w.presentation()->active());
    QTRY_VERIFY(!(w.windowState() & Qt::WindowFullScreen));
    QVERIFY(!w.menuBar()->isHidden());
    QVERIFY(!w.tabs()->tabBar()->isHidden());
    QCOMPARE(w.tabs()->currentIndex(), 2);  // back where the user was
    QCOMPARE(w.liveTab()->bars()->sizeHint(), normalBars);
  }

  void menuEntryAndEscape() {
    AppContext ctx;
    MainWindow w(&ctx);
    w.show();
    w.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    QAction* entry = nullptr;
    for (QAction* menu : w.menuBar()->actions())
      for (QAction* a : menu->menu()->actions())
        if (a->text().contains(QStringLiteral("Presentation"))) entry = a;
    QVERIFY(entry);
    QCOMPARE(entry->shortcut(), QKeySequence(Qt::Key_F11));
    entry->trigger();
    QVERIFY(w.presentation()->active());
    QVERIFY(entry->isChecked());
    QTest::keyClick(&w, Qt::Key_Escape);
    QVERIFY(!w.presentation()->active());
    QVERIFY(!entry->isChecked());
  }

  void legendSourceAndACleanReturn() {
    AppContext ctx;
    MainWindow w(&ctx);
    w.loadInitialModel();
    w.resize(1280, 800);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    LiveTab* live = w.liveTab();
    live->setAudiblePlayback(false);
    live->setInstantAnalysis(false);
    if (ctx.model()) {
      QSignalSpy done(live, &LiveTab::fileAnalysed);
      QCOMPARE(live->openFile(test::sample("03-01-05-02-01-01-05.wav")), QString());
      QVERIFY(done.wait(20000));
    }
    const int points = live->timeline()->pointCount(0);
    const double last = live->timeline()->lastValue(0);
    const QFont captionFont = live->captionLabel()->font();
    const QFont summaryFont = live->summaryView()->font();
    const QFont timelineFont = live->timeline()->chart()->legend()->font();
    const QSize barsHint = live->bars()->sizeHint();
    const QColor window = live->palette().color(QPalette::Window);
    QVERIFY(live->timeline()->chart()->legend()->isVisible());
    QVERIFY(live->sourceView()->isHidden());

    w.presentation()->setActive(true);
    // A colour legend on the timeline, and the live source named on screen.
    QVERIFY(live->timeline()->chart()->legend()->isVisible());
    QVERIFY(!live->sourceView()->isHidden());
    QVERIFY2(live->sourceView()->text().startsWith(QStringLiteral("File: ")) ||
                 live->sourceView()->text().startsWith(QStringLiteral("Microphone: ")),
             qPrintable(live->sourceView()->text()));
    if (ctx.model()) QCOMPARE(live->sourceView()->text(), QStringLiteral("File: 03-01-05-02-01-01-05.wav"));
    QVERIFY(live->captionLabel()->font().pointSizeF() > captionFont.pointSizeF());
    // The input can be switched without leaving: Ctrl+I works with the menu bar hidden.
    QAction* next = nullptr;
    for (QAction* a : w.actions())
      if (a->shortcut() == QKeySequence(Qt::CTRL | Qt::Key_I)) next = a;
    QVERIFY(next);
    QCOMPARE(next->shortcutContext(), Qt::ApplicationShortcut);
    QVERIFY(w.inputMenu() != nullptr);
    next->trigger();
    QVERIFY(w.presentation()->active());

    w.presentation()->setActive(false);
    // Back to the normal view as it was: fonts, palette, sizes, and the same history.
    QCOMPARE(live->captionLabel()->font(), captionFont);
    QCOMPARE(live->summaryView()->font(), summaryFont);
    QCOMPARE(live->timeline()->chart()->legend()->font().pointSizeF(), timelineFont.pointSizeF());
    QCOMPARE(live->bars()->sizeHint(), barsHint);
    QCOMPARE(live->palette().color(QPalette::Window), window);
    QVERIFY(live->sourceView()->isHidden());
    QCOMPARE(live->timeline()->pointCount(0), points);
    QCOMPARE(live->timeline()->lastValue(0), last);
  }

  void spaceRecordsWithoutDialogs() {
    AppContext ctx;
    MainWindow w(&ctx);
    w.loadInitialModel();
    w.show();
    w.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    w.presentation()->setActive(true);
    QSignalSpy messages(w.liveTab(), &LiveTab::message);
    QTest::keyClick(&w, Qt::Key_Space);
    // Without a microphone (or a model) the answer is a line in the overlay, not a dialog.
    QVERIFY(!w.liveTab()->recording());
    QCOMPARE(messages.count(), 1);
    QVERIFY(w.liveTab()->overlay()->isVisible());
    QVERIFY(!w.liveTab()->overlay()->currentMessage().isEmpty());
    QVERIFY(QApplication::activeModalWidget() == nullptr);
    // Space is only taken in presentation mode.
    w.presentation()->setActive(false);
    QTest::keyClick(&w, Qt::Key_Space);
    QCOMPARE(messages.count(), 1);
  }
};

QTEST_MAIN(TestPresentation)
#include "tst_presentation.moc"
