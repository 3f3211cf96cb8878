#include "ui/common/AppPaths.h"

#include <QDir>
#include <QSettings>
#include <QStandardPaths>

namespace emo::ui {

QString AppPaths::dataRoot() {
  return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + QStringLiteral("/emoscope");
}

QString AppPaths::modelsFolder() { return dataRoot() + QStringLiteral("/models"); }

QString AppPaths::profilesFolder() {
  const QString env = qEnvironmentVariable("EMO_PROFILE_DIR");
  return env.isEmpty() ? dataRoot() + QStringLiteral("/profiles") : env;
}

QString AppPaths::oldModelsFolder() {
  return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + QStringLiteral("/EmoScope/EmoScope/models");
}

int AppPaths::migrateOldFolders() {
  const QDir old(oldModelsFolder());
  if (!old.exists()) return 0;
  const QString target = modelsFolder();
  QDir().mkpath(target);
  QSettings settings;
  const QString remembered = settings.value(QStringLiteral("model/folder")).toString();
  int moved = 0;
  for (const QString& name : old.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
    const QString to = QDir(target).filePath(name);
    if (QFileInfo::exists(to) || !QDir().rename(old.filePath(name), to)) continue;
    ++moved;
    if (QDir::cleanPath(remembered) == QDir::cleanPath(old.filePath(name)))
      settings.setValue(QStringLiteral("model/folder"), to);
  }
  QDir().rmdir(old.absolutePath());  // only when empty
  return moved;
}

}  // namespace emo::ui
