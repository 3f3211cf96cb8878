#pragma once
// Test helper for the Review tab tests: the model they run with — the installed default model,
// or else a tiny one trained here on a RAVDESS subset (seconds).
#include <QTemporaryDir>

#include "ui/common/AppContext.h"
#include "../train/TinyModel.h"

namespace emo::test {

/// Loads a model into `context` ("" or why none could be loaded); `scratch` holds a trained one.
inline QString loadReviewModel(emo::ui::AppContext& context, const QTemporaryDir& scratch) {
  const QString folder = emo::ui::AppContext::defaultModelFolder();
  if (!folder.isEmpty() && context.loadModel(folder).isEmpty()) return {};
  const QString error = trainTinyModel(scratch.path());
  if (!error.isEmpty()) return error;
  return context.loadModel(scratch.path() + "/model");
}

}  // namespace emo::test
