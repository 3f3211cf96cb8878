// emoscope: the desktop application's entry point.
//   emoscope [FILE]                 open the window (on the shipped default model), FILE optional
//   emoscope --benchmark-live FILE [--presentation]  feed FILE in real time through the live pipeline,
//                                   print fps/CPU/RSS (optionally in presentation mode)
//   emoscope --benchmark-startup    time from process start to a usable window
//   emoscope --screenshot DIR       save screenshots of the main states into DIR
#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QTimer>
#include <cstdio>

#include "app/gui/Benchmarks.h"
#include "app/gui/Screenshots.h"
#include "core/model/TorchRuntime.h"
#include "ui/MainWindow.h"
#include "ui/common/AppContext.h"
#include "ui/common/AppPaths.h"
#include "ui/live/LiveTab.h"

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setOrganizationName(QStringLiteral("EmoScope"));
  QApplication::setApplicationName(QStringLiteral("EmoScope"));
  QApplication::setApplicationVersion(QStringLiteral(EMO_VERSION));
  QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/emoscope-256.png")));

  QCommandLineParser cli;
  cli.setApplicationDescription(QStringLiteral("EmoScope: speech emotion recognition in real time."));
  cli.addHelpOption();
  cli.addVersionOption();
  cli.addPositionalArgument(QStringLiteral("file"), QStringLiteral("An audio file to open in the Live tab."));
  QCommandLineOption benchLive(QStringLiteral("benchmark-live"),
                               QStringLiteral("Feed FILE in real time through the live pipeline and print fps, CPU, RSS."),
                               QStringLiteral("FILE"));
  QCommandLineOption benchSeconds(QStringLiteral("seconds"), QStringLiteral("Benchmark duration (default 20)."),
                                  QStringLiteral("N"), QStringLiteral("20"));
  QCommandLineOption benchPresentation(QStringLiteral("presentation"),
                                       QStringLiteral("With --benchmark-live: measure in presentation mode."));
  QCommandLineOption benchStart(QStringLiteral("benchmark-startup"),
                                QStringLiteral("Print the time from process start to a usable window, then quit."));
  QCommandLineOption shots(QStringLiteral("screenshot"), QStringLiteral("Save screenshots of the main states into DIR."),
                           QStringLiteral("DIR"));
  QCommandLineOption model(QStringLiteral("model"), QStringLiteral("Model bundle folder (default: the shipped one)."),
                           QStringLiteral("DIR"));
  cli.addOptions({benchLive, benchSeconds, benchPresentation, benchStart, shots, model});
  cli.process(app);

  // One thread: live updates are small (2-3 ms each) and extra OpenMP threads only spin and
  // burn CPU; training (Train tab) sets its own thread count.
  emo::setComputeThreads(1);
  emo::ui::AppPaths::migrateOldFolders();  // trained models move to the one app-data folder
  emo::ui::AppContext context;
  emo::ui::MainWindow window(&context);
  QString modelError;
  if (cli.isSet(model)) {
    modelError = context.loadModel(cli.value(model));
    if (!modelError.isEmpty()) window.liveTab()->showMessage(modelError);
  } else {
    modelError = window.loadInitialModel();
  }

  if (cli.isSet(benchStart)) return emo::app::runStartupBenchmark(window, modelError);
  if (cli.isSet(benchLive))
    return emo::app::runLiveBenchmark(window, cli.value(benchLive), cli.value(benchSeconds).toDouble(),
                                      cli.isSet(benchPresentation));
  if (cli.isSet(shots)) return emo::app::runScreenshots(window, cli.value(shots));

  window.show();
  QTimer::singleShot(0, &window, [&window] { window.offerRecovery(); });
  if (!cli.positionalArguments().isEmpty()) {
    const QString file = cli.positionalArguments().first();
    QTimer::singleShot(0, &window, [&window, file] { window.liveTab()->openFile(file); });
  }
  return app.exec();
}
