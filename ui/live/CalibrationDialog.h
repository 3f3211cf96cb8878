#pragma once
// CalibrationDialog: the guided neutral recording that creates a speaker profile. Shows a neutral
// passage to read for about 15 s, records it from the chosen microphone (AudioCapture into a
// lock-free ring buffer drained by a timer), or takes a recording from a file, then computes and
// saves the profile on a worker thread (ProfileLibrary::create). GUI thread only; owns its
// capture and worker watcher.
#include <QDialog>
#include <QFutureWatcher>
#include <QTimer>
#include <memory>
#include <vector>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace emo {
class SpscRingBuffer;
}

namespace emo::ui {

class AppContext;
class AudioCapture;
class LevelMeter;
class ProfileLibrary;

struct CalibrationParams {
  double targetSeconds = 15.0;  ///< recording stops by itself after this
  double minimumSeconds = 8.0;  ///< a profile needs at least this much audio
};

class CalibrationDialog : public QDialog {
  Q_OBJECT
 public:
  CalibrationDialog(AppContext* context, ProfileLibrary* library, QByteArray deviceId,
                    QWidget* parent = nullptr, CalibrationParams params = {});
  ~CalibrationDialog() override;

  /// The neutral passage the user reads.
  static QString passage();
  void setProfileName(const QString& name);
  QString profileName() const;
  /// Uses a file instead of the microphone. "" or a message.
  QString useFile(const QString& path);
  /// Starts / stops the microphone recording. "" or a message.
  QString startRecording();
  void stopRecording();
  bool recording() const;
  double secondsRecorded() const;
  /// Computes and saves the profile on a worker; finished(...) follows.
  void createProfile();
  QString statusText() const;

 signals:
  /// The profile was created ("" error) or not (the message).
  void profileCreated(const QString& name, const QString& error);

 private:
  void drain();
  void updateUi();
  void onCreated();

  AppContext* context_;
  ProfileLibrary* library_;
  QByteArray deviceId_;
  CalibrationParams params_;
  AudioCapture* capture_ = nullptr;
  std::unique_ptr<SpscRingBuffer> ring_;
  std::vector<float> audio_;
  std::vector<float> scratch_;
  int rate_ = 0;
  QTimer drainTimer_;
  QFutureWatcher<QString>* worker_ = nullptr;
  QLineEdit* name_ = nullptr;
  QLabel* status_ = nullptr;
  QProgressBar* progress_ = nullptr;
  LevelMeter* meter_ = nullptr;
  QPushButton* record_ = nullptr;
  QPushButton* fromFile_ = nullptr;
  QPushButton* create_ = nullptr;
};

}  // namespace emo::ui
