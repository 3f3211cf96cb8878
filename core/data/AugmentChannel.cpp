// Augmenter: microphone / channel colouring and codec round trips.
#include <algorithm>
#include <cmath>

#include "core/data/AugmentDsp.h"
#include "core/data/Augmenter.h"

namespace emo {
namespace {

double rms(const std::vector<float>& x) {
  double s = 0;
  for (float v : x) s += static_cast<double>(v) * v;
  return x.empty() ? 0.0 : std::sqrt(s / static_cast<double>(x.size()));
}

}  // namespace

void Augmenter::applyChannel(std::vector<float>& samples, int sampleRate, Channel channel, std::mt19937_64& rng) {
  if (samples.empty() || sampleRate <= 0) return;
  auto uniform = [&rng](float a, float b) { return std::uniform_real_distribution<float>(a, b)(rng); };
  const double before = rms(samples);
  using detail::BiquadType;
  switch (channel) {
    case Channel::Telephone:
      telephoneBand(samples, sampleRate);
      detail::peakingEq(samples, sampleRate, uniform(1000.0f, 3000.0f), uniform(0.0f, 6.0f), 1.5f);
      break;
    case Channel::Laptop: {
      detail::butterworth(samples, sampleRate, uniform(150.0f, 400.0f), BiquadType::HighPass, 2);
      const float centre = uniform(2000.0f, 5000.0f), gain = uniform(3.0f, 9.0f), q = uniform(1.0f, 3.0f);
      detail::peakingEq(samples, sampleRate, centre, gain, q);
      const float cutoff = uniform(6000.0f, 7500.0f);
      if (cutoff < 0.45f * sampleRate) detail::butterworth(samples, sampleRate, cutoff, BiquadType::LowPass, 4);
      break;
    }
    case Channel::Tilt: {
      const float tilt = uniform(-6.0f, 6.0f);
      detail::shelfEq(samples, sampleRate, 1000.0f, tilt, true);
      detail::shelfEq(samples, sampleRate, 1000.0f, -tilt, false);
      break;
    }
  }
  const double after = rms(samples);
  if (after > 0.0 && before > 0.0) applyGainDb(samples, static_cast<float>(20.0 * std::log10(before / after)));
}

std::vector<float> Augmenter::applyCodec(const std::vector<float>& samples, int sampleRate, Codec codec,
                                         double compression) {
  auto y = codecRoundTrip(samples, sampleRate, codec, compression);
  return y ? std::move(y.value()) : samples;
}

}  // namespace emo
