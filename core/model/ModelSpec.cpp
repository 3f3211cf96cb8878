#include "core/model/ModelSpec.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "core/common/JsonInt.h"

namespace emo {

const std::vector<std::string>& modelTypeNames() {
  static const std::vector<std::string> names{"stats_conv1d", "cnn_lstm", "tim_net", "transformer", "crnn_attn", "ecapa"};
  return names;
}

std::string ModelSpec::toJson() const {
  nlohmann::json j{{"type", type},     {"input_dim", inputDim}, {"num_classes", numClasses},
                   {"channels", channels}, {"hidden", hidden}, {"layers", layers},
                   {"heads", heads},   {"dropout", dropout}, {"members", members}};
  return j.dump(2);
}

Result<ModelSpec> ModelSpec::fromJson(const std::string& text) {
  ModelSpec s;
  try {
    const auto j = nlohmann::json::parse(text);
    if (!j.is_object()) return fail("architecture: expected a JSON object");
    for (auto it = j.begin(); it != j.end(); ++it) {
      const std::string& k = it.key();
      if (k == "type") s.type = it->get<std::string>();
      else if (k == "input_dim") s.inputDim = jsonInt<int>(*it, k);
      else if (k == "num_classes") s.numClasses = jsonInt<int>(*it, k);
      else if (k == "channels") s.channels = jsonInt<int>(*it, k);
      else if (k == "hidden") s.hidden = jsonInt<int>(*it, k);
      else if (k == "layers") s.layers = jsonInt<int>(*it, k);
      else if (k == "heads") s.heads = jsonInt<int>(*it, k);
      else if (k == "dropout") s.dropout = it->get<float>();
      else if (k == "members") s.members = jsonInt<int>(*it, k);
      else return fail("architecture: unknown key '" + k + "'");
    }
  } catch (const std::exception& e) {
    return fail(std::string("architecture: ") + e.what());
  }
  if (auto ok = s.validate(); !ok) return Error{ok.error()};
  return s;
}

Status ModelSpec::validate() const {
  const auto& names = modelTypeNames();
  if (std::find(names.begin(), names.end(), type) == names.end()) {
    std::string all;
    for (const auto& n : names) all += (all.empty() ? "" : ", ") + n;
    return fail("unknown model type '" + type + "' (choose one of: " + all + ")");
  }
  if (inputDim < 1 || numClasses < 2 || channels < 1 || hidden < 2 || layers < 1 || layers > 12 || heads < 1)
    return fail("architecture of '" + type + "': sizes out of range (input_dim >= 1, num_classes >= 2, "
                "channels >= 1, hidden >= 2, 1 <= layers <= 12, heads >= 1)");
  if (!(dropout >= 0.0f && dropout < 1.0f)) return fail("architecture: dropout must be in [0, 1)");
  if (members < 1 || members > kMaxMembers)
    return fail("architecture: members (ensemble size) must be in 1.." + std::to_string(kMaxMembers));
  if (type == "transformer" && (hidden % heads != 0 || hidden % 2 != 0))
    return fail("architecture of 'transformer': hidden must be even and divisible by heads");
  if (type == "ecapa" && (heads < 2 || channels % heads != 0))
    return fail("architecture of 'ecapa': heads (the Res2 scale) must be >= 2 and divide channels");
  return success();
}

Result<ModelSpec> ModelSpec::defaults(const std::string& type, int inputDim, int numClasses) {
  ModelSpec s;
  s.type = type;
  s.inputDim = inputDim;
  s.numClasses = numClasses;
  if (type == "stats_conv1d") { s.channels = 32; s.hidden = 128; s.layers = 2; }
  else if (type == "cnn_lstm") { s.channels = 64; s.hidden = 64; s.layers = 2; }
  else if (type == "tim_net") { s.channels = 48; s.hidden = 48; s.layers = 8; s.dropout = 0.2f; }
  else if (type == "transformer") { s.channels = 64; s.hidden = 64; s.layers = 2; s.heads = 4; }
  else if (type == "crnn_attn") { s.channels = 96; s.hidden = 64; s.layers = 3; }
  else if (type == "ecapa") { s.channels = 64; s.hidden = 80; s.layers = 3; s.heads = 4; }  // ~ crnn_attn's parameters
  if (auto ok = s.validate(); !ok) return Error{ok.error()};
  return s;
}

}  // namespace emo
