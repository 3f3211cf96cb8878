// Augmenter: single effects and the random chain over them.
#include "core/data/Augmenter.h"

#include <algorithm>
#include <cmath>

#include "core/audio/Resampler.h"
#include "core/data/AugmentDsp.h"

namespace emo {
namespace {

double power(const std::vector<float>& x) {
  if (x.empty()) return 0.0;
  double s = 0;
  for (float v : x) s += static_cast<double>(v) * v;
  return s / static_cast<double>(x.size());
}

// Unit-variance-ish coloured noise of n samples (scaled to the SNR by the caller).
std::vector<float> colouredNoise(size_t n, Augmenter::NoiseColour colour, std::mt19937_64& rng) {
  std::normal_distribution<double> normal(0.0, 1.0);
  std::vector<float> noise(n);
  double b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0;
  for (float& v : noise) {
    const double w = normal(rng);
    if (colour == Augmenter::NoiseColour::White) {
      v = static_cast<float>(w);
    } else if (colour == Augmenter::NoiseColour::Brown) {
      b0 = 0.997 * b0 + w;
      v = static_cast<float>(b0);
    } else {  // pink: Paul Kellet's filter
      b0 = 0.99886 * b0 + w * 0.0555179;
      b1 = 0.99332 * b1 + w * 0.0750759;
      b2 = 0.96900 * b2 + w * 0.1538520;
      b3 = 0.86650 * b3 + w * 0.3104856;
      b4 = 0.55000 * b4 + w * 0.5329522;
      b5 = -0.7616 * b5 - w * 0.0168980;
      v = static_cast<float>(b0 + b1 + b2 + b3 + b4 + b5 + b6 + w * 0.5362);
      b6 = w * 0.115926;
    }
  }
  return noise;
}

// Pads or cuts `seconds` at the start (positive = delay), keeping the length.
void shiftTime(std::vector<float>& x, int sampleRate, float seconds) {
  const long n = static_cast<long>(x.size());
  const long s = std::clamp(static_cast<long>(std::lround(seconds * sampleRate)), -n, n);
  if (s > 0) {
    x.insert(x.begin(), static_cast<size_t>(s), 0.0f);
    x.resize(static_cast<size_t>(n));
  } else if (s < 0) {
    x.erase(x.begin(), x.begin() + (-s));
    x.resize(static_cast<size_t>(n), 0.0f);
  }
}

}  // namespace

Augmenter::Augmenter(AugmentParams params, std::shared_ptr<const BabblePool> babble)
    : params_(std::move(params)), babble_(std::move(babble)) {}

void Augmenter::applyGainDb(std::vector<float>& samples, float gainDb) {
  const float g = std::pow(10.0f, gainDb / 20.0f);
  for (float& v : samples) v *= g;
}

void Augmenter::mixAtSnr(std::vector<float>& samples, const std::vector<float>& noise, float snrDb) {
  const double ps = power(samples), pn = power(noise);
  if (samples.empty() || noise.size() != samples.size() || !(ps > 0.0) || !(pn > 0.0)) return;
  const double scale = std::sqrt(ps / std::pow(10.0, snrDb / 10.0) / pn);
  for (size_t i = 0; i < samples.size(); ++i) samples[i] = static_cast<float>(samples[i] + scale * noise[i]);
}

void Augmenter::addColouredNoise(std::vector<float>& samples, float snrDb, NoiseColour colour, std::mt19937_64& rng) {
  if (samples.empty() || !(power(samples) > 0.0)) return;
  mixAtSnr(samples, colouredNoise(samples.size(), colour, rng), snrDb);
}

void Augmenter::addNoiseAtSnr(std::vector<float>& samples, float snrDb, std::mt19937_64& rng) {
  addColouredNoise(samples, snrDb, NoiseColour::White, rng);
}

std::vector<float> Augmenter::changeSpeed(const std::vector<float>& samples, int sampleRate, float factor) {
  if (!(factor > 0.0f) || sampleRate <= 0 || samples.empty() || factor == 1.0f) return samples;
  // Played `factor` times faster: the samples are taken as if recorded at sampleRate * factor.
  auto out = resample(samples, static_cast<double>(sampleRate) * factor, sampleRate);
  return out ? std::move(out).value() : samples;
}

std::vector<float> Augmenter::shiftPitch(const std::vector<float>& samples, int sampleRate, float semitones) {
  if (samples.empty() || sampleRate <= 0 || semitones == 0.0f) return samples;
  const float ratio = std::pow(2.0f, semitones / 12.0f);
  // Resampling scales pitch and duration by the same ratio; WSOLA then restores the duration.
  return detail::timeStretch(changeSpeed(samples, sampleRate, ratio), sampleRate, samples.size());
}

void Augmenter::telephoneBand(std::vector<float>& samples, int sampleRate) {
  detail::butterworth(samples, sampleRate, 300.0f, detail::BiquadType::HighPass, 8);
  if (3400.0f < 0.45f * sampleRate) detail::butterworth(samples, sampleRate, 3400.0f, detail::BiquadType::LowPass, 8);
}

void Augmenter::lowPass(std::vector<float>& samples, int sampleRate, float cutoffHz) {
  if (cutoffHz >= 0.49f * sampleRate) return;
  detail::butterworth(samples, sampleRate, cutoffHz, detail::BiquadType::LowPass, 4);
}

std::vector<float> Augmenter::reverberate(const std::vector<float>& samples, int sampleRate, float rt60Seconds,
                                          std::mt19937_64& rng, float drrDb) {
  if (samples.empty() || sampleRate <= 0 || !(rt60Seconds > 0.0f)) return samples;
  const size_t length = std::max<size_t>(2, static_cast<size_t>(std::min(rt60Seconds, 3.0f) * sampleRate));
  std::normal_distribution<double> normal(0.0, 1.0);
  std::vector<float> rir(length, 0.0f);
  const double decay = std::log(1000.0) / (static_cast<double>(rt60Seconds) * sampleRate);  // -60 dB at rt60
  double tail = 0;
  std::vector<double> t(length, 0.0);
  for (size_t i = 1; i < length; ++i) {
    t[i] = normal(rng) * std::exp(-decay * static_cast<double>(i));
    tail += t[i] * t[i];
  }
  // Direct path kept at unity; the diffuse tail carries 10^(-drr/10) of the direct energy.
  const double g = tail > 0 ? std::sqrt(std::pow(10.0, -static_cast<double>(drrDb) / 10.0) / tail) : 0.0;
  rir[0] = 1.0f;
  for (size_t i = 1; i < length; ++i) rir[i] = static_cast<float>(g * t[i]);
  return detail::convolveSameLength(samples, rir);
}

std::vector<float> Augmenter::applyWaveform(const std::vector<float>& samples, int sampleRate, std::mt19937_64& rng,
                                            const std::string& speaker) const {
  const AugmentParams& p = params_;
  std::vector<float> x = samples;
  std::bernoulli_distribution apply(std::clamp(p.probability, 0.0f, 1.0f));
  auto uniform = [&rng](float a, float b) { return std::uniform_real_distribution<float>(a, std::max(a, b))(rng); };
  // A fixed range draws nothing, so a preset with one value keeps the random sequence of the others.
  auto range = [&uniform](float a, float b) { return a == b ? a : uniform(a, b); };
  if (p.speed && apply(rng)) x = changeSpeed(x, sampleRate, uniform(p.speedMin, p.speedMax));
  if (p.pitch && apply(rng)) x = shiftPitch(x, sampleRate, uniform(-p.pitchSemitones, p.pitchSemitones));
  if (p.timeShift && apply(rng)) shiftTime(x, sampleRate, uniform(-p.maxShiftSeconds, p.maxShiftSeconds));
  if (p.bandLimit && apply(rng)) {
    if (std::bernoulli_distribution(0.5)(rng)) telephoneBand(x, sampleRate);
    else lowPass(x, sampleRate, uniform(3000.0f, 6000.0f));
  }
  if (p.reverb && apply(rng)) {
    const float rt60 = uniform(p.rt60Min, p.rt60Max);
    x = reverberate(x, sampleRate, rt60, rng, range(p.drrDbMin, p.drrDbMax));
  }
  // Acoustic background, then the microphone and the channel it goes through.
  if (p.babble && babble_ && apply(rng)) {
    const int talkers = std::uniform_int_distribution<int>(3, 6)(rng);
    mixAtSnr(x, babble_->make(x.size(), talkers, speaker, rng), uniform(p.babbleSnrDbMin, p.babbleSnrDbMax));
  }
  if (p.channel && apply(rng))
    applyChannel(x, sampleRate, static_cast<Channel>(std::uniform_int_distribution<int>(0, 2)(rng)), rng);
  if (p.codec && apply(rng)) {
    const auto codec = static_cast<Codec>(std::uniform_int_distribution<int>(0, 3)(rng));
    x = applyCodec(x, sampleRate, codec, uniform(0.6f, 1.0f));
  }
  if (p.gain && apply(rng)) applyGainDb(x, uniform(p.gainDbMin, p.gainDbMax));
  if (p.noise && apply(rng)) {
    const float snr = uniform(p.snrDbMin, p.snrDbMax);
    const NoiseColour colour = p.brownNoise ? static_cast<NoiseColour>(std::uniform_int_distribution<int>(0, 2)(rng))
                                            : (std::bernoulli_distribution(0.5)(rng) ? NoiseColour::Pink : NoiseColour::White);
    addColouredNoise(x, snr, colour, rng);
  }
  return x;
}

void Augmenter::applySpecAugment(Matrix& features, std::mt19937_64& rng) const {
  if (features.empty()) return;
  std::vector<float> mean(static_cast<size_t>(features.cols), 0.0f);
  for (int r = 0; r < features.rows; ++r)
    for (int c = 0; c < features.cols; ++c) mean[static_cast<size_t>(c)] += features.at(r, c);
  for (float& m : mean) m /= static_cast<float>(features.rows);
  auto span = [&rng](int maxWidth, int extent) {
    const int w = std::uniform_int_distribution<int>(0, std::clamp(maxWidth, 0, extent))(rng);
    const int start = std::uniform_int_distribution<int>(0, extent - w)(rng);
    return std::pair<int, int>(start, w);
  };
  for (int m = 0; m < params_.freqMasks; ++m) {
    const auto [start, w] = span(params_.freqMaskWidth, features.cols);
    for (int r = 0; r < features.rows; ++r)
      for (int c = start; c < start + w; ++c) features.at(r, c) = mean[static_cast<size_t>(c)];
  }
  for (int m = 0; m < params_.timeMasks; ++m) {
    const auto [start, w] = span(params_.timeMaskWidth, features.rows);
    for (int r = start; r < start + w; ++r)
      for (int c = 0; c < features.cols; ++c) features.at(r, c) = mean[static_cast<size_t>(c)];
  }
}

}  // namespace emo
