#pragma once
// PredictionCache: the model lanes of clips kept on disk, keyed by the model (a hash of its
// model.json, which holds the weights' own hash, labels and normalisation) and the audio file's
// content (SHA-1 of its bytes), so reopening a folder after a restart shows every prediction
// without running the model again, and a changed file or model never reuses a stale lane.
// Files are JSON under dir() (by default <QStandardPaths::CacheLocation>/predictions), written
// atomically. A value with no shared state: copy it to a worker; any thread.
#include <QString>
#include <optional>
#include <vector>

#include "core/infer/TimelinePredictor.h"

namespace emo {
class ModelBundle;
}

namespace emo::ui {

class PredictionCache {
 public:
  /// The default folder (the per-user cache location).
  PredictionCache();
  explicit PredictionCache(QString dir) : dir_(std::move(dir)) {}
  const QString& dir() const { return dir_; }

  /// The model's part of the key ("" without a model).
  static QString modelKey(const ModelBundle* model);
  /// The file's part of the key: SHA-1 of its bytes ("" when it cannot be read).
  static QString fileKey(const QString& path);

  /// The cached lane of (model, file), if any.
  std::optional<std::vector<TimelineSegment>> find(const QString& modelKey, const QString& fileKey) const;
  /// Stores a lane; "" or why it could not be written (a cache failure loses nothing).
  QString store(const QString& modelKey, const QString& fileKey, const std::vector<TimelineSegment>& lane) const;

 private:
  QString pathFor(const QString& modelKey, const QString& fileKey) const;
  QString dir_;
};

}  // namespace emo::ui
