#pragma once
// Paths the tests use: the read-only shared data, the source tree and the built executables.
#include <QString>

namespace emo::test {

/// ../shared (data/, samples/, golden/); EMO_SHARED_DIR in the environment overrides it.
QString sharedDir();
/// The repository root.
QString sourceDir();
/// build/bin, where emoscope-cli and emoscope are.
QString binDir();
/// Path under sharedDir(), e.g. shared("samples/YAF_back_fear.wav").
QString shared(const QString& relative);
/// The emoscope-cli executable.
QString cliPath();

}  // namespace emo::test
