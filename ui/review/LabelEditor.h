#pragma once
// LabelEditor: the in-place editor of a label's text in the Review tab — an editable combo box over
// the label's lane offering the emotion labels first (the keys' labels, then the other canonical
// ones), then labels already used in the clip; any free text is accepted. Enter commits, Escape or
// leaving it cancels. A view: the tab turns committed() into an undoable edit.
// GUI thread only; a child of the tab.
#include <QComboBox>

namespace emo::ui {

class LabelEditor : public QComboBox {
  Q_OBJECT
 public:
  explicit LabelEditor(QWidget* parent = nullptr);
  /// Shows the editor over `rect` (parent coordinates) holding `text`, with `choices` offered.
  void edit(const QRect& rect, const QString& text, const QStringList& choices);
  /// Hides it without committing.
  void cancel();

 signals:
  void committed(const QString& text);

 protected:
  bool event(QEvent* event) override;
  void keyPressEvent(QKeyEvent* event) override;
  void focusOutEvent(QFocusEvent* event) override;
};

}  // namespace emo::ui
