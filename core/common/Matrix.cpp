#include "core/common/Matrix.h"

#include <algorithm>
#include <stdexcept>

namespace emo {

void Matrix::appendRows(const Matrix& other) {
  if (other.empty()) return;
  if (empty()) {
    *this = other;
    return;
  }
  if (other.cols != cols) throw std::invalid_argument("Matrix::appendRows: column count differs");
  data.insert(data.end(), other.data.begin(), other.data.end());
  rows += other.rows;
}

Matrix Matrix::hconcat(const std::vector<const Matrix*>& parts) {
  if (parts.empty()) return {};
  const int rows = parts.front()->rows;
  int cols = 0;
  for (const Matrix* p : parts) {
    if (p->rows != rows) throw std::invalid_argument("Matrix::hconcat: row counts differ");
    cols += p->cols;
  }
  Matrix out(rows, cols);
  for (int r = 0; r < rows; ++r) {
    float* dst = out.row(r);
    for (const Matrix* p : parts) dst = std::copy(p->row(r), p->row(r) + p->cols, dst);
  }
  return out;
}

Matrix Matrix::sliceRows(int begin, int end) const {
  begin = std::clamp(begin, 0, rows);
  end = std::clamp(end, begin, rows);
  Matrix out(end - begin, cols);
  std::copy(row(begin), row(begin) + static_cast<size_t>(end - begin) * cols, out.data.begin());
  return out;
}

}  // namespace emo
