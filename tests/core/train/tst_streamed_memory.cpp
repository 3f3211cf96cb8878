// Peak resident memory of a short training run against the corpus size, with features streamed
// (FeatureStore spool, --stream-features) and held in memory. Synthetic features (this tests memory,
// not accuracy) are generated straight into the store of a FeatureDataset, as extraction puts
// them, for 2000 and 8000 clips of 2 variants x 200 frames x 32 columns (51.2 KB each); each run
// is a child process (this executable with --probe) that trains one epoch and reports VmHWM.
// Held in memory, 6000 more clips must cost at least 80 % of their 307 MB of features; streamed,
// at most 2 KB a clip (12 MB): what is left per clip is bookkeeping (clip record, sample,
// sampler and spool entries, a few hundred bytes), not features.
#include <QtTest>

#include <cstring>
#include <fstream>
#include <random>

#include "core/train/Experiment.h"

using namespace emo;

namespace {

constexpr int kRows = 200, kCols = 32, kVariants = 2;

long peakKb() {
  std::ifstream in("/proc/self/status");
  for (std::string line; std::getline(in, line);)
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
  return -1;
}

// The child: builds the dataset, trains one epoch, prints "peak_kb N".
int probe(int clips, bool streamed, const std::string& folder) {
  FeatureDataset ds;
  ds.schema = LabelSchema::resolve("ravdess8").value();
  if (streamed) ds.features = FeatureStore::streamed(folder).value();
  ds.features.resize(clips, kVariants);  // as loadFeatureDataset does
  std::mt19937 rng(5);
  std::normal_distribution<float> noise(0.f, 1.f);
  for (int i = 0; i < clips; ++i) {
    const int label = i % static_cast<int>(ds.schema.classes.size());
    ds.clips.push_back(Clip{"/synthetic/" + std::to_string(i) + ".wav", ds.schema.classes[label],
                            "ravdess:" + std::to_string(i % 24), "ravdess", ds.schema.classes[label]});
    ds.labels.push_back(label);
    std::vector<Matrix> variants;
    for (int v = 0; v < kVariants; ++v) {
      Matrix m(kRows, kCols);
      for (float& x : m.data) x = noise(rng) + 0.1f * label;
      variants.push_back(std::move(m));
    }
    if (!ds.features.put(i, std::move(variants))) return 2;
  }
  std::vector<int> all(clips);
  for (int i = 0; i < clips; ++i) all[i] = i;
  DataOptions data;
  ExperimentOptions o;
  o.spec = ModelSpec::defaults("crnn_attn", 1, 2).value();
  o.spec.channels = 8;
  o.spec.hidden = 8;
  o.train.epochs = 1;
  o.train.batchSize = 32;
  o.train.cropMinFrames = o.train.cropMaxFrames = 40;
  o.train.evalMaxFrames = 40;
  o.train.validationFraction = 0.1;
  o.train.threads = 1;
  auto trained = trainOnClips(ds, data, all, o);
  if (!trained) {
    std::fprintf(stderr, "%s\n", trained.error().c_str());
    return 1;
  }
  std::printf("peak_kb %ld\n", peakKb());
  return 0;
}

}  // namespace

class TestStreamedMemory : public QObject {
  Q_OBJECT

  static long runProbe(int clips, bool streamed, const QString& folder) {
    QProcess p;
    p.start(QCoreApplication::applicationFilePath(),
            {"--probe", QString::number(clips), streamed ? "streamed" : "memory", folder});
    if (!p.waitForFinished(120000) || p.exitCode() != 0) {
      qWarning() << p.readAllStandardError();
      return -1;
    }
    const QString out = QString::fromUtf8(p.readAllStandardOutput()).trimmed();
    const long kb = out.section(' ', 1).toLong();
    qInfo("%d clips, %s: peak %.1f MB", clips, streamed ? "streamed" : "in memory", kb / 1024.0);
    return kb;
  }

 private slots:
  void peakDoesNotGrowWithTheCorpus() {
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const double extraClips = 6000, featureKb = kRows * kCols * kVariants * 4 / 1024.0;
    const long memSmall = runProbe(2000, false, tmp.path()), memLarge = runProbe(8000, false, tmp.path());
    const long strSmall = runProbe(2000, true, tmp.path()), strLarge = runProbe(8000, true, tmp.path());
    QVERIFY(memSmall > 0 && memLarge > 0 && strSmall > 0 && strLarge > 0);
    QVERIFY2(memLarge - memSmall > 0.8 * extraClips * featureKb, "the in-memory path should hold every clip's features");
    QVERIFY2(strLarge - strSmall < 2.0 * extraClips, "streamed: more than 2 KB of resident memory per clip");
    QVERIFY(strLarge < memLarge);
  }
};

int main(int argc, char** argv) {
  if (argc == 5 && std::strcmp(argv[1], "--probe") == 0)
    return probe(std::atoi(argv[2]), std::strcmp(argv[3], "streamed") == 0, argv[4]);
  QCoreApplication app(argc, argv);
  TestStreamedMemory t;
  return QTest::qExec(&t, argc, argv);
}

#include "tst_streamed_memory.moc"
