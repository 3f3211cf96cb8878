// FeatureParams: defaults are golden's, JSON round trip, strict parsing, validation, presets.
#include <QTemporaryDir>
#include <QtTest>

#include "core/dsp/FeatureParams.h"

using namespace emo;

class TestParams : public QObject {
  Q_OBJECT

 private slots:
  void defaultsAreGolden() {
    const FeatureParams p;
    QCOMPARE(p.sampleRate, 16000);
    QCOMPARE(p.nFft, 512);
    QCOMPARE(p.winLength, 400);
    QCOMPARE(p.hopLength, 160);
    QCOMPARE(p.bins(), 257);
    QCOMPARE(p.nMels, 64);
    QCOMPARE(p.nMfcc, 40);
    QCOMPARE(p.effectiveFmax(), 8000.0f);
    QVERIFY(p.validate().ok());
  }

  void jsonRoundTrip() {
    FeatureParams p;
    p.nMels = 80;
    p.fmin = 20.5f;
    p.fmax = 0.0f;
    p.amin = 1e-8f;
    p.center = false;
    p.tuning = -0.25f;
    p.yinThreshold = 0.2f;
    const auto back = FeatureParams::fromJson(p.toJson());
    QVERIFY2(back.ok(), back.error().c_str());
    QVERIFY(back.value() == p);
    QVERIFY(back.value() != FeatureParams{});
    QCOMPARE(back->effectiveFmax(), 8000.0f);
    // Every field is written.
    for (const char* key : {"sampleRate", "nFft", "winLength", "hopLength", "center", "nMels", "fmin", "fmax",
                            "amin", "topDb", "nMfcc", "deltaWidth", "nChroma", "tuning", "f0Min", "f0Max",
                            "f0FrameLength", "yinThreshold"})
      QVERIFY2(p.toJson().find(std::string("\"") + key + "\"") != std::string::npos, key);
  }

  void missingKeysKeepDefaults() {
    const auto p = FeatureParams::fromJson("{\"nMels\": 40}");
    QVERIFY(p.ok());
    QCOMPARE(p->nMels, 40);
    QCOMPARE(p->nFft, 512);
    QVERIFY(FeatureParams::fromJson("{}").value() == FeatureParams{});
  }

  void rejectsBadJson_data() {
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown key") << "{\"nMel\": 40}" << "unknown key 'nMel'";
    QTest::newRow("string for int") << "{\"nFft\": \"512\"}" << "'nFft' must be an integer";
    QTest::newRow("float for int") << "{\"hopLength\": 160.5}" << "'hopLength' must be an integer";
    QTest::newRow("string for float") << "{\"fmin\": \"low\"}" << "'fmin' must be a number";
    QTest::newRow("number for bool") << "{\"center\": 1}" << "'center' must be true or false";
    QTest::newRow("array") << "[1, 2]" << "expected a JSON object";
    QTest::newRow("huge int") << "{\"nFft\": 99999999999}" << "'nFft' is out of range";
    QTest::newRow("huge float") << "{\"fmax\": 1e300}" << "'fmax' is out of range";
    // INT64_MIN: the range check took llabs() of it (undefined) and let it through (issue 7).
    QTest::newRow("int64 min") << "{\"nFft\": -9223372036854775808}" << "'nFft' is out of range";
    QTest::newRow("syntax") << "{\"nFft\": 512," << "not valid JSON";
  }

  void rejectsBadJson() {
    QFETCH(QString, json);
    QFETCH(QString, message);
    const auto p = FeatureParams::fromJson(json.toStdString());
    QVERIFY(!p.ok());
    QVERIFY2(QString::fromStdString(p.error()).contains(message), p.error().c_str());
  }

  void validateCatchesBadValues_data() {
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("field");
    QTest::newRow("win > fft") << "{\"winLength\": 1024}" << "winLength";
    QTest::newRow("hop 0") << "{\"hopLength\": 0}" << "hopLength";
    QTest::newRow("odd fft") << "{\"nFft\": 511}" << "nFft";
    QTest::newRow("fmax > nyquist") << "{\"fmax\": 9000}" << "fmax";
    QTest::newRow("fmin >= fmax") << "{\"fmin\": 8000}" << "fmin";
    QTest::newRow("amin 0") << "{\"amin\": 0}" << "amin";
    QTest::newRow("negative topDb") << "{\"topDb\": -1}" << "topDb";
    QTest::newRow("mfcc > mels") << "{\"nMfcc\": 65}" << "nMfcc";
    QTest::newRow("even delta") << "{\"deltaWidth\": 8}" << "deltaWidth";
    QTest::newRow("tuning") << "{\"tuning\": 0.9}" << "tuning";
    QTest::newRow("f0 range") << "{\"f0Min\": 700}" << "f0 range";
    QTest::newRow("f0 frame") << "{\"f0FrameLength\": 256}" << "f0FrameLength";
    QTest::newRow("threshold") << "{\"yinThreshold\": 1.5}" << "yinThreshold";
    QTest::newRow("rate") << "{\"sampleRate\": 0}" << "sampleRate";
  }

  void validateCatchesBadValues() {
    QFETCH(QString, json);
    QFETCH(QString, field);
    const auto p = FeatureParams::fromJson(json.toStdString());
    QVERIFY2(p.ok(), p.error().c_str());  // parses; the value is wrong
    const Status s = p->validate();
    QVERIFY(!s.ok());
    QVERIFY2(QString::fromStdString(s.error()).contains(field), s.error().c_str());
  }

  void saveAndLoad() {
    QTemporaryDir dir;
    const std::string path = dir.filePath("params.json").toStdString();
    FeatureParams p = FeatureParams::preset("mfcc13").value();
    QVERIFY(p.save(path).ok());
    const auto back = FeatureParams::load(path);
    QVERIFY2(back.ok(), back.error().c_str());
    QVERIFY(back.value() == p);
    const auto missing = FeatureParams::load(dir.filePath("nope.json").toStdString());
    QVERIFY(!missing.ok());
    QVERIFY(QString::fromStdString(missing.error()).contains("nope.json"));
  }

  void presets() {
    QCOMPARE(int(FeatureParams::presetNames().size()), 4);
    for (const auto& name : FeatureParams::presetNames()) {
      const auto p = FeatureParams::preset(name);
      QVERIFY2(p.ok(), name.c_str());
      QVERIFY2(p->validate().ok(), (name + ": " + p->validate().error()).c_str());
    }
    QVERIFY(FeatureParams::preset("default").value() == FeatureParams{});
    QCOMPARE(FeatureParams::preset("mfcc13")->nMfcc, 13);
    QCOMPARE(FeatureParams::preset("mfcc13")->nMels, 40);
    QCOMPARE(FeatureParams::preset("logmel80")->nMels, 80);
    QCOMPARE(FeatureParams::preset("wideband")->nMels, 128);
    QCOMPARE(FeatureParams::preset("wideband")->winLength, 512);
    const auto bad = FeatureParams::preset("huge");
    QVERIFY(!bad.ok());
    QVERIFY(QString::fromStdString(bad.error()).contains("mfcc13"));  // lists the known names
  }
};

QTEST_GUILESS_MAIN(TestParams)
#include "tst_params.moc"
