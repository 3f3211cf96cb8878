// AnnotationStore: every change reaches the sidecar at once; reopening restores it; an unreadable
// sidecar is refused, not overwritten; read-only folders get a per-user sidecar.
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "core/annotate/AnnotationFormats.h"
#include "core/annotate/AnnotationStore.h"
#include "core/common/AtomicFile.h"

using namespace emo;

class TestStore : public QObject {
  Q_OBJECT
 private slots:
  void everyPutIsOnDisk() {
    QTemporaryDir dir;
    const std::string path = (dir.path() + "/.emoscope-annotations.json").toStdString();
    auto store = AnnotationStore::open(path);
    QVERIFY2(store, store.error().c_str());
    AnnotationSet s = store->get("a.wav");
    s.setClipLabel("human", "sad");
    QVERIFY(store->put(s));
    // Read the file directly: the change is there without any explicit save.
    auto onDisk = readAnnotations(path, LabelFormat::Json);
    QVERIFY2(onDisk, onDisk.error().c_str());
    QCOMPARE(onDisk->size(), size_t(1));
    QCOMPARE(onDisk->at(0).clipLabel("human"), std::string("sad"));
    QVERIFY(s.assign("human", {0.2, 0.9, "angry"}));
    QVERIFY(store->put(s));
    auto reopened = AnnotationStore::open(path);
    QVERIFY(reopened);
    QVERIFY(reopened->get("a.wav") == s);
    QVERIFY(!reopened->contains("b.wav"));
    QCOMPARE(reopened->get("b.wav").clip, std::string("b.wav"));
    // No temporary files are left behind.
    int files = 0;
    for (auto& e : std::filesystem::directory_iterator(dir.path().toStdString())) (void)e, ++files;
    QCOMPARE(files, 1);
  }

  void corruptSidecarIsNotOverwritten() {
    QTemporaryDir dir;
    const std::string path = (dir.path() + "/side.json").toStdString();
    QVERIFY(writeFileAtomically(path, "{\"clips\": [ {\"file\": 3} ]}"));
    auto store = AnnotationStore::open(path);
    QVERIFY(!store);
    QVERIFY2(QString::fromStdString(store.error()).contains("clip 1"), store.error().c_str());
    QCOMPARE(QString::fromStdString(*readFileBytes(path)), QString("{\"clips\": [ {\"file\": 3} ]}"));
  }

  void sidecarLocation() {
    QTemporaryDir dir;
    qunsetenv("EMO_ANNOTATION_DIR");
    QCOMPARE(QString::fromStdString(AnnotationStore::sidecarPathFor(dir.path().toStdString())),
             dir.path() + "/.emoscope-annotations.json");
    // A folder without write bits is read-only for this purpose even when running as root.
    QTemporaryDir locked;
    ::chmod(locked.path().toLocal8Bit().constData(), 0555);
    const QString lockedSidecar = QString::fromStdString(AnnotationStore::sidecarPathFor(locked.path().toStdString()));
    ::chmod(locked.path().toLocal8Bit().constData(), 0755);
    QVERIFY2(!lockedSidecar.startsWith(locked.path()), qPrintable(lockedSidecar));
    QTemporaryDir user;
    qputenv("EMO_ANNOTATION_DIR", user.path().toUtf8());
    const QString p = QString::fromStdString(AnnotationStore::sidecarPathFor("/usr/share"));
    QVERIFY2(p.startsWith(user.path() + "/share-"), qPrintable(p));
    QCOMPARE(QString::fromStdString(AnnotationStore::sidecarPathFor("/usr/share")), p);  // stable
    QVERIFY(p != QString::fromStdString(AnnotationStore::sidecarPathFor("/opt/share")));
    qunsetenv("EMO_ANNOTATION_DIR");
  }

  void failedSaveSaysWhy() {
    if (::geteuid() == 0) QSKIP("root can write into read-only folders");
    QTemporaryDir dir;
    ::chmod(dir.path().toLocal8Bit().constData(), 0500);
    auto store = AnnotationStore::open((dir.path() + "/side.json").toStdString());
    QVERIFY(store);
    AnnotationSet s;
    s.clip = "x";
    s.setClipLabel("human", "sad");
    auto ok = store->put(s);
    ::chmod(dir.path().toLocal8Bit().constData(), 0700);
    QVERIFY(!ok);
    QVERIFY(!ok.error().empty());
    QCOMPARE(store->get("x").clipLabel("human"), std::string("sad"));  // kept in memory
  }
};

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"
