#include "core/dsp/FeatureExtractor.h"

#include <algorithm>

#include "core/dsp/FrameEngine.h"
#include "core/dsp/Pcen.h"

namespace emo {

struct FeatureExtractor::Impl {
  explicit Impl(const FeatureParams& p)
      : params(p), status(p.validate()), engine(status.ok() ? p : FeatureParams{}) {}
  FeatureParams params;
  Status status;
  FrameEngine engine;  ///< built from defaults when params are invalid (then unused)
};

FeatureExtractor::FeatureExtractor(const FeatureParams& params) : impl_(std::make_unique<Impl>(params)) {}
FeatureExtractor::~FeatureExtractor() = default;
FeatureExtractor::FeatureExtractor(FeatureExtractor&&) noexcept = default;
FeatureExtractor& FeatureExtractor::operator=(FeatureExtractor&&) noexcept = default;

const FeatureParams& FeatureExtractor::params() const { return impl_->params; }

const Status& FeatureExtractor::status() const { return impl_->status; }

int FeatureExtractor::frameCount(size_t n) const {
  if (!impl_->status.ok()) return 0;
  return static_cast<int>(impl_->engine.frameCount(static_cast<long long>(n)));
}

FeatureSet FeatureExtractor::compute(const float* samples, size_t n, const std::vector<FeatureKind>& kinds) {
  FrameEngine& engine = impl_->engine;
  FeatureSet out;
  if (!impl_->status.ok()) return out;
  out.frames = frameCount(n);
  const int T = out.frames;
  for (FeatureKind k : kinds)
    if (!out.has(k)) out.getOrAdd(k, k == FeatureKind::Pcen ? impl_->params.nMels : engine.columns(k));
  // PCEN runs over the mel power frames in time order, after them.
  const bool pcen = out.has(FeatureKind::Pcen);
  Matrix localMel;
  if (pcen && !out.has(FeatureKind::MelPower)) localMel = Matrix(T, impl_->params.nMels);
  const std::vector<FeatureKind> all = withDependencies(kinds);
  const bool needMfcc = std::find(all.begin(), all.end(), FeatureKind::Mfcc) != all.end();
  Matrix localMfcc;
  Matrix* mfcc = nullptr;
  if (needMfcc) {
    if (out.has(FeatureKind::Mfcc)) {
      mfcc = &out.getOrAdd(FeatureKind::Mfcc, engine.columns(FeatureKind::Mfcc));
    } else {
      localMfcc = Matrix(T, engine.columns(FeatureKind::Mfcc));
      mfcc = &localMfcc;
    }
  }
  auto rowOf = [&](FeatureKind k, int t) -> float* {
    for (auto& item : out.items)
      if (item.first == k) return item.second.row(t);
    return nullptr;
  };
  // Column pointers looked up once; rows advance by stride.
  struct Col { float* base; int cols; };
  auto col = [&](FeatureKind k) -> Col {
    float* p = T > 0 ? rowOf(k, 0) : nullptr;
    return {p, engine.columns(k)};
  };
  const Col power = col(FeatureKind::PowerSpec),
            mel = localMel.rows > 0 ? Col{localMel.row(0), localMel.cols} : col(FeatureKind::MelPower),
            logmel = col(FeatureKind::LogMelDb), zcr = col(FeatureKind::Zcr), rms = col(FeatureKind::Rms),
            centroid = col(FeatureKind::SpectralCentroid), bandwidth = col(FeatureKind::SpectralBandwidth),
            chroma = col(FeatureKind::Chroma), f0 = col(FeatureKind::F0);
  auto at = [](const Col& c, int t) { return c.base ? c.base + size_t(t) * c.cols : nullptr; };
  SignalView view;
  view.data = samples;
  view.length = static_cast<long long>(n);
  if (n > 0) {
    view.first = samples[0];
    view.last = samples[n - 1];
  }
  for (int t = 0; t < T; t += FrameEngine::kMaxBlock) {  // rows of a block follow each other
    FrameRows r;
    r.power = at(power, t);
    r.mel = at(mel, t);
    r.logmel = at(logmel, t);
    r.mfcc = mfcc ? mfcc->row(t) : nullptr;
    r.zcr = at(zcr, t);
    r.rms = at(rms, t);
    r.centroid = at(centroid, t);
    r.bandwidth = at(bandwidth, t);
    r.chroma = at(chroma, t);
    r.f0 = at(f0, t);
    engine.computeBlock(view, t, std::min(FrameEngine::kMaxBlock, T - t), r);
  }
  if (pcen && T > 0) {
    PcenFilter filter(impl_->params, impl_->params.nMels);
    Matrix& m = out.getOrAdd(FeatureKind::Pcen, impl_->params.nMels);
    for (int t = 0; t < T; ++t) filter.apply(at(mel, t), m.row(t));
  }
  for (int order = 1; order <= 2; ++order) {
    const FeatureKind k = order == 1 ? FeatureKind::MfccDelta : FeatureKind::MfccDelta2;
    if (!out.has(k)) continue;
    Matrix& m = out.getOrAdd(k, engine.columns(k));
    for (int t = 0; t < T; ++t) engine.delta(*mfcc, 0, t, T, order, m.row(t));
  }
  return out;
}

}  // namespace emo
