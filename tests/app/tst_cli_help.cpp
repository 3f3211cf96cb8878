// emoscope-cli --help (issue 18): every command and group has a real description ("bench" was
// described only as "bench commands"), every command's --help works, and the manual page
// generated from them at build time (cmake/ManPages.cmake) holds every command.
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QtTest>

#include "support/CliRun.h"
#include "support/TestPaths.h"

using emo::test::runCli;

namespace {

/// (name, description) of the Subcommands list CLI11 prints.
QList<QPair<QString, QString>> subcommands(const QString& help) {
  QList<QPair<QString, QString>> out;
  bool inside = false;
  for (const QString& line : help.split('\n')) {
    if (line.startsWith("SUBCOMMANDS:", Qt::CaseInsensitive)) {
      inside = true;
      continue;
    }
    if (!inside) continue;
    if (!line.startsWith(' ')) break;
    const auto m = QRegularExpression("^  ([a-z][a-z0-9-]*)\\s*(.*)$").match(line);
    if (m.hasMatch()) out.append({m.captured(1), m.captured(2).trimmed()});
  }
  return out;
}

}  // namespace

class TestCliHelp : public QObject {
  Q_OBJECT

 private slots:
  void everyCommandIsDescribed() {
    const auto top = runCli({"--help"});
    QCOMPARE(top.code, 0);
    const auto commands = subcommands(top.out);
    QVERIFY2(commands.size() >= 10, qPrintable(top.out));
    bool bench = false;
    for (const auto& [name, description] : commands) {
      QVERIFY2(description.split(' ', Qt::SkipEmptyParts).size() >= 4,
               qPrintable(QString("'%1' is described as '%2'").arg(name, description)));
      QVERIFY2(description != name + " commands", qPrintable(name));
      const auto help = runCli({name, "--help"});
      QVERIFY2(help.code == 0, qPrintable(name + ": " + help.err));
      if (name != "bench") continue;
      bench = true;
      QVERIFY2(description.contains("speed") && description.contains("soak"), qPrintable(description));
      const auto nested = subcommands(help.out);
      QCOMPARE(nested.size(), 3);
      for (const auto& [sub, what] : nested) {
        QVERIFY2(what.split(' ', Qt::SkipEmptyParts).size() >= 4, qPrintable(sub + ": " + what));
        QCOMPARE(runCli({"bench", sub, "--help"}).code, 0);
      }
    }
    QVERIFY(bench);
  }

  void manualPagesHoldEveryCommand() {
    // Built with the CLI when help2man is installed (scripts/setup.sh installs it).
    const QString page = QDir(emo::test::binDir()).filePath("../man/emoscope-cli.1");
    if (!QFile::exists(page)) QSKIP("help2man is not installed: no manual page was generated");
    QFile f(page);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(f.readAll());
    QVERIFY(text.contains(".TH EMOSCOPE-CLI \"1\""));
    QVERIFY(text.contains("COMMANDS"));
    for (const auto& [name, description] : subcommands(runCli({"--help"}).out))
      QVERIFY2(text.contains(".SS \"" + name + "\""), qPrintable(name));
    QVERIFY(text.contains(".SS \"bench soak\""));
    QVERIFY(QFile::exists(page + ".gz"));
  }
};

QTEST_GUILESS_MAIN(TestCliHelp)
#include "tst_cli_help.moc"
