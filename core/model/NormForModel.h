#pragma once
// normaliseForModel: how a bundle normalises one recording's stacked input, in one place for
// inference (ModelBundle::predictStacked) and training (trainingCrop), so the two cannot drift.
// A speaker-mode model uses the speaker's statistics when it has them; without them (the first
// seconds of Live, one file in `predict`, the --own-stats-share training crops) it centres the
// recording on its own mean and scales by the model's deviation ("utterance" with the model's
// statistics). Global and utterance models use the model's statistics. Pure; any thread.
#include "core/common/Result.h"
#include "core/model/NormStats.h"

namespace emo {

/// `speaker` is read for NormMode::Speaker only (nullptr = none yet).
Status normaliseForModel(Matrix& x, NormMode mode, const NormStats& model, const NormStats* speaker);

}  // namespace emo
