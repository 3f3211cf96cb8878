#include "core/infer/TimelinePredictor.h"

#include <algorithm>

#include "core/audio/AudioReader.h"
#include "core/audio/Resampler.h"
#include "core/dsp/FeatureExtractor.h"
#include "core/infer/SpeechGate.h"
#include "core/infer/StreamingClassifier.h"
#include "core/model/ModelBundle.h"

namespace emo {

namespace {

/// Clips longer than this are scored as the mean of their speech windows (the model was trained
/// on utterances of a few seconds); shorter ones are scored whole, as in training.
constexpr double kWholeClipSeconds = 20.0;
/// A clip needs this much gated speech to be classified at all: more than the SpeechGate's
/// kSteadySeconds, which a noise starting after digital silence may pass as speech.
constexpr double kMinSpeechSeconds = 0.5;

int argmax(const std::vector<float>& p) { return static_cast<int>(std::max_element(p.begin(), p.end()) - p.begin()); }

}  // namespace

TimelinePredictor::TimelinePredictor(std::shared_ptr<const ModelBundle> model, StreamParams params,
                                     std::shared_ptr<const NormStats> speaker)
    : model_(std::move(model)), params_(params), speaker_(std::move(speaker)) {}

const std::vector<std::string>& TimelinePredictor::labels() const { return model_->labels(); }

Result<AudioBuffer> TimelinePredictor::atModelRate(const AudioBuffer& input) const {
  const int rate = model_->featureParams().sampleRate;
  if (input.sampleRate == rate) return input;
  Result<std::vector<float>> r = resample(input.samples, input.sampleRate, rate);
  if (!r) return Error{r.error()};
  AudioBuffer audio = input;
  audio.samples = std::move(r.value());
  audio.sampleRate = rate;
  return audio;
}

UtterancePrediction TimelinePredictor::withProbabilities(UtterancePrediction out, std::vector<float> probabilities) const {
  out.probabilities = std::move(probabilities);
  out.speech = true;
  out.top = argmax(out.probabilities);
  out.label = labels()[out.top];
  return out;
}

UtterancePrediction TimelinePredictor::utteranceFromFrames(const std::vector<EmotionFrame>& frames,
                                                           double seconds) const {
  UtterancePrediction out;
  out.seconds = seconds;
  out.label = "no speech";
  std::vector<double> sum(labels().size(), 0.0);
  int n = 0;
  for (const EmotionFrame& f : frames) {
    if (!f.speech) continue;
    for (size_t i = 0; i < sum.size(); ++i) sum[i] += f.probabilities[i];
    ++n;
  }
  if (n == 0) return out;
  std::vector<float> mean(sum.size());
  for (size_t i = 0; i < sum.size(); ++i) mean[i] = static_cast<float>(sum[i] / n);
  return withProbabilities(std::move(out), std::move(mean));
}

Result<UtterancePrediction> TimelinePredictor::predictUtterance(const AudioBuffer& input) const {
  if (input.seconds() > kWholeClipSeconds) {
    // Long recording: average the speech windows of the timeline (the stream resamples).
    Result<std::vector<EmotionFrame>> frames = timelineFrames(input);
    if (!frames) return Error{frames.error()};
    return utteranceFromFrames(*frames, input.seconds());
  }
  Result<AudioBuffer> audio = atModelRate(input);
  if (!audio) return Error{audio.error()};
  UtterancePrediction out;
  out.seconds = audio->seconds();
  out.label = "no speech";
  const FeatureParams& fp = model_->featureParams();
  std::vector<FeatureKind> kinds = model_->featureKinds();
  if (std::find(kinds.begin(), kinds.end(), FeatureKind::Rms) == kinds.end()) kinds.push_back(FeatureKind::Rms);
  FeatureExtractor fx(fp);
  const FeatureSet fs = fx.compute(audio->samples.data(), audio->samples.size(), kinds);
  if (fs.frames == 0) return out;
  const double frameSeconds = double(fp.hopLength) / fp.sampleRate;
  const int speechFrames =
      SpeechGate::countSpeech(fs.get(FeatureKind::Rms), params_.gateDb, params_.noiseMarginDb, frameSeconds);
  if (speechFrames * frameSeconds < kMinSpeechSeconds) return out;
  Result<std::vector<float>> p = model_->predict(fs, speaker_.get());
  if (!p) return Error{p.error()};
  return withProbabilities(std::move(out), std::move(p.value()));
}

Result<UtterancePrediction> TimelinePredictor::predictFile(const std::string& path) const {
  ReadOptions options;
  options.targetRate = model_->featureParams().sampleRate;
  Result<AudioBuffer> audio = readAudioMono(path, options);
  if (!audio) return Error{audio.error()};
  Result<UtterancePrediction> r = predictUtterance(*audio);
  if (r) r->file = path;
  return r;
}

Result<std::vector<EmotionFrame>> TimelinePredictor::timelineFrames(const AudioBuffer& audio) const {
  if (audio.sampleRate <= 0) return fail("timeline: invalid sample rate");
  StreamingClassifier stream(model_, params_, speaker_);
  Status st = stream.push(audio.samples.data(), audio.samples.size(), audio.sampleRate);
  if (!st) return Error{st.error()};
  stream.finish();
  return stream.takeFrames();
}

std::vector<TimelineSegment> TimelinePredictor::segmentsFromFrames(std::vector<EmotionFrame> frames) {
  std::vector<TimelineSegment> out;
  out.reserve(frames.size());
  for (EmotionFrame& f : frames) {
    TimelineSegment s;
    s.start = f.start;
    s.end = f.end;
    s.speech = f.speech;
    if (f.speech) {  // a held frame repeats an earlier result: no evidence for this segment
      s.top = f.top;
      s.probabilities = std::move(f.probabilities);
    }
    out.push_back(std::move(s));
  }
  return out;
}

Result<std::vector<TimelineSegment>> TimelinePredictor::timeline(const AudioBuffer& audio, double window,
                                                                  double hop) const {
  StreamParams p = params_;
  if (window > 0) p.windowSeconds = window;
  if (hop > 0) p.hopSeconds = hop;
  if (Status ok = p.validate(); !ok) return Error{ok.error()};
  TimelinePredictor windowed(model_, p, speaker_);
  Result<std::vector<EmotionFrame>> frames = windowed.timelineFrames(audio);
  if (!frames) return Error{frames.error()};
  return segmentsFromFrames(std::move(frames.value()));
}

Result<TimelinePredictor::Analysis> TimelinePredictor::analyse(const AudioBuffer& input, double window,
                                                               double hop) const {
  const bool ownWindows = (window <= 0 || window == params_.windowSeconds) && (hop <= 0 || hop == params_.hopSeconds);
  Analysis out;
  if (ownWindows && input.seconds() > kWholeClipSeconds) {
    Result<std::vector<EmotionFrame>> frames = timelineFrames(input);
    if (!frames) return Error{frames.error()};
    out.utterance = utteranceFromFrames(*frames, input.seconds());
    out.timeline = segmentsFromFrames(std::move(frames.value()));
    return out;
  }
  Result<UtterancePrediction> u = predictUtterance(input);
  if (!u) return Error{u.error()};
  Result<std::vector<TimelineSegment>> t = timeline(input, window, hop);
  if (!t) return Error{t.error()};
  out.utterance = std::move(u.value());
  out.timeline = std::move(t.value());
  return out;
}

}  // namespace emo
