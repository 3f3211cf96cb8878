// Fuzz target: feature-parameter JSON (core/dsp; the "feature_params" of model bundles and
// profiles, and --feature-params files). FeatureParams::fromJson on the input; when it parses:
// toJson -> fromJson must give equal parameters. When validate() also accepts them, the
// parameters are used: FeatureExtractor computes every feature kind on ~24 hops of a fixed
// signal (silence, then a tone with noise), and StreamingFeatureExtractor computes the same in
// two pushes + finish(). Invariants: no crash, leak or UB; features are finite; streaming gives
// the same frame count and values as whole-signal extraction (documented as exact; 1e-3 allowed).
#include <algorithm>
#include <cmath>
#include <vector>

#include "FuzzSupport.h"
#include "core/dsp/FeatureExtractor.h"
#include "core/dsp/StreamingFeatureExtractor.h"

namespace {

std::vector<float> testSignal(const emo::FeatureParams& p) {
  const size_t n = std::min<size_t>(static_cast<size_t>(p.hopLength) * 24, size_t{1} << 17);
  std::vector<float> x(n, 0.0f);
  uint32_t lcg = 12345;
  for (size_t i = n / 4; i < n; ++i) {
    lcg = lcg * 1664525u + 1013904223u;
    const float noise = static_cast<float>(lcg >> 8) / 16777216.0f - 0.5f;
    x[i] = 0.5f * std::sin(2.0f * 3.14159265f * 220.0f * static_cast<float>(i) / p.sampleRate) + 0.1f * noise;
  }
  return x;
}

void append(emo::FeatureSet& all, const emo::FeatureSet& part) {
  for (const auto& [kind, m] : part.items) all.getOrAdd(kind, m.cols).appendRows(m);
  all.frames += part.frames;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto p = emo::FeatureParams::fromJson(std::string(reinterpret_cast<const char*>(data), size));
  if (!p) return 0;
  auto again = emo::FeatureParams::fromJson(p->toJson());
  FUZZ_CHECK(again.ok() && *again == *p, "toJson -> fromJson round trip");
  if (!p->validate()) return 0;

  // validate() bounds the F0 frame (at most 65536 samples, three FFTs a frame), so every feature is computed.
  const std::vector<emo::FeatureKind> kinds = emo::allFeatureKinds();
  const std::vector<float> x = testSignal(*p);
  emo::FeatureExtractor fx(*p);
  const emo::FeatureSet batch = fx.compute(x.data(), x.size(), kinds);
  FUZZ_CHECK(batch.frames == fx.frameCount(x.size()), "frameCount() matches compute()");
  for (const auto& [kind, m] : batch.items) {
    FUZZ_CHECK(m.rows == batch.frames, "rows = frames");
    for (float v : m.data) FUZZ_CHECK(std::isfinite(v), "finite features");
  }

  emo::StreamingFeatureExtractor sx(*p, kinds);
  emo::FeatureSet streamed;
  const size_t cut = x.size() / 3;
  append(streamed, sx.push(x.data(), cut));
  append(streamed, sx.push(x.data() + cut, x.size() - cut));
  append(streamed, sx.finish());
  FUZZ_CHECK(streamed.frames == batch.frames, "streaming frame count = batch");
  for (const auto& [kind, m] : batch.items) {
    if (!streamed.has(kind)) continue;  // batch may add kinds a requested kind depends on
    const emo::Matrix& s = streamed.get(kind);
    FUZZ_CHECK(s.rows == m.rows && s.cols == m.cols, "streaming matrix shape = batch");
    for (size_t i = 0; i < m.data.size(); ++i)
      FUZZ_CHECK(std::abs(s.data[i] - m.data[i]) <= 1e-3f * (1.0f + std::abs(m.data[i])), "streaming = batch");
  }
  return 0;
}
