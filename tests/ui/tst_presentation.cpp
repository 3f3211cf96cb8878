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
#include "ui/views/ProbabilityBars.h"

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
