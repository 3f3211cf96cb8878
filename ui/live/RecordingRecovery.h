#pragma once
// RecordingRecovery: finds recordings a killed or crashed EmoScope left unfinished (RecordingSpool's
// ".partial.wav" files in the recordings folder) and repairs them: the WAV header's sizes are set
// from what actually reached the disk (whole frames), and the file is renamed to ".wav". Also
// the one place that says where recordings live. Free functions on plain files; any thread (the
// app calls them on the GUI thread at start-up: a header rewrite and a rename).
#include <QString>
#include <QStringList>

namespace emo::ui {

struct InterruptedRecording {
  QString path;         ///< the ".partial.wav" file
  double seconds = 0;   ///< audio it holds (whole frames on disk)
  int sampleRate = 0;
  int channels = 0;
};

/// <app data>/recordings.
QString recordingsFolder();
/// Unfinished recordings in `folder`, oldest first. Files without a readable header, and files a
/// running EmoScope is still writing (RecordingSpool holds a lock on them), are skipped.
QList<InterruptedRecording> findInterruptedRecordings(const QString& folder);
/// Repairs one: fixes the header and renames it to ".wav". The new path, or "" and `error` set.
QString recoverRecording(const InterruptedRecording& recording, QString* error);

}  // namespace emo::ui
