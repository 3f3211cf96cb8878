#include "ui/review/PredictionCache.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>
#include <algorithm>

#include "core/model/ModelBundle.h"

namespace emo::ui {

PredictionCache::PredictionCache()
    : dir_(QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/predictions")) {}

QString PredictionCache::modelKey(const ModelBundle* model) {
  if (!model) return {};
  const std::string json = model->info().toJson();
  return QString::fromLatin1(
      QCryptographicHash::hash(QByteArray::fromStdString(json), QCryptographicHash::Sha1).toHex().left(16));
}

QString PredictionCache::fileKey(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return {};
  QCryptographicHash h(QCryptographicHash::Sha1);
  if (!h.addData(&f)) return {};
  return QString::fromLatin1(h.result().toHex());
}

QString PredictionCache::pathFor(const QString& modelKey, const QString& fileKey) const {
  return dir_ + QLatin1Char('/') + modelKey + QLatin1Char('-') + fileKey + QStringLiteral(".json");
}

std::optional<std::vector<TimelineSegment>> PredictionCache::find(const QString& modelKey, const QString& fileKey) const {
  if (modelKey.isEmpty() || fileKey.isEmpty()) return std::nullopt;
  QFile f(pathFor(modelKey, fileKey));
  if (!f.open(QIODevice::ReadOnly)) return std::nullopt;
  const QJsonObject doc = QJsonDocument::fromJson(f.readAll()).object();
  if (!doc.value("tiles").isArray()) return std::nullopt;  // unreadable: predict again
  std::vector<TimelineSegment> lane;
  for (const QJsonValue& v : doc.value("tiles").toArray()) {
    const QJsonObject o = v.toObject();
    TimelineSegment t;
    t.start = o.value("start").toDouble();
    t.end = o.value("end").toDouble();
    for (const QJsonValue& p : o.value("p").toArray()) t.probabilities.push_back(static_cast<float>(p.toDouble()));
    t.speech = !t.probabilities.empty();
    if (t.speech)
      t.top = static_cast<int>(std::max_element(t.probabilities.begin(), t.probabilities.end()) - t.probabilities.begin());
    lane.push_back(std::move(t));
  }
  return lane;
}

QString PredictionCache::store(const QString& modelKey, const QString& fileKey,
                               const std::vector<TimelineSegment>& lane) const {
  if (modelKey.isEmpty() || fileKey.isEmpty()) return QStringLiteral("no cache key");
  if (!QDir().mkpath(dir_)) return QStringLiteral("cannot create %1").arg(dir_);
  QJsonArray tiles;
  for (const auto& t : lane) {
    QJsonArray p;
    for (float v : t.probabilities) p.append(static_cast<double>(v));
    tiles.append(QJsonObject{{"start", t.start}, {"end", t.end}, {"p", p}});
  }
  QSaveFile f(pathFor(modelKey, fileKey));  // atomic: a reader never sees half a file
  if (!f.open(QIODevice::WriteOnly)) return f.errorString();
  f.write(QJsonDocument(QJsonObject{{"tiles", tiles}}).toJson(QJsonDocument::Compact));
  return f.commit() ? QString() : f.errorString();
}

}  // namespace emo::ui
