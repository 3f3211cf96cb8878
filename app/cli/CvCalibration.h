#pragma once
// The calibration a cv results JSON cross-fitted on its folds' out-of-fold predictions
// (calibration_crossfit.out_of_fold, core/train/CrossFitCalibration.h), for
// `emoscope-cli recalibrate --from-cv`: a bundle trained with the same recipe gets the
// temperature and "uncertain" threshold fitted on every speaker of the folds instead of its few
// validation speakers. Main thread of the CLI.
#include <string>

#include <nlohmann/json.hpp>

#include "core/common/Result.h"

namespace emo {
class ModelBundle;
}

namespace emo::cli {

struct CvCalibration {
  double temperature = 1.0;
  double uncertainBelow = 0.0;
  nlohmann::json record;  ///< what model.json's metrics.calibration keeps: the fit, its file, its folds' ECE
};

/// Reads `path` (cv --group speaker --json with calibration_crossfit) and checks that its recipe
/// is the bundle's: the same model type and feature kinds and the same value for every training
/// hyperparameter both name, except those that do not shape the network's confidence on new
/// speakers (seed, threads, device, validation fraction, epoch selection). The error names the file and
/// each difference.
Result<CvCalibration> readCvCalibration(const std::string& path, const ModelBundle& bundle);

}  // namespace emo::cli
