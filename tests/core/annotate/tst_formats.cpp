// Label file formats: hand-written files as Audacity and Praat write them (tests/fixtures/labels)
// are read into the expected segments, written back, re-read unchanged; malformed input is refused
// with the line number and never crashes.
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>

#include "core/annotate/AnnotationFormats.h"
#include "core/common/AtomicFile.h"
#include "support/TestPaths.h"

using namespace emo;

namespace {

std::string fixture(const std::string& name) {
  return (std::filesystem::path(emo::test::sourceDir().toStdString()) / "tests/fixtures/labels" / name).string();
}

std::vector<AnnotationSet> readOk(const std::string& path) {
  auto r = readAnnotations(path);
  if (!r) qFatal("%s", r.error().c_str());
  return std::move(r).value();
}

// Writes `sets` in `format` to a temporary file and reads it back.
std::vector<AnnotationSet> roundTrip(const std::vector<AnnotationSet>& sets, LabelFormat format,
                                     const QString& dir, const std::string& stem) {
  const std::string path = (dir + "/").toStdString() + stem + labelFormatExtension(format);
  auto ok = writeAnnotations(path, format, sets);
  if (!ok) qFatal("%s", ok.error().c_str());
  return readOk(path);
}

}  // namespace

class TestFormats : public QObject {
  Q_OBJECT
 private slots:
  void audacityWithSpectralLines() {
    auto sets = readOk(fixture("audacity_spectral.txt"));
    QCOMPARE(sets.size(), size_t(1));
    const AnnotationSet& s = sets[0];
    QCOMPARE(s.clip, std::string("audacity_spectral"));
    const Tier* t = s.findTier("human");
    QVERIFY(t);
    QCOMPARE(t->segments.size(), size_t(3));
    QCOMPARE(t->segments[0].start, 0.512);
    QCOMPARE(t->segments[1].end, 2.0045);
    QCOMPARE(t->segments[2].label, std::string("pleasant surprise"));
    QTemporaryDir dir;
    auto back = roundTrip(sets, LabelFormat::Audacity, dir.path(), "audacity_spectral");
    QVERIFY(back[0] == s);
  }

  void audacityCrlfOverlapping() {
    auto sets = readOk(fixture("audacity_crlf.txt"));
    const Tier* t = sets[0].findTier("human");
    QCOMPARE(t->segments.size(), size_t(2));
    QCOMPARE(t->segments[0].label, std::string("calm"));  // no stray '\r'
    QCOMPARE(t->segments[1].start, 0.6);
    // Overlapping labels are fine in Audacity and CSV, but a TextGrid tier cannot hold them.
    auto grid = toTextGrid(sets[0]);
    QVERIFY(!grid);
    QVERIFY2(QString::fromStdString(grid.error()).contains("overlap"), grid.error().c_str());
  }

  // Fuzzing work (issue 7; the input is tests/fuzz/regressions/label_files/textgrid-nested-sliver):
  // a segment starting less than 1e-9 s before the previous end was let through as "touching" even
  // when it also ended before that end, and was written as an interval with xmax < xmin.
  void textGridNestedSliverIsAnOverlap() {
    AnnotationSet set;
    QVERIFY(set.addSegment("human", {0.0, 1.0, "first"}).ok());
    QVERIFY(set.addSegment("human", {1.0 - 5e-10, 1.0 - 1e-10, "second"}).ok());
    auto grid = toTextGrid(set);
    QVERIFY(!grid);
    QVERIFY2(QString::fromStdString(grid.error()).contains("overlap"), grid.error().c_str());
    // Touching within 1e-9 s (float noise) is still written, and reads back.
    AnnotationSet touching;
    QVERIFY(touching.addSegment("human", {0.0, 1.0, "first"}).ok());
    QVERIFY(touching.addSegment("human", {1.0 - 5e-10, 2.0, "second"}).ok());
    auto text = toTextGrid(touching);
    QVERIFY2(text.ok(), text.error().c_str());
    auto back = parseTextGrid(*text);
    QVERIFY2(back.ok(), back.error().c_str());
    QCOMPARE(back->findTier("human")->segments.size(), size_t(2));
  }

  void praatLongTwoTiers() {
    auto sets = readOk(fixture("praat_long.TextGrid"));
    const AnnotationSet& s = sets[0];
    QCOMPARE(s.duration, 3.5035);
    QCOMPARE(s.tiers.size(), size_t(2));
    QCOMPARE(s.tiers[0].name, std::string("human"));
    QCOMPARE(s.tiers[0].segments.size(), size_t(2));  // the empty fillers are gaps
    QCOMPARE(s.tiers[0].segments[1].label, std::string("said \"no\" firmly"));
    QCOMPARE(s.tiers[1].segments[1].start, 1.5);
    QTemporaryDir dir;
    auto back = roundTrip(sets, LabelFormat::TextGrid, dir.path(), "praat_long");
    QVERIFY(back[0] == s);
    // The writer produces Praat's long form, byte for byte like the hand-written file.
    auto written = readFileBytes((dir.path() + "/praat_long.TextGrid").toStdString());
    auto original = readFileBytes(fixture("praat_long.TextGrid"));
    QCOMPARE(QString::fromStdString(*written), QString::fromStdString(*original));
  }

  void praatShortForm() {
    auto sets = readOk(fixture("praat_short.TextGrid"));
    const Tier* t = sets[0].findTier("words");
    QVERIFY(t);
    QCOMPARE(t->segments.size(), size_t(1));
    QCOMPARE(t->segments[0].label, std::string("happy"));
    QCOMPARE(t->segments[0].end, 1.85);
    QCOMPARE(sets[0].duration, 2.25);
  }

  void praatUtf16() {
    // Praat saves non-ASCII text as UTF-16 with a BOM.
    const std::string utf8 = "File type = \"ooTextFile\"\nObject class = \"TextGrid\"\n0\n1\n<exists>\n1\n"
                             "\"IntervalTier\"\n\"t\"\n0\n1\n1\n0\n1\n\"f\xC3\xA2\x63h\xC3\xA9\"\n";
    std::string utf16 = "\xFF\xFE";
    for (char16_t u : QString::fromStdString(utf8).toStdU16String()) {
      utf16.push_back(static_cast<char>(u & 0xFF));
      utf16.push_back(static_cast<char>(u >> 8));
    }
    auto set = parseTextGrid(utf16);
    QVERIFY2(set, set.error().c_str());
    QCOMPARE(set->tiers[0].segments[0].label, std::string("f\xC3\xA2\x63h\xC3\xA9"));
  }

  void csvRoundTrip() {
    auto sets = readOk(fixture("labels.csv"));
    QCOMPARE(sets.size(), size_t(3));
    QCOMPARE(sets[0].clipLabel("human"), std::string("angry"));
    QCOMPARE(sets[0].findTier("human")->segments[1].label, std::string("disgust, mild"));
    QCOMPARE(sets[0].findTier("model")->segments.size(), size_t(1));
    QCOMPARE(sets[1].clipLabel("human"), std::string("fearful"));
    QCOMPARE(sets[2].clip, std::string("odd \"name\".wav"));
    QTemporaryDir dir;
    auto back = roundTrip(sets, LabelFormat::Csv, dir.path(), "labels");
    QCOMPARE(back.size(), sets.size());
    for (size_t i = 0; i < sets.size(); ++i) QVERIFY(back[i] == sets[i]);
  }

  void jsonRoundTrip() {
    auto sets = readOk(fixture("labels.json"));
    QCOMPARE(sets.size(), size_t(1));
    QCOMPARE(sets[0].duration, 3.737);
    QCOMPARE(sets[0].clipLabel("model"), std::string("calm"));
    QCOMPARE(sets[0].findTier("model")->segments[1].end, 3.0);
    QTemporaryDir dir;
    auto back = roundTrip(sets, LabelFormat::Json, dir.path(), "labels");
    QVERIFY(back[0] == sets[0]);
    // Across formats: JSON -> TextGrid -> same segments (clip labels are not part of a TextGrid).
    auto grid = roundTrip(sets, LabelFormat::TextGrid, dir.path(), "labels");
    QCOMPARE(grid[0].tiers.size(), size_t(2));
    QCOMPARE(grid[0].findTier("human")->segments[0].start, 0.8);
    QCOMPARE(grid[0].duration, 3.737);
  }

  // Issue 16: point labels, labels outside the emotion vocabulary and label origins through every
  // format, each as far as the format can carry it (AnnotationFormats.h says how).
  void pointsUnknownLabelsAndOriginsRoundTrip() {
    AnnotationSet set;
    set.clip = "03-01-05-02-01-01-05.wav";
    set.duration = 3.5035;
    set.setClipLabel("human", "angry", LabelOrigin::FileName);
    set.setClipLabel("model", "neutral");
    QVERIFY(set.addSegment("human", {0.5, 1.25, "angry", LabelOrigin::Human}).ok());
    QVERIFY(set.addSegment("human", {1.25, 2.0, "NotAnEmotion", LabelOrigin::Imported}).ok());
    QVERIFY(set.addSegment("human", {2.5, 2.5, "click", LabelOrigin::Human}).ok());  // a point
    QVERIFY(set.addSegment("model", {0.0, 1.0, "neutral", LabelOrigin::Model}).ok());
    QVERIFY(set.addSegment("model", {1.0, 3.5035, "angry", LabelOrigin::Model}).ok());
    QVERIFY(set.addSegment("events", {0.75, 0.75, "laugh", LabelOrigin::FileName}).ok());  // a point-only tier
    QVERIFY(set.findTier("human")->segments[2].isPoint());
    QCOMPARE(set.clipOrigin("human"), LabelOrigin::FileName);
    QCOMPARE(set.clipOrigin("model"), LabelOrigin::Model);
    QTemporaryDir dir;

    // CSV and JSON carry everything.
    for (LabelFormat f : {LabelFormat::Csv, LabelFormat::Json}) {
      auto back = roundTrip({set}, f, dir.path(), "all");
      QCOMPARE(back.size(), size_t(1));
      AnnotationSet expected = set;
      if (f == LabelFormat::Csv) expected.duration = 0;  // CSV has no column for it
      QVERIFY2(back[0] == expected, labelFormatName(f).c_str());
      QCOMPARE(back[0].clipOrigin("human"), LabelOrigin::FileName);
      QCOMPARE(back[0].findTier("human")->segments[1].label, std::string("NotAnEmotion"));
    }
    // A CSV without the origin column: everything it brings is "imported".
    auto plain = parseCsvAnnotations("file,start,end,label\na.wav,,,sad\na.wav,1,1,click\n");
    QVERIFY2(plain, plain.error().c_str());
    QCOMPARE((*plain)[0].clipOrigin("human"), LabelOrigin::Imported);
    QCOMPARE((*plain)[0].findTier("human")->segments[0].origin, LabelOrigin::Imported);
    QVERIFY((*plain)[0].findTier("human")->segments[0].isPoint());

    // TextGrid: tiers, points (a TextTier; the mixed tier's points in "human (points)") and origins
    // (Praat comments) come back; clip labels are not part of a TextGrid.
    auto grid = roundTrip({set}, LabelFormat::TextGrid, dir.path(), "all");
    AnnotationSet expected = set;
    expected.clip = "all";
    expected.clipLabels.clear();
    expected.clipOrigins.clear();
    QVERIFY(grid[0] == expected);
    auto text = readFileBytes((dir.path() + "/all.TextGrid").toStdString());
    QVERIFY(text->find("class = \"TextTier\" \n        name = \"human (points)\"") != std::string::npos);
    QVERIFY(text->find("class = \"TextTier\" \n        name = \"events\"") != std::string::npos);
    QVERIFY(text->find("text = \"angry\" ! origin=model") != std::string::npos);
    QVERIFY(text->find("text = \"NotAnEmotion\" \n") != std::string::npos);  // imported: no comment
    // A TextGrid as Praat writes it (no comments): its labels are "imported".
    auto praat = readOk(fixture("praat_long.TextGrid"));
    QCOMPARE(praat[0].tiers[0].segments[0].origin, LabelOrigin::Imported);

    // Audacity: one track per file; points and unknown labels come back, origins cannot.
    for (const char* tier : {"human", "model"}) {
      const std::string path = (dir.path() + "/" + tier + ".txt").toStdString();
      QVERIFY(writeAnnotations(path, LabelFormat::Audacity, {set}, tier).ok());
      auto back = readOk(path);
      const Tier* read = back[0].findTier("human");
      QVERIFY(read);
      const Tier* orig = set.findTier(tier);
      QCOMPARE(read->segments.size(), orig->segments.size());
      for (size_t i = 0; i < orig->segments.size(); ++i) {
        QCOMPARE(read->segments[i].label, orig->segments[i].label);
        QCOMPARE(read->segments[i].start, orig->segments[i].start);
        QCOMPARE(read->segments[i].isPoint(), orig->segments[i].isPoint());
        QCOMPARE(read->segments[i].origin, LabelOrigin::Imported);
      }
    }
    auto points = parseAudacityLabels("1.000000\t1.000000\tclick\n");
    QVERIFY2(points, points.error().c_str());
    QVERIFY(points->findTier("human")->segments[0].isPoint());
    QCOMPARE(toAudacityLabels(*points), std::string("1.000000\t1.000000\tclick\n"));
    // A bad origin name is refused with its line.
    auto bad = parseCsvAnnotations("file,start,end,label,tier,origin\na.wav,0,1,sad,human,oracle\n");
    QVERIFY(!bad);
    QVERIFY2(QString::fromStdString(bad.error()).contains("line 2: unknown origin 'oracle'"), bad.error().c_str());
  }

  void pointsAndEdges() {
    AnnotationSet s;
    QVERIFY(s.assign("human", {0.0, 2.0, "neutral"}));
    QVERIFY(s.assign("human", {1.0, 1.0, "click"}));  // a point does not cut the interval
    QCOMPARE(s.findTier("human")->segments.size(), size_t(2));
    QVERIFY(s.assign("human", {1.0, 1.0, "clack"}));  // replaces the point at that time
    QCOMPARE(s.findTier("human")->segments.size(), size_t(2));
    QCOMPARE(s.findTier("human")->segments[1].label, std::string("clack"));
    QVERIFY(s.assign("human", {0.5, 1.5, "angry"}));  // the interval is split, the point kept
    QCOMPARE(s.findTier("human")->segments.size(), size_t(4));
    s.erase("human", 1.0, 1.0);  // a zero-length range removes the point there only
    QCOMPARE(s.findTier("human")->segments.size(), size_t(3));
    // Edges move inside their neighbours: the end of "neutral" cannot pass the start of "angry"'s end.
    QVERIFY(s.moveEdge("human", 0, 1, 0.8));
    QCOMPARE(s.findTier("human")->segments[0].end, 0.5);  // clamped at the next interval's start
    QVERIFY(s.moveEdge("human", 1, 0, 0.3));
    QCOMPARE(s.findTier("human")->segments[1].start, 0.5);  // clamped at the previous one's end
    QVERIFY(s.moveEdge("human", 1, 1, 1.2));
    QCOMPARE(s.findTier("human")->segments[1].end, 1.2);
    QVERIFY(!s.moveEdge("human", 9, 0, 1.0));
  }

  void assignOverwritesRange() {
    AnnotationSet s;
    QVERIFY(s.assign("human", {0.0, 3.0, "neutral"}));
    QVERIFY(s.assign("human", {1.0, 2.0, "angry"}));
    const auto& segs = s.findTier("human")->segments;
    QCOMPARE(segs.size(), size_t(3));
    QCOMPARE(segs[0].end, 1.0);
    QCOMPARE(segs[1].label, std::string("angry"));
    QCOMPARE(segs[2].start, 2.0);
    QCOMPARE(s.labelAt("human", 1.5), std::string("angry"));
    QVERIFY(!s.assign("human", {2.0, 1.0, "x"}));
  }

  void malformed_data() {
    QTest::addColumn<QString>("format");
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("csv no header") << "csv" << QByteArray("a,b,c\n") << "line 1: header lacks the column 'file'";
    QTest::newRow("csv bad number") << "csv" << QByteArray("file,start,end,label,tier\nx.wav,0,1,a,h\nx.wav,zero,1,a,h\n") << "line 3: start 'zero'";
    QTest::newRow("csv fields") << "csv" << QByteArray("file,start,end,label,tier\nx.wav,0,1\n") << "line 2: 3 fields";
    QTest::newRow("csv quote") << "csv" << QByteArray("file,start,end,label,tier\nx.wav,0,1,\"open,h\n") << "line 2: quoted field never closed";
    QTest::newRow("csv reversed") << "csv" << QByteArray("file,start,end,label\r\nx.wav,2,1,a\r\n") << "line 2: segment end 1 is before";
    QTest::newRow("csv negative") << "csv" << QByteArray("file,start,end,label\nx.wav,-1,1,a\n") << "line 2: segment start -1 is negative";
    QTest::newRow("csv nan") << "csv" << QByteArray("file,start,end,label\nx.wav,nan,1,a\n") << "line 2: start 'nan'";
    QTest::newRow("audacity no tab") << "audacity" << QByteArray("0.1\t0.5\ta\n0.5 0.9 b\n") << "line 2: expected start<TAB>end";
    QTest::newRow("audacity bad time") << "audacity" << QByteArray("\\\t1\t2\n0.1x\t0.5\ta\n") << "line 2: start '0.1x'";
    QTest::newRow("audacity reversed") << "audacity" << QByteArray("2.000000\t1.000000\tclick\n") << "line 1: segment end 1 is before";
    QTest::newRow("audacity binary") << "audacity" << QByteArray("0\t1\ta\x00z\n", 9) << "line 1: NUL byte";
    QTest::newRow("textgrid class") << "textgrid" << QByteArray("File type = \"ooTextFile\"\nObject class = \"Pitch 1\"\n") << "line 2: Object class is \"Pitch 1\"";
    QTest::newRow("textgrid truncated") << "textgrid" << QByteArray("File type = \"ooTextFile\"\nObject class = \"TextGrid\"\n\nxmin = 0\nxmax = 2\ntiers? <exists>\nsize = 1\nitem []:\n  item [1]:\n    class = \"IntervalTier\"\n    name = \"a\"\n    xmin = 0\n    xmax = 2\n    intervals: size = 1\n    intervals [1]:\n      xmin = 0\n") << "unexpected end of file (expected interval xmax)";
    QTest::newRow("textgrid bad number") << "textgrid" << QByteArray("File type = \"ooTextFile\"\nObject class = \"TextGrid\"\nxmin = 0\nxmax = 2x\n") << "line 4: '2x' is not a number";
    QTest::newRow("textgrid string") << "textgrid" << QByteArray("File type = \"ooTextFile\"\nObject class = \"TextGrid\"\n0\n2\n<exists>\n1\n\"IntervalTier\"\n\"a\"\n0\n2\n1\n0\n2\n\"never closed\n") << "line 14: string never closed";
    QTest::newRow("textgrid interval order") << "textgrid" << QByteArray("File type = \"ooTextFile\"\nObject class = \"TextGrid\"\n0\n2\n<exists>\n1\n\"IntervalTier\"\n\"a\"\n0\n2\n1\n1.5\n0.5\n\"x\"\n") << "line 12: interval xmax 0.5 is not after xmin 1.5";
    QTest::newRow("textgrid huge count") << "textgrid" << QByteArray("File type = \"ooTextFile\"\nObject class = \"TextGrid\"\n0\n2\n<exists>\n99999999999\n") << "line 6: the number of tiers is larger than the file";
    QTest::newRow("textgrid other tier") << "textgrid" << QByteArray("File type = \"ooTextFile\"\nObject class = \"TextGrid\"\n0\n2\n<exists>\n1\n\"PitchTier\"\n\"p\"\n0\n2\n0\n") << "line 7: tier \"p\" is a PitchTier";
    QTest::newRow("textgrid binary") << "textgrid" << QByteArray("ooBinaryFile\x08TextGrid\x00\x01", 23) << "line 1: a binary TextGrid";
    QTest::newRow("textgrid nul") << "textgrid" << QByteArray("File type = \"ooTextFile\"\n\x00", 26) << "line 2: NUL byte";
    QTest::newRow("json syntax") << "json" << QByteArray("{\n  \"clips\": [\n    {\"file\": \"a.wav\",}\n  ]\n}\n") << "line 3";
    QTest::newRow("json segment") << "json" << QByteArray("{\"clips\":[{\"file\":\"a\",\"tiers\":[{\"name\":\"h\",\"segments\":[{\"start\":1,\"end\":\"2\"}]}]}]}") << "clip 1 tier 1 segment 1: \"end\" is not a number";
  }

  void malformed() {
    QFETCH(QString, format);
    QFETCH(QByteArray, text);
    QFETCH(QString, expected);
    const std::string bytes(text.constData(), static_cast<size_t>(text.size()));
    std::string error;
    if (format == "csv") error = parseCsvAnnotations(bytes).error();
    if (format == "json") error = parseJsonAnnotations(bytes).error();
    if (format == "audacity") error = parseAudacityLabels(bytes).error();
    if (format == "textgrid") error = parseTextGrid(bytes).error();
    QVERIFY2(QString::fromStdString(error).contains(expected),
             qPrintable("got: '" + QString::fromStdString(error) + "'"));
  }

  void fileErrorsNameThePath() {
    auto r = readAnnotations("/nonexistent/x.TextGrid");
    QVERIFY(!r);
    QVERIFY(QString::fromStdString(r.error()).contains("/nonexistent/x.TextGrid"));
    QVERIFY(!labelFormatForPath("x.wav"));
    QVERIFY(!parseLabelFormat("elan"));
    QCOMPARE(*parseLabelFormat("TextGrid"), LabelFormat::TextGrid);
    AnnotationSet a, b;
    QTemporaryDir dir;
    auto two = writeAnnotations((dir.path() + "/two.txt").toStdString(), LabelFormat::Audacity, {a, b});
    QVERIFY(!two);
    QVERIFY(QString::fromStdString(two.error()).contains("hold one clip"));
  }

  void mutationsNeverCrash() {
    // Random byte flips, insertions and deletions in every fixture: read or refused, never a crash.
    QRandomGenerator rng(1234);
    const char alphabet[] = "\"\t\n\r,.-+0123456789e<>[]!=\\ aZ\x00\xff";
    for (const char* name : {"praat_long.TextGrid", "praat_short.TextGrid", "labels.csv", "labels.json",
                             "audacity_spectral.txt", "audacity_crlf.txt"}) {
      auto bytes = readFileBytes(fixture(name));
      QVERIFY(bytes);
      for (int round = 0; round < 400; ++round) {
        std::string m = *bytes;
        const int edits = 1 + static_cast<int>(rng.bounded(4));
        for (int e = 0; e < edits && !m.empty(); ++e) {
          const size_t at = rng.bounded(static_cast<quint32>(m.size()));
          const char c = alphabet[rng.bounded(static_cast<quint32>(sizeof alphabet - 1))];
          switch (rng.bounded(3)) {
            case 0: m[at] = c; break;
            case 1: m.insert(m.begin() + static_cast<long>(at), c); break;
            default: m.erase(at, 1 + rng.bounded(8u)); break;
          }
        }
        auto a = parseTextGrid(m);
        auto b = parseCsvAnnotations(m);
        auto c = parseJsonAnnotations(m);
        auto d = parseAudacityLabels(m);
        QVERIFY(a || !a.error().empty());
        QVERIFY(b || !b.error().empty());
        QVERIFY(c || !c.error().empty());
        QVERIFY(d || !d.error().empty());
        // Whatever was accepted can be written back and read again to the same set.
        if (b) {
          auto again = parseCsvAnnotations(toCsvAnnotations(*b));
          QVERIFY2(again, again.error().c_str());
        }
        if (a) {
          auto grid = toTextGrid(*a);
          if (grid) QVERIFY(parseTextGrid(*grid));
        }
      }
    }
  }

  void truncationsNeverCrash() {
    // Every prefix of every fixture is either read or refused with a message.
    for (const char* name : {"praat_long.TextGrid", "praat_short.TextGrid", "labels.csv", "labels.json",
                             "audacity_spectral.txt"}) {
      auto bytes = readFileBytes(fixture(name));
      QVERIFY(bytes);
      for (size_t n = 0; n <= bytes->size(); ++n) {
        const std::string cut = bytes->substr(0, n);
        auto a = parseTextGrid(cut);
        auto b = parseCsvAnnotations(cut);
        auto c = parseJsonAnnotations(cut);
        auto d = parseAudacityLabels(cut);
        QVERIFY(a || !a.error().empty());
        QVERIFY(b || !b.error().empty());
        QVERIFY(c || !c.error().empty());
        QVERIFY(d || !d.error().empty());
      }
    }
  }
};

QTEST_GUILESS_MAIN(TestFormats)
#include "tst_formats.moc"
