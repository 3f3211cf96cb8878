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
#include "core/infer/RecordingSummary.h"
#include "ui/common/ModelFacts.h"
#include "ui/live/InstantAnalysis.h"
#include "ui/live/ProbabilitySmoother.h"
#include "ui/live/ReadingHold.h"

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
class RecordingSpool;

/// "44.1 kHz stereo": a recording format in words.
QString formatDescription(int sampleRate, int channels);

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
  /// Selects an input; while recording, the recording goes on from the new input (the one made
  /// so far is kept as its own file). "" or a message.
  QString switchInput(const QByteArray& id);
  /// The input after the current one in the device list (wraps), for the presentation hotkey.
  QByteArray nextInputId() const;
  QByteArray inputDeviceId() const;
  QString inputDeviceDescription() const;
  /// What "Save recording" writes: the microphone recording as captured (the device's rate and
  /// channels) or the 16 kHz mono copy the analysis used. Files are saved as they were decoded.
  enum class SaveKind { AsRecorded, AnalysisCopy };
  /// Saves what was recorded (or the analysed file's audio) as 16-bit WAV, atomically.
  QString saveRecording(const QString& path, SaveKind kind = SaveKind::AsRecorded);
  void saveRecordingDialog();
  bool hasRecording() const;
  /// The last microphone recording (in recordingsFolder()) and its format in words.
  QString recordingPath() const { return micRecording_; }
  QString recordingFormat() const { return micFormat_; }
  /// Makes `path` the recording "Save recording" offers (e.g. one recovered after a crash).
  void setRecording(const QString& path, const QString& format);
  /// Opening a file while recording asks first (true); false stops the recording with a message
  /// (tests, benchmarks).
  void setConfirmDialogs(bool on) { confirmDialogs_ = on; }

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
  void clearMessage();  ///< the overlay and the status bar (a good file opened)

  /// Smoothing of the shown probabilities, seconds (0 = off). The same in normal and
  /// presentation modes; remembered in QSettings ("live/smoothingSeconds").
  void setSmoothingSeconds(double seconds);
  double smoothingSeconds() const;
  /// What the headline shows: "now" (the last window), "held" (last utterance, during a pause)
  /// or "file" (the whole file, after instant analysis); the caption says it in words.
  QString readingKind() const { return readingKind_; }
  QString readingCaption() const;
  QString summaryText() const;  ///< the whole-recording summary as shown (plain text)
  const RecordingSummary& summary() const { return summary_; }
  /// Names the input in use ("Microphone: USB Audio", "File: x.wav") for presentation mode.
  QString sourceDescription() const;

  // Views (tests, screenshots, benchmark)
  WaveformView* waveform() const { return waveform_; }
  SpectrogramView* spectrogram() const { return spectrogram_; }
  ProbabilityBars* bars() const { return bars_; }
  EmotionTimelineChart* timeline() const { return timeline_; }
  EmotionLabel* emotionLabel() const { return label_; }
  LevelMeter* levelMeter() const { return meter_; }
  MessageOverlay* overlay() const { return overlay_; }
  QLabel* captionLabel() const { return caption_; }
  QLabel* summaryView() const { return summaryLabel_; }
  QLabel* sourceView() const { return sourceLabel_; }
  QComboBox* deviceBox() const { return deviceCombo_; }
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
  bool confirmStopRecording(const QString& what);
  void finishSpool(const QString& why);
  void checkSpool();
  bool hasMicRecording() const;
  void showReading(const ReadingHold::Reading& reading);
  void updateSummary();
  void setReadingCaption(const QString& kind, const QString& text);

  AppContext* context_;
  AudioCapture* capture_ = nullptr;
  FilePlayback* playback_ = nullptr;
  LiveEngine* engine_ = nullptr;
  QFutureWatcher<InstantResult>* instant_ = nullptr;
  ProbabilitySmoother smoother_;
  ReadingHold hold_;
  RecordingSummary summary_{std::vector<std::string>{}};  ///< the whole recording (or file), over the labels_ in use
  std::unique_ptr<RecordingSpool> spool_;
  QString micRecording_;  ///< the last microphone recording's file
  QString micFormat_;     ///< its format in words
  bool confirmDialogs_ = true;
  QString readingKind_;

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
  QLabel* caption_ = nullptr;       ///< says what the headline is (now / held / whole file)
  QLabel* summaryLabel_ = nullptr;  ///< whole-recording shares
  QLabel* sourceLabel_ = nullptr;   ///< the input in use (presentation mode)
  LevelMeter* meter_ = nullptr;
  MessageOverlay* overlay_ = nullptr;
  SpeakerProfilePanel* profiles_ = nullptr;
  QSplitter* splitter_ = nullptr;

  std::vector<std::string> labels_;  ///< the labels of the model in use
  UncertainRule uncertain_;          ///< its "uncertain" threshold (never, without calibration)
  bool presentation_ = false;
  bool fileMode_ = false;        ///< the running session is fed by the file, not the microphone
  long long framesShown_ = 0;
  long long speechShown_ = 0;
  std::vector<float> instantAudio_;  ///< kept while an instant analysis runs
};

}  // namespace emo::ui
