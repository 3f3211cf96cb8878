// Checkpoints: dir/ckpt holds weights.pt (current), best.pt (best so far), optimizer.pt and
// state.json. It is written into dir/ckpt.tmp first and renamed into place, so a kill at any
// moment leaves the previous complete checkpoint.
#include <algorithm>
#include <filesystem>
#include <numeric>

#include "core/common/AtomicFile.h"
#include "core/model/BundleImpl.h"
#include "core/train/TrainerInternal.h"

namespace fs = std::filesystem;

namespace emo::train_detail {

nlohmann::json epochToJson(const EpochLog& e) {
  return {{"epoch", e.epoch}, {"train_loss", e.trainLoss}, {"val_ua", e.valUa}, {"val_wa", e.valWa},
          {"lr", e.lr}, {"seconds", e.seconds}};
}

EpochLog epochFromJson(const nlohmann::json& j) {
  EpochLog e;
  e.epoch = j.at("epoch");
  e.trainLoss = j.at("train_loss");
  e.valUa = j.at("val_ua");
  e.valWa = j.at("val_wa");
  e.lr = j.at("lr");
  e.seconds = j.at("seconds");
  return e;
}

std::vector<torch::Tensor> snapshot(EmoNetImpl& net) {
  std::vector<torch::Tensor> out;
  for (auto& p : net.named_parameters(true)) out.push_back(p.value().detach().clone());
  for (auto& b : net.named_buffers(true)) out.push_back(b.value().detach().clone());
  return out;
}

void restore(EmoNetImpl& net, const std::vector<torch::Tensor>& weights) {
  torch::NoGradGuard guard;
  size_t i = 0;
  for (auto& p : net.named_parameters(true)) p.value().copy_(weights.at(i++));
  for (auto& b : net.named_buffers(true)) b.value().copy_(weights.at(i++));
}

namespace {
Status saveTensors(const std::vector<torch::Tensor>& ts, const std::string& path) {
  std::vector<torch::Tensor> cpu;  // checkpoints hold CPU tensors, like bundles
  for (const auto& t : ts) cpu.push_back(t.to(torch::kCPU));
  return writeTorchFile(path, [&](std::ostream& out) { torch::save(cpu, out); });
}

torch::Device deviceOf(EmoNetImpl& net) {
  auto params = net.parameters();
  return params.empty() ? torch::Device(torch::kCPU) : params.front().device();
}
}  // namespace

Status saveCheckpoint(const std::string& dir, const CheckpointState& state, EmoNetImpl& net,
                      torch::optim::Optimizer& optimizer, const std::vector<torch::Tensor>& bestWeights) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  const fs::path tmp = fs::path(dir) / "ckpt.tmp", final = fs::path(dir) / "ckpt", old = fs::path(dir) / "ckpt.old";
  fs::remove_all(tmp, ec);
  fs::create_directories(tmp, ec);
  if (ec) return fail("cannot create checkpoint folder " + tmp.string() + ": " + ec.message());
  if (auto ok = saveWeights(net, (tmp / "weights.pt").string()); !ok) return ok;
  if (auto ok = saveTensors(bestWeights, (tmp / "best.pt").string()); !ok) return ok;
  if (auto ok = writeTorchFile((tmp / "optimizer.pt").string(),
                               [&](std::ostream& out) { torch::save(optimizer, out); });
      !ok)
    return ok;
  nlohmann::json j{{"epoch", state.epoch}, {"best_epoch", state.bestEpoch}, {"best_val_ua", state.bestValUa},
                   {"bad_epochs", state.badEpochs}, {"lr_bad_epochs", state.lrBadEpochs}, {"lr", state.lr},
                   {"fingerprint", state.fingerprint}};
  j["history"] = nlohmann::json::array();
  for (const auto& e : state.history) j["history"].push_back(epochToJson(e));
  if (auto ok = writeFileAtomically((tmp / "state.json").string(), j.dump(2)); !ok) return ok;
  fs::remove_all(old, ec);
  if (fs::exists(final)) fs::rename(final, old, ec);
  fs::rename(tmp, final, ec);
  if (ec) return fail("cannot move checkpoint into " + final.string() + ": " + ec.message());
  fs::remove_all(old, ec);
  return success();
}

Result<bool> loadCheckpoint(const std::string& dir, CheckpointState& state, EmoNetImpl& net,
                            torch::optim::Optimizer& optimizer, std::vector<torch::Tensor>& bestWeights) {
  fs::path ck = fs::path(dir) / "ckpt";
  if (!fs::exists(ck / "state.json")) ck = fs::path(dir) / "ckpt.old";  // killed mid-rename
  if (!fs::exists(ck / "state.json")) return false;
  auto text = readFileBytes((ck / "state.json").string());
  if (!text) return Error{text.error()};
  try {
    const auto j = nlohmann::json::parse(text.value());
    const std::string fp = j.at("fingerprint");
    if (fp != state.fingerprint)
      return fail("checkpoint " + ck.string() + " belongs to a run with another architecture or other "
                  "hyperparameters; use a new checkpoint folder or the same options");
    state.epoch = j.at("epoch");
    state.bestEpoch = j.at("best_epoch");
    state.bestValUa = j.at("best_val_ua");
    state.badEpochs = j.at("bad_epochs");
    state.lrBadEpochs = j.at("lr_bad_epochs");
    state.lr = j.at("lr");
    state.history.clear();
    for (const auto& e : j.at("history")) state.history.push_back(epochFromJson(e));
    if (auto ok = loadWeights(net, (ck / "weights.pt").string()); !ok) return Error{ok.error()};
    std::vector<torch::Tensor> best;
    torch::load(best, (ck / "best.pt").string(), torch::Device(torch::kCPU));
    if (best.size() != bestWeights.size()) return fail("checkpoint " + ck.string() + ": best weights do not match the model");
    bestWeights = best;
    torch::load(optimizer, (ck / "optimizer.pt").string(), deviceOf(net));  // its state where the weights are
  } catch (const std::exception& e) {
    return fail("checkpoint " + ck.string() + " is unreadable: " + e.what());
  }
  return true;
}

std::vector<std::vector<float>> predictEach(EmoNetImpl& net, const std::vector<int>& rows,
                                            const std::function<Matrix(size_t)>& input, int batch, double temperature) {
  torch::NoGradGuard guard;
  net.eval();
  std::vector<std::vector<float>> out(rows.size());
  std::vector<size_t> order(rows.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return rows[a] < rows[b]; });
  for (size_t s = 0; s < order.size(); s += batch) {
    std::vector<Matrix> inputs;
    for (size_t i = s; i < std::min(order.size(), s + batch); ++i) inputs.push_back(input(order[i]));
    std::vector<const Matrix*> ptrs;
    for (const Matrix& m : inputs) ptrs.push_back(&m);
    torch::Tensor x, lengths;
    padBatch(ptrs, x, lengths);
    const torch::Device device = deviceOf(net);
    auto p = torch::softmax(net.forward(x.to(device), lengths.to(device)) / temperature, 1).to(torch::kCPU).contiguous();
    const int64_t K = p.size(1);
    const float* d = p.data_ptr<float>();
    for (size_t i = 0; i < ptrs.size(); ++i) out[order[s + i]].assign(d + i * K, d + (i + 1) * K);
  }
  return out;
}

std::vector<std::vector<float>> predictTrainSet(EmoNetImpl& net, const TrainSet& set, int maxFrames, int batch,
                                                double temperature) {
  std::vector<int> rows;
  for (size_t i = 0; i < set.samples.size(); ++i)
    rows.push_back(maxFrames > 0 ? std::min(maxFrames, set.frames(i)) : set.frames(i));
  return predictEach(net, rows, [&](size_t i) { return set.normalised(i, maxFrames); }, batch, temperature);
}

std::vector<std::vector<float>> predictNormalised(EmoNetImpl& net, const std::vector<Matrix>& inputs, int batch,
                                                  double temperature) {
  std::vector<int> rows;
  for (const Matrix& m : inputs) rows.push_back(m.rows);
  return predictEach(net, rows, [&](size_t i) { return inputs[i]; }, batch, temperature);
}

}  // namespace emo::train_detail
