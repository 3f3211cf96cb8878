// Canonical labels, synonyms, built-in schemas and user mapping files.
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

#include "core/data/LabelVocabulary.h"

using namespace emo;

class TestLabels : public QObject {
  Q_OBJECT

 private:
  static std::string writeFile(const QTemporaryDir& dir, const char* name, const std::string& text) {
    const std::string path = dir.filePath(name).toStdString();
    std::ofstream(path) << text;
    return path;
  }

 private slots:
  void canonicalOrder() {
    const auto& labels = canonicalLabels();
    QCOMPARE(int(labels.size()), 8);
    QCOMPARE(labels.front(), std::string("neutral"));
    QCOMPARE(labels.back(), std::string("surprised"));
  }

  void synonyms_data() {
    QTest::addColumn<QString>("in");
    QTest::addColumn<QString>("out");
    QTest::newRow("anger") << "anger" << "angry";
    QTest::newRow("ANGRY") << "ANGRY" << "angry";
    QTest::newRow("fear") << "Fear" << "fearful";
    QTest::newRow("happiness") << "happiness" << "happy";
    QTest::newRow("joy") << "joy" << "happy";
    QTest::newRow("sadness") << "Sadness" << "sad";
    QTest::newRow("surprise") << "surprise" << "surprised";
    QTest::newRow("ps") << "ps" << "surprised";
    QTest::newRow("pleasant surprise") << "Pleasant Surprise" << "surprised";
    QTest::newRow("pleasant_surprise") << "pleasant_surprise" << "surprised";
    QTest::newRow("padded") << "  neutral \t" << "neutral";
    QTest::newRow("disgusted") << "disgusted" << "disgust";
    QTest::newRow("boredom extra") << "Boredom" << "boredom";
    QTest::newRow("unknown kept") << " Contempt " << "contempt";
  }
  void synonyms() {
    QFETCH(QString, in);
    QFETCH(QString, out);
    QCOMPARE(QString::fromStdString(canonicalLabel(in.toStdString())), out);
  }

  void builtinSchemas() {
    for (const auto& name : LabelSchema::builtinNames()) {
      auto s = LabelSchema::builtin(name);
      QVERIFY2(s.ok(), s.error().c_str());
      QCOMPARE(s->name, name);
      for (const auto& [from, to] : s->mapping) QVERIFY2(s->indexOf(to) >= 0, (from + "->" + to).c_str());
    }
    auto r8 = LabelSchema::builtin("ravdess8").value();
    QCOMPARE(r8.classes, canonicalLabels());
    QCOMPARE(r8.map("anger").value(), std::string("angry"));

    auto e7 = LabelSchema::builtin("ekman7").value();
    QCOMPARE(int(e7.classes.size()), 7);
    QVERIFY(!e7.map("calm").has_value());
    QCOMPARE(e7.map("surprised").value(), std::string("surprised"));

    auto b6 = LabelSchema::builtin("basic6").value();
    QCOMPARE(int(b6.classes.size()), 6);
    QVERIFY(!b6.map("calm").has_value());
    QVERIFY(!b6.map("surprised").has_value());
    QVERIFY(!b6.map("boredom").has_value());
    QCOMPARE(b6.indexOf("fearful"), 4);
    QCOMPARE(b6.indexOf("calm"), -1);

    auto v3 = LabelSchema::builtin("valence3").value();
    QCOMPARE(int(v3.classes.size()), 3);
    QCOMPARE(v3.map("calm").value(), std::string("neutral"));
    QCOMPARE(v3.map("surprised").value(), std::string("positive"));
    QCOMPARE(v3.map("ps").value(), std::string("positive"));
    for (const char* neg : {"sad", "angry", "fearful", "disgust"}) QCOMPARE(v3.map(neg).value(), std::string("negative"));

    auto bad = LabelSchema::builtin("ekman8");
    QVERIFY(!bad.ok());
    QVERIFY(QString::fromStdString(bad.error()).contains("ekman8"));
  }

  void jsonRoundTrip() {
    auto v3 = LabelSchema::builtin("valence3").value();
    auto back = LabelSchema::fromJson(v3.toJson());
    QVERIFY2(back.ok(), back.error().c_str());
    QCOMPARE(back->classes, v3.classes);
    QCOMPARE(back->mapping, v3.mapping);
  }

  void mappingFile() {
    QTemporaryDir dir;
    const std::string path = writeFile(dir, "arousal.json",
        "{\"name\": \"arousal2\", \"classes\": [\"high\", \"low\"],"
        " \"mapping\": {\"Anger\": \"high\", \"happiness\": \"high\", \"fear\": \"high\","
        " \"sad\": \"low\", \"calm\": \"low\", \"Boredom\": \"low\"}}");
    auto s = LabelSchema::resolve(path);
    QVERIFY2(s.ok(), s.error().c_str());
    QCOMPARE(s->name, std::string("arousal2"));
    QCOMPARE(s->map("angry").value(), std::string("high"));
    QCOMPARE(s->map("fearful").value(), std::string("high"));
    QCOMPARE(s->map("boredom").value(), std::string("low"));
    QVERIFY(!s->map("neutral").has_value());  // not mapped: dropped

    // A mapping onto a class not listed is an error naming the problem.
    const std::string badPath = writeFile(dir, "bad.json",
        "{\"classes\": [\"a\"], \"mapping\": {\"angry\": \"b\"}}");
    auto bad = LabelSchema::load(badPath);
    QVERIFY(!bad.ok());
    QVERIFY(QString::fromStdString(bad.error()).contains("bad.json"));
    QVERIFY(QString::fromStdString(bad.error()).contains("'b'"));

    auto broken = LabelSchema::load(writeFile(dir, "broken.json", "{\"classes\": [\"a\""));
    QVERIFY(!broken.ok());
    QVERIFY(QString::fromStdString(broken.error()).contains("invalid JSON"));

    auto missing = LabelSchema::resolve(dir.filePath("nope.json").toStdString());
    QVERIFY(!missing.ok());
    QVERIFY(QString::fromStdString(missing.error()).contains("nope.json"));

    auto unknownName = LabelSchema::resolve("plutchik");
    QVERIFY(!unknownName.ok());
    QVERIFY(QString::fromStdString(unknownName.error()).contains("plutchik"));
  }

  void classesMapThemselves() {
    auto s = LabelSchema::fromJson("{\"classes\": [\"angry\", \"Happy\", \"contempt\"]}");
    QVERIFY2(s.ok(), s.error().c_str());
    QCOMPARE(s->map("anger").value(), std::string("angry"));
    QCOMPARE(s->map("joy").value(), std::string("happy"));
    QCOMPARE(s->map("Contempt").value(), std::string("contempt"));
    QVERIFY(!s->map("sad").has_value());
  }
};

QTEST_GUILESS_MAIN(TestLabels)
#include "tst_labels.moc"
