#pragma once
// ColorMap: a perceptual colour map (viridis or magma) as a 256-entry lookup table, for the
// spectrogram. A plain value; any thread (build once, read from many).
#include <QRgb>
#include <array>

namespace emo::ui {

class ColorMap {
 public:
  enum class Kind { Viridis, Magma };
  explicit ColorMap(Kind kind = Kind::Viridis);

  /// Colour of t in [0, 1] (clamped; NaN maps to 0).
  QRgb at(float t) const;
  /// Colour of a dB value scaled linearly between floorDb (-> 0) and topDb (-> 1).
  QRgb atDb(float db, float floorDb, float topDb) const;
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
  std::array<QRgb, 256> lut_{};
};

}  // namespace emo::ui
