#include "core/audio/Resampler.h"

#include <soxr.h>

#include <algorithm>
#include <cmath>
#include <string>

namespace emo {
namespace {

constexpr double kMinRate = 1.0;
constexpr double kMaxRate = 768000.0;

bool validRate(double rate) { return std::isfinite(rate) && rate >= kMinRate && rate <= kMaxRate; }

std::string rateText(double rate) {
  std::string s = std::to_string(rate);
  s.erase(s.find_last_not_of('0') + 1);
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

}  // namespace

struct Resampler::Impl {
  double inRate = 0.0;
  double outRate = 0.0;
  soxr_t soxr = nullptr;  ///< null when the rates are equal (pass-through)
  std::vector<float> scratch;
  bool flushed = false;  ///< flush() ended the stream; the next process() starts a fresh one

  ~Impl() {
    if (soxr) soxr_delete(soxr);
  }

  // Runs soxr on n input samples (n == 0 with in == nullptr flushes) and appends all output.
  void run(const float* in, size_t n, std::vector<float>& out) {
    const double ratio = outRate / inRate;
    size_t chunk = static_cast<size_t>(std::ceil(double(n) * ratio)) + 1024;
    if (scratch.size() < chunk) scratch.resize(chunk);
    chunk = scratch.size();
    size_t consumed = 0;
    for (;;) {
      size_t idone = 0;
      size_t odone = 0;
      const float* src = in ? in + consumed : nullptr;
      const size_t remaining = in ? n - consumed : 0;
      const soxr_error_t err = soxr_process(soxr, src, remaining, &idone, scratch.data(), chunk, &odone);
      out.insert(out.end(), scratch.begin(), scratch.begin() + static_cast<std::ptrdiff_t>(odone));
      consumed += idone;
      if (err || (in && idone == 0 && odone == 0)) break;  // never spin on a stalled converter
      if (in) {
        // Done when all input is taken and soxr did not fill the output buffer.
        if (consumed >= n && odone < chunk) break;
      } else if (odone == 0) {
        break;  // flush drained
      }
    }
  }
};

Resampler::Resampler() : impl_(std::make_unique<Impl>()) {}
Resampler::Resampler(Resampler&&) noexcept = default;
Resampler& Resampler::operator=(Resampler&&) noexcept = default;
Resampler::~Resampler() = default;

Result<Resampler> Resampler::create(double inputRate, double outputRate) {
  if (!validRate(inputRate))
    return fail("resampler: input rate " + rateText(inputRate) + " Hz is outside 1 Hz..768000 Hz");
  if (!validRate(outputRate))
    return fail("resampler: output rate " + rateText(outputRate) + " Hz is outside 1 Hz..768000 Hz");
  Resampler r;
  r.impl_->inRate = inputRate;
  r.impl_->outRate = outputRate;
  if (inputRate != outputRate) {
    soxr_error_t err = nullptr;
    const soxr_io_spec_t io = soxr_io_spec(SOXR_FLOAT32_I, SOXR_FLOAT32_I);
    const soxr_quality_spec_t quality = soxr_quality_spec(SOXR_HQ, 0);
    r.impl_->soxr = soxr_create(inputRate, outputRate, 1, &err, &io, &quality, nullptr);
    if (err || !r.impl_->soxr)
      return fail("resampler: libsoxr refused " + rateText(inputRate) + " -> " + rateText(outputRate) +
                  " Hz: " + (err ? std::string(err) : std::string("unknown error")));
  }
  return r;
}

void Resampler::process(const float* in, size_t n, std::vector<float>& out) {
  if (n == 0 || !in) return;
  if (!impl_->soxr) {
    out.insert(out.end(), in, in + n);
    return;
  }
  if (impl_->flushed) reset();
  impl_->run(in, n, out);
}

void Resampler::flush(std::vector<float>& out) {
  if (impl_->soxr && !impl_->flushed) impl_->run(nullptr, 0, out);
  impl_->flushed = true;
}

void Resampler::reset() {
  if (impl_->soxr) soxr_clear(impl_->soxr);
  impl_->flushed = false;
}

double Resampler::inputRate() const { return impl_->inRate; }
double Resampler::outputRate() const { return impl_->outRate; }

Result<std::vector<float>> resample(const std::vector<float>& in, double inputRate, double outputRate) {
  auto r = Resampler::create(inputRate, outputRate);
  if (!r) return Error{r.error()};
  std::vector<float> out;
  out.reserve(static_cast<size_t>(std::ceil(double(in.size()) * outputRate / inputRate)) + 16);
  r->process(in.data(), in.size(), out);
  r->flush(out);
  return out;
}

}  // namespace emo
