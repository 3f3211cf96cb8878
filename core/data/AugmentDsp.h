#pragma once
// Internal to core/data: signal-processing helpers for Augmenter (RBJ biquads, FFT convolution,
// WSOLA time stretching). Pure functions; any thread.
#include <cstddef>
#include <vector>

namespace emo::detail {

enum class BiquadType { LowPass, HighPass };

/// Butterworth filter of even `order` as a cascade of RBJ-cookbook biquads, applied in place.
void butterworth(std::vector<float>& x, int sampleRate, float cutoffHz, BiquadType type, int order);

/// RBJ-cookbook peaking EQ (gainDb at centreHz, bandwidth set by q), applied in place.
void peakingEq(std::vector<float>& x, int sampleRate, float centreHz, float gainDb, float q);

/// RBJ-cookbook shelf (slope 1): gainDb above (high) or below (!high) cornerHz, applied in place.
void shelfEq(std::vector<float>& x, int sampleRate, float cornerHz, float gainDb, bool high);

/// The first x.size() samples of the linear convolution x * h (FFT based).
std::vector<float> convolveSameLength(const std::vector<float>& x, const std::vector<float>& h);

/// WSOLA time stretch of `x` to exactly `targetLength` samples, pitch unchanged.
std::vector<float> timeStretch(const std::vector<float>& x, int sampleRate, std::size_t targetLength);

}  // namespace emo::detail
