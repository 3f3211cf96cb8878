#include "ui/live/MessageOverlay.h"

#include <QEvent>

namespace emo::ui {

MessageOverlay::MessageOverlay(QWidget* parent) : QLabel(parent) {
  setObjectName(QStringLiteral("messageOverlay"));
  setWordWrap(true);
  setAlignment(Qt::AlignCenter);
  setAttribute(Qt::WA_TransparentForMouseEvents);
  setScale(1.0);
  hide_.setSingleShot(true);
  connect(&hide_, &QTimer::timeout, this, &MessageOverlay::clearMessage);
  parent->installEventFilter(this);
  hide();
}

void MessageOverlay::setScale(double scale) {
  scale_ = scale;
  QFont f = font();
  f.setPointSizeF(QFont().pointSizeF() * 1.2 * scale);
  setFont(f);
  setStyleSheet(QStringLiteral("QLabel#messageOverlay { background: rgba(20,20,20,215); color: white;"
                               " border-radius: 6px; padding: %1px; }")
                    .arg(int(8 * scale)));
  place();
}

void MessageOverlay::showMessage(const QString& text, int milliseconds) {
  setText(text);
  place();
  show();
  raise();
  if (milliseconds > 0)
    hide_.start(milliseconds);
  else
    hide_.stop();
}

void MessageOverlay::clearMessage() {
  hide_.stop();
  hide();
}

bool MessageOverlay::eventFilter(QObject* watched, QEvent* event) {
  if (watched == parentWidget() && event->type() == QEvent::Resize) place();
  return QLabel::eventFilter(watched, event);
}

void MessageOverlay::place() {
  QWidget* p = parentWidget();
  if (!p) return;
  const int margin = int(12 * scale_);
  const int w = std::max(100, p->width() - 2 * margin);
  const int h = heightForWidth(w) > 0 ? heightForWidth(w) : sizeHint().height();
  setGeometry(margin, p->height() - h - margin, w, h);
}

}  // namespace emo::ui
