#include "ui/live/RecordingRecovery.h"

#include <QDir>
#include <QFile>
#include <QObject>
#include <cstring>
#include <sys/file.h>

#include "ui/common/AppPaths.h"
#include "ui/live/RecordingSpool.h"

namespace emo::ui {
namespace {

uint32_t le32(const char* p) {
  return uint32_t(uint8_t(p[0])) | uint32_t(uint8_t(p[1])) << 8 | uint32_t(uint8_t(p[2])) << 16 |
         uint32_t(uint8_t(p[3])) << 24;
}
uint16_t le16(const char* p) { return uint16_t(uint8_t(p[0]) | uint8_t(p[1]) << 8); }

}  // namespace

QString recordingsFolder() { return AppPaths::dataRoot() + QStringLiteral("/recordings"); }

QList<InterruptedRecording> findInterruptedRecordings(const QString& folder) {
  QList<InterruptedRecording> out;
  const QDir dir(folder);
  for (const QString& name : dir.entryList({QStringLiteral("*") + RecordingSpool::partialSuffix()}, QDir::Files, QDir::Time | QDir::Reversed)) {
    QFile f(dir.filePath(name));
    if (!f.open(QIODevice::ReadOnly)) continue;
    if (::flock(f.handle(), LOCK_SH | LOCK_NB) != 0) continue;  // still being written by a running EmoScope
    const QByteArray h = f.read(44);
    if (h.size() < 44 || std::memcmp(h.constData(), "RIFF", 4) != 0 || std::memcmp(h.constData() + 36, "data", 4) != 0)
      continue;
    InterruptedRecording r;
    r.path = f.fileName();
    r.channels = le16(h.constData() + 22);
    r.sampleRate = int(le32(h.constData() + 24));
    if (r.channels <= 0 || r.sampleRate <= 0 || le16(h.constData() + 34) != 16) continue;
    const qint64 frames = (f.size() - 44) / (2 * r.channels);
    r.seconds = double(frames) / r.sampleRate;
    out << r;
  }
  return out;
}

QString recoverRecording(const InterruptedRecording& r, QString* error) {
  QFile f(r.path);
  if (!f.open(QIODevice::ReadWrite)) {
    if (error) *error = QObject::tr("Cannot open %1: %2").arg(r.path, f.errorString());
    return {};
  }
  const qint64 frames = (f.size() - 44) / (2 * r.channels);
  const qint64 bytes = frames * 2 * r.channels;
  const std::string h = RecordingSpool::wavHeader(r.sampleRate, r.channels, bytes);
  if (!f.resize(44 + bytes) || !f.seek(0) || f.write(h.data(), qint64(h.size())) != qint64(h.size()) || !f.flush()) {
    if (error) *error = QObject::tr("Cannot repair %1: %2").arg(r.path, f.errorString());
    return {};
  }
  f.close();
  QString done = r.path;
  done.chop(RecordingSpool::partialSuffix().size());
  done += QStringLiteral(".wav");
  for (int n = 2; QFile::exists(done); ++n) {
    done = r.path;
    done.chop(RecordingSpool::partialSuffix().size());
    done += QStringLiteral("-recovered%1.wav").arg(n == 2 ? QString() : QString::number(n));
  }
  if (!QFile::rename(r.path, done)) {
    if (error) *error = QObject::tr("Cannot rename %1 to %2.").arg(r.path, done);
    return {};
  }
  return done;
}

}  // namespace emo::ui
