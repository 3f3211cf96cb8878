#pragma once
// Helpers for the DSP tests: read ../shared/golden CSV tables and raw float32 inputs.
#include <QFile>
#include <QString>
#include <QStringList>

#include <vector>

#include "core/common/Matrix.h"

namespace emo::test {

/// A CSV table of doubles (no header), rows x cols; rows == 0 when the file is missing or ragged.
struct Table {
  int rows = 0;
  int cols = 0;
  std::vector<double> v;
  double at(int r, int c) const { return v[size_t(r) * cols + c]; }
};

inline Table readCsv(const QString& path) {
  Table t;
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly | QIODevice::Text)) return t;
  while (!f.atEnd()) {
    const QString line = QString::fromLatin1(f.readLine()).trimmed();
    if (line.isEmpty()) continue;
    const QStringList parts = line.split(',');
    if (t.rows == 0) t.cols = int(parts.size());
    if (int(parts.size()) != t.cols) return Table{};
    for (const QString& p : parts) t.v.push_back(p.toDouble());
    ++t.rows;
  }
  return t;
}

inline std::vector<float> readF32(const QString& path) {
  QFile f(path);
  std::vector<float> out;
  if (!f.open(QIODevice::ReadOnly)) return out;
  const QByteArray bytes = f.readAll();
  out.resize(size_t(bytes.size()) / sizeof(float));
  memcpy(out.data(), bytes.constData(), out.size() * sizeof(float));
  return out;
}

}  // namespace emo::test
