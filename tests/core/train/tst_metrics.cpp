// Metrics against hand-computed examples.
#include <QtTest>

#include "core/train/Metrics.h"

using namespace emo;

class TestMetrics : public QObject {
  Q_OBJECT
 private slots:
  void handComputed() {
    // truth 0 0 1 1 2 2; arg max 0 1 1 1 2 0
    const std::vector<int> truth{0, 0, 1, 1, 2, 2};
    const std::vector<std::vector<float>> probs{{0.9f, 0.05f, 0.05f}, {0.4f, 0.5f, 0.1f}, {0.1f, 0.8f, 0.1f},
                                                {0.2f, 0.7f, 0.1f},   {0.1f, 0.2f, 0.7f}, {0.5f, 0.2f, 0.3f}};
    const EvalMetrics m = computeMetrics(truth, probs, {"a", "b", "c"});
    QCOMPARE(m.count, 6);
    const std::vector<std::vector<int>> confusion{{1, 1, 0}, {0, 2, 0}, {1, 0, 1}};
    QCOMPARE(m.confusion, confusion);
    QVERIFY(qFuzzyCompare(m.wa, 4.0 / 6));
    QVERIFY(qFuzzyCompare(m.ua, (0.5 + 1.0 + 0.5) / 3));
    QVERIFY(qFuzzyCompare(m.perClass[0].precision, 0.5));
    QVERIFY(qFuzzyCompare(m.perClass[1].precision, 2.0 / 3));
    QVERIFY(qFuzzyCompare(m.perClass[2].precision, 1.0));
    QVERIFY(qFuzzyCompare(m.perClass[1].f1, 0.8));
    QVERIFY(qFuzzyCompare(m.perClass[2].f1, 2.0 / 3));
    QVERIFY(qFuzzyCompare(m.macroF1, (0.5 + 0.8 + 2.0 / 3) / 3));
    QVERIFY(qFuzzyCompare(m.perClass[0].auc, 7.0 / 8));
    QVERIFY(qFuzzyCompare(m.perClass[1].auc, 1.0));
    QVERIFY(qFuzzyCompare(m.perClass[2].auc, 1.0));
    QCOMPARE(m.perClass[2].support, 2);

    const auto j = m.toJson();
    for (const char* key : {"wa", "ua", "macro_f1", "labels", "per_class", "confusion"}) QVERIFY(j.contains(key));
    QVERIFY(j["per_class"].contains("b"));
    const QString text = QString::fromStdString(m.toText());
    QVERIFY(text.contains("UA 66.7 %"));
  }

  void tiesAndAbsentClasses() {
    const EvalMetrics m = computeMetrics({0, 1}, {{0.5f, 0.5f, 0.0f}, {0.5f, 0.5f, 0.0f}}, {"x", "y", "z"});
    QVERIFY(qFuzzyCompare(m.perClass[0].auc, 0.5));  // tie -> 0.5
    QCOMPARE(m.perClass[2].auc, -1.0);             // absent class: undefined
    QVERIFY(qFuzzyCompare(m.ua, 0.5));              // over present classes only
    QVERIFY(m.toJson()["per_class"]["z"]["auc"].is_null());
  }

  void restricted() {
    const std::vector<int> truth{0, 0, 1, 1};
    const std::vector<std::vector<float>> probs{{0.3f, 0.2f, 0.5f}, {0.1f, 0.3f, 0.6f}, {0.2f, 0.3f, 0.5f}, {0.1f, 0.6f, 0.3f}};
    const EvalMetrics full = computeMetrics(truth, probs, {"a", "b", "c"});
    QVERIFY(qFuzzyCompare(full.wa, 0.25));
    const EvalMetrics r = computeRestrictedMetrics(truth, probs, {"a", "b", "c"}, {0, 1});
    QCOMPARE(r.labels, (std::vector<std::string>{"a", "b"}));
    QVERIFY(qFuzzyCompare(r.wa, 0.75));
    QVERIFY(qFuzzyCompare(r.ua, 0.75));
  }

  void foldAggregate() {
    EvalMetrics a = computeMetrics({0, 1}, {{0.9f, 0.1f}, {0.2f, 0.8f}}, {"p", "q"});   // UA 1
    EvalMetrics b = computeMetrics({0, 1}, {{0.9f, 0.1f}, {0.9f, 0.1f}}, {"p", "q"});   // UA 0.5
    const auto j = aggregateFolds({a, b});
    QVERIFY(qFuzzyCompare(j["ua"].get<double>(), 0.75));
    QVERIFY(qFuzzyCompare(j["ua_std"].get<double>(), 0.25));
    QCOMPARE(j["confusion"][1][0].get<int>(), 1);
    QCOMPARE(j["confusion"][0][0].get<int>(), 2);
    QCOMPARE(j["folds"].size(), size_t(2));
  }
};

QTEST_GUILESS_MAIN(TestMetrics)
#include "tst_metrics.moc"
