#include "ui/views/ColorMap.h"

#include <cmath>

namespace emo::ui {
namespace {

struct Anchor {
  float r, g, b;
};

// Samples of matplotlib's viridis and magma at t = 0, 1/8, ..., 1 (perceptually uniform maps).
constexpr Anchor kViridis[9] = {{0.267f, 0.005f, 0.329f}, {0.283f, 0.141f, 0.458f}, {0.254f, 0.265f, 0.530f},
                                {0.207f, 0.372f, 0.553f}, {0.164f, 0.471f, 0.558f}, {0.128f, 0.567f, 0.551f},
                                {0.135f, 0.659f, 0.518f}, {0.267f, 0.749f, 0.441f}, {0.993f, 0.906f, 0.144f}};
constexpr Anchor kMagma[9] = {{0.001f, 0.000f, 0.014f}, {0.113f, 0.065f, 0.277f}, {0.316f, 0.072f, 0.485f},
                              {0.513f, 0.148f, 0.508f}, {0.716f, 0.215f, 0.475f}, {0.904f, 0.319f, 0.382f},
                              {0.986f, 0.536f, 0.382f}, {0.996f, 0.764f, 0.544f}, {0.987f, 0.991f, 0.750f}};

}  // namespace

ColorMap::ColorMap(Kind kind) : kind_(kind) {
  const Anchor* a = kind == Kind::Viridis ? kViridis : kMagma;
  // viridis' last segment is long in hue; interpolate via an extra midpoint for smoothness.
  for (int i = 0; i < 256; ++i) {
    const float t = float(i) / 255.0f * 8.0f;
    const int k = std::min(7, int(t));
    const float f = t - float(k);
    auto mix = [&](float x, float y) { return int(std::lround(255.0f * (x + (y - x) * f))); };
    lut_[size_t(i)] = qRgb(mix(a[k].r, a[k + 1].r), mix(a[k].g, a[k + 1].g), mix(a[k].b, a[k + 1].b));
  }
}

QRgb ColorMap::at(float t) const {
  if (!(t > 0.0f)) return lut_[0];  // also NaN
  if (t >= 1.0f) return lut_[255];
  return lut_[size_t(t * 255.0f + 0.5f)];
}

QRgb ColorMap::atDb(float db, float floorDb, float topDb) const {
  const float span = topDb - floorDb;
  return at(span > 0.0f ? (db - floorDb) / span : 0.0f);
}

}  // namespace emo::ui
