// No clipped text at the default window size (1280x800) and at 1920x1080, in the normal and the
// presentation view: the emotion names in the bars (the top one is bold: "Surprised" was cut),
// the headline, the calibration passage, every push button (Train's "Remove" was cut) and every
// single-line label of the Live, Review and Train tabs, and Review's clip list with real clips open
// (a clip name cut to "03-01-05-…" fails: each visible cell's delegate size hint against its column,
// and the clip column inside the view). Measured with QFontMetrics and the delegates' size hints
// against the widgets' geometry after layout.
#include <QLabel>
#include <QHeaderView>
#include <QPushButton>
#include <QScrollBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

#include "UiTestSupport.h"
#include "core/model/ModelBundle.h"
#include "ui/MainWindow.h"
#include "ui/live/CalibrationDialog.h"
#include "ui/live/LiveTab.h"
#include "ui/live/PresentationMode.h"
#include "ui/live/ProfileLibrary.h"
#include "ui/review/ClipListModel.h"
#include "ui/review/ReviewDocument.h"
#include "ui/review/ReviewTab.h"
#include "ui/views/EmotionColors.h"
#include "ui/views/EmotionLabel.h"
#include "ui/views/ProbabilityBars.h"

using namespace emo;
using namespace emo::ui;

namespace {

/// Every visible push/tool button and single-line label under `root` whose text is wider than
/// the widget, as "text (needs N px, has M px)".
QStringList clipped(QWidget* root) {
  QStringList out;
  for (QAbstractButton* b : root->findChildren<QAbstractButton*>()) {
    if (!b->isVisible() || b->text().isEmpty() || !qobject_cast<QPushButton*>(b)) continue;
    const int needed = b->fontMetrics().horizontalAdvance(QString(b->text()).remove(QLatin1Char('&'))) + 8;
    if (b->width() < needed || b->width() < b->minimumSizeHint().width())
      out << QStringLiteral("button \"%1\" (needs %2 px, has %3 px)").arg(b->text()).arg(needed).arg(b->width());
  }
  for (QLabel* l : root->findChildren<QLabel*>()) {
    if (!l->isVisible() || l->wordWrap() || l->text().isEmpty() || l->textFormat() == Qt::RichText) continue;
    if (l->text().contains(QLatin1Char('<'))) continue;  // rich text: wraps in its own layout
    const int needed = l->fontMetrics().horizontalAdvance(l->text()) + 2 * l->margin();
    if (l->contentsRect().width() < needed)
      out << QStringLiteral("label \"%1\" (needs %2 px, has %3 px)").arg(l->text()).arg(needed).arg(l->contentsRect().width());
  }
  return out;
}

/// Every cell on screen whose text (with its colour swatch and margins, as the delegate sizes it)
/// is wider than its column or runs past the view's right edge (the list must not need scrolling
/// sideways at these sizes).
QStringList clippedCells(QTableView* table) {
  QStringList out;
  QStyleOptionViewItem option;
  option.initFrom(table);
  option.font = table->font();
  const int icon = table->style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, table);
  option.decorationSize = table->iconSize().isValid() ? table->iconSize() : QSize(icon, icon);
  QAbstractItemModel* model = table->model();
  const int viewport = table->viewport()->width();
  for (int row = 0; row < model->rowCount(); ++row) {
    if (table->rowViewportPosition(row) > table->viewport()->height()) break;  // the rows on screen
    for (int col = 0; col < model->columnCount(); ++col) {
      if (table->isColumnHidden(col)) continue;
      const QModelIndex index = model->index(row, col);
      const QString text = index.data().toString();
      if (text.isEmpty()) continue;
      const int needed = table->itemDelegateForIndex(index)->sizeHint(option, index).width();
      const int has = table->columnWidth(col);
      const int right = table->columnViewportPosition(col) + std::min(has, needed);
      if (needed > has || right > viewport)
        out << QStringLiteral("cell \"%1\" (needs %2 px, has %3 px, view %4 px)").arg(text).arg(needed).arg(has).arg(viewport);
    }
  }
  if (table->horizontalScrollBar()->maximum() > 0)  // a column (or its header) is off to the right
    out << QStringLiteral("the clip list scrolls sideways (%1 px of columns in a %2 px view)")
               .arg(table->horizontalHeader()->length()).arg(viewport);
  return out;
}

/// The bars' name column holds every name in bold, and the headline the longest name in bold.
QStringList clippedEmotionNames(LiveTab* live, const std::vector<std::string>& labels) {
  QStringList out;
  ProbabilityBars* bars = live->bars();
  const QFontMetrics bold(bars->nameFont(true));
  for (const std::string& l : labels) {
    const int w = bold.horizontalAdvance(emotionDisplayName(l));
    if (w > bars->nameColumnWidth() - 4) out << QStringLiteral("bars: %1 needs %2 px of %3").arg(emotionDisplayName(l)).arg(w).arg(bars->nameColumnWidth() - 4);
  }
  if (bars->width() < bars->minimumSizeHint().width())
    out << QStringLiteral("bars %1 px < minimum %2 px").arg(bars->width()).arg(bars->minimumSizeHint().width());
  EmotionLabel* label = live->emotionLabel();
  for (size_t i = 0; i < labels.size(); ++i) {
    label->setEmotion(labels[i], int(i), 1.0f);
    if (label->drawnWidth() > label->width())
      out << QStringLiteral("headline: %1 needs %2 px of %3").arg(label->text()).arg(label->drawnWidth()).arg(label->width());
    // Full size in the normal view at these window sizes (presentation may shrink the type).
    if (!live->presentation() && label->neededWidth() > label->width())
      out << QStringLiteral("headline shrunk: %1 needs %2 px of %3").arg(label->text()).arg(label->neededWidth()).arg(label->width());
  }
  for (size_t i = 0; i < labels.size(); ++i) {  // "Uncertain (maybe Surprised 100 %)": may shrink, never clip
    label->setUncertain(labels[i], int(i), 1.0f);
    if (label->drawnWidth() > label->width())
      out << QStringLiteral("headline: %1 needs %2 px of %3").arg(label->shownText()).arg(label->drawnWidth()).arg(label->width());
  }
  return out;
}

}  // namespace

class TestTextFit : public QObject {
  Q_OBJECT
  AppContext ctx_;
  QTemporaryDir annotations_;

 private slots:
  void initTestCase() {
    test::isolateSettings("tst_textfit");
    qputenv("EMO_ANNOTATION_DIR", annotations_.path().toUtf8());  // the shared data are read-only
    qputenv("PULSE_SERVER", "unix:/nonexistent/emoscope-test-socket");
    EMO_REQUIRE_DEFAULT_MODEL(ctx_);
  }

  void everythingFits_data() {
    QTest::addColumn<QSize>("size");
    QTest::newRow("1280x800") << QSize(1280, 800);
    QTest::newRow("1920x1080") << QSize(1920, 1080);
  }

  void everythingFits() {
    QFETCH(QSize, size);
    MainWindow w(&ctx_);
    w.resize(size);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    std::vector<std::string> labels = ctx_.model()->labels();
    QVERIFY(std::find(labels.begin(), labels.end(), "surprised") != labels.end());
    bool sawReview = false;
    for (int tab = 0; tab < w.tabs()->count(); ++tab) {
      w.tabs()->setCurrentIndex(tab);
      QStringList bad;
      if (auto* review = qobject_cast<ReviewTab*>(w.tabs()->currentWidget())) {
        // A RAVDESS folder as a user opens it: clip names "Actor_01/03-01-…-01.wav", the human
        // label from the file name; and the sample clips (RAVDESS and TESS names side by side).
        sawReview = true;
        for (const QString& folder : {test::shared("data/ravdess"), test::shared("samples")}) {
          if (!QFileInfo(folder).isDir()) continue;
          QCOMPARE(review->openPaths({folder}), QString());
          QApplication::processEvents();
          QVERIFY(review->document()->count() > 0);
          bad += clippedCells(review->clipTable());
        }
      }
      QApplication::processEvents();
      bad += clipped(w.tabs()->currentWidget());
      QVERIFY2(bad.isEmpty(), qPrintable(w.tabs()->tabText(tab) + QStringLiteral(": ") + bad.join(QStringLiteral("; "))));
    }
    QVERIFY(sawReview);
    w.tabs()->setCurrentIndex(0);
    QApplication::processEvents();
    QStringList bad = clippedEmotionNames(w.liveTab(), labels);
    QVERIFY2(bad.isEmpty(), qPrintable(bad.join(QStringLiteral("; "))));
    // Presentation mode (full screen: the window keeps its size on the offscreen platform).
    w.presentation()->setActive(true);
    w.resize(size);
    QApplication::processEvents();
    bad = clippedEmotionNames(w.liveTab(), labels) + clipped(w.liveTab());
    w.presentation()->setActive(false);
    QVERIFY2(bad.isEmpty(), qPrintable(QStringLiteral("presentation: ") + bad.join(QStringLiteral("; "))));
  }

  void calibrationPassageFits() {
    ProfileLibrary lib(QDir::tempPath() + QStringLiteral("/emoscope-textfit-profiles"));
    CalibrationDialog d(&ctx_, &lib, QByteArray());
    d.show();
    QVERIFY(QTest::qWaitForWindowExposed(&d));
    QLabel* passage = d.passageLabel();
    QVERIFY(passage->wordWrap());
    const int needed = passage->heightForWidth(passage->width());
    QVERIFY2(passage->height() >= needed, qPrintable(QStringLiteral("the passage needs %1 px, has %2 px").arg(needed).arg(passage->height())));
    const QStringList bad = clipped(&d);
    QVERIFY2(bad.isEmpty(), qPrintable(bad.join(QStringLiteral("; "))));
  }
};

QTEST_MAIN(TestTextFit)
#include "tst_textfit.moc"
