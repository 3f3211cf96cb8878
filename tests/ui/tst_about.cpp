// Help -> About names the licences: the program's and the shipped model's non-commercial terms.
#include <QTest>

#include "ui/common/AboutText.h"

class TestAbout : public QObject {
  Q_OBJECT
 private slots:
  void namesVersionModelAndDevice() {
    const QString t = emo::aboutText("1.2.3", "crnn_attn <default>", "cpu");
    QVERIFY(t.contains("EmoScope 1.2.3"));
    QVERIFY2(t.contains("crnn_attn &lt;default&gt;"), "model description is HTML-escaped");
    QVERIFY(t.contains("Device: cpu"));
  }
  void statesTheModelsNonCommercialLicence() {
    const QString t = emo::aboutText("1", "m", "cpu");
    QVERIFY(t.contains("non-commercial use only"));
    for (const char* corpus : {"RAVDESS", "nEMO", "TESS", "CC BY-NC-SA 4.0", "CC BY-NC-ND 4.0", "MIT"})
      QVERIFY2(t.contains(corpus), corpus);
  }
};

QTEST_MAIN(TestAbout)
#include "tst_about.moc"
