#pragma once
// AppPaths: the one folder where the app keeps what it makes — trained models, speaker profiles
// and recordings — shared with the CLI: <GenericDataLocation>/emoscope (~/.local/share/emoscope;
// the CLI's core defaultProfileFolder() is <that>/profiles). Earlier versions put trained models
// under Qt's per-application folder (~/.local/share/EmoScope/EmoScope/models); migrateOldFolders()
// moves them over once. Static functions; GUI thread (they touch QSettings and the disk).
#include <QString>

namespace emo::ui {

class AppPaths {
 public:
  /// <GenericDataLocation>/emoscope (Qt's test mode redirects it, so tests never touch a user's).
  static QString dataRoot();
  static QString modelsFolder();    ///< <root>/models: Train tab bundles
  static QString profilesFolder();  ///< <root>/profiles unless $EMO_PROFILE_DIR says otherwise
  /// The folder earlier versions kept trained models in.
  static QString oldModelsFolder();
  /// Moves bundles from oldModelsFolder() into modelsFolder() (never over an existing one) and
  /// updates the remembered model folder. Returns how many moved.
  static int migrateOldFolders();
};

}  // namespace emo::ui
