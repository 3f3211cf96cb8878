#pragma once
// Matrix: a dense row-major float matrix. Features are stored ONE ROW PER FRAME (rows = frames,
// cols = coefficients), the layout of ../shared/golden CSVs. A plain value; any thread.
#include <cstddef>
#include <vector>

namespace emo {

struct Matrix {
  int rows = 0;
  int cols = 0;
  std::vector<float> data;  ///< rows * cols values, row-major

  Matrix() = default;
  Matrix(int r, int c, float fill = 0.0f) : rows(r), cols(c), data(static_cast<size_t>(r) * c, fill) {}

  float& at(int r, int c) { return data[static_cast<size_t>(r) * cols + c]; }
  float at(int r, int c) const { return data[static_cast<size_t>(r) * cols + c]; }
  float* row(int r) { return data.data() + static_cast<size_t>(r) * cols; }
  const float* row(int r) const { return data.data() + static_cast<size_t>(r) * cols; }
  bool empty() const { return rows == 0 || cols == 0; }

  /// Appends the rows of `other` (same cols, or this empty).
  void appendRows(const Matrix& other);
  /// Concatenates columns of matrices with equal row counts: [a | b | ...].
  static Matrix hconcat(const std::vector<const Matrix*>& parts);
  /// Rows [begin, end).
  Matrix sliceRows(int begin, int end) const;
};

}  // namespace emo
