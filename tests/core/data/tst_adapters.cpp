// Dataset adapters on the fixture corpora (tests/fixtures/datasets) and the real shared data.
#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <fstream>

#include "core/data/DatasetAdapter.h"
#include "core/data/DatasetScanner.h"
#include "support/TestPaths.h"

using namespace emo;
namespace fs = std::filesystem;

namespace {

std::string fixture(const std::string& rel) {
  return (fs::path(emo::test::sourceDir().toStdString()) / "tests/fixtures/datasets" / rel).string();
}

ScanReport scanOk(const std::string& root, ScanOptions o = {}) {
  auto r = scanDataset(root, o);
  if (!r) qFatal("scan of %s failed: %s", root.c_str(), r.error().c_str());
  return std::move(r).value();
}

std::string reasonFor(const ScanReport& r, const std::string& fileName) {
  for (const auto& s : r.skipped)
    if (fs::path(s.path).filename() == fileName) return s.reason;
  return "<not skipped>";
}

const Clip* clipNamed(const ScanReport& r, const std::string& fileName) {
  for (const auto& c : r.clips)
    if (fs::path(c.path).filename() == fileName) return &c;
  return nullptr;
}

using Counts = std::map<std::string, int>;

}  // namespace

class TestAdapters : public QObject {
  Q_OBJECT

 private slots:
  void extensions() {
    for (const char* e : {"wav", ".WAV", "flac", ".Flac", "ogg", "aiff", "aif", "au", "caf", "w64"})
      QVERIFY2(isAudioExtension(e), e);
    for (const char* e : {"txt", ".csv", "", ".json", "wavx"}) QVERIFY2(!isAudioExtension(e), e);
    const auto names = adapterNames();
    QCOMPARE(names.front(), std::string("auto"));
    QVERIFY(std::find(names.begin(), names.end(), "manifest") != names.end());
  }

  // Name parsing alone (no file is read), for codes no fixture audio can carry honestly.
  void nameParsing_data() {
    QTest::addColumn<QString>("adapter");
    QTest::addColumn<QString>("rel");
    QTest::addColumn<QString>("label");    // "" = skipped
    QTest::addColumn<QString>("speaker");  // or the expected reason fragment when skipped
    QTest::newRow("emodb boredom") << "emodb" << "16b10Lb.wav" << "boredom" << "emodb:16";
    QTest::newRow("emodb W") << "emodb" << "03a01Wa.wav" << "angry" << "emodb:03";
    QTest::newRow("emodb E") << "emodb" << "03a01Ea.wav" << "disgust" << "emodb:03";
    QTest::newRow("emodb A") << "emodb" << "03a01Aa.wav" << "fearful" << "emodb:03";
    QTest::newRow("emodb T") << "emodb" << "03a01Ta.wav" << "sad" << "emodb:03";
    QTest::newRow("emodb N") << "emodb" << "03a01Nc.wav" << "neutral" << "emodb:03";
    QTest::newRow("emodb bad code") << "emodb" << "03a01Xa.wav" << "" << "unknown emotion code 'X'";
    QTest::newRow("savee su") << "savee" << "KL_su15.wav" << "surprised" << "savee:KL";
    QTest::newRow("savee folder d") << "savee" << "AudioData/JK/d03.wav" << "disgust" << "savee:JK";
    QTest::newRow("savee bad code") << "savee" << "DC_x01.wav" << "" << "unknown emotion code 'x'";
    QTest::newRow("savee bare") << "savee" << "a01.wav" << "" << "speaker folder";
    QTest::newRow("tess typo") << "tess" << "OAF_neutral/OA_bite_neutral.wav" << "neutral" << "tess:OAF";
    QTest::newRow("tess ps") << "tess" << "YAF_ps/YAF_chair_ps.wav" << "surprised" << "tess:YAF";
    QTest::newRow("tess bad") << "tess" << "YAF_chair_bored.wav" << "" << "unknown emotion code 'bored'";
    QTest::newRow("crema lower") << "crema-d" << "1091_WSI_SAD_LO.wav" << "sad" << "crema-d:1091";
    QTest::newRow("ravdess surprised") << "ravdess" << "03-01-08-02-02-02-24.wav" << "surprised" << "ravdess:24";
    QTest::newRow("ravdess calm") << "ravdess" << "03-01-02-01-01-01-07.wav" << "calm" << "ravdess:07";
    QTest::newRow("ravdess short") << "ravdess" << "03-01-02-01-01-07.wav" << "" << "unparseable name";
    QTest::newRow("folder synonym") << "folder" << "me/Sadness/x.wav" << "sad" << "folder:me";
    QTest::newRow("folder no speaker") << "folder" << "joy/x.wav" << "happy" << "folder:unknown";
  }
  void nameParsing() {
    QFETCH(QString, adapter);
    QFETCH(QString, rel);
    QFETCH(QString, label);
    QFETCH(QString, speaker);
    detail::FoundFile f;
    f.rel = rel.toStdString();
    f.path = "/data/" + f.rel;
    f.stem = fs::path(f.rel).stem().string();
    for (const auto& a : detail::makeNameAdapters()) {
      if (a->name() != adapter.toStdString()) continue;
      const auto o = a->parse(f, false);
      if (label.isEmpty()) {
        QVERIFY(!o.ok);
        QVERIFY2(QString::fromStdString(o.reason).contains(speaker), o.reason.c_str());
      } else {
        QVERIFY2(o.ok, o.reason.c_str());
        QCOMPARE(QString::fromStdString(o.clip.label), label);
        QCOMPARE(QString::fromStdString(o.clip.speaker), speaker);
        QCOMPARE(o.clip.path, f.path);
      }
      return;
    }
    QFAIL("adapter not found");
  }

  void cremaD() {
    const ScanReport r = scanOk(fixture("crema-d"));
    QCOMPARE(r.adapter, std::string("crema-d"));
    QCOMPARE(r.perLabel(), (Counts{{"angry", 1}, {"disgust", 1}, {"fearful", 1}, {"happy", 1},
                                   {"neutral", 2}, {"sad", 1}}));
    QCOMPARE(r.perSpeaker(), (Counts{{"crema-d:1001", 3}, {"crema-d:1002", 2}, {"crema-d:1003", 1},
                                     {"crema-d:1004", 1}}));
    const Clip* ang = clipNamed(r, "1001_DFA_ANG_XX.wav");
    QVERIFY(ang);
    QCOMPARE(ang->rawLabel, std::string("ANG"));
    QCOMPARE(ang->corpus, std::string("crema-d"));
    QVERIFY(fs::path(ang->path).is_absolute());
    QCOMPARE(int(r.skipped.size()), 3);
    QVERIFY(QString::fromStdString(reasonFor(r, "1003_TIE_XYZ_XX.wav")).contains("unknown emotion code 'XYZ'"));
    QVERIFY(QString::fromStdString(reasonFor(r, "take_03_final.wav")).contains("unparseable name"));
    QVERIFY(QString::fromStdString(reasonFor(r, "notes.txt")).contains("not an audio file extension"));
    // The duplicate pair: the same bytes under two speakers' names.
    QCOMPARE(int(r.duplicates.size()), 1);
    QCOMPARE(int(r.duplicates[0].paths.size()), 2);
    QCOMPARE(fs::path(r.duplicates[0].paths[0]).filename().string(), std::string("1001_DFA_NEU_XX.wav"));
    QCOMPARE(fs::path(r.duplicates[0].paths[1]).filename().string(), std::string("1004_DFA_NEU_XX.wav"));
    const QString summary = QString::fromStdString(r.summary());
    QVERIFY(summary.contains("adapter: crema-d"));
    QVERIFY(summary.contains("neutral: 2"));
    QVERIFY(summary.contains("notes.txt"));
    QVERIFY(summary.contains("duplicates: 1"));
    const QString json = QString::fromStdString(r.toJson());
    QVERIFY(json.contains("\"clipCount\": 7"));
  }

  void saveeFlatAndFolders() {
    const ScanReport flat = scanOk(fixture("savee"));
    QCOMPARE(flat.adapter, std::string("savee"));
    QCOMPARE(flat.perLabel(), (Counts{{"angry", 1}, {"disgust", 1}, {"fearful", 1}, {"happy", 1},
                                      {"neutral", 1}, {"sad", 1}, {"surprised", 1}}));
    QCOMPARE(flat.perSpeaker(), (Counts{{"savee:DC", 2}, {"savee:JE", 2}, {"savee:JK", 1}, {"savee:KL", 2}}));
    QVERIFY(flat.skipped.empty());
    QVERIFY(flat.duplicates.empty());
    QCOMPARE(clipNamed(flat, "JE_sa01.wav")->label, std::string("sad"));
    QCOMPARE(clipNamed(flat, "JK_su01.wav")->label, std::string("surprised"));

    const ScanReport folders = scanOk(fixture("savee-folders"));
    QCOMPARE(folders.adapter, std::string("savee"));
    QCOMPARE(folders.perLabel(), (Counts{{"angry", 1}, {"neutral", 1}, {"sad", 1}, {"surprised", 1}}));
    QCOMPARE(folders.perSpeaker(), (Counts{{"savee:DC", 2}, {"savee:JE", 2}}));
  }

  void emoDb() {
    const ScanReport r = scanOk(fixture("emodb"));
    QCOMPARE(r.adapter, std::string("emodb"));
    QCOMPARE(r.perLabel(), (Counts{{"angry", 1}, {"disgust", 1}, {"fearful", 1}, {"happy", 1},
                                   {"neutral", 1}, {"sad", 1}}));
    QCOMPARE(r.perSpeaker(), (Counts{{"emodb:03", 2}, {"emodb:08", 2}, {"emodb:10", 2}}));
    QCOMPARE(clipNamed(r, "03a01Wa.wav")->rawLabel, std::string("W"));
  }

  void folderPerLabel() {
    const ScanReport r = scanOk(fixture("folder-per-label"));
    QCOMPARE(r.adapter, std::string("folder"));
    QCOMPARE(r.perLabel(), (Counts{{"angry", 1}, {"fearful", 1}, {"happy", 1}, {"neutral", 1}, {"sad", 1}}));
    QCOMPARE(r.perSpeaker(), (Counts{{"folder:spk1", 2}, {"folder:spk2", 3}}));
    QCOMPARE(clipNamed(r, "clip4.wav")->rawLabel, std::string("fear"));
  }

  void manifest() {
    const ScanReport r = scanOk(fixture("manifest/manifest.csv"));
    QCOMPARE(r.adapter, std::string("manifest"));
    QCOMPARE(r.perLabel(), (Counts{{"angry", 1}, {"happy", 1}, {"sad", 1}, {"surprised", 1}}));
    QCOMPARE(r.perSpeaker(), (Counts{{"manifest:m1", 2}, {"manifest:m2", 2}}));
    const Clip* quoted = clipNamed(r, "m2, happy.wav");
    QVERIFY(quoted);
    QVERIFY(fs::exists(quoted->path));
    QCOMPARE(quoted->rawLabel, std::string("Happiness"));
    QCOMPARE(int(r.skipped.size()), 1);
    QVERIFY(QString::fromStdString(reasonFor(r, "missing.wav")).contains("file not found"));
  }

  void manifestAbsolutePathsAndErrors() {
    QTemporaryDir dir;
    const std::string abs = fixture("manifest/audio/m1.wav");
    const std::string csv = dir.filePath("list.csv").toStdString();
    std::ofstream(csv) << "speaker,label,path,notes\r\nzz,Anger,\"" << abs << "\",x\r\nzz,fear,rel.wav,y\r\n";
    fs::copy_file(fixture("manifest/audio/m4.wav"), dir.filePath("rel.wav").toStdString());
    ScanOptions o;
    o.adapter = "manifest";
    const ScanReport r = scanOk(csv, o);
    QCOMPARE(int(r.clips.size()), 2);
    QCOMPARE(r.clips[0].path, abs);
    QCOMPARE(r.clips[0].label, std::string("angry"));
    QCOMPARE(r.clips[0].speaker, std::string("manifest:zz"));
    QVERIFY(fs::exists(r.clips[1].path));

    const std::string noHeader = dir.filePath("bad.csv").toStdString();
    std::ofstream(noHeader) << "a.wav,angry,01\n";
    auto bad = scanDataset(noHeader);
    QVERIFY(!bad.ok());
    QVERIFY(QString::fromStdString(bad.error()).contains("header"));
  }

  void skipReasonsAndEmptyFile() {
    QTemporaryDir dir;
    const fs::path root = dir.path().toStdString();
    const std::string angry = fixture("crema-d/1001_DFA_ANG_XX.wav");
    fs::create_directories(root / "Actor_01");
    fs::copy_file(angry, root / "Actor_01/03-01-05-01-01-01-01.wav");
    fs::copy_file(angry, root / "Actor_01/01-01-05-01-01-01-01.wav");  // audio-video modality
    fs::copy_file(angry, root / "Actor_01/03-02-05-01-01-01-01.wav");  // song channel
    fs::copy_file(angry, root / "Actor_01/03-01-09-01-01-01-01.wav");  // no emotion 09
    std::ofstream((root / "Actor_01/03-01-03-01-01-01-01.wav").string());  // empty file
    std::ofstream((root / "Actor_01/03-01-04-01-01-01-01.wav").string()) << "not audio at all";
    {  // a WAV header declaring 0 frames of 16 kHz mono 16-bit PCM
      const unsigned char header[44] = {'R', 'I', 'F', 'F', 36, 0, 0, 0, 'W', 'A', 'V', 'E', 'f', 'm', 't', ' ',
                                        16, 0, 0, 0, 1, 0, 1, 0, 0x80, 0x3e, 0, 0, 0, 0x7d, 0, 0,
                                        2, 0, 16, 0, 'd', 'a', 't', 'a', 0, 0, 0, 0};
      std::ofstream((root / "Actor_01/03-01-06-01-01-01-01.wav").string(), std::ios::binary)
          .write(reinterpret_cast<const char*>(header), sizeof(header));
    }
    ScanOptions o;
    o.detectDuplicates = false;
    const ScanReport r = scanOk(root.string(), o);
    QCOMPARE(r.adapter, std::string("ravdess"));
    QCOMPARE(int(r.clips.size()), 1);
    QCOMPARE(r.clips[0].speaker, std::string("ravdess:01"));
    QCOMPARE(r.clips[0].label, std::string("angry"));
    QVERIFY(QString::fromStdString(reasonFor(r, "01-01-05-01-01-01-01.wav")).contains("modality 01"));
    QVERIFY(QString::fromStdString(reasonFor(r, "03-02-05-01-01-01-01.wav")).contains("vocal channel 02"));
    QVERIFY(QString::fromStdString(reasonFor(r, "03-01-09-01-01-01-01.wav")).contains("unknown emotion code '09'"));
    QCOMPARE(reasonFor(r, "03-01-03-01-01-01-01.wav"), std::string("empty file"));
    QVERIFY2(QString::fromStdString(reasonFor(r, "03-01-04-01-01-01-01.wav")).contains("unreadable audio"),
             reasonFor(r, "03-01-04-01-01-01-01.wav").c_str());
    QCOMPARE(reasonFor(r, "03-01-06-01-01-01-01.wav"), std::string("empty file (no audio frames)"));
  }

  void overrideAdapter() {
    ScanOptions o;
    o.adapter = "emodb";
    o.detectDuplicates = false;
    const ScanReport r = scanOk(fixture("savee"), o);
    QCOMPARE(r.adapter, std::string("emodb"));
    QVERIFY(r.clips.empty());
    QCOMPARE(int(r.skipped.size()), 7);
    QVERIFY(QString::fromStdString(r.skipped[0].reason).contains("unparseable name for emodb"));

    // Explicit "folder" accepts folder names that auto-detection would not vouch for.
    o.adapter = "folder";
    const ScanReport f = scanOk(fixture("savee-folders"), o);
    QCOMPARE(f.perLabel(), (Counts{{"dc", 2}, {"je", 2}}));

    o.adapter = "bogus";
    auto bad = scanDataset(fixture("savee"), o);
    QVERIFY(!bad.ok());
    QVERIFY(QString::fromStdString(bad.error()).contains("bogus"));
    o.adapter = "ravdess";
    QVERIFY(!scanDataset(fixture("manifest/manifest.csv"), o).ok());
    o.adapter = "manifest";
    QVERIFY(!scanDataset(fixture("savee"), o).ok());
  }

  void errorsForBadRoots() {
    auto missing = scanDataset("/nonexistent/emoscope/data");
    QVERIFY(!missing.ok());
    QVERIFY(QString::fromStdString(missing.error()).contains("/nonexistent/emoscope/data"));
    QTemporaryDir dir;
    std::ofstream(dir.filePath("readme.txt").toStdString()) << "x";
    auto none = scanDataset(dir.path().toStdString());
    QVERIFY(!none.ok());
    QVERIFY(QString::fromStdString(none.error()).contains("no adapter"));
  }

  void progressIsReported() {
    std::vector<std::pair<long long, long long>> calls;
    ScanOptions o;
    o.progress = [&](long long done, long long total, const std::string&) { calls.push_back({done, total}); };
    const ScanReport r = scanOk(fixture("crema-d"), o);
    QVERIFY(!calls.empty());
    for (size_t i = 1; i < calls.size(); ++i) QVERIFY(calls[i].first >= calls[i - 1].first);
    QCOMPARE(calls.back().first, calls.back().second);
    QVERIFY(calls.size() >= r.clips.size());
  }

  void realRavdess() {
    ScanOptions o;
    o.detectDuplicates = false;
    const ScanReport r = scanOk(emo::test::shared("data/ravdess").toStdString(), o);
    QCOMPARE(r.adapter, std::string("ravdess"));
    QCOMPARE(int(r.clips.size()), 1200);
    QCOMPARE(int(r.perSpeaker().size()), 20);
    for (const auto& [speaker, n] : r.perSpeaker()) QCOMPARE(n, 60);
    // 60 per actor: neutral has no strong intensity (4 takes), the others 8 each.
    Counts expected{{"neutral", 80}};
    for (const char* l : {"calm", "happy", "sad", "angry", "fearful", "disgust", "surprised"}) expected[l] = 160;
    QCOMPARE(r.perLabel(), expected);
    QVERIFY(r.skipped.empty());
  }

  void realTess() {
    ScanOptions o;
    o.detectDuplicates = false;
    const ScanReport r = scanOk(emo::test::shared("data/tess").toStdString(), o);
    QCOMPARE(r.adapter, std::string("tess"));
    QCOMPARE(int(r.clips.size()), 2800);
    QCOMPARE(r.perSpeaker(), (Counts{{"tess:OAF", 1400}, {"tess:YAF", 1400}}));
    QCOMPARE(int(r.perLabel().size()), 7);
    for (const auto& [label, n] : r.perLabel()) QCOMPARE(n, 400);
    QCOMPARE(r.perLabel().count("surprised"), size_t(1));
    const Clip* typo = clipNamed(r, "OA_bite_neutral.flac");
    QVERIFY(typo);
    QCOMPARE(typo->speaker, std::string("tess:OAF"));
    QCOMPARE(typo->label, std::string("neutral"));
    QVERIFY(r.skipped.empty());
  }
};

QTEST_GUILESS_MAIN(TestAdapters)
#include "tst_adapters.moc"
