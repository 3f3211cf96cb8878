// emoscope: the desktop application's entry point.
#include <QApplication>

#include "core/model/TorchRuntime.h"
#include "ui/MainWindow.h"

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setOrganizationName(QStringLiteral("EmoScope"));
  QApplication::setApplicationName(QStringLiteral("EmoScope"));
  emo::setComputeThreads(0);
  emo::ui::MainWindow window;
  window.show();
  return app.exec();
}
