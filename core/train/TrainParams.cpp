#include "core/train/TrainParams.h"

#include <nlohmann/json.hpp>

#include "core/model/TorchRuntime.h"

namespace emo {

#define EMO_TP_FIELDS(X)                                                                                   \
  X(epochs, "epochs") X(batchSize, "batch_size") X(lr, "lr") X(weightDecay, "weight_decay")                \
  X(optimizer, "optimizer") X(gradClip, "grad_clip") X(loss, "loss") X(focalGamma, "focal_gamma")         \
  X(labelSmoothing, "label_smoothing") X(oversample, "oversample") X(sampling, "sampling") X(labelMask, "label_mask")    \
  X(corpusAlpha, "corpus_alpha") X(bucketByLength, "bucket_by_length") X(patience, "patience") X(keep, "keep") X(calibrationWeighting, "calibration_weighting")                \
  X(lrPatience, "lr_patience") X(lrFactor, "lr_factor") X(minLr, "min_lr") X(lrSchedule, "lr_schedule")  \
  X(validationFraction, "validation_fraction") X(cropMinFrames, "crop_min_frames")                        \
  X(cropMaxFrames, "crop_max_frames") X(evalMaxFrames, "eval_max_frames") X(specAugment, "spec_augment")   \
  X(mixup, "mixup") X(corpusAdversary, "corpus_adversary") X(ownStatsShare, "own_stats_share")          \
  X(distillWeight, "distill_weight") X(distillTemperature, "distill_temperature") X(teacher, "teacher")        \
  X(seed, "seed") X(threads, "threads") X(device, "device")

std::string TrainParams::toJson() const {
  nlohmann::json j;
#define X(field, name) j[name] = field;
  EMO_TP_FIELDS(X)
#undef X
  return j.dump(2);
}

Result<TrainParams> TrainParams::fromJson(const std::string& text) {
  TrainParams p;
  try {
    const auto j = nlohmann::json::parse(text);
    for (auto it = j.begin(); it != j.end(); ++it) {
      bool known = false;
#define X(field, name) \
  if (it.key() == name) { it->get_to(p.field); known = true; }
      EMO_TP_FIELDS(X)
#undef X
      if (!known) return fail("training parameters: unknown key '" + it.key() + "'");
    }
  } catch (const std::exception& e) {
    return fail(std::string("training parameters: ") + e.what());
  }
  if (auto ok = p.validate(); !ok) return Error{ok.error()};
  return p;
}

Status TrainParams::validate() const {
  if (epochs < 1) return fail("epochs must be >= 1");
  if (batchSize < 1) return fail("batch size must be >= 1");
  if (!(lr > 0)) return fail("learning rate must be > 0");
  if (weightDecay < 0) return fail("weight decay must be >= 0");
  if (optimizer != "adam" && optimizer != "adamw") return fail("optimizer must be adam or adamw, not '" + optimizer + "'");
  if (loss != "ce" && loss != "weighted" && loss != "focal") return fail("loss must be ce, weighted or focal, not '" + loss + "'");
  if (cropMinFrames < 1 || cropMaxFrames < cropMinFrames) return fail("crop frames: need 1 <= min <= max");
  if (labelMask != "corpus" && labelMask != "none") return fail("label mask must be corpus or none, not '" + labelMask + "'");
  if (sampling != "shuffle" && sampling != "class" && sampling != "corpus")
    return fail("sampling must be shuffle, class or corpus, not '" + sampling + "'");
  if (oversample && sampling == "corpus") return fail("oversample is sampling 'class'; it cannot be combined with 'corpus'");
  if (!(corpusAlpha >= 0 && corpusAlpha <= 1)) return fail("corpus alpha must be in [0, 1]");
  if (validationFraction < 0 || validationFraction >= 0.9f) return fail("validation fraction must be in [0, 0.9)");
  if (keep != "best" && keep != "last") return fail("keep must be best or last, not '" + keep + "'");
  if (calibrationWeighting != "corpus" && calibrationWeighting != "clip")
    return fail("calibration weighting must be corpus or clip, not '" + calibrationWeighting + "'");
  if (lrSchedule != "plateau" && lrSchedule != "cosine")
    return fail("lr schedule must be plateau or cosine, not '" + lrSchedule + "'");
  if (!(mixup >= 0 && mixup <= 10)) return fail("mixup alpha must be in [0, 10]");
  if (!(ownStatsShare >= 0 && ownStatsShare <= 1)) return fail("own statistics share must be in [0, 1]");
  if (!(corpusAdversary >= 0 && corpusAdversary <= 10)) return fail("corpus adversary weight must be in [0, 10]");
  if (!(distillWeight >= 0 && distillWeight <= 1)) return fail("distillation weight must be in [0, 1]");
  if (!(distillTemperature > 0 && distillTemperature <= 100)) return fail("distillation temperature must be in (0, 100]");
  if (distillWeight > 0 && teacher.empty()) return fail("a distillation weight > 0 needs a teacher bundle");
  if (labelSmoothing < 0 || labelSmoothing >= 0.5f) return fail("label smoothing must be in [0, 0.5)");
  if (auto d = parseDeviceRequest(device); !d) return fail(d.error());
  return success();
}

}  // namespace emo
