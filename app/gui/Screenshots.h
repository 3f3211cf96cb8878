#pragma once
// Screenshots of the main states of the window (scripts/screenshots.sh runs this under xvfb or
// offscreen and docs/screenshots/ holds the result). GUI thread only.
#include <QString>

namespace emo::ui {
class MainWindow;
}

namespace emo::app {

/// Saves live_idle.png, live_playing.png, live_nospeech.png, live_instant.png, presentation.png (and the Review and
/// Train tabs) into `folder`, driving the real window with ../shared samples. Returns the exit code.
int runScreenshots(emo::ui::MainWindow& window, const QString& folder);

}  // namespace emo::app
