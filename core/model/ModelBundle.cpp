#include "core/model/ModelBundle.h"

#include <ctime>
#include <filesystem>
#include <random>

#include "core/common/AtomicFile.h"
#include "core/model/BundleImpl.h"
#include "core/model/NormForModel.h"
#include "core/model/TorchRuntime.h"

namespace fs = std::filesystem;

namespace emo {

ModelBundle::ModelBundle(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ModelBundle::~ModelBundle() = default;

const ModelInfo& ModelBundle::info() const { return impl_->info; }
std::string ModelBundle::deviceName() const { return impl_->deviceName; }
int ModelBundle::minFrames() const { return 1; }
void ModelBundle::setMetrics(const nlohmann::json& metrics) { impl_->info.metrics = metrics; }

std::shared_ptr<ModelBundle> makeBundle(ModelInfo info, EmoNetPtr net) {
  auto impl = std::make_unique<ModelBundle::Impl>();
  net->eval();
  info.parameterCount = parameterCount(*net);
  impl->info = std::move(info);
  impl->net = std::move(net);
  return std::make_shared<ModelBundle>(std::move(impl));
}

void padBatch(const std::vector<const Matrix*>& inputs, torch::Tensor& x, torch::Tensor& lengths) {
  const int64_t B = static_cast<int64_t>(inputs.size());
  int64_t T = 1;
  const int64_t D = inputs.empty() ? 0 : inputs.front()->cols;
  for (const Matrix* m : inputs) T = std::max<int64_t>(T, m->rows);
  x = torch::zeros({B, T, D});
  lengths = torch::empty({B}, torch::kLong);
  float* px = x.data_ptr<float>();
  auto pl = lengths.accessor<int64_t, 1>();
  for (int64_t b = 0; b < B; ++b) {
    const Matrix& m = *inputs[b];
    std::copy(m.data.begin(), m.data.end(), px + b * T * D);
    pl[b] = std::max(1, m.rows);
  }
}

Result<Matrix> ModelBundle::stack(const FeatureSet& frames) const {
  return stackModelInput(frames, featureKinds());
}

Result<std::vector<std::vector<float>>> ModelBundle::predictStacked(const std::vector<const Matrix*>& inputs,
                                                                    const NormStats* speaker) const {
  const ModelInfo& mi = impl_->info;
  if (mi.normMode != NormMode::Speaker) speaker = nullptr;  // only speaker-mode models read a profile
  if (speaker && speaker->dim() != mi.inputDim)
    return fail("speaker profile has " + std::to_string(speaker->dim()) + " columns, the model needs " + std::to_string(mi.inputDim));
  std::vector<Matrix> normed;
  normed.reserve(inputs.size());
  for (const Matrix* m : inputs) {
    if (!m || m->rows < 1) return fail("predict: an input has no frames");
    if (m->cols != mi.inputDim)
      return fail("predict: input has " + std::to_string(m->cols) + " columns, the model needs " + std::to_string(mi.inputDim));
    normed.push_back(*m);
    if (auto ok = normaliseForModel(normed.back(), mi.normMode, mi.normStats, speaker); !ok) return Error{ok.error()};
  }
  if (normed.empty()) return std::vector<std::vector<float>>{};
  std::vector<const Matrix*> ptrs;
  for (const auto& m : normed) ptrs.push_back(&m);
  try {
    torch::NoGradGuard guard;
    torch::Tensor x, lengths;
    padBatch(ptrs, x, lengths);
    const auto logits = impl_->net->forward(x.to(impl_->device), lengths.to(impl_->device));
    auto probs = torch::softmax(logits / mi.temperature, 1).to(torch::kCPU).contiguous();  // calibrated (ModelInfo)
    std::vector<std::vector<float>> out(normed.size());
    const float* p = probs.data_ptr<float>();
    const int64_t K = probs.size(1);
    if (probs.dim() != 2 || K != static_cast<int64_t>(mi.labels.size()))
      return fail("predict: the network gives " + std::to_string(K) + " outputs, model.json has " +
                  std::to_string(mi.labels.size()) + " labels");
    for (size_t b = 0; b < out.size(); ++b) out[b].assign(p + b * K, p + (b + 1) * K);
    return out;
  } catch (const std::exception& e) {
    return fail(std::string("predict failed: ") + e.what());
  }
}

Result<std::vector<std::vector<float>>> ModelBundle::predictBatch(const std::vector<const FeatureSet*>& inputs,
                                                                  const NormStats* speaker) const {
  std::vector<Matrix> stacked;
  for (const FeatureSet* f : inputs) {
    auto m = stack(*f);
    if (!m) return Error{m.error()};
    stacked.push_back(std::move(m.value()));
  }
  std::vector<const Matrix*> ptrs;
  for (const auto& m : stacked) ptrs.push_back(&m);
  return predictStacked(ptrs, speaker);
}

Result<std::vector<float>> ModelBundle::predict(const FeatureSet& frames, const NormStats* speaker) const {
  auto r = predictBatch({&frames}, speaker);
  if (!r) return Error{r.error()};
  return std::move(r.value().front());
}

Status ModelBundle::updateSavedInfo(const std::string& folder, const std::function<void(ModelInfo&)>& edit) {
  const std::string jsonPath = (fs::path(folder) / "model.json").string();
  auto text = readFileBytes(jsonPath, 64u << 20);
  if (!text) return Error{text.error()};
  auto info = ModelInfo::fromJson(text.value());
  if (!info) return fail(jsonPath + ": " + info.error());
  if (!info->metrics.is_object()) info->metrics = nlohmann::json::object();
  edit(info.value());
  const std::string out = info->toJson();
  if (auto check = ModelInfo::fromJson(out); !check) return fail(jsonPath + ": " + check.error());
  return writeFileAtomically(jsonPath, out + "\n");
}

Status ModelBundle::recordMetrics(const std::string& folder, const std::string& key, const nlohmann::json& value) {
  return updateSavedInfo(folder, [&](ModelInfo& info) { info.metrics[key] = value; });
}

Status ModelBundle::recordCalibration(const std::string& folder, double temperature, double uncertainBelow,
                                      const nlohmann::json& fit) {
  return updateSavedInfo(folder, [&](ModelInfo& info) {
    info.temperature = temperature;
    info.uncertainBelow = uncertainBelow;
    info.metrics["calibration"] = fit;
  });
}

bool ModelBundle::holdsTorchScript(const std::string& folder) {
  auto text = readFileBytes((fs::path(folder) / "model.json").string(), 64u << 20);
  if (!text) return false;
  const nlohmann::json j = nlohmann::json::parse(text.value(), nullptr, false);
  return j.is_object() && j.value("model_type", std::string()) == kTorchScriptModelType;
}

Result<std::shared_ptr<const ModelBundle>> ModelBundle::load(const std::string& folder, bool allowGpu, bool trustCode) {
  const ComputeDevice dev = chooseComputeDevice(allowGpu);
  auto loaded = loadOn(folder, dev, trustCode);
  if (loaded || !dev.cuda) return loaded;
  return loadOn(folder, ComputeDevice{false, 0, "CPU"}, trustCode);  // "when available": fall back to the CPU
}

Result<std::shared_ptr<const ModelBundle>> ModelBundle::loadOn(const std::string& folder, const ComputeDevice& dev,
                                                              bool trustCode) {
  const fs::path dir(folder);
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return fail(folder + ": not a model bundle folder (it does not exist or is not a folder)");
  const std::string jsonPath = (dir / "model.json").string();
  if (!fs::exists(jsonPath, ec)) return fail(jsonPath + ": missing (a model bundle needs model.json and its weights)");
  auto text = readFileBytes(jsonPath, 64u << 20);
  if (!text) return Error{text.error()};
  auto info = ModelInfo::fromJson(text.value());
  if (!info) return fail(jsonPath + ": " + info.error());
  const std::string weights = (dir / info->weightsFile).string();
  if (!fs::exists(weights, ec)) return fail(weights + ": missing (model.json names it as the weights file)");
  auto hash = hashWeightsFile(weights);
  if (!hash) return Error{hash.error()};
  if (info->weightsBytes > 0 && hash->second != info->weightsBytes)
    return fail(weights + ": " + std::to_string(hash->second) + " bytes, model.json expects " +
                std::to_string(info->weightsBytes) + " (truncated or replaced)");
  if (info->weightsHash != 0 && hash->first != info->weightsHash)
    return fail(weights + ": content hash differs from model.json (corrupted or replaced)");
  const bool script = info->modelType == kTorchScriptModelType;
  EmoNetPtr net;
  long long scriptParameters = 0;
  if (script) {
    if (!trustCode)
      return fail(folder + ": this bundle holds a TorchScript module, which is code chosen by whoever made it and "
                           "can run any operation; load it only if you trust its source (emoscope-cli: "
                           "--trust-model; the app asks first)");
    auto loaded = loadTorchScriptNetwork(weights, &scriptParameters);
    if (!loaded) return Error{loaded.error()};
    net = loaded.value();
  } else {
    auto spec = ModelSpec::fromJson(info->architecture.dump());
    if (!spec) return fail(jsonPath + ": " + spec.error());
    auto made = makeNetwork(spec.value());
    if (!made) return fail(jsonPath + ": " + made.error());
    if (auto ok = loadWeights(*made.value(), weights); !ok) return Error{ok.error()};
    net = made.value();
  }
  auto bundle = makeBundle(info.value(), net);
  if (script) {
    bundle->impl_->info.parameterCount = scriptParameters;
    // Its output size is only known by running it: one dry run on silence-sized input.
    Matrix probe(50, info->inputDim, 0.0f);
    auto out = bundle->predictStacked({&probe});
    if (!out) return fail(weights + ": " + out.error());
  }
  if (dev.cuda) {
    try {
      bundle->impl_->device = torch::Device(torch::kCUDA, static_cast<c10::DeviceIndex>(dev.index));
      bundle->impl_->net->to(bundle->impl_->device);
      bundle->impl_->deviceName = dev.name;
    } catch (const std::exception& e) {
      std::string what = e.what();
      return fail(folder + ": cannot move the model to " + dev.name + ": " + what.substr(0, what.find('\n')));
    }
  }
  return std::shared_ptr<const ModelBundle>(bundle);
}

Status ModelBundle::save(const std::string& folder) const {
  const fs::path target = fs::absolute(fs::path(folder)).lexically_normal();
  std::error_code ec;
  fs::create_directories(target.parent_path(), ec);
  std::random_device rd;
  const fs::path temp = target.string() + ".tmp-" + std::to_string(rd() % 1000000);
  fs::remove_all(temp, ec);
  if (!fs::create_directories(temp, ec)) return fail("cannot create " + temp.string() + ": " + ec.message());
  auto cleanup = [&] { std::error_code e; fs::remove_all(temp, e); };
  ModelInfo mi = impl_->info;
  const std::string weights = (temp / mi.weightsFile).string();
  EmoNetPtr net = impl_->net;
  if (impl_->device.is_cuda() && mi.modelType != kTorchScriptModelType) {  // save CPU tensors
    auto cpu = makeNetwork(ModelSpec::fromJson(mi.architecture.dump()).value()).value();
    // Copying weights through a file keeps this simple and rare (GPU saves only).
    const std::string tmpw = weights + ".gpu";
    if (auto ok = saveWeights(*net, tmpw); !ok) { cleanup(); return ok; }
    if (auto ok = loadWeights(*cpu, tmpw); !ok) { cleanup(); return ok; }
    fs::remove(tmpw, ec);
    net = cpu;
  }
  const Status written = mi.modelType == kTorchScriptModelType ? saveTorchScriptNetwork(*net, weights) : saveWeights(*net, weights);
  if (!written) { cleanup(); return written; }
  auto hash = hashWeightsFile(weights);
  if (!hash) { cleanup(); return Error{hash.error()}; }
  mi.weightsHash = hash->first;
  mi.weightsBytes = hash->second;
  if (mi.created.empty()) {
    std::time_t now = std::time(nullptr);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
    mi.created = buf;
  }
  if (auto ok = writeFileAtomically((temp / "model.json").string(), mi.toJson() + "\n"); !ok) { cleanup(); return ok; }
  // Keep files that are not ours (README.md) when replacing an existing bundle.
  if (fs::is_directory(target, ec)) {
    for (const auto& entry : fs::directory_iterator(target, ec)) {
      const auto name = entry.path().filename();
      if (name != "model.json" && name != mi.weightsFile && entry.is_regular_file() && !fs::exists(temp / name))
        fs::copy_file(entry.path(), temp / name, ec);
    }
    const fs::path old = target.string() + ".old-" + std::to_string(rd() % 1000000);
    fs::rename(target, old, ec);
    if (ec) { cleanup(); return fail("cannot replace " + target.string() + ": " + ec.message()); }
    fs::rename(temp, target, ec);
    if (ec) { fs::rename(old, target, ec); cleanup(); return fail("cannot save " + target.string()); }
    fs::remove_all(old, ec);
  } else {
    fs::rename(temp, target, ec);
    if (ec) { cleanup(); return fail("cannot save " + target.string() + ": " + ec.message()); }
  }
  impl_->info.weightsHash = mi.weightsHash;
  impl_->info.weightsBytes = mi.weightsBytes;
  impl_->info.created = mi.created;
  return success();
}

}  // namespace emo
