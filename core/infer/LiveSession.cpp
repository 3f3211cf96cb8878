#include "core/infer/LiveSession.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <mutex>
#include <thread>

#include "core/audio/SpscRingBuffer.h"
#include "core/infer/StreamingClassifier.h"
#include "core/model/ModelBundle.h"

namespace emo {

namespace {
constexpr auto kIdleWait = std::chrono::milliseconds(4);  ///< worker poll period when the ring is empty
constexpr size_t kChunk = 4096;                             ///< samples analysed per worker step
}  // namespace

struct LiveSession::Impl {
  std::shared_ptr<const ModelBundle> model;
  int inputRate;
  StreamingClassifier classifier;
  SpscRingBuffer ring;
  std::thread worker;
  std::atomic<bool> accepting{false};
  std::atomic<bool> stopRequested{false};
  std::atomic<bool> running{false};
  std::atomic<long long> consumed{0};

  std::mutex mutex;     ///< guards pending (worker writes, GUI takes)
  LiveUpdate pending;

  Impl(std::shared_ptr<const ModelBundle> m, int rate, StreamParams p, std::shared_ptr<const NormStats> s,
       double ringSeconds)
      : model(m),
        inputRate(rate),
        classifier(std::move(m), p, std::move(s)),
        ring(static_cast<size_t>(std::max(1.0, ringSeconds * std::max(rate, 1)))) {
    classifier.keepSpectrogram(true);
  }

  void publish(const float* samples, size_t n) {
    std::vector<EmotionFrame> frames = classifier.takeFrames();
    Matrix spec = classifier.takeSpectrogram();
    std::lock_guard<std::mutex> lock(mutex);
    pending.samples.insert(pending.samples.end(), samples, samples + n);
    if (pending.spectrogram.cols == 0) pending.spectrogram = Matrix(0, spec.cols);
    pending.spectrogram.appendRows(spec);
    for (EmotionFrame& f : frames) pending.frames.push_back(std::move(f));
    pending.droppedSamples = static_cast<long long>(ring.droppedSamples());
  }

  void reportError(const std::string& message) {
    std::lock_guard<std::mutex> lock(mutex);
    pending.error = message;
  }

  void run() {
    std::vector<float> block(kChunk);
    try {
      for (;;) {
        const bool finishing = stopRequested.load(std::memory_order_acquire);
        const size_t n = ring.read(block.data(), block.size());
        if (n > 0) {
          Status st = classifier.push(block.data(), n, inputRate);
          if (!st) {
            reportError(st.error());
            break;
          }
          consumed.fetch_add(static_cast<long long>(n), std::memory_order_relaxed);
          publish(block.data(), n);
          continue;
        }
        if (finishing) {  // everything written before stop() has been read
          classifier.finish();
          publish(nullptr, 0);
          break;
        }
        std::this_thread::sleep_for(kIdleWait);
      }
    } catch (const std::exception& e) {
      reportError(std::string("live analysis stopped: ") + e.what());
    }
    running.store(false, std::memory_order_release);
  }
};

LiveSession::LiveSession(std::shared_ptr<const ModelBundle> model, int inputSampleRate, StreamParams params,
                         std::shared_ptr<const NormStats> speaker, double ringSeconds)
    : impl_(std::make_unique<Impl>(std::move(model), inputSampleRate, params, std::move(speaker), ringSeconds)) {}

LiveSession::~LiveSession() { stop(); }

void LiveSession::start() {
  Impl& s = *impl_;
  if (s.worker.joinable()) return;
  s.stopRequested = false;
  s.running = true;
  s.accepting = true;
  s.worker = std::thread([&s] { s.run(); });
}

size_t LiveSession::writeAudio(const float* samples, size_t n) {
  if (!impl_->accepting.load(std::memory_order_acquire)) return 0;
  return impl_->ring.write(samples, n);
}

void LiveSession::stop() {
  Impl& s = *impl_;
  s.accepting = false;
  s.stopRequested.store(true, std::memory_order_release);
  if (s.worker.joinable()) s.worker.join();
}

bool LiveSession::running() const { return impl_->running.load(std::memory_order_acquire); }

LiveUpdate LiveSession::takeUpdate() {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  LiveUpdate u = std::move(impl_->pending);
  impl_->pending = LiveUpdate{};
  impl_->pending.droppedSamples = u.droppedSamples;
  if (!u.error.empty()) impl_->pending.error = u.error;  // an error stays visible
  return u;
}

long long LiveSession::samplesConsumed() const { return impl_->consumed.load(std::memory_order_relaxed); }
const std::vector<std::string>& LiveSession::labels() const { return impl_->model->labels(); }
int LiveSession::inputSampleRate() const { return impl_->inputRate; }

}  // namespace emo
