#pragma once
// The Help -> About text: version, loaded model and device, and the licences (the program's,
// and the shipped model's non-commercial terms inherited from its training corpora). GUI thread.
#include <QString>

namespace emo {

/// Rich text for QMessageBox::about.
QString aboutText(const QString& version, const QString& modelDescription, const QString& deviceName);

}  // namespace emo
