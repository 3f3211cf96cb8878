#pragma once
// Internal to core/data: signal-processing helpers for Augmenter (RBJ biquads, FFT convolution,
// WSOLA time stretching). Pure functions; any thread.
#include <cstddef>
#include <vector>

namespace emo::detail {

enum class BiquadType { LowPass, HighPass };

/// Butterworth filter of even `order` as a cascade of RBJ-cookbook biquads, applied in place.
void butterworth(std::vector<float>& x, int sampleRate, float cutoffHz, BiquadType type, int order);

/// The first x.size() samples of the linear convolution x * h (FFT based).
std::vector<float> convolveSameLength(const std::vector<float>& x, const std::vector<float>& h);

/// WSOLA time stretch of `x` to exactly `targetLength` samples, pitch unchanged.
std::vector<float> timeStretch(const std::vector<float>& x, int sampleRate, std::size_t targetLength);

}  // namespace emo::detail
