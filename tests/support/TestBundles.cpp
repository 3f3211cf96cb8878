#include "support/TestBundles.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>

#include "support/TestPaths.h"

namespace emo::test {

bool copyShippedModel(const QString& to, const QString& normMode) {
  const QString from = sourceDir() + "/models/default";
  if (!QDir().mkpath(to)) return false;
  for (const QString& name : QDir(from).entryList(QDir::Files))
    if (!QFile::copy(from + '/' + name, to + '/' + name)) return false;
  if (normMode.isEmpty()) return true;
  return editModelJson(to, [&](QJsonObject& model) {
    QJsonObject norm = model["normalisation"].toObject();
    norm["mode"] = normMode;
    model["normalisation"] = norm;
  });
}

bool editModelJson(const QString& folder, const std::function<void(QJsonObject&)>& edit) {
  QFile json(folder + "/model.json");
  if (!json.open(QIODevice::ReadOnly)) return false;
  QJsonObject model = QJsonDocument::fromJson(json.readAll()).object();
  json.close();
  edit(model);
  if (!json.open(QIODevice::WriteOnly | QIODevice::Truncate)) return false;
  return json.write(QJsonDocument(model).toJson()) > 0;
}

}  // namespace emo::test
