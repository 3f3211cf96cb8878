#pragma once
// On-the-fly data augmentation for training (and robustness tests): waveform-level gain, additive
// noise at a chosen SNR, time shift, speed and pitch perturbation, low-pass / telephone band-pass,
// synthetic reverberation; and SpecAugment time/frequency masks on frame features. Each switch
// is independent; all randomness comes from the caller's seeded generator, so a run is
// reproducible. Const methods; one generator per thread makes it safe on several threads.
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "core/common/Matrix.h"
#include "core/common/Result.h"

namespace emo {

struct AugmentParams {
  float probability = 0.5f;      ///< chance that each enabled waveform effect is applied to a clip
  bool gain = false;             ///< random gain in [gainDbMin, gainDbMax]
  float gainDbMin = -12.0f;
  float gainDbMax = 12.0f;
  bool noise = false;            ///< additive white/pink noise at SNR in [snrDbMin, snrDbMax]
  float snrDbMin = 5.0f;
  float snrDbMax = 30.0f;
  bool timeShift = false;        ///< circular-free shift: pad/cut up to maxShiftSeconds at the start
  float maxShiftSeconds = 0.25f;
  bool speed = false;            ///< speed (tempo+pitch) factor in [speedMin, speedMax] by resampling
  float speedMin = 0.9f;
  float speedMax = 1.1f;
  bool pitch = false;            ///< pitch shift in [-pitchSemitones, +pitchSemitones], duration kept
  float pitchSemitones = 2.0f;
  bool bandLimit = false;        ///< low-pass (random cutoff 3–6 kHz) or telephone band-pass 300–3400 Hz
  bool reverb = false;           ///< convolution with a synthetic room impulse response (RT60 0.2–0.8 s)
  bool specAugment = false;      ///< SpecAugment masks on frame features
  int freqMasks = 2;             ///< number of frequency masks
  int freqMaskWidth = 8;         ///< max width of each, in feature columns
  int timeMasks = 2;             ///< number of time masks
  int timeMaskWidth = 20;        ///< max width of each, in frames

  bool anyWaveform() const { return gain || noise || timeShift || speed || pitch || bandLimit || reverb; }
  std::string toJson() const;
  static Result<AugmentParams> fromJson(const std::string& json);
  /// "none", "light" (gain+noise+shift), "voice" (speed 0.9-1.1 + pitch +-2 semitones: other
  /// speakers' rate and pitch), "robust" (all waveform effects + SpecAugment), or several joined
  /// by '+' ("light+voice": the effects of both, each with its own preset's ranges).
  static Result<AugmentParams> preset(const std::string& name);
};

class Augmenter {
 public:
  explicit Augmenter(AugmentParams params);
  const AugmentParams& params() const { return params_; }

  /// Returns an augmented copy of mono `samples` at `sampleRate` (length may change with speed).
  std::vector<float> applyWaveform(const std::vector<float>& samples, int sampleRate, std::mt19937_64& rng) const;
  /// SpecAugment masks in place (masked cells set to the column mean of `features`).
  void applySpecAugment(Matrix& features, std::mt19937_64& rng) const;

  // Single effects, deterministic, for tests and robustness evaluation.
  static void applyGainDb(std::vector<float>& samples, float gainDb);
  /// Adds white noise scaled so that signal power / noise power = snrDb (signal power over the
  /// whole clip). Uses rng for the noise.
  static void addNoiseAtSnr(std::vector<float>& samples, float snrDb, std::mt19937_64& rng);
  static std::vector<float> changeSpeed(const std::vector<float>& samples, int sampleRate, float factor);
  static std::vector<float> shiftPitch(const std::vector<float>& samples, int sampleRate, float semitones);
  static void telephoneBand(std::vector<float>& samples, int sampleRate);
  static void lowPass(std::vector<float>& samples, int sampleRate, float cutoffHz);
  static std::vector<float> reverberate(const std::vector<float>& samples, int sampleRate, float rt60Seconds,
                                        std::mt19937_64& rng);

 private:
  AugmentParams params_;
};

}  // namespace emo
