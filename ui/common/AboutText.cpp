#include "ui/common/AboutText.h"

#include <QCoreApplication>

namespace emo {

QString aboutText(const QString& version, const QString& modelDescription, const QString& deviceName) {
  const auto tr = [](const char* s) { return QCoreApplication::translate("AboutText", s); };
  return tr("<b>EmoScope %1</b><p>Speech emotion recognition in real time. The program is MIT-licensed.</p>"
            "<p>Model: %2<br>Device: %3</p>"
            "<p><b>The shipped model is for non-commercial use only:</b> it was trained on RAVDESS "
            "(CC BY-NC-SA 4.0), TESS (CC BY-NC-ND 4.0) and nEMO (CC BY-NC-SA 4.0), whose licences forbid "
            "commercial use. Train your own model on data you may use commercially for any other use. "
            "Details: the model's README.md and /usr/share/doc/emoscope/copyright.</p>")
      .arg(version.toHtmlEscaped(), modelDescription.toHtmlEscaped(), deviceName.toHtmlEscaped());
}

}  // namespace emo
