// A TorchScript module exported from Python (torch.jit.script / trace) as an EmoScope network.
// Contract: forward(x: Tensor[B, T, D] float32, lengths: Tensor[B] int64) -> logits Tensor[B, K].
// TorchScript is code: loading one runs operations its author chose, so ModelBundle::load only
// does it when the caller says the source is trusted.
#include <torch/script.h>

#include "core/model/BundleImpl.h"
#include "core/model/Networks.h"

namespace emo {
namespace {

struct TorchScriptNetImpl : EmoNetImpl {
  explicit TorchScriptNetImpl(torch::jit::Module m) : module(std::move(m)) { module.eval(); }

  torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& lengths) override {
    torch::jit::IValue out = module.forward({x, lengths});
    if (!out.isTensor()) throw std::runtime_error("the TorchScript module's forward did not return a tensor");
    torch::Tensor logits = out.toTensor();
    if (logits.dim() != 2 || logits.size(0) != x.size(0))
      throw std::runtime_error("the TorchScript module returned shape " + c10::str(logits.sizes()) +
                               ", expected [batch, classes]");
    return logits.to(torch::kFloat32);
  }

  void to(torch::Device device, bool nonBlocking) override {
    module.to(device, nonBlocking);
    EmoNetImpl::to(device, nonBlocking);
  }

  mutable torch::jit::Module module;
};

}  // namespace

Result<EmoNetPtr> loadTorchScriptNetwork(const std::string& path, long long* parameters) {
  try {
    auto net = std::make_shared<TorchScriptNetImpl>(torch::jit::load(path, torch::kCPU));
    if (parameters) {
      *parameters = 0;
      for (const torch::Tensor& p : net->module.parameters()) *parameters += p.numel();
    }
    return EmoNetPtr(net);
  } catch (const std::exception& e) {
    std::string what = e.what();
    if (const auto nl = what.find('\n'); nl != std::string::npos) what.resize(nl);
    return fail(path + ": not a loadable TorchScript module (" + what + ")");
  }
}

Status saveTorchScriptNetwork(EmoNetImpl& net, const std::string& path) {
  auto* ts = dynamic_cast<TorchScriptNetImpl*>(&net);
  if (!ts) return fail("not a TorchScript network");
  return writeTorchFile(path, [&](std::ostream& out) { ts->module.save(out); });
}

}  // namespace emo
