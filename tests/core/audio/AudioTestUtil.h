#pragma once
// Helpers shared by the audio tests (header-only): synthetic signals, raw float32 files, a tiny
// independent PCM16 WAV parser (to check libsndfile's decoding against), and error measures.
#include <QFile>
#include <QString>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#include "core/audio/AudioReader.h"

namespace emo::test {

/// Read options that keep the file's own sample rate (no resampling).
inline emo::ReadOptions nativeRate() {
  emo::ReadOptions o;
  o.targetRate = 0;
  return o;
}

constexpr double kPi = 3.14159265358979323846;

/// amplitude * sin(2 pi f t + phase) at `rate` for `n` samples.
inline std::vector<float> sine(double freq, double rate, size_t n, double amplitude = 0.5, double phase = 0.0) {
  std::vector<float> y(n);
  for (size_t i = 0; i < n; ++i) y[i] = float(amplitude * std::sin(2 * kPi * freq * double(i) / rate + phase));
  return y;
}

/// Raw little-endian float32 file (no header), e.g. golden/ravdess_48k_original.f32.
inline std::vector<float> readF32(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return {};
  const QByteArray bytes = f.readAll();
  std::vector<float> y(size_t(bytes.size()) / sizeof(float));
  std::memcpy(y.data(), bytes.constData(), y.size() * sizeof(float));
  return y;
}

/// PCM16 WAV parsed without libsndfile: channels, rate and interleaved samples (i16 / 32768).
struct Pcm16Wav {
  int channels = 0;
  int rate = 0;
  std::vector<float> interleaved;
  size_t frames() const { return channels ? interleaved.size() / size_t(channels) : 0; }
};
inline Pcm16Wav parsePcm16Wav(const QString& path) {
  Pcm16Wav w;
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return w;
  const QByteArray b = f.readAll();
  auto u32 = [&](int at) { uint32_t v; std::memcpy(&v, b.constData() + at, 4); return v; };
  auto u16 = [&](int at) { uint16_t v; std::memcpy(&v, b.constData() + at, 2); return v; };
  if (b.size() < 12 || b.left(4) != "RIFF" || b.mid(8, 4) != "WAVE") return w;
  int pos = 12;
  int bits = 0;
  while (pos + 8 <= b.size()) {
    const QByteArray id = b.mid(pos, 4);
    const uint32_t size = u32(pos + 4);
    if (id == "fmt ") {
      w.channels = u16(pos + 10);
      w.rate = int(u32(pos + 12));
      bits = u16(pos + 22);
    } else if (id == "data" && bits == 16) {
      const uint32_t avail = std::min<uint32_t>(size, uint32_t(b.size() - pos - 8));
      w.interleaved.resize(avail / 2);
      for (size_t i = 0; i < w.interleaved.size(); ++i) {
        int16_t s;
        std::memcpy(&s, b.constData() + pos + 8 + 2 * i, 2);
        w.interleaved[i] = float(s) / 32768.0f;
      }
      return w;
    }
    pos += 8 + int(size) + int(size & 1);
  }
  return w;
}

/// Max |a - b| over [begin, end) of the common length.
inline double maxAbsDiff(const std::vector<float>& a, const std::vector<float>& b, size_t begin = 0, size_t endCut = 0) {
  const size_t n = std::min(a.size(), b.size());
  double m = 0;
  for (size_t i = begin; i + endCut < n; ++i) m = std::max(m, std::abs(double(a[i]) - double(b[i])));
  return m;
}

/// 10 log10(sum ref^2 / sum (x - ref)^2) over [begin, n - endCut), x shifted by `lag` samples
/// (x[i + lag] is compared to ref[i]).
inline double snrDb(const std::vector<float>& x, const std::vector<float>& ref, long lag = 0, size_t begin = 0,
                    size_t endCut = 0) {
  double sig = 0, err = 0;
  for (size_t i = begin; i + endCut < ref.size(); ++i) {
    const long j = long(i) + lag;
    if (j < 0 || size_t(j) >= x.size()) continue;
    sig += double(ref[i]) * ref[i];
    const double d = double(x[size_t(j)]) - ref[i];
    err += d * d;
  }
  return err > 0 ? 10 * std::log10(sig / err) : 999.0;
}

/// RMS over [begin, end).
inline double rms(const std::vector<float>& y, size_t begin, size_t end) {
  double s = 0;
  for (size_t i = begin; i < end && i < y.size(); ++i) s += double(y[i]) * y[i];
  return end > begin ? std::sqrt(s / double(end - begin)) : 0.0;
}

}  // namespace emo::test
