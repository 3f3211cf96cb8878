// Fuzz target: streaming-analysis parameters (StreamParams::fromJson, core/infer; the GUI's and
// CLI's --stream-params JSON). Invariants: no crash, leak or UB; accepted parameters are in the
// documented ranges and survive toJson -> fromJson unchanged.
#include "FuzzSupport.h"
#include "core/infer/EmotionFrame.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto p = emo::StreamParams::fromJson(std::string(reinterpret_cast<const char*>(data), size));
  if (!p) return 0;
  FUZZ_CHECK(p->windowSeconds >= 0.2 && p->windowSeconds <= 30, "window in 0.2..30 s");
  FUZZ_CHECK(p->hopSeconds >= 0.01 && p->hopSeconds <= p->windowSeconds, "hop in 0.01 s..window");
  FUZZ_CHECK(p->minSpeechFraction >= 0 && p->minSpeechFraction <= 1, "speech fraction in 0..1");
  FUZZ_CHECK(p->smoothingSeconds >= 0, "smoothing >= 0");
  auto again = emo::StreamParams::fromJson(p->toJson());
  FUZZ_CHECK(again.ok(), "toJson output parses");
  FUZZ_CHECK(again->windowSeconds == p->windowSeconds && again->hopSeconds == p->hopSeconds &&
                 again->gateDb == p->gateDb && again->noiseMarginDb == p->noiseMarginDb &&
                 again->minSpeechFraction == p->minSpeechFraction && again->smoothingSeconds == p->smoothingSeconds,
             "round trip keeps every field");
  return 0;
}
