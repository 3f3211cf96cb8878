#include "ui/live/RecordingSpool.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QObject>
#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <filesystem>
#include <unistd.h>
#include <vector>

#include "core/audio/SpscRingBuffer.h"

namespace emo::ui {
namespace {

void put32(std::string& s, size_t at, uint32_t v) {
  for (int i = 0; i < 4; ++i) s[at + size_t(i)] = char((v >> (8 * i)) & 0xff);
}
void put16(std::string& s, size_t at, uint16_t v) {
  s[at] = char(v & 0xff);
  s[at + 1] = char(v >> 8);
}

bool writeAll(int fd, const char* p, size_t n) {
  while (n > 0) {
    const ssize_t w = ::write(fd, p, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    p += w;
    n -= size_t(w);
  }
  return true;
}

}  // namespace

std::string RecordingSpool::wavHeader(int sampleRate, int channels, long long dataBytes) {
  std::string h(44, '\0');
  const long long capped = std::min<long long>(dataBytes, 0xFFFFFFFFll - 36);
  std::memcpy(h.data(), "RIFF", 4);
  put32(h, 4, uint32_t(36 + capped));
  std::memcpy(h.data() + 8, "WAVEfmt ", 8);
  put32(h, 16, 16);
  put16(h, 20, 1);  // PCM
  put16(h, 22, uint16_t(channels));
  put32(h, 24, uint32_t(sampleRate));
  put32(h, 28, uint32_t(sampleRate * channels * 2));
  put16(h, 32, uint16_t(channels * 2));
  put16(h, 34, 16);
  std::memcpy(h.data() + 36, "data", 4);
  put32(h, 40, uint32_t(capped));
  return h;
}

RecordingSpool::RecordingSpool(RecordingSpoolParams params) : params_(std::move(params)) {
  if (!params_.freeBytes)
    params_.freeBytes = [](const std::string& folder) -> long long {
      std::error_code ec;
      const auto space = std::filesystem::space(folder, ec);
      return ec ? -1 : static_cast<long long>(space.available);
    };
}

RecordingSpool::~RecordingSpool() { finish(); }

QString RecordingSpool::start(const QString& folder, int sampleRate, int channels) {
  finish();
  if (sampleRate <= 0 || channels <= 0) return QObject::tr("Invalid recording format (%1 Hz, %2 channels).").arg(sampleRate).arg(channels);
  if (!QDir().mkpath(folder)) return QObject::tr("Cannot create the recordings folder %1.").arg(folder);
  if (const long long free = params_.freeBytes(folder.toStdString()); free >= 0 && free < params_.reserveBytes)
    return QObject::tr("The disk holding %1 is full (%2 MB free): free some space to record.")
        .arg(folder).arg(double(free) / 1e6, 0, 'f', 0);
  const QString stem = QStringLiteral("recording-") + QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
  // A name no earlier recording (finished or not) has: recording-<time>[-2, -3, ...].
  QString name = stem;
  for (int n = 2; QFile::exists(QDir(folder).filePath(name + partialSuffix())) ||
                  QFile::exists(QDir(folder).filePath(name + QStringLiteral(".wav")));
       ++n)
    name = QStringLiteral("%1-%2").arg(stem).arg(n);
  const QString path = QDir(folder).filePath(name + partialSuffix());
  fd_ = ::open(path.toLocal8Bit().constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd_ < 0) return QObject::tr("Cannot create %1: %2").arg(path, QString::fromLocal8Bit(std::strerror(errno)));
  // Held while this process writes (the kernel drops it when the process dies, even by SIGKILL):
  // another EmoScope looking for interrupted recordings leaves a locked file alone.
  ::flock(fd_, LOCK_EX | LOCK_NB);
  const std::string h = wavHeader(sampleRate, channels, 0);
  if (!writeAll(fd_, h.data(), h.size())) {
    const QString m = QObject::tr("Cannot write %1: %2").arg(path, QString::fromLocal8Bit(std::strerror(errno)));
    ::close(fd_);
    fd_ = -1;
    QFile::remove(path);
    return m;
  }
  rate_ = sampleRate;
  channels_ = channels;
  ring_ = std::make_unique<SpscRingBuffer>(size_t(params_.ringSeconds * sampleRate) * size_t(channels) + 1);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    path_ = path;
    error_.clear();
  }
  framesWritten_.store(0, std::memory_order_relaxed);
  failed_.store(false);
  stop_.store(false);
  thread_ = std::thread([this] { run(); });
  return {};
}

void RecordingSpool::write(const float* interleaved, size_t frames) {
  SpscRingBuffer* ring = ring_.get();
  if (!ring || channels_ <= 0) return;
  // Whole frames only, so the channels never shift; the rest is dropped (and counted by the ring).
  const size_t room = (ring->capacity() - ring->available()) / size_t(channels_);
  ring->write(interleaved, std::min(frames, room) * size_t(channels_));
}

void RecordingSpool::run() {
  auto lastSync = std::chrono::steady_clock::now();
  const auto syncEvery = std::chrono::milliseconds(int(params_.syncSeconds * 1000));
  while (!stop_.load()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(params_.drainMilliseconds));
    if (failed_.load()) {  // keep the ring empty; nothing more is written
      std::vector<float> sink(4096);
      while (ring_->read(sink.data(), sink.size()) > 0) {
      }
      continue;
    }
    if (!drainOnce()) continue;
    if (std::chrono::steady_clock::now() - lastSync >= syncEvery) {
      lastSync = std::chrono::steady_clock::now();
      if (!syncHeader()) continue;
      const long long free = params_.freeBytes(std::filesystem::path(path().toStdString()).parent_path().string());
      if (free >= 0 && free < params_.reserveBytes)
        fail(QObject::tr("The disk is full (%1 MB free): the recording stopped after %2 s.")
                 .arg(double(free) / 1e6, 0, 'f', 0)
                 .arg(double(framesWritten()) / rate_, 0, 'f', 1));
    }
  }
}

bool RecordingSpool::drainOnce() {
  std::vector<float> block(size_t(8192) * size_t(channels_));
  std::vector<int16_t> pcm(block.size());
  size_t n;
  while ((n = ring_->read(block.data(), block.size())) > 0) {
    for (size_t i = 0; i < n; ++i) pcm[i] = int16_t(std::lround(std::clamp(block[i], -1.0f, 1.0f) * 32767.0f));
    if (!writeAll(fd_, reinterpret_cast<const char*>(pcm.data()), n * 2)) {
      const int e = errno;
      fail(e == ENOSPC ? QObject::tr("The disk is full: the recording stopped after %1 s.")
                             .arg(double(framesWritten()) / rate_, 0, 'f', 1)
                       : QObject::tr("Writing the recording failed: %1").arg(QString::fromLocal8Bit(std::strerror(e))));
      return false;
    }
    samplesWritten_ += static_cast<long long>(n);
    framesWritten_.store(samplesWritten_ / channels_, std::memory_order_relaxed);
  }
  return true;
}

bool RecordingSpool::syncHeader() {
  const std::string h = wavHeader(rate_, channels_, framesWritten() * channels_ * 2);
  if (::pwrite(fd_, h.data(), h.size(), 0) != ssize_t(h.size()) || ::fdatasync(fd_) != 0) {
    fail(QObject::tr("Writing the recording failed: %1").arg(QString::fromLocal8Bit(std::strerror(errno))));
    return false;
  }
  return true;
}

void RecordingSpool::fail(const QString& message) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (error_.isEmpty()) error_ = message;
  }
  failed_.store(true);
}

QString RecordingSpool::finish() {
  if (!thread_.joinable()) return path();
  stop_.store(true);
  thread_.join();
  if (!failed_.load()) drainOnce();
  // What reached the disk stays: a failed write may have left a partial frame; the header counts
  // whole frames only.
  const std::string h = wavHeader(rate_, channels_, framesWritten() * channels_ * 2);
  bool ok = ::pwrite(fd_, h.data(), h.size(), 0) == ssize_t(h.size());
  ok = ::ftruncate(fd_, off_t(44 + framesWritten() * channels_ * 2)) == 0 && ok;
  ok = ::fsync(fd_) == 0 && ok;
  ::close(fd_);
  fd_ = -1;
  ring_.reset();
  samplesWritten_ = 0;
  std::lock_guard<std::mutex> lock(mutex_);
  if (!ok && error_.isEmpty()) error_ = QObject::tr("Finishing the recording failed: %1").arg(QString::fromLocal8Bit(std::strerror(errno)));
  QString done = path_;
  done.chop(partialSuffix().size());
  done += QStringLiteral(".wav");
  if (ok && QFile::rename(path_, done)) path_ = done;
  return path_;
}

QString RecordingSpool::path() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return path_;
}

QString RecordingSpool::error() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return error_;
}

}  // namespace emo::ui
