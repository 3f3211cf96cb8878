#include "core/model/NormForModel.h"

namespace emo {

Status normaliseForModel(Matrix& x, NormMode mode, const NormStats& model, const NormStats* speaker) {
  if (mode != NormMode::Speaker) return normaliseInPlace(x, mode, model);
  if (speaker) return normaliseInPlace(x, NormMode::Speaker, *speaker);
  return normaliseInPlace(x, NormMode::Utterance, model);
}

}  // namespace emo
