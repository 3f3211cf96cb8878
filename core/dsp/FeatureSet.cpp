#include "core/dsp/FeatureSet.h"

#include <stdexcept>

namespace emo {
namespace {

struct KindInfo {
  FeatureKind kind;
  const char* name;
};

const KindInfo kKinds[] = {
    {FeatureKind::PowerSpec, "power_spec"},
    {FeatureKind::MelPower, "mel_power"},
    {FeatureKind::LogMelDb, "logmel_db"},
    {FeatureKind::Pcen, "pcen"},
    {FeatureKind::Mfcc, "mfcc"},
    {FeatureKind::MfccDelta, "mfcc_delta"},
    {FeatureKind::MfccDelta2, "mfcc_delta2"},
    {FeatureKind::Zcr, "zcr"},
    {FeatureKind::Rms, "rms"},
    {FeatureKind::SpectralCentroid, "spectral_centroid"},
    {FeatureKind::SpectralBandwidth, "spectral_bandwidth"},
    {FeatureKind::Chroma, "chroma"},
    {FeatureKind::F0, "f0"},
};

}  // namespace

const std::vector<FeatureKind>& allFeatureKinds() {
  static const std::vector<FeatureKind> all = [] {
    std::vector<FeatureKind> v;
    for (const auto& k : kKinds) v.push_back(k.kind);
    return v;
  }();
  return all;
}

std::string featureName(FeatureKind kind) {
  for (const auto& k : kKinds)
    if (k.kind == kind) return k.name;
  return "unknown";
}

std::string featureFileName(FeatureKind kind) { return featureName(kind) + ".csv"; }

std::string featureKindNames() {
  std::string names;
  for (const auto& k : kKinds) names += (names.empty() ? "" : ", ") + std::string(k.name);
  return names;
}

Result<FeatureKind> featureKindFromName(const std::string& name) {
  for (const auto& k : kKinds)
    if (name == k.name) return k.kind;
  return fail("unknown feature '" + name + "' (known: " + featureKindNames() + ")");
}

const std::vector<FeatureKind>& seedFeatureKinds() {
  static const std::vector<FeatureKind> seed = {
      FeatureKind::LogMelDb, FeatureKind::Mfcc,  FeatureKind::MfccDelta,
      FeatureKind::MfccDelta2, FeatureKind::Zcr, FeatureKind::Rms,
      FeatureKind::SpectralCentroid, FeatureKind::SpectralBandwidth, FeatureKind::Chroma};
  return seed;
}

bool FeatureSet::has(FeatureKind kind) const {
  for (const auto& item : items)
    if (item.first == kind) return true;
  return false;
}

const Matrix& FeatureSet::get(FeatureKind kind) const {
  for (const auto& item : items)
    if (item.first == kind) return item.second;
  throw std::out_of_range("FeatureSet: no feature '" + featureName(kind) + "'");
}

Matrix& FeatureSet::getOrAdd(FeatureKind kind, int cols) {
  for (auto& item : items)
    if (item.first == kind) return item.second;
  items.emplace_back(kind, Matrix(frames, cols));
  return items.back().second;
}

Matrix FeatureSet::stack(const std::vector<FeatureKind>& kinds) const {
  std::vector<const Matrix*> parts;
  for (FeatureKind k : kinds) parts.push_back(&get(k));
  return Matrix::hconcat(parts);
}

}  // namespace emo
