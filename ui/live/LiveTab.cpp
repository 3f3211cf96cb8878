// LiveTab: layout, view updates and presentation styling. Sources (microphone, files) are wired
// in LiveTabSources.cpp.
#include "ui/live/LiveTab.h"

#include <QComboBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QSlider>
#include <QSplitter>
#include <QTextDocument>
#include <QVBoxLayout>
#include <QtCharts/QChart>
#include <QtCharts/QLegend>

#include "core/infer/LiveSession.h"
#include "ui/common/AppContext.h"
#include "ui/common/ModelFacts.h"
#include "ui/live/AudioCapture.h"
#include "ui/live/FilePlayback.h"
#include "ui/live/LiveEngine.h"
#include "ui/live/MessageOverlay.h"
#include "ui/live/RecordingSpool.h"
#include "ui/live/SpeakerProfilePanel.h"
#include "ui/views/EmotionColors.h"
#include "ui/views/EmotionLabel.h"
#include "ui/views/EmotionTimelineChart.h"
#include "ui/views/LevelMeter.h"
#include "ui/views/ProbabilityBars.h"
#include "ui/views/SpectrogramView.h"
#include "ui/views/WaveformView.h"

namespace emo::ui {
namespace {
const QString kSmoothingKey = QStringLiteral("live/smoothingSeconds");
}

LiveTab::LiveTab(AppContext* context, QWidget* parent) : QWidget(parent), context_(context) {
  setAcceptDrops(true);
  capture_ = new AudioCapture(this);
  playback_ = new FilePlayback(this);
  LiveEngineParams engineParams;
  engineParams.keepRecording = false;  // the microphone is spooled to disk (RecordingSpool)
  engine_ = new LiveEngine(this, engineParams);
  spool_ = std::make_unique<RecordingSpool>();
  smoother_.setTimeConstant(smoothingSeconds());
  instant_ = new QFutureWatcher<InstantResult>(this);
  buildUi();
  connect(engine_, &LiveEngine::updated, this, &LiveTab::applyUpdate);
  connect(engine_, &LiveEngine::finished, this, &LiveTab::onEngineFinished);
  connect(engine_, &LiveEngine::failed, this, [this](const QString& m) {
    const bool wasRecording = capture_->active();
    capture_->stop();
    playback_->pause();
    if (wasRecording) finishSpool(m);
    else showMessage(m);
    updateControls();
    if (wasRecording) emit recordingChanged(false);
  });
  connect(capture_, &AudioCapture::inputsChanged, this, &LiveTab::refreshDevices);
  connect(capture_, &AudioCapture::deviceLost, this, &LiveTab::onDeviceLost);
  connect(capture_, &AudioCapture::failed, this, [this](const QString& m) {
    engine_->finish();
    finishSpool(m);
    updateControls();
    emit recordingChanged(false);
  });
  connect(playback_, &FilePlayback::finished, this, &LiveTab::onFileFinished);
  connect(this, &LiveTab::recordingChanged, this, [this] { sourceLabel_->setText(sourceDescription()); });
  connect(instant_, &QFutureWatcher<InstantResult>::finished, this, &LiveTab::onInstantDone);
  connect(context_, &AppContext::modelChanged, this, &LiveTab::onModelChanged);
  auto* posTimer = new QTimer(this);
  posTimer->setInterval(100);
  connect(posTimer, &QTimer::timeout, this, &LiveTab::updatePosition);
  connect(posTimer, &QTimer::timeout, this, &LiveTab::checkSpool);
  posTimer->start();
  refreshDevices();
  onModelChanged();
  updateControls();
}

LiveTab::~LiveTab() {
  capture_->stop();
  spool_->finish();
  playback_->pause();
  engine_->stop();
  instant_->waitForFinished();
}

void LiveTab::buildUi() {
  controls_ = new QWidget(this);
  auto* row = new QHBoxLayout(controls_);
  row->setContentsMargins(0, 0, 0, 0);
  deviceCombo_ = new QComboBox(controls_);
  deviceCombo_->setObjectName(QStringLiteral("inputDevice"));
  deviceCombo_->setMinimumContentsLength(18);
  deviceCombo_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  recordButton_ = new QPushButton(tr("Record"), controls_);
  recordButton_->setObjectName(QStringLiteral("record"));
  recordButton_->setToolTip(tr("Start / stop analysing the microphone (Space in presentation mode)"));
  meter_ = new LevelMeter(controls_);
  openButton_ = new QPushButton(tr("Open file…"), controls_);
  modeCombo_ = new QComboBox(controls_);
  modeCombo_->addItem(tr("Play and analyse"));
  modeCombo_->addItem(tr("Analyse instantly"));
  modeCombo_->setCurrentIndex(QSettings().value(QStringLiteral("live/instant"), false).toBool() ? 1 : 0);
  saveButton_ = new QPushButton(tr("Save recording…"), controls_);
  profiles_ = new SpeakerProfilePanel(context_, controls_);
  row->addWidget(new QLabel(tr("Input:"), controls_));
  row->addWidget(deviceCombo_, 1);
  row->addWidget(recordButton_);
  row->addWidget(meter_, 1);
  row->addSpacing(12);
  row->addWidget(openButton_);
  row->addWidget(modeCombo_);
  row->addWidget(saveButton_);
  row->addSpacing(12);
  row->addWidget(profiles_);

  fileRow_ = new QWidget(this);
  auto* frow = new QHBoxLayout(fileRow_);
  frow->setContentsMargins(0, 0, 0, 0);
  fileLabel_ = new QLabel(fileRow_);
  playButton_ = new QPushButton(tr("Pause"), fileRow_);
  position_ = new QSlider(Qt::Horizontal, fileRow_);
  position_->setObjectName(QStringLiteral("position"));
  position_->setRange(0, 0);
  positionLabel_ = new QLabel(QStringLiteral("0:00 / 0:00"), fileRow_);
  frow->addWidget(fileLabel_);
  frow->addWidget(playButton_);
  frow->addWidget(position_, 1);
  frow->addWidget(positionLabel_);
  fileRow_->hide();

  label_ = new EmotionLabel(this);
  caption_ = new QLabel(this);
  caption_->setObjectName(QStringLiteral("readingCaption"));
  caption_->setAlignment(Qt::AlignCenter);
  summaryLabel_ = new QLabel(this);
  summaryLabel_->setObjectName(QStringLiteral("recordingSummary"));
  summaryLabel_->setWordWrap(true);
  summaryLabel_->setTextFormat(Qt::RichText);
  summaryLabel_->setAlignment(Qt::AlignLeft | Qt::AlignVCenter);
  summaryLabel_->setMinimumWidth(260);
  sourceLabel_ = new QLabel(this);
  sourceLabel_->setObjectName(QStringLiteral("liveSource"));
  sourceLabel_->setAlignment(Qt::AlignCenter);
  sourceLabel_->hide();
  bars_ = new ProbabilityBars(this);
  waveform_ = new WaveformView(this);
  spectrogram_ = new SpectrogramView(this);
  timeline_ = new EmotionTimelineChart(this);

  auto* signalBox = new QWidget(this);
  auto* sv = new QVBoxLayout(signalBox);
  sv->setContentsMargins(0, 0, 0, 0);
  sv->addWidget(spectrogram_, 3);
  sv->addWidget(waveform_, 1);
  auto* top = new QWidget(this);
  auto* th = new QHBoxLayout(top);
  th->setContentsMargins(0, 0, 0, 0);
  th->addWidget(signalBox, 3);
  th->addWidget(bars_, 2);
  splitter_ = new QSplitter(Qt::Vertical, this);
  splitter_->addWidget(top);
  splitter_->addWidget(timeline_);
  splitter_->setStretchFactor(0, 3);
  splitter_->setStretchFactor(1, 2);

  // The headline (the last window, or the held last utterance) and, next to it, the whole
  // recording's summary, each with a line saying what it is.
  auto* headline = new QWidget(this);
  auto* hl = new QHBoxLayout(headline);
  hl->setContentsMargins(0, 0, 0, 0);
  auto* now = new QVBoxLayout;
  now->setSpacing(0);
  now->addWidget(caption_);
  now->addWidget(label_);
  hl->addLayout(now, 3);
  hl->addWidget(summaryLabel_, 2);

  auto* v = new QVBoxLayout(this);
  v->addWidget(controls_);
  v->addWidget(fileRow_);
  v->addWidget(sourceLabel_);
  v->addWidget(headline);
  v->addWidget(splitter_, 1);
  overlay_ = new MessageOverlay(this);

  connect(profiles_, &SpeakerProfilePanel::message, this, &LiveTab::showMessage);
  connect(recordButton_, &QPushButton::clicked, this, &LiveTab::toggleRecording);
  connect(openButton_, &QPushButton::clicked, this, [this] { openFileDialog(); });
  connect(saveButton_, &QPushButton::clicked, this, &LiveTab::saveRecordingDialog);
  connect(modeCombo_, qOverload<int>(&QComboBox::activated), this, [this](int i) { setInstantAnalysis(i == 1); });
  connect(deviceCombo_, qOverload<int>(&QComboBox::activated), this,
          [this](int i) { switchInput(deviceCombo_->itemData(i).toByteArray()); });
  connect(playButton_, &QPushButton::clicked, this, [this] {
    if (playback_->playing()) {
      playback_->pause();
      engine_->finish();
    } else if (playback_->loaded()) {
      if (QString err = startSession(playback_->sampleRate(), playback_->position()); !err.isEmpty())
        return showMessage(err);
      fileMode_ = true;
      playback_->play(engine_->target());
    }
    updateControls();
  });
  connect(position_, &QSlider::sliderReleased, this, [this] { onSeek(position_->value()); });
}

void LiveTab::onModelChanged() {
  engine_->stop();
  capture_->stop();
  playback_->pause();
  const auto model = context_->model();
  const std::vector<std::string> labels = model ? modelLabels(*model) : std::vector<std::string>{};
  labels_ = labels;
  uncertain_ = model ? modelUncertainRule(*model) : UncertainRule{};
  bars_->setLabels(labels);
  timeline_->setLabels(labels);
  SpectrogramViewParams sp = spectrogram_->params();
  if (model) {
    const MelRange mel = modelMelRange(*model);
    sp.melBands = mel.bands;
    sp.fminHz = mel.fminHz;
    sp.fmaxHz = mel.fmaxHz;
  }
  spectrogram_->setParams(sp);
  resetViews();
  if (!model) label_->setIdle(tr("No model loaded"));
  updateControls();
}

void LiveTab::resetViews() {
  waveform_->setParams(WaveformViewParams{});  // clears; instant analysis may have widened it
  SpectrogramViewParams sp = spectrogram_->params();
  sp.historyColumns = SpectrogramViewParams{}.historyColumns;
  spectrogram_->setParams(sp);
  bars_->clear();
  timeline_->clear();
  meter_->reset();
  smoother_.reset();
  hold_.reset();
  summary_ = RecordingSummary(labels_, uncertain_.below);
  label_->setIdle(tr("Press Record or open an audio file"));
  setReadingCaption(QString(), QString());
  updateSummary();
  framesShown_ = speechShown_ = 0;
}

void LiveTab::applyUpdate(const LiveUpdate& u) {
  const int rate = engine_->recordingRate();
  if (!u.samples.empty()) {
    waveform_->appendSamples(u.samples.data(), u.samples.size(), rate);
    meter_->pushSamples(u.samples.data(), u.samples.size());
  }
  if (!u.spectrogram.empty()) spectrogram_->appendColumns(u.spectrogram);
  if (u.frames.empty()) return;
  if (engine_->labels() != labels_) {  // the session's labels rule (they come from the same model)
    labels_ = engine_->labels();
    bars_->setLabels(labels_);
    timeline_->setLabels(labels_);
  }
  if (summary_.labels() != labels_) summary_ = RecordingSummary(labels_, uncertain_.below);
  std::vector<EmotionFrame> shown;
  shown.reserve(u.frames.size());
  const bool smooth = smoothingSeconds() > 0.0;
  for (const EmotionFrame& f : u.frames) {
    shown.push_back(smooth ? smoother_.apply(f) : f);
    hold_.apply(shown.back());
  }
  summary_.add(u.frames);  // the summary counts what the model said, unsmoothed
  timeline_->appendFrames(shown);
  showReading(hold_.current());
  updateSummary();
  framesShown_ += static_cast<long long>(shown.size());
  for (const EmotionFrame& f : shown) speechShown_ += f.speech ? 1 : 0;
}

void LiveTab::showReading(const ReadingHold::Reading& r) {
  showFrame(r.frame);
  if (!r.frame.speech) {
    setReadingCaption(QStringLiteral("now"), tr("Now: no speech in the last %1 s").arg(StreamParams{}.windowSeconds, 0, 'f', 0));
  } else if (r.held) {
    bars_->setNoSpeech();  // greyed: a held reading, not what is heard now
    setReadingCaption(QStringLiteral("held"), tr("Held: the last utterance (pause since %1 s)").arg(r.heldSince, 0, 'f', 1));
  } else {
    setReadingCaption(QStringLiteral("now"), tr("Now: the last %1 s").arg(StreamParams{}.windowSeconds, 0, 'f', 0));
  }
}

void LiveTab::setReadingCaption(const QString& kind, const QString& text) {
  readingKind_ = kind;
  caption_->setText(text);
}

QString LiveTab::readingCaption() const { return caption_->text(); }

void LiveTab::updateSummary() {
  const double speech = summary_.speechSeconds();
  const QString title = fileMode_ ? tr("Whole file") : tr("Whole recording");
  if (speech <= 0.0) {
    summaryLabel_->setText(QStringLiteral("<b>%1</b>: %2").arg(title, framesShown_ > 0 ? tr("no speech yet") : tr("nothing yet")));
    return;
  }
  // Each label's share of the speech time, and the uncertain readings' share apart (grey), largest first.
  std::vector<std::pair<double, QString>> parts;
  const std::vector<double> shares = summary_.shares();
  for (size_t i = 0; i < shares.size(); ++i)
    parts.push_back({shares[i], QStringLiteral("<span style='color:%1'>&#9632;</span>&nbsp;%2&nbsp;%3&nbsp;%")
                                    .arg(emotionColor(labels_[i], int(i)).name(), emotionDisplayName(labels_[i]).toHtmlEscaped())
                                    .arg(int(shares[i] * 100.0 + 0.5))});
  parts.push_back({summary_.uncertainShare(), QStringLiteral("<span style='color:#9e9e9e'>&#9633;</span>&nbsp;%1&nbsp;%2&nbsp;%")
                                                  .arg(tr("Uncertain"))
                                                  .arg(int(summary_.uncertainShare() * 100.0 + 0.5))});
  std::stable_sort(parts.begin(), parts.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  QStringList shown;
  for (const auto& [share, html] : parts)
    if (share >= 0.005) shown << html;
  summaryLabel_->setText(tr("<b>%1</b>: share of %2 s of speech<br>%3").arg(title).arg(speech, 0, 'f', 1).arg(shown.join(QStringLiteral(" &nbsp; "))));
}

QString LiveTab::summaryText() const {
  QTextDocument doc;
  doc.setHtml(summaryLabel_->text());
  return doc.toPlainText();
}

void LiveTab::setSmoothingSeconds(double seconds) {
  seconds = std::clamp(seconds, 0.0, 10.0);
  QSettings().setValue(kSmoothingKey, seconds);
  smoother_.setTimeConstant(seconds);
  smoother_.reset();
}

double LiveTab::smoothingSeconds() const { return QSettings().value(kSmoothingKey, 1.0).toDouble(); }

QString LiveTab::sourceDescription() const {
  if (recording()) return tr("Microphone: %1").arg(inputDeviceDescription());
  if (playback_->loaded() && fileMode_) return tr("File: %1").arg(playback_->fileName());
  return tr("Microphone: %1 (press Space to record)").arg(inputDeviceDescription());
}

void LiveTab::showFrame(const EmotionFrame& f) {
  const auto& labels = labels_;
  if (!f.speech || f.top < 0 || f.top >= int(labels.size())) {
    label_->setNoSpeech();
    bars_->setNoSpeech();
    return;
  }
  // The rule judges what is shown (the window's, the smoothed, the held or the file's mean
  // probabilities), so the headline's percentage and its "uncertain" always agree.
  if (uncertain_(f.probabilities))
    label_->setUncertain(labels[size_t(f.top)], f.top, f.confidence);
  else
    label_->setEmotion(labels[size_t(f.top)], f.top, f.confidence);
  bars_->setProbabilities(f.probabilities);
}

void LiveTab::showMessage(const QString& text) {
  overlay_->showMessage(text);
  emit message(text);
}

void LiveTab::clearMessage() {
  overlay_->clearMessage();
  emit message(QString());
}

void LiveTab::setPresentation(bool on) {
  presentation_ = on;
  const double s = on ? 2.2 : 1.0;
  label_->setScale(on ? 2.0 : 1.0);
  bars_->setScale(s);
  timeline_->setScale(on ? 1.8 : 1.0);
  overlay_->setScale(on ? 2.0 : 1.0);
  QFont axis = font();
  axis.setPointSizeF(font().pointSizeF() * (on ? 1.6 : 1.0));
  spectrogram_->setAxisFont(axis);
  QFont big = font();
  big.setPointSizeF(font().pointSizeF() * (on ? 1.8 : 1.0));
  caption_->setFont(big);
  summaryLabel_->setFont(big);
  QFont sourceFont = big;
  sourceFont.setBold(true);
  sourceLabel_->setFont(sourceFont);
  sourceLabel_->setText(sourceDescription());
  sourceLabel_->setVisible(on);
  controls_->setVisible(!on);
  fileRow_->setVisible(!on && playback_->loaded());
  waveform_->setVisible(!on);
  timeline_->setDarkTheme(on);
  timeline_->chart()->legend()->setVisible(true);  // the colour legend, in both modes
  const int total = splitter_->height();
  splitter_->setSizes(on ? QList<int>{total * 11 / 20, total * 9 / 20} : QList<int>{total * 3 / 5, total * 2 / 5});
  if (on) {
    QPalette p = palette();
    p.setColor(QPalette::Window, Qt::black);
    p.setColor(QPalette::Base, QColor(10, 10, 10));
    p.setColor(QPalette::AlternateBase, QColor(45, 45, 45));
    p.setColor(QPalette::WindowText, Qt::white);
    p.setColor(QPalette::Text, Qt::white);
    p.setColor(QPalette::PlaceholderText, QColor(190, 190, 190));
    p.setColor(QPalette::Mid, QColor(110, 110, 110));
    setPalette(p);
    setAutoFillBackground(true);
  } else {
    setPalette(QPalette());
    setAutoFillBackground(false);
  }
}

void LiveTab::dragEnterEvent(QDragEnterEvent* event) {
  if (event->mimeData()->hasUrls() && !event->mimeData()->urls().isEmpty() &&
      event->mimeData()->urls().first().isLocalFile())
    event->acceptProposedAction();
}

void LiveTab::dropEvent(QDropEvent* event) {
  const QList<QUrl> urls = event->mimeData()->urls();
  if (urls.isEmpty() || !urls.first().isLocalFile()) return;
  event->acceptProposedAction();
  openFile(urls.first().toLocalFile());
}

}  // namespace emo::ui
