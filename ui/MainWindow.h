#pragma once
// MainWindow: the EmoScope window and the one place that wires the tabs together. Tabs Live,
// Review and Train; menus; a status bar with the model in use, the compute device and the input
// device; presentation mode (F11). Window geometry, the last tab and the model folder persist
// in QSettings. GUI thread only; owns its tabs (Qt parents); the AppContext is the caller's and
// must outlive the window.
#include <QMainWindow>

class QTabWidget;
class QLabel;
class QAction;

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
};

}  // namespace emo::ui
