// TorchScript bundles: a module exported as TorchScript (here scripted from C++ with the same
// TorchScript language Python's torch.jit.script emits) with a model.json beside it loads only
// when the caller trusts its code, predicts what the module computes, and is refused with clear
// messages when its outputs do not match the labels or the file is not TorchScript.
// torch before Qt: Qt's "slots" macro would break libtorch's headers.
#include <torch/script.h>

#include <QtTest>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "core/common/AtomicFile.h"
#include "core/model/ModelBundle.h"

using namespace emo;
namespace fs = std::filesystem;

namespace {

constexpr int kDim = 10;

/// Masked mean over time, then a linear map to `classes` logits.
torch::jit::Module meanPoolModule(int classes, const torch::Tensor& weights) {
  torch::jit::Module m("MeanPoolLinear");
  m.register_parameter("w", weights.reshape({kDim, classes}), false);
  m.define(
      "def forward(self, x, lengths):\n"
      "    steps = torch.arange(x.size(1)).unsqueeze(0)\n"
      "    mask = (steps < lengths.unsqueeze(1)).to(x.dtype).unsqueeze(2)\n"
      "    pooled = (x * mask).sum(1) / lengths.unsqueeze(1).to(x.dtype)\n"
      "    return torch.matmul(pooled, self.w)\n");
  return m;
}

void writeBundle(const fs::path& dir, const torch::jit::Module& module, int labels) {
  fs::create_directories(dir);
  module.save((dir / "model.ts").string());
  ModelInfo info;
  info.modelType = "torchscript";
  for (int i = 0; i < labels; ++i) info.labels.push_back("class" + std::to_string(i));
  info.featureParams.nMels = kDim;
  info.featureParams.nMfcc = 8;
  info.featureKinds = {FeatureKind::LogMelDb};
  info.inputDim = kDim;
  info.normMode = NormMode::Global;
  info.normStats.mean.assign(kDim, 0.0f);
  info.normStats.std.assign(kDim, 1.0f);
  info.architecture = {{"type", "torchscript"}};
  info.weightsFile = "model.ts";
  QVERIFY(writeFileAtomically((dir / "model.json").string(), info.toJson()));
}

}  // namespace

class TestTorchScript : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;

 private slots:
  void refusedUnlessTrusted() {
    const fs::path dir = fs::path(tmp_.path().toStdString()) / "ts3";
    writeBundle(dir, meanPoolModule(3, torch::randn({kDim * 3})), 3);
    QVERIFY(ModelBundle::holdsTorchScript(dir.string()));
    auto refused = ModelBundle::load(dir.string());
    QVERIFY(!refused);
    QVERIFY2(QString::fromStdString(refused.error()).contains("TorchScript"), refused.error().c_str());
    QVERIFY2(QString::fromStdString(refused.error()).contains("trust"), refused.error().c_str());
  }

  void predictsWhatTheModuleComputes() {
    const fs::path dir = fs::path(tmp_.path().toStdString()) / "ts3b";
    torch::manual_seed(3);
    const torch::Tensor w = torch::randn({kDim * 3});
    writeBundle(dir, meanPoolModule(3, w), 3);
    auto b = ModelBundle::load(dir.string(), false, true);
    QVERIFY2(b, b.error().c_str());
    QCOMPARE((*b)->info().parameterCount, 30LL);
    Matrix x(7, kDim);
    for (int r = 0; r < x.rows; ++r)
      for (int c = 0; c < kDim; ++c) x.at(r, c) = 0.1f * float(r) - 0.05f * float(c);
    auto p = (*b)->predictStacked({&x});
    QVERIFY2(p, p.error().c_str());
    // Expected: softmax(mean over rows of x times w).
    std::vector<double> logits(3, 0.0);
    for (int k = 0; k < 3; ++k)
      for (int c = 0; c < kDim; ++c) {
        double mean = 0;
        for (int r = 0; r < x.rows; ++r) mean += x.at(r, c);
        logits[k] += mean / x.rows * w[c * 3 + k].item<float>();
      }
    double z = 0;
    for (double l : logits) z += std::exp(l);
    for (int k = 0; k < 3; ++k) QVERIFY(std::abs(p->front()[k] - std::exp(logits[k]) / z) < 1e-5);
  }

  void wrongOutputSizeIsRefused() {
    const fs::path dir = fs::path(tmp_.path().toStdString()) / "ts_mismatch";
    writeBundle(dir, meanPoolModule(4, torch::randn({kDim * 4})), 3);  // 4 outputs, 3 labels
    auto b = ModelBundle::load(dir.string(), false, true);
    QVERIFY(!b);
    QVERIFY2(QString::fromStdString(b.error()).contains("4 outputs"), b.error().c_str());
  }

  void notTorchScriptIsRefused() {
    const fs::path dir = fs::path(tmp_.path().toStdString()) / "ts_garbage";
    writeBundle(dir, meanPoolModule(3, torch::randn({kDim * 3})), 3);
    std::ofstream(dir / "model.ts", std::ios::binary | std::ios::trunc) << "not a zip archive";
    auto b = ModelBundle::load(dir.string(), false, true);
    QVERIFY(!b);
    QVERIFY2(QString::fromStdString(b.error()).contains("not a loadable TorchScript module"), b.error().c_str());
  }
};

QTEST_GUILESS_MAIN(TestTorchScript)
#include "tst_torchscript.moc"
