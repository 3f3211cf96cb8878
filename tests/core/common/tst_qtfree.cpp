// core/ must not depend on Qt: no Qt header may be included under core/.
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QtTest>

#include "support/TestPaths.h"

class TestQtFree : public QObject {
  Q_OBJECT
 private slots:
  void noQtHeaderUnderCore() {
    const QRegularExpression qtInclude(QStringLiteral("^\\s*#\\s*include\\s*[<\"](Q[A-Za-z]+|Qt[A-Za-z]*/)"),
                                       QRegularExpression::MultilineOption);
    QDirIterator it(emo::test::sourceDir() + QStringLiteral("/core"), {"*.h", "*.hpp", "*.cpp", "*.cc"},
                    QDir::Files, QDirIterator::Subdirectories);
    int scanned = 0;
    QStringList offenders;
    while (it.hasNext()) {
      const QString path = it.next();
      QFile f(path);
      QVERIFY(f.open(QIODevice::ReadOnly));
      if (qtInclude.match(QString::fromUtf8(f.readAll())).hasMatch()) offenders << path;
      ++scanned;
    }
    QVERIFY2(scanned > 5, "core/ sources not found");
    QVERIFY2(offenders.isEmpty(), qPrintable(offenders.join(", ")));
  }
  void coreCMakeLinksNoQt() {
    QFile f(emo::test::sourceDir() + QStringLiteral("/core/CMakeLists.txt"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(!f.readAll().contains("Qt6"));
  }
};

QTEST_GUILESS_MAIN(TestQtFree)
#include "tst_qtfree.moc"
