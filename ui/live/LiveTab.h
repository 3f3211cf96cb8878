#pragma once
// LiveTab: the Live tab. Microphone or file in, live views out: waveform, scrolling spectrogram,
// level meter, the current emotion in large type, per-emotion bars and a timeline chart. It wires
// AudioCapture / FilePlayback (producers) to a LiveEngine (the LiveSession and its worker thread)
// and the engine's ~30 Hz updates to the views; "Analyse instantly" runs the whole file on a
// worker (QtConcurrent). Messages go to an overlay and message(), never to modal dialogs.
// GUI thread only; owns its widgets and workers through Qt parents / unique pointers.
#include <QFutureWatcher>
#include <QWidget>
#include <memory>

#include "core/infer/EmotionFrame.h"
#include "ui/live/InstantAnalysis.h"
#include "ui/live/ProbabilitySmoother.h"

class QComboBox;
class QPushButton;
class QSlider;
class QLabel;
class QSplitter;

namespace emo {
struct LiveUpdate;
}

namespace emo::ui {

class AppContext;
class AudioCapture;
class FilePlayback;
class LiveEngine;
class WaveformView;
class SpectrogramView;
class ProbabilityBars;
class EmotionTimelineChart;
class EmotionLabel;
class LevelMeter;
class MessageOverlay;
class SpeakerProfilePanel;

class LiveTab : public QWidget {
  Q_OBJECT
 public:
  explicit LiveTab(AppContext* context, QWidget* parent = nullptr);
  ~LiveTab() override;

  // Microphone
  QString startRecording();  ///< "" or a message (also shown in the overlay)
  void stopRecording();
  void toggleRecording();
  bool recording() const;
  /// Selects an input device by QAudioDevice id (remembered in QSettings). False if unknown.
  bool selectInputDevice(const QByteArray& id);
  QByteArray inputDeviceId() const;
  QString inputDeviceDescription() const;
  /// Saves what was recorded (or the analysed file's audio) as 16-bit WAV, atomically.
  QString saveRecording(const QString& path);
  bool hasRecording() const;

  // Files
  /// Opens an audio file: plays and analyses it in step, or analyses it at once when instant.
  QString openFile(const QString& path);
  /// The same for audio already in memory (mono, any rate), e.g. the benchmark's looped file.
  QString openAudio(std::vector<float> samples, int sampleRate, const QString& name);
  void setInstantAnalysis(bool instant);
  bool instantAnalysis() const;
  void setAudiblePlayback(bool audible);  ///< false: silent real-time pacing (tests, benchmark)
  void stopFile();
  bool playingFile() const;
  bool playbackAudible() const;  ///< the file is heard through an output device (not paced silently)
  bool analysing() const;  ///< a session (also one finishing) or an instant analysis is in progress

  // Presentation mode (large high-contrast type, smoothed output)
  void setPresentation(bool on);
  bool presentation() const { return presentation_; }
  void showMessage(const QString& text);

  // Views (tests, screenshots, benchmark)
  WaveformView* waveform() const { return waveform_; }
  SpectrogramView* spectrogram() const { return spectrogram_; }
  ProbabilityBars* bars() const { return bars_; }
  EmotionTimelineChart* timeline() const { return timeline_; }
  EmotionLabel* emotionLabel() const { return label_; }
  LevelMeter* levelMeter() const { return meter_; }
  MessageOverlay* overlay() const { return overlay_; }
  SpeakerProfilePanel* profiles() const { return profiles_; }
  LiveEngine* engine() const { return engine_; }
  long long framesShown() const { return framesShown_; }
  long long speechFramesShown() const { return speechShown_; }

 signals:
  void message(const QString& text);
  void inputDeviceChanged(const QString& description);
  void recordingChanged(bool recording);
  void fileAnalysed(int frames);  ///< an instant analysis or a played file finished

 protected:
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;

 private:
  void buildUi();
  void refreshDevices();
  void onModelChanged();
  void applyUpdate(const emo::LiveUpdate& update);
  void showFrame(const EmotionFrame& frame);
  void resetViews();
  void onInstantDone();
  void onDeviceLost(const QString& description);
  void onFileFinished();
  void onEngineFinished();
  void onSeek(int value);
  void updateControls();
  void updatePosition();
  QString startSession(int inputRate, double offset);
  QString startFile();  ///< plays or analyses what playback_ holds
  QString openFileDialog();
  void saveRecordingDialog();

  AppContext* context_;
  AudioCapture* capture_ = nullptr;
  FilePlayback* playback_ = nullptr;
  LiveEngine* engine_ = nullptr;
  QFutureWatcher<InstantResult>* instant_ = nullptr;
  ProbabilitySmoother smoother_;

  QComboBox* deviceCombo_ = nullptr;
  QComboBox* modeCombo_ = nullptr;
  QPushButton* recordButton_ = nullptr;
  QPushButton* openButton_ = nullptr;
  QPushButton* playButton_ = nullptr;
  QPushButton* saveButton_ = nullptr;
  QSlider* position_ = nullptr;
  QLabel* positionLabel_ = nullptr;
  QLabel* fileLabel_ = nullptr;
  QWidget* controls_ = nullptr;
  QWidget* fileRow_ = nullptr;
  WaveformView* waveform_ = nullptr;
  SpectrogramView* spectrogram_ = nullptr;
  ProbabilityBars* bars_ = nullptr;
  EmotionTimelineChart* timeline_ = nullptr;
  EmotionLabel* label_ = nullptr;
  LevelMeter* meter_ = nullptr;
  MessageOverlay* overlay_ = nullptr;
  SpeakerProfilePanel* profiles_ = nullptr;
  QSplitter* splitter_ = nullptr;

  std::vector<std::string> labels_;  ///< the labels of the model in use
  bool presentation_ = false;
  bool fileMode_ = false;        ///< the running session is fed by the file, not the microphone
  long long framesShown_ = 0;
  long long speechShown_ = 0;
  std::vector<float> instantAudio_;  ///< kept while an instant analysis runs
};

}  // namespace emo::ui
