#pragma once
// MainWindow: the EmoScope window. Tabs Live, Review, Train; a status bar with the model, the
// compute device and the input device. GUI thread only.
#include <QMainWindow>

class QTabWidget;

namespace emo::ui {

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(QWidget* parent = nullptr);

 private:
  QTabWidget* tabs_ = nullptr;
};

}  // namespace emo::ui
