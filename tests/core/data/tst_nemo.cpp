// nEMO (Polish, Ogg Vorbis): the adapter on the real shared corpus, name parsing edge cases, and
// Ogg Vorbis reading through the ordinary AudioReader.
#include <QtTest>

#include <cmath>
#include <filesystem>
#include <set>

#include "core/audio/AudioReader.h"
#include "core/data/DatasetAdapter.h"
#include "core/data/DatasetScanner.h"
#include "support/TestPaths.h"

using namespace emo;
namespace fs = std::filesystem;

namespace {

detail::ParseOutcome parseName(const std::string& rel) {
  detail::FoundFile f;
  f.rel = rel;
  f.path = "/data/" + rel;
  f.stem = fs::path(rel).stem().string();
  return detail::makeNemoAdapter()->parse(f, true);
}

}  // namespace

class TestNemo : public QObject {
  Q_OBJECT

 private slots:
  void nameParsing() {
    auto o = parseName("samples/EB0_anger_12.ogg");
    QVERIFY2(o.ok, o.reason.c_str());
    QCOMPARE(o.clip.corpus, std::string("nemo"));
    QCOMPARE(o.clip.speaker, std::string("nemo:EB0"));
    QCOMPARE(o.clip.label, std::string("angry"));
    QCOMPARE(o.clip.rawLabel, std::string("anger"));
    QCOMPARE(parseName("WR0_happiness_3.wav").clip.label, std::string("happy"));
    QCOMPARE(parseName("kS0_Sadness_70.flac").clip.speaker, std::string("nemo:KS0"));
    QCOMPARE(parseName("MP0_surprised_1.ogg").clip.label, std::string("surprised"));
    auto bad = parseName("EB0_boredom_1.ogg");
    QVERIFY(!bad.ok);
    QVERIFY2(bad.reason.find("unknown emotion code 'boredom'") != std::string::npos, bad.reason.c_str());
    QVERIFY(!parseName("EB0_anger.ogg").ok);
    QVERIFY(!parseName("OAF_back_angry.flac").ok);  // a TESS name is not nEMO
  }

  // The whole shared corpus: auto-detected, 7 speakers, 6 labels, nothing but data.tsv and the
  // licence skipped (the counts per speaker/label are those of the file names in the folder).
  void realCorpus() {
    const std::string root = emo::test::shared("data/nemo").toStdString();
    ScanOptions o;
    o.detectDuplicates = false;
    auto r = scanDataset(root, o);
    QVERIFY2(r.ok(), r.ok() ? "" : r.error().c_str());
    QCOMPARE(r->adapter, std::string("nemo"));
    size_t oggFiles = 0;
    for (const auto& e : fs::directory_iterator(fs::path(root) / "samples"))
      oggFiles += e.path().extension() == ".ogg" ? 1 : 0;
    QCOMPARE(r->clips.size(), oggFiles);
    QCOMPARE(int(r->clips.size()), 3402);
    const std::set<std::string> speakers{"nemo:EB0", "nemo:IC0", "nemo:KS0", "nemo:MK0",
                                         "nemo:MP0", "nemo:SM0", "nemo:WR0"};
    std::set<std::string> seen;
    for (const auto& [spk, n] : r->perSpeaker()) seen.insert(spk);
    QCOMPARE(seen, speakers);
    std::set<std::string> labels;
    for (const auto& [label, n] : r->perLabel()) labels.insert(label);
    QCOMPARE(labels, (std::set<std::string>{"angry", "fearful", "happy", "neutral", "sad", "surprised"}));
    for (const auto& s : r->skipped) {
      const std::string name = fs::path(s.path).filename().string();
      QVERIFY2(name == "data.tsv" || name == "LICENSE", name.c_str());
      QVERIFY2(s.reason.find("not an audio file extension") != std::string::npos, s.reason.c_str());
    }
    for (const Clip& c : r->clips) {
      QCOMPARE(c.corpus, std::string("nemo"));
      QCOMPARE(fs::path(c.path).extension().string(), std::string(".ogg"));
    }
  }

  // A real nEMO clip reads like any libsndfile format: header, rate, length and real speech.
  void oggVorbisReads() {
    const std::string path = emo::test::shared("data/nemo/samples/EB0_anger_1.ogg").toStdString();
    auto info = probeAudio(path);
    QVERIFY2(info.ok(), info.ok() ? "" : info.error().c_str());
    QCOMPARE(info->container, std::string("OGG"));
    QCOMPARE(info->encoding, std::string("VORBIS"));
    QCOMPARE(info->sampleRate, 16000);
    QCOMPARE(info->channels, 1);
    QCOMPARE(info->frames, int64_t(31760));  // `soxi` on the same file: 31760 samples, 1.99 s
    ReadOptions keep;
    keep.targetRate = 0;
    auto audio = readAudioMono(path, keep);
    QVERIFY2(audio.ok(), audio.ok() ? "" : audio.error().c_str());
    QCOMPARE(audio->sampleRate, 16000);
    QCOMPARE(int64_t(audio->samples.size()), info->frames);
    QVERIFY(audio->warnings.empty());
    double energy = 0, peak = 0;
    for (float x : audio->samples) {
      energy += double(x) * x;
      peak = std::max(peak, double(std::fabs(x)));
    }
    const double rms = std::sqrt(energy / audio->samples.size());
    QVERIFY2(rms > 0.01 && peak < 1.0001, qPrintable(QString("rms %1 peak %2").arg(rms).arg(peak)));
    // Resampled on read like any other format.
    ReadOptions to8k;
    to8k.targetRate = 8000;
    auto low = readAudioMono(path, to8k);
    QVERIFY(low.ok());
    QVERIFY(std::abs(int64_t(low->samples.size()) - info->frames / 2) <= 2);
  }
};

QTEST_GUILESS_MAIN(TestNemo)
#include "tst_nemo.moc"
