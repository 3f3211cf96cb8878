// The corpus label table (core/data/CorpusLabels.h): each corpus's raw labels map as
// docs/LABELS.md documents, label-set sizes, and the model classes a corpus can produce per schema.
#include <QFile>
#include <QtTest>

#include <set>

#include "core/data/CorpusLabels.h"
#include "support/TestPaths.h"

using namespace emo;

namespace {

using Rows = std::vector<std::tuple<std::string, std::string, std::string>>;

// The rows between the table markers of docs/LABELS.md.
Rows documentedRows() {
  QFile f(emo::test::sourceDir() + "/docs/LABELS.md");
  if (!f.open(QIODevice::ReadOnly)) qFatal("cannot read docs/LABELS.md");
  Rows rows;
  bool inside = false;
  for (const QString& line : QString::fromUtf8(f.readAll()).split('\n')) {
    if (line.startsWith("<!-- corpus-label-table")) inside = true;
    else if (line.startsWith("<!-- /corpus-label-table")) inside = false;
    else if (inside && line.startsWith("| ") && !line.startsWith("| corpus") && !line.startsWith("| ---")) {
      const QStringList cells = line.split('|', Qt::SkipEmptyParts);
      if (cells.size() != 3) qFatal("bad row in docs/LABELS.md: %s", qPrintable(line));
      rows.emplace_back(cells[0].trimmed().toStdString(), cells[1].trimmed().toStdString(), cells[2].trimmed().toStdString());
    }
  }
  return rows;
}

std::vector<std::string> classNames(const std::vector<int>& idx, const LabelSchema& s) {
  std::vector<std::string> out;
  for (int i : idx) out.push_back(s.classes[i]);
  return out;
}

}  // namespace

class TestCorpusLabels : public QObject {
  Q_OBJECT

 private slots:
  void documentationMatchesTable() {
    Rows code;
    for (const auto& set : corpusLabelTable())
      for (const auto& [raw, canon] : set.labels) code.emplace_back(set.corpus, raw, canon);
    const Rows doc = documentedRows();
    QVERIFY(!doc.empty());
    QCOMPARE(doc, code);
    // ... and every documented raw label maps to its documented canonical label.
    for (const auto& [corpus, raw, canon] : doc) {
      const auto mapped = mapCorpusLabel(corpus, raw);
      QVERIFY2(mapped && *mapped == canon, (corpus + " " + raw).c_str());
      QCOMPARE(canonicalLabel(canon), canon);  // targets are canonical labels
    }
  }

  void labelSetSizes() {
    QCOMPARE(int(corpusLabels("ravdess")->canonical().size()), 8);
    QCOMPARE(int(corpusLabels("tess")->canonical().size()), 7);
    QCOMPARE(int(corpusLabels("nemo")->canonical().size()), 6);
    QCOMPARE(int(corpusLabels("crema-d")->canonical().size()), 6);
    QVERIFY(!corpusLabels("folder"));
    QVERIFY(!corpusLabels("manifest"));
  }

  void rawLabelsMap() {
    QCOMPARE(*mapCorpusLabel("tess", "ps"), std::string("surprised"));
    QCOMPARE(*mapCorpusLabel("tess", "Fear"), std::string("fearful"));
    QCOMPARE(*mapCorpusLabel("tess", "pleasant_surprise"), std::string("surprised"));  // synonym of a TESS label
    QCOMPARE(*mapCorpusLabel("nemo", "happiness"), std::string("happy"));
    QCOMPARE(*mapCorpusLabel("nemo", "anger"), std::string("angry"));
    QCOMPARE(*mapCorpusLabel("nemo", "SADNESS"), std::string("sad"));
    QCOMPARE(*mapCorpusLabel("ravdess", "02"), std::string("calm"));
    QCOMPARE(*mapCorpusLabel("crema-d", "ang"), std::string("angry"));
    QVERIFY(!mapCorpusLabel("nemo", "calm"));       // nEMO has no calm
    QVERIFY(!mapCorpusLabel("tess", "bored"));
    QVERIFY(!mapCorpusLabel("ravdess", "09"));
    QVERIFY(!mapCorpusLabel("savee", "x"));
    QVERIFY(!mapCorpusLabel("folder", "angry"));    // no fixed label set
  }

  void classesPerSchema() {
    const LabelSchema r8 = LabelSchema::builtin("ravdess8").value();
    QCOMPARE(int(corpusClasses("ravdess", r8).size()), 8);
    QCOMPARE(classNames(corpusClasses("tess", r8), r8),
             (std::vector<std::string>{"neutral", "happy", "sad", "angry", "fearful", "disgust", "surprised"}));
    QCOMPARE(classNames(corpusClasses("nemo", r8), r8),
             (std::vector<std::string>{"neutral", "happy", "sad", "angry", "fearful", "surprised"}));
    QCOMPARE(int(corpusClasses("folder", r8).size()), 8);
    const LabelSchema b6 = LabelSchema::builtin("basic6").value();
    QCOMPARE(classNames(corpusClasses("nemo", b6), b6),
             (std::vector<std::string>{"neutral", "happy", "sad", "angry", "fearful"}));
    const LabelSchema v3 = LabelSchema::builtin("valence3").value();
    QCOMPARE(int(corpusClasses("nemo", v3).size()), 3);
    QCOMPARE(classNames(corpusClasses("emodb", r8), r8).size(), size_t(6));  // boredom is dropped by ravdess8
  }
};

QTEST_GUILESS_MAIN(TestCorpusLabels)
#include "tst_corpuslabels.moc"
