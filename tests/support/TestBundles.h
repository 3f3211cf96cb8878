#pragma once
// Copies of the shipped model bundle for tests that change it (its calibration, its
// normalisation) without touching models/default.
#include <QJsonObject>
#include <QString>
#include <functional>

namespace emo::test {

/// Copies the files of the source tree's models/default into `to` (created). With `normMode`
/// ("speaker", ...), the copy's model.json says that normalisation: the same weights, normalised
/// another way. False on any failure.
bool copyShippedModel(const QString& to, const QString& normMode = {});

/// Reads `folder`/model.json, lets `edit` change it and writes it back. False on any failure.
bool editModelJson(const QString& folder, const std::function<void(QJsonObject&)>& edit);

}  // namespace emo::test
