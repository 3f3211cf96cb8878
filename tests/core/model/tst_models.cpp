// Every model type: output shape, parameter count, and padding invariance (a clip alone and the
// same clip padded inside a batch give the same logits), plus the default model's latency; the
// compute thread count also governs OpenBLAS's pool.
// torch before Qt: Qt's "slots" macro breaks torch headers.
#include "core/model/Networks.h"
#include "core/model/TorchRuntime.h"

#include <QtTest>

#include <chrono>
#include <dlfcn.h>

using namespace emo;

class TestModels : public QObject {
  Q_OBJECT
 private slots:
  void computeThreadsAlsoSizeOpenBlas() {
    // OpenBLAS's own pool spins between products; the live view runs on one thread only if the
    // BLAS pool is one thread too (docs/PERFORMANCE.md). Training restores the count it found.
    using GetThreads = int (*)();
    auto blasThreads = reinterpret_cast<GetThreads>(dlsym(RTLD_DEFAULT, "openblas_get_num_threads"));
    if (!blasThreads) QSKIP("libtorch is not using OpenBLAS here");
    QCOMPARE(setComputeThreads(1), 1);
    QCOMPARE(blasThreads(), 1);
    {
      ScopedComputeThreads training(2);
      QCOMPARE(computeThreads(), 2);
      QCOMPARE(blasThreads(), 2);
    }
    QCOMPARE(computeThreads(), 1);
    QCOMPARE(blasThreads(), 1);
  }

  void outputsAndMasking_data() {
    QTest::addColumn<QString>("type");
    for (const auto& t : modelTypeNames()) QTest::newRow(t.c_str()) << QString::fromStdString(t);
  }

  void outputsAndMasking() {
    QFETCH(QString, type);
    torch::manual_seed(1);
    auto spec = ModelSpec::defaults(type.toStdString(), 24, 5);
    QVERIFY2(spec, spec.error().c_str());
    auto net = makeNetwork(spec.value());
    QVERIFY2(net, net.error().c_str());
    EmoNetPtr m = net.value();
    const long long params = parameterCount(*m);
    QVERIFY(params > 0);
    qInfo("%s: %lld parameters", type.toUtf8().constData(), params);
    // A few training steps so BatchNorm statistics are not the identity.
    m->train();
    torch::optim::Adam opt(m->parameters(), 1e-3);
    for (int i = 0; i < 3; ++i) {
      opt.zero_grad();
      auto x = torch::randn({4, 80, 24});
      auto loss = m->forward(x, torch::full({4}, 80, torch::kLong)).pow(2).mean();
      loss.backward();
      opt.step();
    }
    m->eval();
    const std::vector<int64_t> lens{157, 90, 37, 1};
    const int64_t T = 157;
    auto batch = torch::zeros({4, T, 24});
    {
    torch::NoGradGuard guard;
    std::vector<torch::Tensor> alone;
    for (size_t b = 0; b < lens.size(); ++b) {
      auto clip = torch::randn({1, lens[b], 24});
      batch.index_put_({static_cast<int64_t>(b), torch::indexing::Slice(0, lens[b])}, clip[0]);
      auto y = m->forward(clip, torch::tensor({lens[b]}, torch::kLong));
      QCOMPARE(y.size(0), 1);
      QCOMPARE(y.size(1), 5);
      alone.push_back(y);
    }
    auto yb = m->forward(batch, torch::tensor(lens, torch::kLong));
    QCOMPARE(yb.size(0), 4);
    QCOMPARE(yb.size(1), 5);
    QVERIFY(torch::isfinite(yb).all().item<bool>());
    for (size_t b = 0; b < lens.size(); ++b) {
      const double diff = (yb[b] - alone[b][0]).abs().max().item<double>();
      QVERIFY2(diff < 1e-5, qPrintable(QString("%1: clip %2 (length %3) differs by %4 when padded")
                                            .arg(type).arg(b).arg(lens[b]).arg(diff)));
    }
    }
    // Training mode works on a padded batch too (gradients flow).
    m->train();
    auto loss = m->forward(batch, torch::tensor(lens, torch::kLong)).sum();
    loss.backward();
  }

  // An ensemble's members start from different weights; in eval mode its output is the log of
  // their mean probabilities, in training mode their logits stacked along the batch.
  void ensembleAveragesMembers() {
    torch::manual_seed(2);
    auto spec = ModelSpec::defaults("crnn_attn", 24, 5).value();
    spec.channels = 16;
    spec.hidden = 8;
    spec.members = 3;
    auto made = makeNetwork(spec);
    QVERIFY2(made, made.error().c_str());
    EmoNetPtr m = made.value();
    ModelSpec one = spec;
    one.members = 1;
    QCOMPARE(parameterCount(*m), 3 * parameterCount(*makeNetwork(one).value()));
    std::vector<EmoNetPtr> members;
    for (const auto& child : m->named_children()) members.push_back(std::dynamic_pointer_cast<EmoNetImpl>(child.value()));
    QCOMPARE(members.size(), size_t(3));
    auto x = torch::randn({2, 50, 24});
    auto len = torch::tensor({int64_t{50}, int64_t{31}}, torch::kLong);
    m->eval();
    torch::NoGradGuard guard;
    auto mean = torch::zeros({2, 5});
    for (auto& member : members) mean += torch::softmax(member->forward(x, len), 1) / 3.0;
    QVERIFY((torch::softmax(m->forward(x, len), 1) - mean).abs().max().item<double>() < 1e-6);
    QVERIFY((members[0]->forward(x, len) - members[1]->forward(x, len)).abs().max().item<double>() > 1e-4);
    m->train();
    QCOMPARE(m->forward(x, len).size(0), 6);
    spec.members = ModelSpec::kMaxMembers + 1;
    QVERIFY(!makeNetwork(spec));
  }

  void unknownTypeRefused() {
    ModelSpec s;
    s.type = "resnet9000";
    auto net = makeNetwork(s);
    QVERIFY(!net);
    QVERIFY(QString::fromStdString(net.error()).contains("resnet9000"));
  }

  void specJsonRoundTrip() {
    auto s = ModelSpec::defaults("transformer", 64, 8).value();
    auto back = ModelSpec::fromJson(s.toJson());
    QVERIFY(back);
    QCOMPARE(back->toJson(), s.toJson());
    QVERIFY(!ModelSpec::fromJson("{\"type\": \"crnn_attn\", \"bogus\": 1}"));
    s.members = 4;
    QCOMPARE(ModelSpec::fromJson(s.toJson())->members, 4);
    // Bundles written before ensembles existed have no "members": a single network.
    QCOMPARE(ModelSpec::fromJson("{\"type\": \"crnn_attn\"}")->members, 1);
  }

  // Measured, not asserted (timings belong in docs/): the default design on 300 frames, 1 thread.
  void defaultLatency() {
    torch::set_num_threads(1);
    auto m = makeNetwork(ModelSpec::defaults("crnn_attn", 64, 8).value()).value();
    m->eval();
    torch::NoGradGuard guard;
    auto x = torch::randn({1, 300, 64});
    auto len = torch::tensor({int64_t{300}}, torch::kLong);
    for (int i = 0; i < 3; ++i) m->forward(x, len);
    const int n = 20;
    const auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < n; ++i) m->forward(x, len);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count() / n;
    qInfo("crnn_attn (%lld parameters): %.2f ms per 300-frame window on 1 thread", parameterCount(*m), ms);
    QVERIFY(ms > 0);
  }
};

QTEST_GUILESS_MAIN(TestModels)
#include "tst_models.moc"
