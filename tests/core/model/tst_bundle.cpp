// Model bundle: save/load round trip predicts identically; damaged or mismatched bundles are
// refused with clear messages. The network is trained briefly on synthetic frame matrices.
#include <QtTest>

#include <filesystem>
#include <fstream>
#include <functional>
#include <random>

#include <nlohmann/json.hpp>

#include "core/common/AtomicFile.h"
#include "core/model/ModelBundle.h"
#include "core/model/ModelSpec.h"
#include "core/train/Trainer.h"
#include "support/SyntheticTraining.h"

using namespace emo;
namespace fs = std::filesystem;

namespace {

ModelInfo infoFor(const TrainSet& set, int dim) {
  ModelInfo info = test::syntheticModelInfo(set, dim, "crnn_attn", {"neutral", "happy", "sad"}, 2);
  info.schema = "test3";
  info.featureParams.nMfcc = 8;
  info.trainingData = {{"clips", set.samples.size()}};
  return info;
}

FeatureSet featuresOf(const Matrix& m) {
  FeatureSet f;
  f.frames = m.rows;
  f.items.push_back({FeatureKind::LogMelDb, m});
  return f;
}

void writeText(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }
std::string readText(const fs::path& p) { return readFileBytes(p.string()).value(); }

}  // namespace

class TestBundle : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;
  std::string good_;
  TrainSet set_ = test::syntheticTrainSet(60, 10, 3, 7, 1.5f);

  std::string copyGood(const QString& name) {
    const fs::path dst = fs::path(tmp_.path().toStdString()) / name.toStdString();
    fs::remove_all(dst);
    fs::copy(good_, dst, fs::copy_options::recursive);
    return dst.string();
  }
  void expectRefused(const std::string& folder, const QString& needle) {
    auto b = ModelBundle::load(folder);
    QVERIFY2(!b, "a damaged bundle was accepted");
    const QString msg = QString::fromStdString(b.error());
    QVERIFY2(msg.contains(needle, Qt::CaseInsensitive), qPrintable("message lacks '" + needle + "': " + msg));
  }

 private slots:
  void initTestCase() {
    QVERIFY(tmp_.isValid());
    TrainParams p;
    p.epochs = 2;
    p.batchSize = 16;
    p.threads = 1;
    p.cropMinFrames = 30;
    p.cropMaxFrames = 60;
    auto r = Trainer::train(infoFor(set_, 10), set_, nullptr, p);
    QVERIFY2(r, r.error().c_str());
    good_ = (fs::path(tmp_.path().toStdString()) / "good").string();
    auto ok = r->bundle->save(good_);
    QVERIFY2(ok, ok.error().c_str());
    QVERIFY(fs::exists(fs::path(good_) / "model.json"));
    QVERIFY(fs::exists(fs::path(good_) / "model.pt"));
    // Predictions before saving, to compare with the loaded copy.
    const auto before = r->bundle->predict(featuresOf(set_.samples[0].variants[0]));
    QVERIFY(before);
    auto loaded = ModelBundle::load(good_);
    QVERIFY2(loaded, loaded.error().c_str());
    const auto after = (*loaded)->predict(featuresOf(set_.samples[0].variants[0]));
    QVERIFY(after);
    QCOMPARE(after->size(), size_t(3));
    for (size_t k = 0; k < 3; ++k) QVERIFY(std::abs((*before)[k] - (*after)[k]) < 1e-6f);
  }

  void roundTripInfo() {
    auto b = ModelBundle::load(good_);
    QVERIFY2(b, b.error().c_str());
    const ModelInfo& i = (*b)->info();
    QCOMPARE(i.modelType, std::string("crnn_attn"));
    QCOMPARE(i.labels.size(), size_t(3));
    QCOMPARE(i.formatVersion, ModelInfo::kFormatVersion);
    QCOMPARE(i.normStats.dim(), 10);
    QVERIFY(i.parameterCount > 0);
    QVERIFY(i.hyperparameters.contains("epochs"));
    QCOMPARE((*b)->featureParams().nMels, 10);
    // Probabilities sum to 1; batch equals single predictions.
    const Matrix& a = set_.samples[1].variants[0];
    const Matrix& c = set_.samples[2].variants[0];
    FeatureSet fa = featuresOf(a), fc = featuresOf(c);
    auto single = (*b)->predict(fc);
    auto batch = (*b)->predictBatch({&fa, &fc});
    QVERIFY(single && batch);
    float sum = 0;
    for (float v : *single) sum += v;
    QVERIFY(std::abs(sum - 1.0f) < 1e-5f);
    for (size_t k = 0; k < 3; ++k) QVERIFY(std::abs((*batch)[1][k] - (*single)[k]) < 1e-5f);
    // Wrong input: a missing kind and a wrong column count give errors, not crashes.
    FeatureSet wrong;
    wrong.frames = 5;
    wrong.items.push_back({FeatureKind::Mfcc, Matrix(5, 10)});
    QVERIFY(!(*b)->predict(wrong));
    QVERIFY(!(*b)->predict(featuresOf(Matrix(5, 7))));
    QVERIFY(!(*b)->predict(featuresOf(Matrix(0, 10))));
  }

  void saveReplacesAtomically() {
    auto b = ModelBundle::load(good_);
    QVERIFY(b);
    const std::string again = copyGood("again");
    writeText(fs::path(again) / "README.md", "kept");
    QVERIFY((*b)->save(again));
    QVERIFY(ModelBundle::load(again));
    QCOMPARE(readText(fs::path(again) / "README.md"), std::string("kept"));
    for (const auto& e : fs::directory_iterator(tmp_.path().toStdString()))
      QVERIFY2(e.path().filename().string().find(".tmp-") == std::string::npos, "temporary folder left behind");
  }

  void missingFiles() {
    expectRefused((fs::path(tmp_.path().toStdString()) / "nope").string(), "not a model bundle folder");
    const std::string a = copyGood("nojson");
    fs::remove(fs::path(a) / "model.json");
    expectRefused(a, "model.json: missing");
    const std::string w = copyGood("noweights");
    fs::remove(fs::path(w) / "model.pt");
    expectRefused(w, "model.pt: missing");
  }

  void corruptJson() {
    const std::string a = copyGood("corrupt");
    writeText(fs::path(a) / "model.json", "{\"format_version\": 1, \"labels\": [");
    expectRefused(a, "not valid JSON");
  }

  void truncatedWeights() {
    const std::string a = copyGood("truncated");
    const fs::path w = fs::path(a) / "model.pt";
    fs::resize_file(w, fs::file_size(w) / 2);
    expectRefused(a, "truncated");
    // Also without the recorded size: the weights file itself is unreadable.
    auto j = nlohmann::json::parse(readText(fs::path(a) / "model.json"));
    j.erase("weights_bytes");
    j.erase("weights_fnv1a64");
    writeText(fs::path(a) / "model.json", j.dump());
    expectRefused(a, "cannot read weights");
  }

  void wrongVersion() {
    const std::string a = copyGood("version");
    auto j = nlohmann::json::parse(readText(fs::path(a) / "model.json"));
    j["format_version"] = 99;
    writeText(fs::path(a) / "model.json", j.dump());
    expectRefused(a, "format_version 99 is not supported");
  }

  void labelMismatch() {
    const std::string a = copyGood("labels");
    auto j = nlohmann::json::parse(readText(fs::path(a) / "model.json"));
    j["labels"] = {"neutral", "happy"};
    writeText(fs::path(a) / "model.json", j.dump());
    expectRefused(a, "3 outputs but there are 2 labels");
  }

  void architectureMismatch() {
    const std::string a = copyGood("arch");
    auto j = nlohmann::json::parse(readText(fs::path(a) / "model.json"));
    j["architecture"]["channels"] = 24;
    writeText(fs::path(a) / "model.json", j.dump());
    expectRefused(a, "shape");
    const std::string t = copyGood("type");
    j = nlohmann::json::parse(readText(fs::path(t) / "model.json"));
    j["model_type"] = "cnn_lstm";
    writeText(fs::path(t) / "model.json", j.dump());
    expectRefused(t, "does not match model_type");
  }

  // Found by fuzz_model_json (issue 7; tests/fuzz/regressions/model_json/): get<int>() of 1e20
  // was undefined behaviour and 2^40 wrapped silently. Integer fields out of range are refused.
  void outOfRangeIntegers() {
    const std::string a = copyGood("ranges");
    const auto good = nlohmann::json::parse(readText(fs::path(a) / "model.json"));
    auto refusedWith = [&](const char* what, const std::function<void(nlohmann::json&)>& edit) {
      auto j = good;
      edit(j);
      writeText(fs::path(a) / "model.json", j.dump());
      expectRefused(a, QString("'") + what + "' is out of range");
    };
    refusedWith("format_version", [](nlohmann::json& j) { j["format_version"] = 1.8446744073709552e20; });
    refusedWith("input_dim", [](nlohmann::json& j) { j["input_dim"] = 1LL << 40; });
    refusedWith("channels", [](nlohmann::json& j) { j["architecture"]["channels"] = -1e300; });
    refusedWith("parameters", [](nlohmann::json& j) { j["parameters"] = 1e300; });
  }

  void statsMismatch() {
    const std::string a = copyGood("stats");
    auto j = nlohmann::json::parse(readText(fs::path(a) / "model.json"));
    j["normalisation"]["std"][0] = 0.0;
    writeText(fs::path(a) / "model.json", j.dump());
    expectRefused(a, "std <= 0");
    j["normalisation"]["std"][0] = 1.0;
    j["normalisation"]["mode"] = "per-planet";
    writeText(fs::path(a) / "model.json", j.dump());
    expectRefused(a, "unknown normalisation mode");
  }
};

QTEST_GUILESS_MAIN(TestBundle)
#include "tst_bundle.moc"
