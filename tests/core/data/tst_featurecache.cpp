// FeatureCache: misses then hits, invalidation by content / params / kinds / recipe, corrupt
// entries recomputed, and concurrent callers.
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

#include "core/data/FeatureCache.h"
#include "support/TestPaths.h"

using namespace emo;
namespace fs = std::filesystem;

namespace {

std::string fixture(const std::string& rel) {
  return (fs::path(emo::test::sourceDir().toStdString()) / "tests/fixtures/datasets" / rel).string();
}

// A deterministic stand-in for extraction whose values depend on a seed.
FeatureSet makeFeatures(int frames, float seed) {
  FeatureSet f;
  f.frames = frames;
  Matrix& a = f.getOrAdd(FeatureKind::Mfcc, 13);
  for (size_t i = 0; i < a.data.size(); ++i) a.data[i] = seed + 0.25f * float(i);
  Matrix& b = f.getOrAdd(FeatureKind::Rms, 1);
  for (size_t i = 0; i < b.data.size(); ++i) b.data[i] = -seed / float(i + 1);
  return f;
}

bool sameFeatures(const FeatureSet& x, const FeatureSet& y) {
  if (x.frames != y.frames || x.items.size() != y.items.size()) return false;
  for (size_t i = 0; i < x.items.size(); ++i) {
    if (x.items[i].first != y.items[i].first) return false;
    const Matrix &a = x.items[i].second, &b = y.items[i].second;
    if (a.rows != b.rows || a.cols != b.cols || a.data != b.data) return false;
  }
  return true;
}

std::vector<fs::path> entries(const std::string& folder) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(folder))
    if (e.path().extension() == ".emofeat") out.push_back(e.path());
  return out;
}

const std::vector<FeatureKind> kKinds = {FeatureKind::Mfcc, FeatureKind::Rms};

}  // namespace

class TestFeatureCache : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  std::string audio_;

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    audio_ = dir_.filePath("clip.wav").toStdString();
    fs::copy_file(fixture("crema-d/1001_DFA_ANG_XX.wav"), audio_);
  }

  void hashFile() {
    auto a = FeatureCache::hashFile(fixture("crema-d/1001_DFA_NEU_XX.wav"));
    auto b = FeatureCache::hashFile(fixture("crema-d/1004_DFA_NEU_XX.wav"));
    auto c = FeatureCache::hashFile(fixture("crema-d/1001_DFA_ANG_XX.wav"));
    QVERIFY(a.ok() && b.ok() && c.ok());
    QCOMPARE(a.value(), b.value());
    QVERIFY(a.value() != c.value());
    auto missing = FeatureCache::hashFile("/nonexistent/x.wav");
    QVERIFY(!missing.ok());
    QVERIFY(QString::fromStdString(missing.error()).contains("/nonexistent/x.wav"));
  }

  void missThenHit() {
    FeatureCache cache(dir_.filePath("c1").toStdString());
    int computed = 0;
    auto compute = [&]() -> Result<FeatureSet> { ++computed; return makeFeatures(50, 1.5f); };
    auto first = cache.getOrCompute(audio_, FeatureParams{}, kKinds, "raw", compute);
    QVERIFY2(first.ok(), first.error().c_str());
    QCOMPARE(computed, 1);
    QCOMPARE(cache.misses(), 1LL);
    QCOMPARE(int(entries(cache.folder()).size()), 1);
    auto second = cache.getOrCompute(audio_, FeatureParams{}, kKinds, "raw", compute);
    QVERIFY2(second.ok(), second.error().c_str());
    QCOMPARE(computed, 1);
    QCOMPARE(cache.hits(), 1LL);
    QVERIFY(sameFeatures(first.value(), second.value()));
    QVERIFY(sameFeatures(second.value(), makeFeatures(50, 1.5f)));

    // A second cache object on the same folder (a later run) hits too.
    FeatureCache later(cache.folder());
    auto third = later.getOrCompute(audio_, FeatureParams{}, kKinds, "raw", compute);
    QCOMPARE(computed, 1);
    QVERIFY(sameFeatures(third.value(), first.value()));
  }

  void changesMiss() {
    FeatureCache cache(dir_.filePath("c2").toStdString());
    int computed = 0;
    auto compute = [&]() -> Result<FeatureSet> { ++computed; return makeFeatures(20, float(computed)); };
    QVERIFY(cache.getOrCompute(audio_, FeatureParams{}, kKinds, "raw", compute).ok());
    FeatureParams other;
    other.nMfcc = 13;
    QVERIFY(cache.getOrCompute(audio_, other, kKinds, "raw", compute).ok());
    QCOMPARE(computed, 2);
    QVERIFY(cache.getOrCompute(audio_, FeatureParams{}, {FeatureKind::Mfcc}, "raw", compute).ok());
    QCOMPARE(computed, 3);
    QVERIFY(cache.getOrCompute(audio_, FeatureParams{}, kKinds, "loudnorm-v1", compute).ok());
    QCOMPARE(computed, 4);
    // Same params again: a hit.
    QVERIFY(cache.getOrCompute(audio_, FeatureParams{}, kKinds, "raw", compute).ok());
    QCOMPARE(computed, 4);
    // Changed file content under the same name: a miss.
    const std::string changed = dir_.filePath("changing.wav").toStdString();
    fs::copy_file(audio_, changed);
    QVERIFY(cache.getOrCompute(changed, FeatureParams{}, kKinds, "raw", compute).ok());
    QCOMPARE(computed, 4);  // same content as audio_: shared entry
    fs::copy_file(fixture("crema-d/1001_DFA_HAP_XX.wav"), changed, fs::copy_options::overwrite_existing);
    QVERIFY(cache.getOrCompute(changed, FeatureParams{}, kKinds, "raw", compute).ok());
    QCOMPARE(computed, 5);
  }

  void corruptEntryIsRecomputed() {
    const std::string folder = dir_.filePath("c3").toStdString();
    FeatureCache cache(folder);
    int computed = 0;
    auto compute = [&]() -> Result<FeatureSet> { ++computed; return makeFeatures(30, 2.0f); };
    QVERIFY(cache.getOrCompute(audio_, FeatureParams{}, kKinds, "raw", compute).ok());
    const fs::path entry = entries(folder).at(0);
    const auto size = fs::file_size(entry);
    {  // flip one byte in the middle of the data
      std::fstream f(entry, std::ios::in | std::ios::out | std::ios::binary);
      f.seekp(static_cast<std::streamoff>(size / 2));
      f.put('\x5a');
    }
    auto again = cache.getOrCompute(audio_, FeatureParams{}, kKinds, "raw", compute);
    QVERIFY2(again.ok(), again.error().c_str());
    QCOMPARE(computed, 2);
    QVERIFY(sameFeatures(again.value(), makeFeatures(30, 2.0f)));
    fs::resize_file(entry, size - 10);  // truncated
    QVERIFY(cache.getOrCompute(audio_, FeatureParams{}, kKinds, "raw", compute).ok());
    QCOMPARE(computed, 3);
    QCOMPARE(fs::file_size(entry), size);  // rewritten whole
    QVERIFY(cache.getOrCompute(audio_, FeatureParams{}, kKinds, "raw", compute).ok());
    QCOMPARE(computed, 3);
  }

  void errors() {
    FeatureCache cache(dir_.filePath("c4").toStdString());
    auto failing = []() -> Result<FeatureSet> { return fail("extraction failed"); };
    auto r = cache.getOrCompute(audio_, FeatureParams{}, kKinds, "raw", failing);
    QVERIFY(!r.ok());
    QCOMPARE(r.error(), std::string("extraction failed"));
    QVERIFY(!fs::exists(cache.folder()) || entries(cache.folder()).empty());
    auto missing = cache.getOrCompute("/nonexistent/a.wav", FeatureParams{}, kKinds, "raw",
                                      [] { return Result<FeatureSet>(makeFeatures(1, 0)); });
    QVERIFY(!missing.ok());
    QVERIFY(QString::fromStdString(missing.error()).contains("/nonexistent/a.wav"));
    // An unwritable folder still returns the computed features.
    FeatureCache readOnly("/proc/emoscope-cache-test");
    auto computed = readOnly.getOrCompute(audio_, FeatureParams{}, kKinds, "raw",
                                          [] { return Result<FeatureSet>(makeFeatures(4, 3)); });
    QVERIFY2(computed.ok(), computed.error().c_str());
    QVERIFY(sameFeatures(computed.value(), makeFeatures(4, 3)));
  }

  void defaultFolderFromEnvironment() {
    const std::string want = dir_.filePath("env-cache").toStdString();
    qputenv("EMO_CACHE_DIR", QByteArray::fromStdString(want));
    QCOMPARE(FeatureCache().folder(), want);
    qunsetenv("EMO_CACHE_DIR");
    qputenv("XDG_CACHE_HOME", "/tmp/xdg-test");
    QCOMPARE(FeatureCache().folder(), std::string("/tmp/xdg-test/emoscope/features"));
    qunsetenv("XDG_CACHE_HOME");
  }

  void concurrentCallers() {
    FeatureCache cache(dir_.filePath("c5").toStdString());
    const std::string other = dir_.filePath("other.wav").toStdString();
    fs::copy_file(fixture("crema-d/1002_IEO_SAD_LO.wav"), other);
    std::atomic<int> wrong{0};
    auto worker = [&](int id) {
      for (int i = 0; i < 40; ++i) {
        const std::string& path = (i + id) % 3 == 0 ? other : audio_;
        const float seed = path == other ? 9.0f : 4.0f;
        auto r = cache.getOrCompute(path, FeatureParams{}, kKinds, "raw",
                                    [seed] { return Result<FeatureSet>(makeFeatures(200, seed)); });
        if (!r.ok() || !sameFeatures(r.value(), makeFeatures(200, seed))) ++wrong;
      }
    };
    std::thread a(worker, 0), b(worker, 1);
    a.join();
    b.join();
    QCOMPARE(wrong.load(), 0);
    QCOMPARE(cache.hits() + cache.misses(), 80LL);
    QVERIFY(cache.misses() >= 2 && cache.misses() <= 4);
    QCOMPARE(int(entries(cache.folder()).size()), 2);
  }
};

QTEST_GUILESS_MAIN(TestFeatureCache)
#include "tst_featurecache.moc"
