#pragma once
// On-the-fly data augmentation for training (and robustness tests): waveform-level gain, additive
// noise at a chosen SNR (white, pink, brown; babble of other speakers), time shift, speed and
// pitch perturbation, low-pass / telephone band-pass, microphone colouring, synthetic room
// reverberation, low-bitrate codecs; and SpecAugment time/frequency masks on frame features.
// Each switch is independent and each has a preset of its own (AugmentParams::preset); all
// randomness comes from the caller's seeded generator, so a run is reproducible. Const methods;
// one generator per thread makes it safe on several threads.
#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "core/common/Matrix.h"
#include "core/common/Result.h"
#include "core/data/AugmentCodec.h"
#include "core/data/BabblePool.h"

namespace emo {

struct AugmentParams {
  float probability = 0.5f;      ///< chance that each enabled waveform effect is applied to a clip
  bool gain = false;             ///< random gain in [gainDbMin, gainDbMax]
  float gainDbMin = -12.0f;
  float gainDbMax = 12.0f;
  bool noise = false;            ///< additive white/pink noise at SNR in [snrDbMin, snrDbMax]
  float snrDbMin = 5.0f;
  float snrDbMax = 30.0f;
  bool brownNoise = false;       ///< noise: draw white, pink or brown (1/f^2) instead of white or pink
  bool babble = false;           ///< babble of 3-6 other training speakers (a BabblePool) at SNR in
                                 ///< [babbleSnrDbMin, babbleSnrDbMax]; skipped without a pool
  float babbleSnrDbMin = 10.0f;
  float babbleSnrDbMax = 25.0f;
  bool timeShift = false;        ///< circular-free shift: pad/cut up to maxShiftSeconds at the start
  float maxShiftSeconds = 0.25f;
  bool speed = false;            ///< speed (tempo+pitch) factor in [speedMin, speedMax] by resampling
  float speedMin = 0.9f;
  float speedMax = 1.1f;
  bool pitch = false;            ///< pitch shift in [-pitchSemitones, +pitchSemitones], duration kept
  float pitchSemitones = 2.0f;
  bool bandLimit = false;        ///< low-pass (random cutoff 3–6 kHz) or telephone band-pass 300–3400 Hz
  bool reverb = false;           ///< convolution with a synthetic room impulse response (Augmenter::reverberate)
  float rt60Min = 0.2f;          ///< reverb: reverberation time range, s
  float rt60Max = 0.8f;
  float drrDbMin = 3.0f;         ///< reverb: direct-to-reverberant energy ratio range, dB
  float drrDbMax = 3.0f;
  bool channel = false;          ///< microphone colouring, one per clip: telephone band, laptop mic or EQ tilt
                                 ///< (Augmenter::applyChannel); RMS level kept
  bool codec = false;            ///< low-bitrate codec round trip: Ogg Vorbis, Opus, GSM 6.10 or MP3, one per clip,
                                 ///< compression level in [0.6, 1] (Augmenter::applyCodec)
  bool specAugment = false;      ///< SpecAugment masks on frame features
  int freqMasks = 2;             ///< number of frequency masks
  int freqMaskWidth = 8;         ///< max width of each, in feature columns
  int timeMasks = 2;             ///< number of time masks
  int timeMaskWidth = 20;        ///< max width of each, in frames

  bool anyWaveform() const {
    return gain || noise || babble || timeShift || speed || pitch || bandLimit || reverb || channel || codec;
  }
  std::string toJson() const;
  static Result<AugmentParams> fromJson(const std::string& json);
  /// "none", "light" (gain+noise+shift), "voice" (speed 0.9-1.1 + pitch +-2 semitones: other
  /// speakers' rate and pitch), "robust" (= gain+noise+shift+speed+pitch+bandlimit+reverb3+specaug,
  /// below), or one effect alone:
  ///   gain (+-12 dB), noise (white/pink/brown, SNR 5-30 dB), babble (3-6 other speakers, SNR
  ///   10-25 dB), shift (+-0.25 s), speed (0.9-1.1), pitch (+-2 semitones), bandlimit (telephone
  ///   band or low-pass 3-6 kHz), band (microphone colouring: telephone, laptop, EQ tilt),
  ///   reverb (RT60 0.2-0.8 s, DRR 0-12 dB), reverb3 (RT60 0.2-0.8 s, DRR 3 dB: robust's),
  ///   codec (Vorbis/Opus/GSM/MP3), specaug (SpecAugment masks);
  /// or several joined by '+' ("light+voice": the effects of both, each with its own preset's
  /// ranges; the later preset's ranges win for an effect both enable).
  static Result<AugmentParams> preset(const std::string& name);
};

class Augmenter {
 public:
  /// `babble`: the speech the babble effect mixes (without it, babble is skipped).
  explicit Augmenter(AugmentParams params, std::shared_ptr<const BabblePool> babble = nullptr);
  const AugmentParams& params() const { return params_; }

  /// Returns an augmented copy of mono `samples` at `sampleRate` (length may change with speed).
  /// `speaker` (Clip::speaker) keeps the clip's own speaker out of its babble.
  std::vector<float> applyWaveform(const std::vector<float>& samples, int sampleRate, std::mt19937_64& rng,
                                   const std::string& speaker = {}) const;
  /// SpecAugment masks in place (masked cells set to the column mean of `features`).
  void applySpecAugment(Matrix& features, std::mt19937_64& rng) const;

  // Single effects, deterministic, for tests and robustness evaluation.
  static void applyGainDb(std::vector<float>& samples, float gainDb);
  /// Adds white noise scaled so that signal power / noise power = snrDb (signal power over the
  /// whole clip). Uses rng for the noise.
  static void addNoiseAtSnr(std::vector<float>& samples, float snrDb, std::mt19937_64& rng);
  enum class NoiseColour { White, Pink, Brown };
  /// As addNoiseAtSnr with white, pink (Paul Kellet's filter, -3 dB/octave) or brown (white
  /// noise through a leaky integrator, pole 0.997: -6 dB/octave above ~8 Hz at 16 kHz) noise.
  static void addColouredNoise(std::vector<float>& samples, float snrDb, NoiseColour colour, std::mt19937_64& rng);
  /// Adds `noise` (same length, else nothing happens) scaled to snrDb against the whole clip.
  static void mixAtSnr(std::vector<float>& samples, const std::vector<float>& noise, float snrDb);
  static std::vector<float> changeSpeed(const std::vector<float>& samples, int sampleRate, float factor);
  static std::vector<float> shiftPitch(const std::vector<float>& samples, int sampleRate, float semitones);
  static void telephoneBand(std::vector<float>& samples, int sampleRate);
  static void lowPass(std::vector<float>& samples, int sampleRate, float cutoffHz);
  /// Convolution with a generated room impulse response: the direct path at unity, then Gaussian
  /// noise whose energy decays exponentially by 60 dB in rt60Seconds (the diffuse tail of the
  /// statistical room model; not an image-source model, so no discrete early reflections),
  /// scaled so that direct / tail energy = drrDb. Same length as the input.
  static std::vector<float> reverberate(const std::vector<float>& samples, int sampleRate, float rt60Seconds,
                                        std::mt19937_64& rng, float drrDb = 3.0f);
  enum class Channel { Telephone, Laptop, Tilt };
  /// One microphone / channel colouring, its random settings drawn from rng:
  ///   Telephone: 300-3400 Hz band-pass (8th-order Butterworth, telephoneBand) + a peaking
  ///              resonance of 0-6 dB at 1-3 kHz (handset);
  ///   Laptop:    2nd-order high-pass at 150-400 Hz, a +3..+9 dB resonance (Q 1-3) at 2-5 kHz,
  ///              4th-order low-pass at 6-7.5 kHz (small capsule in a case);
  ///   Tilt:      +-tilt dB high shelf and the opposite low shelf at 1 kHz, tilt up to 6 dB.
  /// The RMS level of the clip is restored afterwards.
  static void applyChannel(std::vector<float>& samples, int sampleRate, Channel channel, std::mt19937_64& rng);
  /// codecRoundTrip with the input kept when the codec fails (the failure is not worth a clip).
  static std::vector<float> applyCodec(const std::vector<float>& samples, int sampleRate, Codec codec, double compression);

 private:
  AugmentParams params_;
  std::shared_ptr<const BabblePool> babble_;
};

}  // namespace emo
