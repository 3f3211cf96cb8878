#include "ui/common/AppContext.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include "core/infer/ModelLocator.h"
#include "core/model/ModelBundle.h"
#include "core/model/TorchRuntime.h"

namespace emo::ui {

AppContext::AppContext(QObject* parent) : QObject(parent) {}

QString AppContext::loadModel(const QString& folder, bool trustCode) {
  if (folder.isEmpty())
    return tr("No model folder found. Set EMO_MODEL_DIR or install the default model (models/default).");
  Result<std::shared_ptr<const ModelBundle>> bundle = ModelBundle::load(folder.toStdString(), false, trustCode);
  if (!bundle) return QString::fromStdString(bundle.error());
  model_ = std::move(bundle.value());
  modelFolder_ = QFileInfo(folder).absoluteFilePath();
  emit modelChanged();
  return {};
}

QString AppContext::defaultModelFolder() {
  return QString::fromStdString(emo::defaultModelFolder(EMO_SOURCE_DIR));
}

QString AppContext::modelDescription() const {
  if (!model_) return tr("no model");
  QString where = modelFolder_;
  const QString src = QDir(QStringLiteral(EMO_SOURCE_DIR)).absolutePath();
  if (where.startsWith(src + QLatin1Char('/'))) where = where.mid(src.size() + 1);
  return tr("%1 (%2 classes) — %3")
      .arg(QString::fromStdString(model_->modelType()))
      .arg(model_->labels().size())
      .arg(where);
}

QString AppContext::deviceName() const {
  if (model_) return QString::fromStdString(model_->deviceName());
  return QString::fromStdString(chooseComputeDevice(false).name);
}

void AppContext::setSpeakerProfile(const QString& name, std::shared_ptr<const NormStats> stats) {
  speakerName_ = stats ? name : QString();
  speaker_ = std::move(stats);
  emit speakerProfileChanged();
}

}  // namespace emo::ui
