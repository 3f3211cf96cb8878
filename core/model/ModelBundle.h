#pragma once
// ModelBundle: a trained emotion classifier loaded from a bundle folder (model.json + weights).
// Shared and read-only after load: predict() is const and safe from several threads at once
// (each call runs under torch::NoGradGuard on its own tensors). Loading validates model.json
// (format version, labels, feature parameters, normalisation, architecture) and the weights
// (size, hash, tensor shapes) and refuses any mismatch with a message naming the file.
//
//   auto bundle = emo::ModelBundle::load("models/default");
//   if (!bundle) { std::cerr << bundle.error() << "\n"; return 1; }
//   emo::FeatureExtractor fx((*bundle)->featureParams());
//   emo::FeatureSet f = fx.compute(x.data(), x.size(), (*bundle)->featureKinds());
//   auto probs = (*bundle)->predict(f);   // in (*bundle)->labels() order, sums to 1
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/common/Result.h"
#include "core/dsp/FeatureParams.h"
#include "core/dsp/FeatureSet.h"
#include "core/model/ModelInfo.h"
#include "core/model/NormStats.h"
#include "core/model/TorchRuntime.h"

namespace emo {

class ModelBundle {
 public:
  ~ModelBundle();
  ModelBundle(const ModelBundle&) = delete;
  ModelBundle& operator=(const ModelBundle&) = delete;

  /// Loads and validates a bundle folder. allowGpu: use CUDA when available (else CPU).
  /// A bundle whose model_type is "torchscript" holds a TorchScript module exported from Python
  /// (forward(x [B,T,D] float, lengths [B] int64) -> logits [B,K]): that is code its author
  /// chose, so it is refused with an explanation unless `trustCode` is true (the caller asked
  /// the user, or the user passed --trust-model).
  static Result<std::shared_ptr<const ModelBundle>> load(const std::string& folder, bool allowGpu = false,
                                                         bool trustCode = false);
  /// Same on an explicit device (resolveComputeDevice("cuda:1") etc.); Error if the network
  /// cannot be moved there. Bundles hold CPU tensors on disk, so any bundle loads on any device.
  static Result<std::shared_ptr<const ModelBundle>> loadOn(const std::string& folder, const ComputeDevice& device,
                                                           bool trustCode = false);
  /// Whether the folder's model.json declares a TorchScript module (false if unreadable).
  static bool holdsTorchScript(const std::string& folder);

  const ModelInfo& info() const;
  const std::vector<std::string>& labels() const { return info().labels; }
  const FeatureParams& featureParams() const { return info().featureParams; }
  const std::vector<FeatureKind>& featureKinds() const { return info().featureKinds; }
  NormMode normMode() const { return info().normMode; }
  const std::string& modelType() const { return info().modelType; }
  std::string deviceName() const;
  /// Frames the model needs at least (shorter input is zero-padded internally).
  int minFrames() const;

  /// Class probabilities (labels() order, sum 1) for one input of any length >= 1 frame.
  /// `speaker`: a speaker profile's stats, used when normMode() is Speaker (else ignored);
  /// without it a speaker-mode model falls back to utterance normalisation.
  Result<std::vector<float>> predict(const FeatureSet& frames, const NormStats* speaker = nullptr) const;
  /// Several inputs in one batch (padded and masked); one probability vector per input.
  Result<std::vector<std::vector<float>>> predictBatch(const std::vector<const FeatureSet*>& inputs,
                                                       const NormStats* speaker = nullptr) const;
  /// Same on already stacked (not yet normalised) inputs, frames x info().inputDim.
  Result<std::vector<std::vector<float>>> predictStacked(const std::vector<const Matrix*>& inputs,
                                                         const NormStats* speaker = nullptr) const;

  /// The stacked input of a FeatureSet for this model (stackModelInput with featureKinds()).
  Result<Matrix> stack(const FeatureSet& frames) const;

  /// Writes this bundle to `folder` atomically (a temporary folder renamed into place; an existing
  /// bundle there is replaced only when the new one is complete). Updates weights hash/size.
  Status save(const std::string& folder) const;
  /// Replaces metrics.<key> in a saved bundle's model.json (validated first), atomically; the
  /// weights are not touched, so their size and hash stay valid.
  static Status recordMetrics(const std::string& folder, const std::string& key, const nlohmann::json& value);
  /// Replaces the confidence calibration (temperature, "uncertain" threshold) in a saved bundle's
  /// model.json and records how it was fitted as metrics.calibration, atomically; weights untouched.
  static Status recordCalibration(const std::string& folder, double temperature, double uncertainBelow,
                                  const nlohmann::json& fit);
  /// Copy of info() with other metrics (e.g. cross-validation results) for saving.
  void setMetrics(const nlohmann::json& metrics);

  /// Internal: wraps a trained network (used by the trainer); `network` is a model-layer object.
  struct Impl;
  explicit ModelBundle(std::unique_ptr<Impl> impl);
  Impl& impl() const { return *impl_; }

 private:
  /// Reads a saved bundle's model.json, lets `edit` change it, validates and writes it atomically.
  static Status updateSavedInfo(const std::string& folder, const std::function<void(ModelInfo&)>& edit);
  std::unique_ptr<Impl> impl_;
};

}  // namespace emo
