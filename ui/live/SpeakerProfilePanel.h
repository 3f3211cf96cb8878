#pragma once
// SpeakerProfilePanel: the speaker-profile controls of the Live tab: a list of calibrated
// profiles (or none), Calibrate… (CalibrationDialog), Rename… and Delete. Choosing a profile
// loads it into the AppContext (the next analysis uses it); the choice persists in QSettings.
// Only a speaker-normalised model uses a profile: for any other the list and Calibrate… are
// disabled and their tooltips say why.
// GUI thread only; owns its ProfileLibrary.
#include <QWidget>
#include <memory>

class QComboBox;
class QToolButton;

namespace emo::ui {

class AppContext;
class ProfileLibrary;

class SpeakerProfilePanel : public QWidget {
  Q_OBJECT
 public:
  explicit SpeakerProfilePanel(AppContext* context, QWidget* parent = nullptr);
  ~SpeakerProfilePanel() override;

  ProfileLibrary& library() { return *library_; }
  /// Re-reads the folder and re-selects the current (or remembered) profile.
  void refresh();
  /// Selects a profile by name ("" = none) and loads it into the context. "" or a message.
  QString select(const QString& name);
  QString current() const;
  QStringList names() const;
  QString rename(const QString& from, const QString& to);
  QString remove(const QString& name);
  /// True when the loaded model uses speaker normalisation (it needs a profile to do its best).
  bool modelWantsProfile() const;
  /// The text of the "no profile" entry (it asks for a calibration when the model wants one).
  QString noneItemText() const;
  /// Whether Calibrate… is offered (only for a speaker-normalised model) and what its tooltip says.
  bool calibrateOffered() const;
  QString calibrateToolTip() const;
  /// The microphone the calibration dialog records from.
  void setDeviceId(const QByteArray& id) { deviceId_ = id; }

 signals:
  void message(const QString& text);

 private:
  void calibrate();
  void updateNoneItem();

  AppContext* context_;
  std::unique_ptr<ProfileLibrary> library_;
  QComboBox* combo_ = nullptr;
  QToolButton* calibrate_ = nullptr;
  QToolButton* rename_ = nullptr;
  QToolButton* delete_ = nullptr;
  QByteArray deviceId_;
  bool updating_ = false;
};

}  // namespace emo::ui
