#include "ui/MainWindow.h"

#include <QLabel>
#include <QTabWidget>

namespace emo::ui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
  setWindowTitle(tr("EmoScope"));
  tabs_ = new QTabWidget(this);
  tabs_->addTab(new QLabel(tr("Live")), tr("Live"));
  tabs_->addTab(new QLabel(tr("Review")), tr("Review"));
  tabs_->addTab(new QLabel(tr("Train")), tr("Train"));
  setCentralWidget(tabs_);
  resize(1200, 800);
}

}  // namespace emo::ui
