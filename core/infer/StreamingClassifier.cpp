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
  int hopFrames;                 ///< H: frames per tile
  int windowFrames;              ///< N: frames per window
  int emitOffset;                ///< D: tile k is scored once k*H + D frames are in (its window centred on it)
  long long frames = 0;          ///< feature frames seen
  long long nextTile = 0;        ///< index of the next tile to emit
  long long modelSamples = 0;    ///< samples at the model rate fed to the extractor
  double smoothingAlpha = 1.0;   ///< weight of the newest frame (1 = no smoothing)
  std::vector<float> smoothed;
  std::optional<EmotionFrame> lastScored;  ///< the result a pause holds
  std::vector<EmotionFrame> out;
  bool keepSpectrogram = false;
  Matrix spectrogram;
  std::vector<float> resampled;  ///< reused scratch buffer
  FrameMoments session;          ///< model input rows of the scored windows so far, each frame once
  long long sessionUpTo = 0;     ///< frames before this index are in `session`
  NormStats sessionStats;        ///< of `session`, once it covers params.sessionStatsSeconds

  Impl(std::shared_ptr<const ModelBundle> m, StreamParams p, std::shared_ptr<const NormStats> s)
      : model(std::move(m)),
        params(p),
        speaker(std::move(s)),
        features(model->featureParams(), extractionKinds(*model)),
        window(model->featureKinds(), framesFor(p.windowSeconds, model->featureParams())),
        gate(p.gateDb, p.noiseMarginDb, double(model->featureParams().hopLength) / model->featureParams().sampleRate),
        hopFrames(framesFor(p.hopSeconds, model->featureParams())),
        windowFrames(framesFor(p.windowSeconds, model->featureParams())),
        emitOffset((windowFrames + hopFrames + 1) / 2) {
    if (params.smoothingSeconds > 0) smoothingAlpha = 1.0 - std::exp(-params.hopSeconds / params.smoothingSeconds);
  }

  double frameSeconds() const { return double(model->featureParams().hopLength) / model->featureParams().sampleRate; }
  long long windowStartFrame() const { return frames - window.size(); }

  void consume(const FeatureSet& fs) {
    if (fs.frames == 0) return;
    const Matrix& rms = fs.get(FeatureKind::Rms);
    if (keepSpectrogram) spectrogram.appendRows(fs.get(FeatureKind::LogMelDb));
    for (int r = 0; r < fs.frames; ++r) {
      const bool speech = gate.push(rms.at(r, 0));
      window.push(fs, r, speech, SpeechGate::toDb(rms.at(r, 0)));
      ++frames;
      if (frames == nextTile * hopFrames + emitOffset) emit(double(frames) * frameSeconds(), -1.0);
    }
  }

  /// The stream has ended: the tiles not yet scored get windows that end at the last frame and
  /// shrink from the left (each still centred on its tile as far as the audio allows).
  void emitTail() {
    const long long hopSamples = static_cast<long long>(hopFrames) * model->featureParams().hopLength;
    const double end = double(modelSamples) / model->featureParams().sampleRate;
    while (nextTile * hopSamples < modelSamples && window.size() > 0) {
      while (window.size() > 1 && windowStartFrame() < nextTile * hopFrames + emitOffset - windowFrames) window.popOldest();
      emit(end, end);
    }
  }

  /// Whether the window is scored: speech in at least minSpeechFraction of its frames, and the
  /// speech centred on the tile the window stands for (its mean position within a quarter window
  /// of the tile's centre). A window whose speech is all in its older half (a sentence sliding
  /// out: more than half trailing silence) or its newer half (sliding in) is not scored: the model
  /// learnt whole utterances, and such edge windows gave spikes of unrelated emotions.
  bool scoreable() const {
    if (window.speechFraction() < params.minSpeechFraction) return false;
    const double tileCentre = double(nextTile * hopFrames) + 0.5 * hopFrames;
    const double speechCentre = double(windowStartFrame()) + window.speechCentre();  // frame j is centred at j hops
    return std::abs(speechCentre - tileCentre) <= 0.25 * windowFrames;
  }

  /// Scores (or holds) the window for tile nextTile. `streamEnd` < 0: the stream goes on.
  void emit(double time, double streamEnd) {
    EmotionFrame f;
    f.time = time;
    f.start = double(nextTile * hopFrames) * frameSeconds();
    f.end = double((nextTile + 1) * hopFrames) * frameSeconds();
    if (streamEnd >= 0) f.end = std::min(f.end, streamEnd);
    f.levelDb = window.newestLevelDb();
    f.speech = scoreable();
    ++nextTile;
    if (f.speech) {
      Result<std::vector<float>> p = scoreWindow();
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
        lastScored = f;
      }
    }
    if (!f.speech) {
      smoothed.clear();  // smoothing restarts with the next utterance
      hold(f);
    }
    out.push_back(std::move(f));
  }

  /// The model's probabilities for the current window (stacked once): normalised with the
  /// speaker profile, else with the session's statistics (sessionNorm), else by itself.
  Result<std::vector<float>> scoreWindow() {
    Result<Matrix> x = model->stack(window.features());
    if (!x) return Error{x.error()};
    const NormStats* stats = speaker ? speaker.get() : sessionNorm(*x);
    auto p = model->predictStacked({&x.value()}, stats);
    if (!p) return Error{p.error()};
    return std::move(p->front());
  }

  /// Speaker normalisation without a profile ("statistics of the session's own speech so far"):
  /// adds the rows of the window being scored (`stacked`) that are not counted yet, and returns
  /// the session's statistics once they cover sessionStatsSeconds; nullptr before (the bundle then
  /// normalises each window by itself) and for models that do not normalise per speaker.
  const NormStats* sessionNorm(const Matrix& stacked) {
    if (model->normMode() != NormMode::Speaker || params.sessionStatsSeconds <= 0) return nullptr;
    const long long start = windowStartFrame();
    const int from = static_cast<int>(std::clamp<long long>(sessionUpTo - start, 0, stacked.rows));
    if (from < stacked.rows) {
      session.add(stacked, 1.0, from);
      sessionUpTo = start + stacked.rows;
      if (session.rows * frameSeconds() >= params.sessionStatsSeconds - 1e-9) sessionStats = session.stats();
    }
    return sessionStats.empty() ? nullptr : &sessionStats;
  }

  /// A pause: repeat the last scored result, marked as held, for up to holdSeconds.
  void hold(EmotionFrame& f) {
    if (!lastScored) return;
    const double since = f.end - lastScored->end;
    if (since > params.holdSeconds + 1e-9) {  // tile ends are sums of hops: allow rounding
      lastScored.reset();
      return;
    }
    f.held = true;
    f.heldSeconds = since;
    f.probabilities = lastScored->probabilities;
    f.top = lastScored->top;
    f.confidence = lastScored->confidence;
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
  s.emitTail();
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
  s.nextTile = 0;
  s.modelSamples = 0;
  s.smoothed.clear();
  s.lastScored.reset();
  s.out.clear();
  s.spectrogram = Matrix(0, s.model->featureParams().nMels);
  s.session = {};
  s.sessionUpTo = 0;
  s.sessionStats = {};
}

double StreamingClassifier::sessionSeconds() const { return impl_->session.rows * impl_->frameSeconds(); }

bool StreamingClassifier::usesSessionStats() const { return !impl_->speaker && !impl_->sessionStats.empty(); }

const std::vector<std::string>& StreamingClassifier::labels() const { return impl_->model->labels(); }
const StreamParams& StreamingClassifier::params() const { return impl_->params; }

double StreamingClassifier::streamSeconds() const {
  return double(impl_->modelSamples) / impl_->model->featureParams().sampleRate;
}

}  // namespace emo
