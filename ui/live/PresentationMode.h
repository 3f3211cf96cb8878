#pragma once
// PresentationMode: full screen for a demonstration in front of a room. Hides the menu bar, tab
// bar, status bar and the Live tab's controls, switches the Live tab to large high-contrast type
// with smoothed output, and takes the keyboard: Space = record/stop, F11 or Escape = leave.
// Messages go to the Live tab's overlay, never to dialogs. GUI thread only; does not own the
// window or the tab (both outlive it: it is a child of the window).
#include <QObject>

class QMainWindow;
class QTabWidget;
class QShortcut;

namespace emo::ui {

class LiveTab;

class PresentationMode : public QObject {
  Q_OBJECT
 public:
  PresentationMode(QMainWindow* window, QTabWidget* tabs, LiveTab* live);

  void setActive(bool on);
  void toggle() { setActive(!active_); }
  bool active() const { return active_; }

 signals:
  void activeChanged(bool active);

 private:
  QMainWindow* window_;
  QTabWidget* tabs_;
  LiveTab* live_;
  QShortcut* space_ = nullptr;
  QShortcut* escape_ = nullptr;
  bool active_ = false;
  bool wasMaximized_ = false;
  int previousTab_ = 0;
};

}  // namespace emo::ui
