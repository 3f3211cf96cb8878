#pragma once
// Copies of the shipped model bundle for tests that change it (its calibration, its
// normalisation) without touching models/default.
#include <QString>

namespace emo::test {

/// Copies the files of the source tree's models/default into `to` (created). With `normMode`
/// ("speaker", ...), the copy's model.json says that normalisation: the same weights, normalised
/// another way. False on any failure.
bool copyShippedModel(const QString& to, const QString& normMode = {});

}  // namespace emo::test
