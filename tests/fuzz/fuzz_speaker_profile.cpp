// Fuzz target: speaker calibration profiles (SpeakerProfile::fromJson, core/infer; files under
// ~/.local/share/emoscope/profiles or given by path), including the nested feature_params and
// normalisation statistics. Invariants: no crash, leak or UB; an accepted profile survives
// toJson -> fromJson with the same kinds, parameters and statistics.
#include "FuzzSupport.h"
#include "core/infer/SpeakerProfile.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto p = emo::SpeakerProfile::fromJson(std::string(reinterpret_cast<const char*>(data), size));
  if (!p) return 0;
  auto again = emo::SpeakerProfile::fromJson(p->toJson());
  FUZZ_CHECK(again.ok(), "toJson output parses");
  FUZZ_CHECK(again->featureKinds == p->featureKinds && again->featureParamsJson == p->featureParamsJson &&
                 again->stats.mean == p->stats.mean && again->stats.std == p->stats.std,
             "round trip keeps kinds, parameters and statistics");
  return 0;
}
