#pragma once
// Integer fields of JSON read from files (model.json, architectures): nlohmann's get<int>() of
// 1e20 converts out of range (undefined behaviour) and of 2^40 wraps silently. jsonInt<T>()
// accepts a JSON integer, or a float with an integral value, inside T's range, and otherwise
// throws std::invalid_argument / std::out_of_range naming the key (callers already catch
// std::exception and report it). Found by fuzz_model_json.
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <type_traits>

#include <nlohmann/json.hpp>

namespace emo {

template <class T>
T jsonInt(const nlohmann::json& v, const std::string& key) {
  static_assert(std::is_integral_v<T> && std::is_signed_v<T>, "signed integer fields only");
  constexpr auto lo = std::numeric_limits<T>::min();
  constexpr auto hi = std::numeric_limits<T>::max();
  if (v.is_number_unsigned()) {
    if (v.get<unsigned long long>() > static_cast<unsigned long long>(hi))
      throw std::out_of_range("'" + key + "' is out of range");
  } else if (v.is_number_integer()) {
    if (v.get<long long>() < lo || v.get<long long>() > hi) throw std::out_of_range("'" + key + "' is out of range");
  } else if (v.is_number_float()) {
    const double d = v.get<double>();
    if (!(d == std::floor(d))) throw std::invalid_argument("'" + key + "' must be an integer");
    // double(hi) + 1.0 is 2^31 (int) or 2^63 (long long): the first value out of range.
    if (!(d >= static_cast<double>(lo) && d < static_cast<double>(hi) + 1.0))
      throw std::out_of_range("'" + key + "' is out of range");
    return static_cast<T>(d);
  } else {
    throw std::invalid_argument("'" + key + "' must be an integer");
  }
  return static_cast<T>(v.get<long long>());
}

}  // namespace emo
