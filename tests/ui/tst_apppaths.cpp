// One app-data folder: trained models, speaker profiles and recordings live under
// <GenericDataLocation>/emoscope, the folder the CLI uses for profiles; models trained by earlier
// versions (Qt's per-application folder) are moved there once and the remembered model follows.
#include <QDir>
#include <QFile>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include "UiTestSupport.h"
#include "core/infer/SpeakerProfile.h"
#include "ui/common/AppPaths.h"
#include "ui/live/ProfileLibrary.h"
#include "ui/live/RecordingRecovery.h"
#include "ui/train/TrainForm.h"

using namespace emo;
using namespace emo::ui;

class TestAppPaths : public QObject {
  Q_OBJECT
  QTemporaryDir home_;

 private slots:
  void initTestCase() {
    test::isolateSettings("tst_apppaths");
    QStandardPaths::setTestModeEnabled(false);  // the real lookup, in a private XDG_DATA_HOME
    qputenv("XDG_DATA_HOME", home_.path().toUtf8());
    qputenv("XDG_CONFIG_HOME", (home_.path() + QStringLiteral("/config")).toUtf8());
    qunsetenv("EMO_PROFILE_DIR");
  }

  void oneRootSharedWithTheCli() {
    const QString root = AppPaths::dataRoot();
    QCOMPARE(root, home_.path() + QStringLiteral("/emoscope"));
    QCOMPARE(AppPaths::profilesFolder(), QString::fromStdString(defaultProfileFolder()));  // the CLI's
    QCOMPARE(ProfileLibrary::defaultFolder(), root + QStringLiteral("/profiles"));
    QCOMPARE(AppPaths::modelsFolder(), root + QStringLiteral("/models"));
    QCOMPARE(recordingsFolder(), root + QStringLiteral("/recordings"));
    QVERIFY(TrainForm::defaultBundleFolder().startsWith(root + QStringLiteral("/models/model-")));
  }

  void oldModelsMoveOver() {
    const QString old = AppPaths::oldModelsFolder();
    QCOMPARE(old, home_.path() + QStringLiteral("/EmoScope/EmoScope/models"));
    QVERIFY(QDir().mkpath(old + QStringLiteral("/model-20250101-120000")));
    QFile f(old + QStringLiteral("/model-20250101-120000/model.json"));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{}");
    f.close();
    QSettings().setValue(QStringLiteral("model/folder"), old + QStringLiteral("/model-20250101-120000"));
    QCOMPARE(AppPaths::migrateOldFolders(), 1);
    const QString moved = AppPaths::modelsFolder() + QStringLiteral("/model-20250101-120000");
    QVERIFY(QFile::exists(moved + QStringLiteral("/model.json")));
    QVERIFY(!QDir(old).exists());
    QCOMPARE(QSettings().value(QStringLiteral("model/folder")).toString(), moved);
    QCOMPARE(AppPaths::migrateOldFolders(), 0);  // once
  }
};

QTEST_MAIN(TestAppPaths)
#include "tst_apppaths.moc"
