// The Train tab's device field: it offers auto and cpu, plus cuda:N only for GPUs this build
// and machine have (none here, so a GPU cannot be chosen where it would fail), starts at auto,
// and the job it builds carries the choice (checked by TrainParams and the trainer). The main
// window's status bar names the inference device of the loaded model.
#include <QComboBox>
#include <QtTest>

#include "core/model/TorchRuntime.h"
#include "ui/MainWindow.h"
#include "ui/train/TrainForm.h"
#include "../UiTestSupport.h"

using namespace emo;
using namespace emo::ui;

class TestTrainDevice : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() { emo::test::isolateSettings("tst_traindevice"); }

  void deviceFieldOffersWhatThisMachineHas() {
    TrainForm form;
    QComboBox* box = form.deviceBox();
    QVERIFY(box);
    QStringList items;
    for (int i = 0; i < box->count(); ++i) items << box->itemText(i);
    QStringList expected{"auto", "cpu"};
    for (int i = 0; i < cudaDeviceCount(); ++i) expected << QStringLiteral("cuda:%1").arg(i);
    QCOMPARE(items, expected);
    QCOMPARE(box->currentText(), QStringLiteral("auto"));
    QCOMPARE(QString::fromStdString(form.job(false).config.device), QStringLiteral("auto"));
    box->setCurrentText(QStringLiteral("cpu"));
    const TrainJob job = form.job(false);
    QCOMPARE(QString::fromStdString(job.config.device), QStringLiteral("cpu"));
    auto options = job.config.experimentOptions();
    QVERIFY2(options, options ? "" : options.error().c_str());
    QCOMPARE(QString::fromStdString(options->train.device), QStringLiteral("cpu"));
    QVERIFY(box->toolTip().contains(QString::fromStdString(resolveComputeDevice("auto").value().name)));
  }

  void statusBarNamesTheInferenceDevice() {
    AppContext ctx;
    MainWindow w(&ctx);
    w.loadInitialModel();
    QCOMPARE(w.statusDeviceText(), QStringLiteral("Compute: %1").arg(ctx.deviceName()));
    if (cudaDeviceCount() == 0) QCOMPARE(ctx.deviceName(), QStringLiteral("CPU"));
  }
};

QTEST_MAIN(TestTrainDevice)
#include "tst_traindevice.moc"
