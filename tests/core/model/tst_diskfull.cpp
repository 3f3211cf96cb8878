// A full disk while saving: the process's file-size limit (RLIMIT_FSIZE, the way a full or
// quota-limited disk refuses a write with EFBIG/ENOSPC) is lowered before saving a model bundle,
// a recording and annotations over earlier versions. Each save must fail with a message naming
// the file, and the earlier file must survive intact and loadable. No temporary files are left.
#include <QtTest>

#include <csignal>
#include <filesystem>
#include <sys/resource.h>

#include "core/annotate/AnnotationFormats.h"
#include "core/audio/AudioReader.h"
#include "core/audio/AudioWriter.h"
#include "core/common/AtomicFile.h"
#include "core/infer/ModelLocator.h"
#include "core/model/ModelBundle.h"

using namespace emo;
namespace fs = std::filesystem;

namespace {

/// Lowers the soft file-size limit for its lifetime (writes past it fail with EFBIG).
class FileSizeLimit {
 public:
  explicit FileSizeLimit(rlim_t bytes) {
    getrlimit(RLIMIT_FSIZE, &saved_);
    rlimit l = saved_;
    l.rlim_cur = bytes;
    setrlimit(RLIMIT_FSIZE, &l);
  }
  ~FileSizeLimit() { setrlimit(RLIMIT_FSIZE, &saved_); }

 private:
  rlimit saved_{};
};

size_t entriesIn(const fs::path& dir) {
  size_t n = 0;
  for (auto it = fs::directory_iterator(dir); it != fs::directory_iterator(); ++it) ++n;
  return n;
}

}  // namespace

class TestDiskFull : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;

 private slots:
  void initTestCase() {
    std::signal(SIGXFSZ, SIG_IGN);  // a write past the limit then fails with EFBIG instead of killing us
    QVERIFY(tmp_.isValid());
  }

  void modelSave() {
    auto model = ModelBundle::load(defaultModelFolder(EMO_SOURCE_DIR));
    QVERIFY2(model, model.error().c_str());
    const fs::path root = tmp_.path().toStdString();
    const std::string folder = (root / "bundle").string();
    QVERIFY((*model)->save(folder));
    const std::string before = readFileBytes(folder + "/model.json").value();
    const size_t entries = entriesIn(root);
    Status st = success();
    {
      FileSizeLimit limit(64 * 1024);  // the weights are larger
      st = (*model)->save(folder);
    }
    QVERIFY2(!st, "a save past the file-size limit reported success");
    qInfo("model save: %s", st.error().c_str());
    QVERIFY(QString::fromStdString(st.error()).contains("bundle"));
    QCOMPARE(readFileBytes(folder + "/model.json").value(), before);
    QVERIFY2(ModelBundle::load(folder), "the earlier bundle no longer loads");
    QCOMPARE(entriesIn(root), entries);  // no temporary folders left behind
  }

  void recordingSave() {
    const std::string path = tmp_.filePath("recording.wav").toStdString();
    std::vector<float> first(16000, 0.1f), second(16000 * 10, 0.2f);
    QVERIFY(writeWav(path, first, 16000));
    Status st = success();
    {
      FileSizeLimit limit(16 * 1024);
      st = writeWav(path, second, 16000);
    }
    QVERIFY(!st);
    qInfo("recording save: %s", st.error().c_str());
    QVERIFY(QString::fromStdString(st.error()).contains("recording.wav"));
    auto back = readAudioMono(path);
    QVERIFY2(back, back.error().c_str());
    QCOMPARE(back->samples.size(), first.size());
  }

  void annotationSave() {
    const std::string path = tmp_.filePath("labels.json").toStdString();
    AnnotationSet small;
    small.clip = "a.wav";
    small.setClipLabel("human", "angry");
    QVERIFY(writeAnnotations(path, LabelFormat::Json, {small}));
    const std::string before = readFileBytes(path).value();
    AnnotationSet big = small;
    for (int i = 0; i < 2000; ++i) QVERIFY(big.addSegment("human", {i * 1.0, i * 1.0 + 0.5, "happy"}));
    Status st = success();
    {
      FileSizeLimit limit(4 * 1024);
      st = writeAnnotations(path, LabelFormat::Json, {big});
    }
    QVERIFY(!st);
    qInfo("annotation save: %s", st.error().c_str());
    QVERIFY(QString::fromStdString(st.error()).contains("labels.json"));
    QCOMPARE(readFileBytes(path).value(), before);
    QCOMPARE(entriesIn(fs::path(path).parent_path()) >= 1, true);
  }
};

QTEST_GUILESS_MAIN(TestDiskFull)
#include "tst_diskfull.moc"
