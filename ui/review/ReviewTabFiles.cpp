// ReviewTab: the open, import and export dialogs and what they do.
#include <QFileDialog>
#include <QFileInfo>

#include "ui/review/ReviewDocument.h"
#include "ui/review/ReviewTab.h"

namespace emo::ui {

void ReviewTab::openFilesDialog() {
  const QStringList files = QFileDialog::getOpenFileNames(this, tr("Open audio files"), {},
                                                          tr("Audio (*.wav *.flac *.ogg *.aiff *.aif *.au *.caf *.w64);;All files (*)"));
  if (!files.isEmpty()) openPaths(files);
}

void ReviewTab::openFolderDialog() {
  const QString dir = QFileDialog::getExistingDirectory(this, tr("Open a folder of clips"));
  if (!dir.isEmpty()) openPaths({dir});
}

void ReviewTab::openManifestDialog() {
  const QString csv = QFileDialog::getOpenFileName(this, tr("Open a CSV manifest"), {}, tr("Manifest (*.csv)"));
  if (!csv.isEmpty()) openPaths({csv});
}

namespace {
const char* kLabelFilters =
    "CSV, all clips (*.csv);;JSON, all clips (*.json);;Audacity labels, this clip (*.txt);;Praat TextGrid, this clip (*.TextGrid)";
}

void ReviewTab::exportDialog() {
  if (doc_->count() == 0) return;
  QString selected;
  QString path = QFileDialog::getSaveFileName(this, tr("Export labels"), doc_->root() + "/labels.csv",
                                              tr(kLabelFilters), &selected);
  if (path.isEmpty()) return;
  LabelFormat format = LabelFormat::Csv;
  if (auto f = labelFormatForPath(path.toStdString()))
    format = *f;
  else if (selected.contains("JSON"))
    format = LabelFormat::Json;
  else if (selected.contains("Audacity"))
    format = LabelFormat::Audacity;
  else if (selected.contains("TextGrid"))
    format = LabelFormat::TextGrid;
  if (QFileInfo(path).suffix().isEmpty()) path += QString::fromStdString(labelFormatExtension(format));
  exportLabels(path, format);
}

void ReviewTab::importDialog() {
  if (doc_->count() == 0) return;
  const QString path = QFileDialog::getOpenFileName(this, tr("Import labels"), doc_->root(), tr(kLabelFilters));
  if (!path.isEmpty()) importLabels(path);
}

QString ReviewTab::exportLabels(const QString& path, LabelFormat format) {
  const QString error = doc_->exportTo(path, format, currentRow());
  setStatus(error.isEmpty() ? tr("Exported to %1").arg(path) : error);
  return error;
}

QString ReviewTab::importLabels(const QString& path) {
  ImportReport report;
  const QString error = doc_->importFrom(path, currentRow(), &report);
  QString text = error.isEmpty() ? tr("Imported %1: %2 clip(s) updated (saved; Ctrl+Z undoes)").arg(path).arg(report.matched)
                                 : error;
  if (error.isEmpty() && report.unknown > 0)
    text += tr(" · warning: %n label(s) outside the emotion set, kept and flagged (%1)", nullptr, report.unknown)
                .arg(report.unknownExamples.join(", "));
  setStatus(text);
  applyFilter();
  return error;
}

void ReviewTab::layersDialog() {
  if (doc_->count() == 0) return;
  const QString dir = QFileDialog::getExistingDirectory(this, tr("Export layers into a folder"), doc_->root());
  if (!dir.isEmpty()) exportLayers(dir);
}

QString ReviewTab::exportLayers(const QString& folder) {
  int files = 0;
  const QString error = doc_->exportLayers(folder, &files);
  setStatus(error.isEmpty() ? tr("%1 layer files in %2: Audacity label tracks (<clip>.<tier>.txt) and Sonic "
                                 "Visualiser time-value layers (<clip>.<emotion>.csv)")
                                  .arg(files)
                                  .arg(folder)
                            : error);
  return error;
}

}  // namespace emo::ui
