#include "support/CliRun.h"

#include <QProcess>

#include "support/TestPaths.h"

namespace emo::test {

CliResult runCli(const QStringList& args, int timeoutMs, const QString& cacheDir) {
  QProcess p;
  if (!cacheDir.isEmpty()) {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("EMO_CACHE_DIR", cacheDir);
    p.setProcessEnvironment(env);
  }
  p.start(cliPath(), args);
  CliResult r;
  if (!p.waitForFinished(timeoutMs)) {
    p.kill();
    p.waitForFinished();
    r.err = QStringLiteral("timed out");
    return r;
  }
  r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
  r.out = QString::fromUtf8(p.readAllStandardOutput());
  r.err = QString::fromUtf8(p.readAllStandardError());
  return r;
}

}  // namespace emo::test
