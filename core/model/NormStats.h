#pragma once
// NormStats: per-column mean and standard deviation of a model's stacked frame input, and the
// normalisation modes a bundle can use. All model input is computed from FRAME FEATURES only
// (never the waveform), so streaming inference and batch inference see the same thing.
//   global    : x' = (x - mean) / std, statistics of the whole training set
//   utterance : x' = (x - mean_of_this_input) / std; per-input mean subtraction cancels a gain
//               change of log features exactly; std is the training set's spread after that
//               subtraction
//   speaker   : x' = (x - speaker.mean) / speaker.std with the speaker's own statistics (computed
//               per training speaker; at inference from a calibrated speaker profile); without a
//               profile it falls back to "utterance" with the bundle's stats
// Plain values and pure functions; any thread.
//
//   Matrix x = stackModelInput(features, bundle->featureKinds());      // frames x inputDim
//   NormStats profile = computeNormStats({x});                           // a speaker profile
#include <functional>
#include <string>
#include <vector>

#include "core/common/Matrix.h"
#include "core/common/Result.h"
#include "core/dsp/FeatureSet.h"

namespace emo {

enum class NormMode { Global, Utterance, Speaker };

std::string normModeName(NormMode mode);               ///< "global", "utterance", "speaker"
Result<NormMode> normModeFromName(const std::string& name);

struct NormStats {
  std::vector<float> mean;  ///< per input column
  std::vector<float> std;   ///< per input column, floored at 1e-5 (never 0)

  int dim() const { return static_cast<int>(mean.size()); }
  bool empty() const { return mean.empty(); }
  std::string toJson() const;  ///< {"mean": [...], "std": [...]}
  /// Errors on missing keys, unequal sizes, non-finite values or std <= 0.
  static Result<NormStats> fromJson(const std::string& json);
};

/// The model input of a FeatureSet: the columns of `kinds` side by side (rows = frames).
/// Error if a kind is missing.
Result<Matrix> stackModelInput(const FeatureSet& features, const std::vector<FeatureKind>& kinds);

/// Running per-column sums of frames, to which whole matrices are added or from which they are
/// removed again (sign -1): statistics "of these clips but one" without a second pass.
struct FrameMoments {
  std::vector<double> sum, sq;
  double rows = 0;
  /// Adds (sign -1: removes) rows firstRow.. of m; sizes itself on the first matrix.
  void add(const Matrix& m, double sign = 1.0, int firstRow = 0);
  /// Adds m minus its own column means (the "utterance" statistics, one matrix at a time).
  void addCentred(const Matrix& m);
  NormStats stats() const;                        ///< as computeNormStats; empty if no rows
};

/// Mean and std per column over all rows of all matrices (population std, floored at 1e-5).
/// Empty input gives empty stats. All matrices must have the same column count.
NormStats computeNormStats(const std::vector<Matrix>& stackedFrames);
/// As computeNormStats, after subtracting each matrix's own column means (the "utterance" stats).
NormStats computeUtteranceNormStats(const std::vector<Matrix>& stackedFrames);

/// Either of the two above over n matrices made one at a time by nth(k) (0 <= k < n), so they
/// need not all be in memory (a streamed training set).
NormStats streamedNormStats(size_t n, const std::function<Matrix(size_t)>& nth, bool subtractOwnMean);

/// Applies a mode in place. `stats` = the bundle's stats (global/utterance) or the speaker's
/// (speaker). Error if the column count differs from stats.dim().
Status normaliseInPlace(Matrix& x, NormMode mode, const NormStats& stats);

}  // namespace emo
