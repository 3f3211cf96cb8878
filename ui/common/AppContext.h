#pragma once
// AppContext: what every tab shares — the model in use (loaded once, shared read-only with the
// workers), the compute device, and the calibrated speaker profile. Lives on the GUI thread;
// workers receive the shared_ptr values, never the context itself. Tabs connect to
// modelChanged() to switch to a new model ("Use this model" in the Train tab calls setModel()).
#include <QObject>
#include <QString>
#include <memory>

namespace emo {
class ModelBundle;
struct NormStats;
}  // namespace emo

namespace emo::ui {

class AppContext : public QObject {
  Q_OBJECT
 public:
  explicit AppContext(QObject* parent = nullptr);

  /// Loads a bundle folder; on failure keeps the current model and returns the message.
  /// `trustCode`: the user agreed to run a TorchScript bundle's code (ModelBundle::load).
  QString loadModel(const QString& folder, bool trustCode = false);
  /// The shipped default model: $EMO_MODEL_DIR, else <exe>/../share/emoscope/models/default,
  /// else the source tree's models/default.
  static QString defaultModelFolder();

  std::shared_ptr<const ModelBundle> model() const { return model_; }
  QString modelFolder() const { return modelFolder_; }
  /// "crnn_attn (8 classes) — models/default" for the status bar.
  QString modelDescription() const;
  QString deviceName() const;

  std::shared_ptr<const NormStats> speakerProfile() const { return speaker_; }
  QString speakerProfileName() const { return speakerName_; }
  void setSpeakerProfile(const QString& name, std::shared_ptr<const NormStats> stats);

 signals:
  void modelChanged();
  void speakerProfileChanged();

 private:
  std::shared_ptr<const ModelBundle> model_;
  QString modelFolder_;
  std::shared_ptr<const NormStats> speaker_;
  QString speakerName_;
};

}  // namespace emo::ui
