#include "ui/review/LabelEditor.h"

#include <QAbstractItemView>
#include <QKeyEvent>
#include <QLineEdit>

namespace emo::ui {

LabelEditor::LabelEditor(QWidget* parent) : QComboBox(parent) {
  setEditable(true);
  setInsertPolicy(QComboBox::NoInsert);
  hide();
}

void LabelEditor::edit(const QRect& rect, const QString& text, const QStringList& choices) {
  clear();
  addItems(choices);
  setEditText(text);
  setGeometry(rect.x(), rect.y(), std::max(rect.width(), 180), std::max(rect.height(), sizeHint().height()));
  show();
  raise();
  setFocus();
  lineEdit()->selectAll();
}

void LabelEditor::cancel() {
  hide();
  if (parentWidget()) parentWidget()->setFocus();
}

bool LabelEditor::event(QEvent* event) {
  if (event->type() == QEvent::ShortcutOverride) {  // the tab's shortcuts (keys 1-8, Space, Esc) wait
    auto* key = static_cast<QKeyEvent*>(event);
    if (key->key() == Qt::Key_Escape || key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter ||
        !key->text().isEmpty()) {
      event->accept();
      return true;
    }
  }
  return QComboBox::event(event);
}

void LabelEditor::keyPressEvent(QKeyEvent* event) {
  if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) {
    const QString text = currentText().trimmed();
    hide();
    if (parentWidget()) parentWidget()->setFocus();
    emit committed(text);
    return;
  }
  if (event->key() == Qt::Key_Escape) {
    cancel();
    return;
  }
  QComboBox::keyPressEvent(event);
}

void LabelEditor::focusOutEvent(QFocusEvent* event) {
  QComboBox::focusOutEvent(event);
  // Leaving the editor (a click elsewhere) cancels it, unless its own popup list took the focus.
  if (isVisible() && !view()->isVisible()) hide();
}

}  // namespace emo::ui
