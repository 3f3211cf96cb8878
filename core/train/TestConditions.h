#pragma once
// TestConditions: scoring a trained model on held-out speakers under changed recording
// conditions, for the robustness and calibration figures of docs/RESULTS.md. Each condition
// re-reads the test clips, changes the waveform (gain, additive white noise at an SNR) and
// recomputes the model's features; nothing is cached. Models with speaker normalisation score
// each condition with per-speaker statistics from that condition's own features (by the rule
// the model was trained with: SpeakerStats.h), as a speaker calibrated in the same room. They
// also measure per-speaker calibration honestly: each test speaker's profile comes from its
// own NEUTRAL clips only, and its other clips are scored with that profile and, for comparison,
// without any (the model's utterance fallback). Runs on the calling thread.
#include <limits>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/common/Result.h"
#include "core/train/FeatureDataset.h"
#include "core/train/Metrics.h"

namespace emo {

class ModelBundle;

struct TestCondition {
  std::string name;                                       ///< "clean", "gain+12dB", "snr10dB", ...
  float gainDb = 0.0f;                                    ///< applied first
  float snrDb = std::numeric_limits<float>::infinity();   ///< white noise at this SNR; inf = none
};

/// clean, gain +12 dB, gain -12 dB, white noise at 20 dB and 10 dB SNR.
std::vector<TestCondition> standardTestConditions();

struct ConditionScores {
  std::string name;
  EvalMetrics metrics;
};

/// Scores `bundle` on the clips `testIdx` of `ds` under each condition (labels matched by name;
/// clips whose label the model lacks are skipped). `seed` drives the noise.
Result<std::vector<ConditionScores>> evaluateUnderConditions(const ModelBundle& bundle, const FeatureDataset& ds,
                                                             const std::vector<int>& testIdx,
                                                             const std::vector<TestCondition>& conditions,
                                                             uint64_t seed = 1);

/// Speaker-mode models only (else an error): per test speaker, a profile from its clips labelled
/// `neutralLabel`; its other clips scored as "calibrated" (with the profile) and "uncalibrated"
/// (no profile), both over the same clips.
Result<std::vector<ConditionScores>> evaluateCalibration(const ModelBundle& bundle, const FeatureDataset& ds,
                                                         const std::vector<int>& testIdx,
                                                         const std::string& neutralLabel = "neutral");

}  // namespace emo
