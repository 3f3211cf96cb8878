#pragma once
// Measurements of the GUI, printed as one line of key=value pairs each (docs/PERFORMANCE.md
// quotes them). Both run the real window; GUI thread only.
#include <QString>

namespace emo::ui {
class MainWindow;
}

namespace emo::app {

/// Time from process start (kernel start time) to the window shown with the model loaded and
/// the first event-loop pass done. Returns the exit code.
int runStartupBenchmark(emo::ui::MainWindow& window, const QString& modelError);
/// Plays `file` silently in real time through the Live tab's pipeline (looping) for `seconds`
/// and prints view repaints per second, CPU use of the process and resident memory; with
/// `presentation`, in presentation mode (full screen, large type).
int runLiveBenchmark(emo::ui::MainWindow& window, const QString& file, double seconds, bool presentation = false);

}  // namespace emo::app
