// Fuzz target: model.json of model bundles (ModelInfo::fromJson, core/model), which also runs
// FeatureParams::fromJson/validate, featureKindFromName, NormStats::fromJson and
// ModelSpec::fromJson/validate on the nested objects. (The weights file, model.pt, is read by
// libtorch's own deserializer and is not fuzzed here.) Invariants: no crash, leak or UB; an
// accepted model.json survives toJson -> fromJson with the same labels, kinds and sizes.
#include "FuzzSupport.h"
#include "core/model/ModelInfo.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto m = emo::ModelInfo::fromJson(std::string(reinterpret_cast<const char*>(data), size));
  if (!m) return 0;
  FUZZ_CHECK(m->labels.size() >= 2, "at least 2 labels");
  FUZZ_CHECK(m->normStats.dim() == m->inputDim, "statistics match input_dim");
  auto again = emo::ModelInfo::fromJson(m->toJson());
  FUZZ_CHECK(again.ok(), "toJson output parses");
  FUZZ_CHECK(again->labels == m->labels && again->featureKinds == m->featureKinds &&
                 again->inputDim == m->inputDim && again->featureParams == m->featureParams &&
                 again->weightsHash == m->weightsHash,
             "round trip keeps labels, kinds, sizes and hash");
  return 0;
}
