#include "TestPaths.h"

#include <QDir>

namespace emo::test {

QString sharedDir() {
  const QByteArray env = qgetenv("EMO_SHARED_DIR");
  return env.isEmpty() ? QStringLiteral(EMO_SHARED_DIR) : QString::fromLocal8Bit(env);
}
QString sourceDir() { return QStringLiteral(EMO_SOURCE_DIR); }
QString binDir() { return QStringLiteral(EMO_BIN_DIR); }
QString shared(const QString& relative) { return QDir(sharedDir()).filePath(relative); }
QString cliPath() { return QDir(binDir()).filePath(QStringLiteral("emoscope-cli")); }

}  // namespace emo::test
