#pragma once
// Colours and display names for emotion labels, shared by every view so one emotion has one
// colour everywhere. Free functions; any thread.
#include <QColor>
#include <QString>
#include <string>

namespace emo::ui {

/// A fixed colour for well-known labels (angry red, sad blue, ...); other labels get a stable
/// colour from a qualitative palette by their index.
QColor emotionColor(const std::string& label, int index);
/// "fearful" -> "Fearful", "ps" -> "Surprised (pleasant)".
QString emotionDisplayName(const std::string& label);

}  // namespace emo::ui
