#pragma once
// MainWindow: the EmoScope window and the one place that wires the tabs together. Tabs Live,
// Review and Train; menus; a status bar with the model in use, the compute device and the input
// device; presentation mode (F11; its context menu and Ctrl+I switch the input without leaving
// it); smoothing (View > Smoothing); the offer to recover an interrupted recording. Window geometry, the last tab and the model folder persist
// in QSettings. GUI thread only; owns its tabs (Qt parents); the AppContext is the caller's and
// must outlive the window.
#include <QMainWindow>

class QTabWidget;
class QLabel;
class QAction;
class QMenu;

namespace emo::ui {

class AppContext;
class LiveTab;
class PresentationMode;

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(AppContext* context, QWidget* parent = nullptr);
  ~MainWindow() override;

  /// Loads the remembered model folder if any, else the shipped default. "" or a message (also
  /// shown in the status bar and the Live tab's overlay).
  QString loadInitialModel();

  LiveTab* liveTab() const { return live_; }
  QTabWidget* tabs() const { return tabs_; }
  PresentationMode* presentation() const { return presentation_; }
  AppContext* context() const { return context_; }
  QString statusModelText() const;
  QString statusDeviceText() const;
  QString statusInputText() const;
  /// Offers to recover recordings an earlier run left unfinished (killed while recording):
  /// asks (Recover / Discard / Later) and recovers or deletes them. Returns how many were
  /// recovered. `ask` false recovers without asking (tests, scripts).
  int offerRecovery(bool ask = true);
  /// The menu of input devices (Live > Input, and the presentation context menu).
  QMenu* inputMenu() const { return inputMenu_; }
  /// Shows a message in the status bar without cutting it off: when it does not fit beside the
  /// model/compute/input labels, they make room until it goes.
  void showStatusMessage(const QString& text, int milliseconds = 10000);

 protected:
  void closeEvent(QCloseEvent* event) override;

 private:
  void buildMenus();
  void updateStatus();
  void openModelDialog();
  void showMessage(const QString& text);

  AppContext* context_;
  QTabWidget* tabs_ = nullptr;
  LiveTab* live_ = nullptr;
  PresentationMode* presentation_ = nullptr;
  QLabel* modelLabel_ = nullptr;
  QLabel* deviceLabel_ = nullptr;
  QLabel* inputLabel_ = nullptr;
  QAction* presentationAction_ = nullptr;
  QMenu* inputMenu_ = nullptr;
  void fillInputMenu();
  void showPresentationMenu(const QPoint& at);
};

}  // namespace emo::ui
