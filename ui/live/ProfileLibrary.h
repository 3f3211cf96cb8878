#pragma once
// ProfileLibrary: the user's calibrated speaker profiles, one file per profile in a folder
// (AppPaths::profilesFolder(): $EMO_PROFILE_DIR, else ~/.local/share/emoscope/profiles, the
// folder the CLI's core defaultProfileFolder() uses too). Creates a profile from a
// neutral recording with the core's SpeakerProfile functions, lists, loads, renames and deletes
// them. create() is slow (feature extraction over ~15 s of audio): call it on a worker thread;
// the other calls are quick file operations for the GUI thread. Not shared between threads.
#include <QString>
#include <QStringList>
#include <memory>
#include <vector>

namespace emo {
class ModelBundle;
struct NormStats;
}  // namespace emo

namespace emo::ui {

class ProfileLibrary {
 public:
  explicit ProfileLibrary(QString folder = defaultFolder());
  static QString defaultFolder();
  QString folder() const { return folder_; }

  /// Profile names, sorted.
  QStringList names() const;
  bool contains(const QString& name) const;
  /// The profile's statistics for the model in use, or a message (missing, corrupt, made for
  /// another model's input).
  std::shared_ptr<const NormStats> load(const QString& name, const ModelBundle& model, QString* error) const;
  /// Computes a profile from mono audio at `sampleRate` and saves it as `name`. "" or a message.
  QString create(const QString& name, const ModelBundle& model, const std::vector<float>& samples,
                 int sampleRate) const;
  QString rename(const QString& from, const QString& to) const;
  QString remove(const QString& name) const;
  /// Whether `name` is usable as a profile name (non-empty, no path separators, not too long).
  static QString checkName(const QString& name);

 private:
  QString pathOf(const QString& name) const;
  QString folder_;
};

}  // namespace emo::ui
