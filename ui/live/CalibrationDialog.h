#pragma once
// CalibrationDialog: the guided neutral recording that creates a speaker profile. Shows a neutral
// passage to read, records it from the chosen microphone (AudioCapture into a lock-free ring
// buffer drained by a timer) until enough SPEECH is captured (counted by the same speech gate as
// the analysis, and reported as such), or takes a recording from a file, then computes and saves
// the profile on a worker thread (ProfileLibrary::create). Only a speaker-normalised model uses
// a profile: for any other model the dialog says why calibrating would change nothing and offers
// no recording. GUI thread only; owns its capture and worker watcher.
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
class ModelBundle;
class SpscRingBuffer;
class SpeechGate;
}  // namespace emo

namespace emo::ui {

class AppContext;
class AudioCapture;
class LevelMeter;
class ProfileLibrary;

struct CalibrationParams {
  double targetSpeechSeconds = 8.0;  ///< recording stops by itself once this much speech is in
  double maximumSeconds = 60.0;      ///< ... or after this much recording, whatever it holds
  double minimumSpeechSeconds = 3.0; ///< a profile needs at least this much speech (the core's minimum)
};

class CalibrationDialog : public QDialog {
  Q_OBJECT
 public:
  CalibrationDialog(AppContext* context, ProfileLibrary* library, QByteArray deviceId,
                    QWidget* parent = nullptr, CalibrationParams params = {});
  ~CalibrationDialog() override;

  /// The neutral passage the user reads.
  static QString passage();
  /// "" when `model` uses speaker profiles (speaker normalisation); else why calibrating would
  /// not change its results.
  static QString calibrationUnusedReason(const ModelBundle* model);
  void setProfileName(const QString& name);
  QString profileName() const;
  /// Uses a file instead of the microphone. "" or a message.
  QString useFile(const QString& path);
  /// Starts / stops the microphone recording. "" or a message.
  QString startRecording();
  void stopRecording();
  bool recording() const;
  double secondsRecorded() const;
  /// Speech in what was recorded (the analysis's speech gate over 10 ms frames).
  double secondsOfSpeech() const { return speechFrames_ * 0.01; }
  QLabel* passageLabel() const { return passage_; }
  /// The "this model does not use a profile" note (hidden for a speaker-normalised model).
  QLabel* notUsedLabel() const { return notUsed_; }
  bool recordingOffered() const;
  /// Computes and saves the profile on a worker; finished(...) follows.
  void createProfile();
  QString statusText() const;

 signals:
  /// The profile was created ("" error) or not (the message).
  void profileCreated(const QString& name, const QString& error);

 private:
  void drain();
  void countSpeech();  ///< feeds new whole 10 ms frames of audio_ to the gate
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
  std::unique_ptr<SpeechGate> gate_;
  size_t gated_ = 0;         ///< samples of audio_ the gate has seen
  long long speechFrames_ = 0;
  QString unusedReason_;
  QTimer drainTimer_;
  QFutureWatcher<QString>* worker_ = nullptr;
  QLineEdit* name_ = nullptr;
  QLabel* status_ = nullptr;
  QLabel* passage_ = nullptr;
  QLabel* notUsed_ = nullptr;
  QProgressBar* progress_ = nullptr;
  LevelMeter* meter_ = nullptr;
  QPushButton* record_ = nullptr;
  QPushButton* fromFile_ = nullptr;
  QPushButton* create_ = nullptr;
};

}  // namespace emo::ui
