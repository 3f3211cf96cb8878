#include "core/infer/FrameWindow.h"

#include <algorithm>

namespace emo {

FrameWindow::FrameWindow(std::vector<FeatureKind> kinds, int capacityFrames)
    : kinds_(std::move(kinds)), capacity_(std::max(1, capacityFrames)), rows_(kinds_.size()), cols_(kinds_.size(), 0) {}

void FrameWindow::push(const FeatureSet& frames, int row, bool speech, float levelDb) {
  for (size_t k = 0; k < kinds_.size(); ++k) {
    const Matrix& m = frames.get(kinds_[k]);
    cols_[k] = m.cols;
    if (static_cast<int>(rows_[k].size()) == capacity_) {
      // Reuse the oldest row's storage: no allocation once the window is full.
      std::vector<float> recycled = std::move(rows_[k].front());
      rows_[k].pop_front();
      recycled.assign(m.row(row), m.row(row) + m.cols);
      rows_[k].push_back(std::move(recycled));
    } else {
      rows_[k].emplace_back(m.row(row), m.row(row) + m.cols);
    }
  }
  if (static_cast<int>(speech_.size()) == capacity_) {
    speechCount_ -= speech_.front() ? 1 : 0;
    speech_.pop_front();
    levels_.pop_front();
  }
  speech_.push_back(speech);
  levels_.push_back(levelDb);
  speechCount_ += speech ? 1 : 0;
}

void FrameWindow::clear() {
  for (auto& r : rows_) r.clear();
  speech_.clear();
  levels_.clear();
  speechCount_ = 0;
}

double FrameWindow::speechFraction() const {
  return speech_.empty() ? 0.0 : double(speechCount_) / double(speech_.size());
}

double FrameWindow::speechCentre() const {
  if (speechCount_ == 0) return -1.0;
  long long sum = 0;
  for (size_t i = 0; i < speech_.size(); ++i)
    if (speech_[i]) sum += static_cast<long long>(i);
  return double(sum) / double(speechCount_);
}

void FrameWindow::popOldest() {
  if (speech_.empty()) return;
  for (auto& r : rows_)
    if (!r.empty()) r.pop_front();
  speechCount_ -= speech_.front() ? 1 : 0;
  speech_.pop_front();
  levels_.pop_front();
}

FeatureSet FrameWindow::features() const {
  FeatureSet out;
  out.frames = size();
  for (size_t k = 0; k < kinds_.size(); ++k) {
    Matrix& m = out.getOrAdd(kinds_[k], cols_[k]);
    m = Matrix(out.frames, cols_[k]);
    for (int r = 0; r < out.frames; ++r) std::copy(rows_[k][r].begin(), rows_[k][r].end(), m.row(r));
  }
  return out;
}

}  // namespace emo
