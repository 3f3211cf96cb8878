#include "ui/live/PresentationMode.h"

#include <QMainWindow>
#include <QMenuBar>
#include <QShortcut>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>

#include "ui/live/LiveTab.h"

namespace emo::ui {

PresentationMode::PresentationMode(QMainWindow* window, QTabWidget* tabs, LiveTab* live)
    : QObject(window), window_(window), tabs_(tabs), live_(live) {
  space_ = new QShortcut(QKeySequence(Qt::Key_Space), window_);
  space_->setContext(Qt::WindowShortcut);
  space_->setEnabled(false);
  connect(space_, &QShortcut::activated, live_, &LiveTab::toggleRecording);
  escape_ = new QShortcut(QKeySequence(Qt::Key_Escape), window_);
  escape_->setEnabled(false);
  connect(escape_, &QShortcut::activated, this, [this] { setActive(false); });
}

void PresentationMode::setActive(bool on) {
  if (on == active_) return;
  active_ = on;
  if (on) {
    previousTab_ = tabs_->currentIndex();
    wasMaximized_ = window_->isMaximized();
    tabs_->setCurrentWidget(live_);
    window_->menuBar()->hide();
    window_->statusBar()->hide();
    tabs_->tabBar()->hide();
    tabs_->setDocumentMode(true);
    live_->setPresentation(true);
    window_->showFullScreen();
    live_->setFocus();
  } else {
    live_->setPresentation(false);
    tabs_->tabBar()->show();
    tabs_->setDocumentMode(false);
    window_->menuBar()->show();
    window_->statusBar()->show();
    if (wasMaximized_)
      window_->showMaximized();
    else
      window_->showNormal();
    tabs_->setCurrentIndex(previousTab_);
  }
  space_->setEnabled(on);
  escape_->setEnabled(on);
  emit activeChanged(on);
}

}  // namespace emo::ui
