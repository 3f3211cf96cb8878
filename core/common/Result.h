#pragma once
// Result<T>: the value of a core call that can fail, or a clear message saying why it failed.
// Core functions return it instead of throwing; library exceptions (libtorch, I/O) are caught at
// the core boundary and turned into an Error. Any thread may use it; it is a plain value.
//
//   emo::Result<emo::AudioBuffer> audio = emo::readAudioMono("clip.wav");
//   if (!audio) { std::cerr << audio.error() << "\n"; return 1; }
//   use(audio.value());
#include <string>
#include <utility>
#include <variant>

namespace emo {

/// A failure with a message a user can act on ("clip.wav: not an audio file (…)").
struct Error {
  std::string message;
};

template <class T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}   // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}  // NOLINT: implicit by design

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }

  /// The failure message; empty when ok().
  const std::string& error() const {
    static const std::string none;
    return ok() ? none : std::get<1>(v_).message;
  }

 private:
  std::variant<T, Error> v_;
};

/// Outcome of an operation that returns no value.
struct Done {};
using Status = Result<Done>;
inline Status success() { return Done{}; }
inline Error fail(std::string message) { return Error{std::move(message)}; }

}  // namespace emo
