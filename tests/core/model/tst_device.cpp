// Device choice (TorchRuntime): parsing of auto|cpu|cuda[:N], what each resolves to on this
// machine (auto = CPU without a GPU; cuda refused with the reason), the training parameter
// validated, a training run asked for CUDA failing before it starts, and the shipped bundle
// loading on the CPU explicitly and refusing a GPU it cannot have.
#include <QtTest>

#include "core/model/ModelBundle.h"
#include "core/model/TorchRuntime.h"
#include "core/train/TrainParams.h"
#include "core/train/Trainer.h"
#include "support/SyntheticTraining.h"
#include "support/TestPaths.h"

using namespace emo;

class TestDevice : public QObject {
  Q_OBJECT
 private slots:
  void parsesRequests() {
    struct Case {
      const char* text;
      DeviceRequest::Kind kind;
      int index;
    };
    for (const Case& c : {Case{"auto", DeviceRequest::Kind::Auto, -1}, Case{"cpu", DeviceRequest::Kind::Cpu, -1},
                          Case{"CPU", DeviceRequest::Kind::Cpu, -1}, Case{"cuda", DeviceRequest::Kind::Cuda, -1},
                          Case{"cuda:0", DeviceRequest::Kind::Cuda, 0}, Case{"cuda:3", DeviceRequest::Kind::Cuda, 3},
                          Case{"CUDA:12", DeviceRequest::Kind::Cuda, 12}}) {
      auto r = parseDeviceRequest(c.text);
      QVERIFY2(r, c.text);
      QCOMPARE(int(r->kind), int(c.kind));
      QCOMPARE(r->index, c.index);
    }
    for (const char* bad : {"gpu", "cuda:", "cuda:x", "cuda:-1", "cuda0", "cpu:0", "cuda:1:2", "mps", "cuda:12345"}) {
      auto r = parseDeviceRequest(bad);
      QVERIFY2(!r, bad);
      QVERIFY2(QString::fromStdString(r.error()).contains("auto, cpu, cuda or cuda:N"), r.error().c_str());
    }
  }

  void resolvesOnThisMachine() {
    auto cpu = resolveComputeDevice("cpu");
    QVERIFY(cpu);
    QVERIFY(!cpu->cuda);
    QCOMPARE(QString::fromStdString(cpu->name), QString("CPU"));
    auto autoDevice = resolveComputeDevice("auto");
    QVERIFY(autoDevice);
    QCOMPARE(autoDevice->cuda, cudaDeviceCount() > 0);
    if (cudaDeviceCount() > 0) QSKIP("this machine has a GPU: the refusals below are for CPU-only machines");
    QCOMPARE(QString::fromStdString(autoDevice->name), QString("CPU"));
    for (const char* gpu : {"cuda", "cuda:0", "cuda:1"}) {
      auto r = resolveComputeDevice(gpu);
      QVERIFY2(!r, gpu);
      const QString why = QString::fromStdString(r.error());
      QVERIFY2(why.contains(gpu) && why.contains("--device cpu"), qPrintable(why));
      if (!cudaBuilt()) QVERIFY2(why.contains("CPU-only libtorch"), qPrintable(why));
    }
  }

  void trainParamsCarryTheDevice() {
    auto p = TrainParams::fromJson(R"({"device": "cuda:1", "epochs": 2})");
    QVERIFY2(p, p ? "" : p.error().c_str());
    QCOMPARE(QString::fromStdString(p->device), QString("cuda:1"));  // syntax only: the run checks the machine
    QVERIFY(QString::fromStdString(p->toJson()).contains("\"device\": \"cuda:1\""));
    auto bad = TrainParams::fromJson(R"({"device": "gpu0"})");
    QVERIFY(!bad);
    QVERIFY2(QString::fromStdString(bad.error()).contains("gpu0"), bad.error().c_str());
    QCOMPARE(QString::fromStdString(TrainParams{}.device), QString("auto"));
  }

  void trainingOnAMissingGpuFailsFirst() {
    if (cudaDeviceCount() > 0) QSKIP("this machine has a GPU");
    TrainSet set = test::syntheticTrainSet(12, 8, 2, 1, 2.0f);
    ModelInfo info = test::syntheticModelInfo(set, 8, "stats_conv1d", {"a", "b"});
    TrainParams p;
    p.epochs = 1;
    p.device = "cuda";
    auto r = Trainer::train(info, set, nullptr, p);
    QVERIFY(!r);
    QVERIFY2(QString::fromStdString(r.error()).contains("--device cpu"), r.error().c_str());
    p.device = "cpu";
    auto ok = Trainer::train(info, set, nullptr, p);
    QVERIFY2(ok, ok ? "" : ok.error().c_str());
    QCOMPARE(QString::fromStdString(ok->bundle->deviceName()), QString("CPU"));
  }

  void bundleLoadsOnTheDeviceAsked() {
    const std::string folder = (emo::test::sourceDir() + "/models/default").toStdString();
    auto cpu = ModelBundle::loadOn(folder, resolveComputeDevice("cpu").value());
    QVERIFY2(cpu, cpu ? "" : cpu.error().c_str());
    QCOMPARE(QString::fromStdString((*cpu)->deviceName()), QString("CPU"));
    if (cudaDeviceCount() > 0) QSKIP("this machine has a GPU");
    auto gpu = ModelBundle::loadOn(folder, ComputeDevice{true, 0, "CUDA:0"});
    QVERIFY(!gpu);
    QVERIFY2(QString::fromStdString(gpu.error()).contains("cannot move the model to CUDA:0"), gpu.error().c_str());
    auto fallback = ModelBundle::load(folder, true);  // "use a GPU when there is one"
    QVERIFY(fallback);
    QCOMPARE(QString::fromStdString((*fallback)->deviceName()), QString("CPU"));
  }
};

QTEST_GUILESS_MAIN(TestDevice)
#include "tst_device.moc"
