#include "ui/views/EmotionColors.h"

#include <map>

namespace emo::ui {

QColor emotionColor(const std::string& label, int index) {
  static const std::map<std::string, QColor> known = {
      {"angry", QColor(0xe4, 0x1a, 0x1c)},     {"anger", QColor(0xe4, 0x1a, 0x1c)},
      {"happy", QColor(0xff, 0xc4, 0x00)},     {"happiness", QColor(0xff, 0xc4, 0x00)},
      {"sad", QColor(0x37, 0x7e, 0xb8)},       {"sadness", QColor(0x37, 0x7e, 0xb8)},
      {"neutral", QColor(0x99, 0x99, 0x99)},   {"calm", QColor(0x4d, 0xc0, 0xb5)},
      {"fearful", QColor(0x98, 0x4e, 0xa3)},   {"fear", QColor(0x98, 0x4e, 0xa3)},
      {"disgust", QColor(0x4d, 0xaf, 0x4a)},   {"surprised", QColor(0xff, 0x7f, 0x00)},
      {"surprise", QColor(0xff, 0x7f, 0x00)},  {"ps", QColor(0xff, 0x7f, 0x00)},
      {"boredom", QColor(0xa6, 0x56, 0x28)}};
  if (auto it = known.find(label); it != known.end()) return it->second;
  static const QColor palette[] = {QColor(0x1b, 0x9e, 0x77), QColor(0xd9, 0x5f, 0x02), QColor(0x75, 0x70, 0xb3),
                                   QColor(0xe7, 0x29, 0x8a), QColor(0x66, 0xa6, 0x1e), QColor(0xe6, 0xab, 0x02)};
  return palette[(index < 0 ? 0 : index) % 6];
}

QString emotionDisplayName(const std::string& label) {
  if (label == "ps") return QStringLiteral("Surprised (pleasant)");
  QString s = QString::fromStdString(label);
  if (!s.isEmpty()) s[0] = s[0].toUpper();
  return s;
}

}  // namespace emo::ui
