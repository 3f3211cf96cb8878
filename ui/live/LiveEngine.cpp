#include "ui/live/LiveEngine.h"

#include <exception>

namespace emo::ui {

LiveEngine::LiveEngine(QObject* parent, LiveEngineParams params) : QObject(parent), params_(params) {
  timer_.setInterval(params_.pollMilliseconds);
  timer_.setTimerType(Qt::PreciseTimer);
  connect(&timer_, &QTimer::timeout, this, &LiveEngine::poll);
}

LiveEngine::~LiveEngine() {
  timer_.stop();
  if (session_) session_->stop();
}

QString LiveEngine::start(std::shared_ptr<const ModelBundle> model, int inputRate, const StreamParams& stream,
                          std::shared_ptr<const NormStats> speaker, double timeOffset) {
  stop();
  if (!model) return tr("No model is loaded: open a model bundle (File > Open model).");
  if (inputRate <= 0) return tr("Invalid input sample rate %1 Hz.").arg(inputRate);
  try {
    session_ = std::make_unique<LiveSession>(std::move(model), inputRate, stream, std::move(speaker));
    session_->start();
  } catch (const std::exception& e) {
    session_.reset();
    return tr("Could not start the analysis: %1").arg(QString::fromUtf8(e.what()));
  }
  labels_ = session_->labels();
  rate_ = inputRate;
  offset_ = timeOffset;
  recording_.clear();
  written_.store(0, std::memory_order_relaxed);
  finishing_ = false;
  framesTotal_ = speechFrames_ = dropped_ = 0;
  timer_.start();
  return {};
}

CaptureSink::Target LiveEngine::target() {
  LiveSession* s = session_.get();
  if (!s) return {};
  std::atomic<long long>* written = &written_;
  return [s, written](const float* samples, size_t n) {
    written->fetch_add(static_cast<long long>(s->writeAudio(samples, n)), std::memory_order_relaxed);
  };
}

void LiveEngine::finish() {
  if (!session_ || finishing_) return;
  finishing_ = true;
  finishClock_.start();
  poll();
}

void LiveEngine::stop() {
  if (!session_) return;
  finishing_ = false;
  timer_.stop();
  session_->stop();  // everything written before is analysed
  poll();
  session_.reset();
}

void LiveEngine::poll() {
  if (!session_) return;
  LiveUpdate u = session_->takeUpdate();
  if (params_.keepRecording && !u.samples.empty() &&
      double(recording_.size()) < params_.maxRecordSeconds * rate_)
    recording_.insert(recording_.end(), u.samples.begin(), u.samples.end());
  for (EmotionFrame& f : u.frames) {
    f.time += offset_;
    ++framesTotal_;
    if (f.speech) ++speechFrames_;
  }
  dropped_ = u.droppedSamples;
  const std::string error = u.error;
  if (!u.samples.empty() || !u.frames.empty() || !u.spectrogram.empty()) emit updated(u);
  if (!error.empty()) {
    timer_.stop();
    finishing_ = false;
    session_.reset();
    emit failed(tr("Analysis stopped: %1").arg(QString::fromStdString(error)));
    return;
  }
  // Finishing: once the worker has consumed everything handed over (or after 60 s, whatever
  // a stuck model does), the remaining stop() only flushes the stream end.
  if (finishing_ && session_ &&
      (session_->samplesConsumed() >= written_.load(std::memory_order_relaxed) || finishClock_.elapsed() > 60000)) {
    stop();
    emit finished();
  }
}

}  // namespace emo::ui
