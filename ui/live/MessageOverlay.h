#pragma once
// MessageOverlay: a translucent message line drawn over its parent widget's bottom edge, which
// fades after a few seconds. Used instead of dialogs for anything that happens while the user
// watches (device lost, file errors), so nothing pops up over a presentation. GUI thread only;
// a child of the widget it covers.
#include <QLabel>
#include <QTimer>

namespace emo::ui {

class MessageOverlay : public QLabel {
  Q_OBJECT
 public:
  explicit MessageOverlay(QWidget* parent);

  /// Shows `text` for `milliseconds` (0 = until the next message or clear()).
  void showMessage(const QString& text, int milliseconds = 6000);
  void clearMessage();
  QString currentMessage() const { return isVisible() ? text() : QString(); }
  void setScale(double scale);

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void place();
  QTimer hide_;
  double scale_ = 1.0;
};

}  // namespace emo::ui
