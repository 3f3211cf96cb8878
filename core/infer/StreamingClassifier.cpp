#include "core/infer/StreamingClassifier.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <utility>

#include "core/audio/Resampler.h"
#include "core/dsp/StreamingFeatureExtractor.h"
#include "core/infer/FrameWindow.h"
#include "core/infer/SpeechGate.h"
#include "core/model/ModelBundle.h"
#include "core/model/NormStats.h"

namespace emo {

namespace {

/// The model's kinds plus RMS (for the gate) and log-mel (for the spectrogram), without repeats.
std::vector<FeatureKind> extractionKinds(const ModelBundle& model) {
  std::vector<FeatureKind> kinds = model.featureKinds();
  for (FeatureKind extra : {FeatureKind::Rms, FeatureKind::LogMelDb})
    if (std::find(kinds.begin(), kinds.end(), extra) == kinds.end()) kinds.push_back(extra);
  return kinds;
}

int framesFor(double seconds, const FeatureParams& fp) {
  return std::max(1, static_cast<int>(std::lround(seconds * fp.sampleRate / fp.hopLength)));
}

}  // namespace

struct StreamingClassifier::Impl {
  std::shared_ptr<const ModelBundle> model;
  StreamParams params;
  std::shared_ptr<const NormStats> speaker;
  StreamingFeatureExtractor features;
  FrameWindow window;
  SpeechGate gate;
  std::optional<Resampler> resampler;
  int inputRate = 0;
  int hopFrames;
  long long frames = 0;          ///< feature frames seen
  long long modelSamples = 0;    ///< samples at the model rate fed to the extractor
  double smoothingAlpha = 1.0;   ///< weight of the newest frame (1 = no smoothing)
  std::vector<float> smoothed;
  std::vector<EmotionFrame> out;
  bool keepSpectrogram = false;
  Matrix spectrogram;
  std::vector<float> resampled;  ///< reused scratch buffer

  Impl(std::shared_ptr<const ModelBundle> m, StreamParams p, std::shared_ptr<const NormStats> s)
      : model(std::move(m)),
        params(p),
        speaker(std::move(s)),
        features(model->featureParams(), extractionKinds(*model)),
        window(model->featureKinds(), framesFor(p.windowSeconds, model->featureParams())),
        gate(p.gateDb, p.noiseMarginDb, double(model->featureParams().hopLength) / model->featureParams().sampleRate),
        hopFrames(framesFor(p.hopSeconds, model->featureParams())) {
    if (params.smoothingSeconds > 0) smoothingAlpha = 1.0 - std::exp(-params.hopSeconds / params.smoothingSeconds);
  }

  double frameSeconds() const { return double(model->featureParams().hopLength) / model->featureParams().sampleRate; }

  void consume(const FeatureSet& fs) {
    if (fs.frames == 0) return;
    const Matrix& rms = fs.get(FeatureKind::Rms);
    if (keepSpectrogram) spectrogram.appendRows(fs.get(FeatureKind::LogMelDb));
    for (int r = 0; r < fs.frames; ++r) {
      const bool speech = gate.push(rms.at(r, 0));
      window.push(fs, r, speech, SpeechGate::toDb(rms.at(r, 0)));
      ++frames;
      if (frames % hopFrames == 0) emit();
    }
  }

  void emit() {
    EmotionFrame f;
    f.time = double(frames) * frameSeconds();
    f.levelDb = window.newestLevelDb();
    f.speech = window.speechFraction() >= params.minSpeechFraction;
    if (f.speech) {
      Result<std::vector<float>> p = model->predict(window.features(), speaker.get());
      if (!p) {
        f.speech = false;  // a model error is reported as no classification, never a crash
      } else {
        if (smoothed.size() != p->size() || smoothingAlpha >= 1.0) {
          smoothed = *p;
        } else {
          for (size_t i = 0; i < smoothed.size(); ++i)
            smoothed[i] += static_cast<float>(smoothingAlpha) * ((*p)[i] - smoothed[i]);
        }
        f.probabilities = smoothed;
        f.top = static_cast<int>(std::max_element(smoothed.begin(), smoothed.end()) - smoothed.begin());
        f.confidence = smoothed[f.top];
      }
    } else {
      smoothed.clear();  // smoothing restarts with the next utterance
    }
    out.push_back(std::move(f));
  }
};

StreamingClassifier::StreamingClassifier(std::shared_ptr<const ModelBundle> model, StreamParams params,
                                         std::shared_ptr<const NormStats> speaker)
    : impl_(std::make_unique<Impl>(std::move(model), params, std::move(speaker))) {}

StreamingClassifier::~StreamingClassifier() = default;
StreamingClassifier::StreamingClassifier(StreamingClassifier&&) noexcept = default;
StreamingClassifier& StreamingClassifier::operator=(StreamingClassifier&&) noexcept = default;

Status StreamingClassifier::push(const float* samples, size_t n, int sampleRate) {
  Impl& s = *impl_;
  if (sampleRate <= 0) return fail("streaming: invalid sample rate " + std::to_string(sampleRate));
  if (s.inputRate != 0 && sampleRate != s.inputRate)
    return fail("streaming: the sample rate changed from " + std::to_string(s.inputRate) + " to " +
                std::to_string(sampleRate) + " Hz without reset()");
  if (s.inputRate == 0) {
    s.inputRate = sampleRate;
    if (sampleRate != s.model->featureParams().sampleRate) {
      Result<Resampler> r = Resampler::create(sampleRate, s.model->featureParams().sampleRate);
      if (!r) return fail(r.error());
      s.resampler.emplace(std::move(r.value()));
    }
  }
  if (n == 0) return success();
  const float* x = samples;
  size_t m = n;
  if (s.resampler) {
    s.resampled.clear();
    s.resampler->process(samples, n, s.resampled);
    x = s.resampled.data();
    m = s.resampled.size();
  }
  s.modelSamples += static_cast<long long>(m);
  s.consume(s.features.push(x, m));
  return success();
}

void StreamingClassifier::finish() {
  Impl& s = *impl_;
  if (s.resampler) {
    s.resampled.clear();
    s.resampler->flush(s.resampled);
    s.modelSamples += static_cast<long long>(s.resampled.size());
    s.consume(s.features.push(s.resampled.data(), s.resampled.size()));
  }
  s.consume(s.features.finish());
}

std::vector<EmotionFrame> StreamingClassifier::takeFrames() { return std::exchange(impl_->out, {}); }

Matrix StreamingClassifier::takeSpectrogram() {
  Matrix m = std::move(impl_->spectrogram);
  impl_->spectrogram = Matrix(0, impl_->model->featureParams().nMels);
  return m;
}

void StreamingClassifier::keepSpectrogram(bool keep) {
  impl_->keepSpectrogram = keep;
  impl_->spectrogram = Matrix(0, impl_->model->featureParams().nMels);
}

void StreamingClassifier::setSpeakerProfile(std::shared_ptr<const NormStats> speaker) {
  impl_->speaker = std::move(speaker);
}

void StreamingClassifier::reset() {
  Impl& s = *impl_;
  s.features.reset();
  s.window.clear();
  s.gate.reset();
  s.resampler.reset();
  s.inputRate = 0;
  s.frames = 0;
  s.modelSamples = 0;
  s.smoothed.clear();
  s.out.clear();
  s.spectrogram = Matrix(0, s.model->featureParams().nMels);
}

const std::vector<std::string>& StreamingClassifier::labels() const { return impl_->model->labels(); }
const StreamParams& StreamingClassifier::params() const { return impl_->params; }

double StreamingClassifier::streamSeconds() const {
  return double(impl_->modelSamples) / impl_->model->featureParams().sampleRate;
}

}  // namespace emo
