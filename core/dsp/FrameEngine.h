#pragma once
// FrameEngine: the per-frame arithmetic shared by FeatureExtractor and StreamingFeatureExtractor,
// so both produce bit-identical values. One FFT per frame (FFTW double precision, planned once
// per engine) feeds every spectral feature; frames are processed in blocks of up to kMaxBlock so
// the filterbank products reuse each weight row for several frames (the arithmetic of each frame
// is the same whatever the block size); nothing is allocated per frame. Internal to core/dsp.
// One engine per thread (it owns scratch buffers and an FFTW plan).
#include <memory>
#include <vector>

#include "core/common/Matrix.h"
#include "core/dsp/FeatureParams.h"
#include "core/dsp/FeatureSet.h"

namespace emo {

/// Samples [0, length) of a signal, of which [base, base + stored) are held at data[i - base].
/// Windows reaching below 0 or at/after `length` are padded (zeros; edge values for ZCR).
struct SignalView {
  const float* data = nullptr;
  long long base = 0;
  long long length = 0;
  float first = 0.0f;  ///< sample 0 (ZCR edge padding)
  float last = 0.0f;   ///< sample length-1 (ZCR edge padding)
};

/// Output rows of one frame, or of the first of a block of frames whose rows follow each other
/// (frame i of the block at ptr + i * columns of the kind); nullptr = not wanted.
struct FrameRows {
  float* power = nullptr;
  float* mel = nullptr;
  float* logmel = nullptr;
  float* mfcc = nullptr;
  float* zcr = nullptr;
  float* rms = nullptr;
  float* centroid = nullptr;
  float* bandwidth = nullptr;
  float* chroma = nullptr;
  float* f0 = nullptr;
};

class FrameEngine {
 public:
  explicit FrameEngine(const FeatureParams& p);
  ~FrameEngine();
  FrameEngine(const FrameEngine&) = delete;
  FrameEngine& operator=(const FrameEngine&) = delete;

  const FeatureParams& params() const { return p_; }
  /// Frames of a signal of n samples.
  long long frameCount(long long n) const;
  /// Centre sample of frame t.
  long long frameCenter(long long t) const;
  /// Samples before / from the centre that frame t reads (with or without F0).
  int leftExtent(bool withF0) const;
  int rightExtent(bool withF0) const;
  /// Frames computeBlock takes at once.
  static constexpr int kMaxBlock = 8;
  /// Computes the wanted rows of frame t.
  void compute(const SignalView& s, long long t, const FrameRows& out) { computeBlock(s, t, 1, out); }
  /// Computes the wanted rows of frames t0 .. t0+count-1 (count <= kMaxBlock), bit-identical to
  /// calling compute() for each.
  void computeBlock(const SignalView& s, long long t0, int count, const FrameRows& out);

  /// Delta of order 1 or 2 for frame t of T, from mfcc rows held in `mfcc` starting at frame
  /// `firstFrame` (rows max(t,h)-h .. clamped centre + h must be present). Zeros when T < width.
  void delta(const Matrix& mfcc, long long firstFrame, long long t, long long T, int order, float* out) const;

  /// Columns of each kind under these parameters.
  int columns(FeatureKind kind) const;

 private:
  struct Impl;
  FeatureParams p_;
  std::unique_ptr<Impl> d_;
};

/// `kinds` plus everything they depend on, in pipeline order, without duplicates.
std::vector<FeatureKind> withDependencies(const std::vector<FeatureKind>& kinds);

}  // namespace emo
