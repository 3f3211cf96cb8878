#include "ui/live/ProfileLibrary.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <nlohmann/json.hpp>

#include "core/common/AtomicFile.h"
#include "core/infer/SpeakerProfile.h"
#include "core/model/ModelBundle.h"
#include "ui/common/AppPaths.h"

namespace emo::ui {
namespace {
const QString kSuffix = QString::fromLatin1(profileSuffix());
}

ProfileLibrary::ProfileLibrary(QString folder) : folder_(std::move(folder)) {}

QString ProfileLibrary::defaultFolder() { return AppPaths::profilesFolder(); }

QString ProfileLibrary::pathOf(const QString& name) const { return QDir(folder_).filePath(name + kSuffix); }

QStringList ProfileLibrary::names() const {
  QStringList out;
  for (const std::string& name : listSpeakerProfiles(QFile::encodeName(folder_).toStdString()))
    out << QFile::decodeName(QByteArray::fromStdString(name));
  return out;
}

bool ProfileLibrary::contains(const QString& name) const { return QFileInfo::exists(pathOf(name)); }

QString ProfileLibrary::checkName(const QString& name) {
  if (name.trimmed().isEmpty()) return QObject::tr("A profile needs a name.");
  if (name.size() > 60) return QObject::tr("The profile name is too long (60 characters at most).");
  if (name.contains(QRegularExpression(QStringLiteral("[/\\\\:*?\"<>|]"))) || name.startsWith(QLatin1Char('.')))
    return QObject::tr("A profile name cannot contain / \\ : * ? \" < > | or start with a dot.");
  return {};
}

std::shared_ptr<const NormStats> ProfileLibrary::load(const QString& name, const ModelBundle& model,
                                                      QString* error) const {
  Result<NormStats> stats = loadProfileStatsForModel(pathOf(name).toStdString(), model);
  if (!stats) {
    if (error) *error = QObject::tr("Speaker profile \"%1\": %2").arg(name, QString::fromStdString(stats.error()));
    return nullptr;
  }
  return std::make_shared<const NormStats>(std::move(stats.value()));
}

QString ProfileLibrary::create(const QString& name, const ModelBundle& model, const std::vector<float>& samples,
                               int sampleRate) const {
  if (QString e = checkName(name); !e.isEmpty()) return e;
  AudioBuffer recording;
  recording.samples = samples;
  recording.sampleRate = sampleRate;
  Result<SpeakerProfile> profile = makeSpeakerProfile(name.toStdString(), model, {recording});
  if (!profile) return QString::fromStdString(profile.error());
  Status st = saveSpeakerProfile(pathOf(name).toStdString(), *profile);
  return st ? QString() : QString::fromStdString(st.error());
}

QString ProfileLibrary::rename(const QString& from, const QString& to) const {
  if (QString e = checkName(to); !e.isEmpty()) return e;
  if (!contains(from)) return QObject::tr("No speaker profile named \"%1\".").arg(from);
  if (contains(to)) return QObject::tr("A profile named \"%1\" exists already.").arg(to);
  QFile f(pathOf(from));
  QFile in(pathOf(from));
  if (!in.open(QIODevice::ReadOnly)) return in.errorString();
  nlohmann::json j = nlohmann::json::parse(in.readAll().toStdString(), nullptr, false);
  in.close();
  if (j.is_object()) {
    j["name"] = to.toStdString();
    Status st = writeFileAtomically(pathOf(to).toStdString(), j.dump(1));
    if (!st) return QString::fromStdString(st.error());
    return QFile::remove(pathOf(from)) ? QString() : QObject::tr("cannot remove the old file");
  }
  return f.rename(pathOf(to)) ? QString() : f.errorString();
}

QString ProfileLibrary::remove(const QString& name) const {
  if (!contains(name)) return QObject::tr("No speaker profile named \"%1\".").arg(name);
  return QFile::remove(pathOf(name)) ? QString() : QObject::tr("cannot delete %1").arg(pathOf(name));
}

}  // namespace emo::ui
