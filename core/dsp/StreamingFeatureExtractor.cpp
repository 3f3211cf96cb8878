#include "core/dsp/StreamingFeatureExtractor.h"

#include <algorithm>

#include "core/dsp/FrameEngine.h"
#include "core/dsp/Pcen.h"

namespace emo {

struct StreamingFeatureExtractor::Impl {
  Impl(const FeatureParams& p, const std::vector<FeatureKind>& k)
      : status(p.validate()), engine(status.ok() ? p : FeatureParams{}),
        pcen(engine.params(), engine.params().nMels),
        melScratch(static_cast<size_t>(FrameEngine::kMaxBlock) * engine.params().nMels) {
    for (FeatureKind kind : k)
      if (std::find(kinds.begin(), kinds.end(), kind) == kinds.end()) kinds.push_back(kind);
    const auto all = withDependencies(kinds);
    auto in = [](const std::vector<FeatureKind>& v, FeatureKind x) { return std::find(v.begin(), v.end(), x) != v.end(); };
    withF0 = in(kinds, FeatureKind::F0);
    wantDelta = in(kinds, FeatureKind::MfccDelta) || in(kinds, FeatureKind::MfccDelta2);
    needMfcc = in(all, FeatureKind::Mfcc);
    wantPcen = in(kinds, FeatureKind::Pcen);
    clear();
  }

  void clear() {
    buf.clear();
    bufBase = received = computed = emitted = histBase = 0;
    first = 0.0f;
    finished = false;
    pcen.reset();
    pending = FeatureSet{};
    for (FeatureKind k : kinds)
      if (k != FeatureKind::MfccDelta && k != FeatureKind::MfccDelta2 && k != FeatureKind::Mfcc)
        pending.getOrAdd(k, columns(k));
    hist = Matrix(0, engine.columns(FeatureKind::Mfcc));
  }

  int columns(FeatureKind k) const { return k == FeatureKind::Pcen ? engine.params().nMels : engine.columns(k); }

  // Appends n rows to m; returns the first.
  static float* addRows(Matrix& m, int n) {
    m.data.resize(m.data.size() + size_t(n) * m.cols);
    m.rows += n;
    return m.row(m.rows - n);
  }

  SignalView view(bool final) const {
    SignalView v;
    v.data = buf.data();
    v.base = bufBase;
    v.length = received;
    v.first = first;
    v.last = final && !buf.empty() ? buf.back() : 0.0f;
    return v;
  }

  // Computes frames [computed, end) in blocks.
  void computeFrames(const SignalView& v, long long end) {
    while (computed < end) {
      const int n = static_cast<int>(std::min<long long>(FrameEngine::kMaxBlock, end - computed));
      FrameRows r;
      float* pcenRows = nullptr;
      for (auto& [kind, m] : pending.items) {
        float* rows = addRows(m, n);
        switch (kind) {
          case FeatureKind::PowerSpec: r.power = rows; break;
          case FeatureKind::MelPower: r.mel = rows; break;
          case FeatureKind::LogMelDb: r.logmel = rows; break;
          case FeatureKind::Zcr: r.zcr = rows; break;
          case FeatureKind::Rms: r.rms = rows; break;
          case FeatureKind::SpectralCentroid: r.centroid = rows; break;
          case FeatureKind::SpectralBandwidth: r.bandwidth = rows; break;
          case FeatureKind::Chroma: r.chroma = rows; break;
          case FeatureKind::F0: r.f0 = rows; break;
          case FeatureKind::Pcen: pcenRows = rows; break;
          default: break;  // Mfcc is written to hist and copied out at emission
        }
      }
      if (needMfcc) r.mfcc = addRows(hist, n);
      if (wantPcen && !r.mel) r.mel = melScratch.data();
      engine.computeBlock(v, computed, n, r);
      const int nMels = engine.params().nMels;
      if (pcenRows)  // PCEN is a recursion over frames: one frame after the other
        for (int i = 0; i < n; ++i) pcen.apply(r.mel + size_t(i) * nMels, pcenRows + size_t(i) * nMels);
      computed += n;
    }
  }

  // Emits frames whose features are final; totalFrames < 0 while the stream goes on.
  FeatureSet emit(long long totalFrames) {
    const int h = engine.params().deltaWidth / 2;
    long long end = computed;
    if (wantDelta && totalFrames < 0) {
      // frame e is final when mfcc up to max(e, h) + h exists
      end = std::min(end, computed - 1 - h >= h ? computed - h : 0);
    }
    const int count = static_cast<int>(std::max(0LL, end - emitted));
    FeatureSet out;
    out.frames = count;
    const long long T = totalFrames < 0 ? (1LL << 60) : totalFrames;
    for (FeatureKind k : kinds) {
      Matrix& m = out.getOrAdd(k, columns(k));
      if (k == FeatureKind::MfccDelta || k == FeatureKind::MfccDelta2) {
        for (int i = 0; i < count; ++i)
          engine.delta(hist, histBase, emitted + i, T, k == FeatureKind::MfccDelta ? 1 : 2, m.row(i));
      } else if (k == FeatureKind::Mfcc) {
        m = hist.sliceRows(static_cast<int>(emitted - histBase), static_cast<int>(emitted - histBase) + count);
      } else {
        Matrix& p = pending.getOrAdd(k, m.cols);
        m = p.sliceRows(0, count);
        p.data.erase(p.data.begin(), p.data.begin() + size_t(count) * p.cols);
        p.rows -= count;
      }
    }
    emitted += count;
    trim();
    return out;
  }

  void trim() {
    const int h = engine.params().deltaWidth / 2;
    const long long keepFrame = std::max(0LL, emitted - 2 * h - 1);
    // hist only holds rows when MFCCs are computed; without them there is nothing to drop (an
    // unguarded erase here ran past the empty matrix after ~5 s of streaming: found by the soak).
    if (needMfcc && keepFrame - histBase > 512) {
      const int drop = static_cast<int>(std::min<long long>(keepFrame - histBase, hist.rows));
      hist.data.erase(hist.data.begin(), hist.data.begin() + size_t(drop) * hist.cols);
      hist.rows -= drop;
      histBase += drop;
    }
    long long keepSample = engine.frameCenter(computed) - engine.leftExtent(withF0);
    keepSample = std::min(keepSample, received - 1);
    if (keepSample - bufBase > 65536) {
      const long long drop = keepSample - bufBase;
      buf.erase(buf.begin(), buf.begin() + drop);
      bufBase += drop;
    }
  }

  Status status;
  FrameEngine engine;  ///< built from defaults when the params are invalid (then unused)
  std::vector<FeatureKind> kinds;
  PcenFilter pcen;                ///< PCEN state of this stream (used when Pcen is wanted)
  std::vector<float> melScratch;  ///< mel power of a block when only PCEN needs it
  bool withF0 = false, wantDelta = false, needMfcc = false, wantPcen = false, finished = false;
  std::vector<float> buf;
  long long bufBase = 0, received = 0, computed = 0, emitted = 0, histBase = 0;
  float first = 0.0f;
  FeatureSet pending;  ///< computed, not yet emitted frames (non-delta kinds except Mfcc)
  Matrix hist;         ///< mfcc of frames [histBase, computed)
};

StreamingFeatureExtractor::StreamingFeatureExtractor(const FeatureParams& params,
                                                     const std::vector<FeatureKind>& kinds)
    : impl_(std::make_unique<Impl>(params, kinds)) {}
StreamingFeatureExtractor::~StreamingFeatureExtractor() = default;
StreamingFeatureExtractor::StreamingFeatureExtractor(StreamingFeatureExtractor&&) noexcept = default;
StreamingFeatureExtractor& StreamingFeatureExtractor::operator=(StreamingFeatureExtractor&&) noexcept = default;

FeatureSet StreamingFeatureExtractor::push(const float* samples, size_t n) {
  Impl& d = *impl_;
  if (!d.status.ok()) return FeatureSet{};
  if (d.finished) d.clear();  // a push after finish() starts a new stream
  if (n > 0 && d.received == 0) d.first = samples[0];
  d.buf.insert(d.buf.end(), samples, samples + n);
  d.received += static_cast<long long>(n);
  const SignalView v = d.view(false);
  const int right = d.engine.rightExtent(d.withF0);
  long long end = d.computed;
  while (d.engine.frameCenter(end) + right <= d.received) ++end;
  d.computeFrames(v, end);
  return d.emit(-1);
}

FeatureSet StreamingFeatureExtractor::finish() {
  Impl& d = *impl_;
  if (!d.status.ok()) return FeatureSet{};
  const long long T = d.engine.frameCount(d.received);
  const SignalView v = d.view(true);
  d.computeFrames(v, T);
  FeatureSet out = d.emit(T);
  d.finished = true;
  return out;
}

void StreamingFeatureExtractor::reset() { impl_->clear(); }

long long StreamingFeatureExtractor::framesEmitted() const { return impl_->emitted; }

const Status& StreamingFeatureExtractor::status() const { return impl_->status; }

}  // namespace emo
