// utteranceStatistics: population mean, std, skewness, excess kurtosis, min, max per column.
#include <QtTest>

#include <cmath>

#include "core/dsp/FeatureExtractor.h"

using namespace emo;

class TestStats : public QObject {
  Q_OBJECT

 private slots:
  void handComputed() {
    // Column 0: 1, 2, 3, 10. Column 1: constant 5.
    Matrix m(4, 2);
    const float c0[4] = {1, 2, 3, 10};
    for (int i = 0; i < 4; ++i) {
      m.at(i, 0) = c0[i];
      m.at(i, 1) = 5.0f;
    }
    const std::vector<float> s = utteranceStatistics(m);
    QCOMPARE(int(s.size()), 12);
    // mean 4; deviations -3 -2 -1 6; m2 = (9+4+1+36)/4 = 12.5; m3 = (-27-8-1+216)/4 = 45;
    // m4 = (81+16+1+1296)/4 = 348.5
    const double m2 = 12.5, m3 = 45.0, m4 = 348.5;
    QCOMPARE(s[0], 4.0f);                                       // mean
    QVERIFY(std::fabs(s[2] - std::sqrt(m2)) < 1e-6);            // std (ddof 0)
    QVERIFY(std::fabs(s[4] - m3 / std::pow(m2, 1.5)) < 1e-6);   // skewness
    QVERIFY(std::fabs(s[6] - (m4 / (m2 * m2) - 3.0)) < 1e-6);   // excess kurtosis
    QCOMPARE(s[8], 1.0f);                                       // min
    QCOMPARE(s[10], 10.0f);                                     // max
    // Constant column: std, skew, kurtosis 0.
    QCOMPARE(s[1], 5.0f);
    QCOMPARE(s[3], 0.0f);
    QCOMPARE(s[5], 0.0f);
    QCOMPARE(s[7], 0.0f);
    QCOMPARE(s[9], 5.0f);
    QCOMPARE(s[11], 5.0f);
  }

  void symmetricColumnHasNoSkew() {
    Matrix m(5, 1);
    const float v[5] = {-2, -1, 0, 1, 2};
    for (int i = 0; i < 5; ++i) m.at(i, 0) = v[i];
    const auto s = utteranceStatistics(m);
    QCOMPARE(s[0], 0.0f);
    QVERIFY(std::fabs(s[2]) < 1e-7);
    // m2 = 2, m4 = (16+1+0+1+16)/5 = 6.8 -> 6.8/4 - 3 = -1.3
    QVERIFY(std::fabs(s[3] - (-1.3f)) < 1e-6);
  }

  void emptyInput() {
    const auto s = utteranceStatistics(Matrix(0, 3));
    QCOMPARE(int(s.size()), 18);
    for (float v : s) QCOMPARE(v, 0.0f);
    QVERIFY(utteranceStatistics(Matrix()).empty());
  }

  void singleRow() {
    Matrix m(1, 1);
    m.at(0, 0) = -3.5f;
    const auto s = utteranceStatistics(m);
    QCOMPARE(s[0], -3.5f);
    QCOMPARE(s[1], 0.0f);
    QCOMPARE(s[2], 0.0f);
    QCOMPARE(s[3], 0.0f);
    QCOMPARE(s[4], -3.5f);
    QCOMPARE(s[5], -3.5f);
  }
};

QTEST_GUILESS_MAIN(TestStats)
#include "tst_stats.moc"
