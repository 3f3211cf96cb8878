// ReviewTab: keyboard actions and the open/import/export dialogs.
#include <QFileDialog>
#include <QFileInfo>
#include <QLineEdit>
#include <QShortcut>
#include <QTableView>
#include <QTimer>

#include "ui/live/FilePlayback.h"
#include "ui/review/ClipListModel.h"
#include "ui/review/ClipOverview.h"
#include "ui/review/ReviewDocument.h"
#include "ui/review/ReviewTab.h"

namespace emo::ui {
namespace {

struct Run {
  double start, end;
};

// Runs of equal labels in the model timeline (what "a segment" means when selecting).
std::vector<Run> timelineRuns(const ClipAnalysis& a) {
  std::vector<Run> runs;
  int lastTop = -2;
  for (const auto& s : a.timeline) {
    if (!s.speech || s.top < 0) {
      lastTop = -2;
      continue;
    }
    if (s.top == lastTop && !runs.empty() && s.start <= runs.back().end + 1e-6)
      runs.back().end = s.end;
    else
      runs.push_back({s.start, s.end});
    lastTop = s.top;
  }
  return runs;
}

}  // namespace

void ReviewTab::buildShortcuts() {
  auto add = [this](const QKeySequence& key, auto slot) {
    auto* s = new QShortcut(key, this);
    s->setContext(Qt::WidgetWithChildrenShortcut);
    connect(s, &QShortcut::activated, this, slot);
  };
  add(QKeySequence(Qt::Key_Space), [this] { togglePlay(); });
  add(QKeySequence(Qt::Key_Left), [this] { seekBy(-0.5); });
  add(QKeySequence(Qt::Key_Right), [this] { seekBy(0.5); });
  add(QKeySequence(Qt::Key_Home), [this] { seekTo(0.0); });
  for (auto key : {Qt::Key_N, Qt::Key_PageDown}) add(QKeySequence(key), [this] { stepClip(1); });
  for (auto key : {Qt::Key_P, Qt::Key_PageUp}) add(QKeySequence(key), [this] { stepClip(-1); });
  for (int n = 1; n <= 8; ++n) add(QKeySequence(Qt::Key_0 + n), [this, n] { labelWithKey(n); });
  for (auto key : {Qt::Key_0, Qt::Key_Delete}) add(QKeySequence(key), [this] { clearLabel(); });
  add(QKeySequence(Qt::Key_S), [this] { selectSegmentAtPlayhead(); });
  add(QKeySequence(Qt::Key_BracketLeft), [this] { stepSegment(-1); });
  add(QKeySequence(Qt::Key_BracketRight), [this] { stepSegment(1); });
  add(QKeySequence(Qt::Key_Escape), [this] {
    clearSelection();
    table_->setFocus();
  });
}

void ReviewTab::togglePlay() {
  if (!player_->loaded()) return;
  if (player_->playing()) {
    player_->pause();
    playTimer_->stop();
  } else {
    if (player_->position() >= player_->duration() - 1e-3) player_->seek(0);
    const QString error = player_->play([](const float*, size_t) {});
    if (!error.isEmpty()) {
      setStatus(error);
      return;
    }
    playTimer_->start();
  }
  updatePlayhead();
}

void ReviewTab::seekBy(double seconds) { seekTo(player_->position() + seconds); }

void ReviewTab::seekTo(double seconds) {
  if (!player_->loaded()) return;
  player_->seek(std::clamp(seconds, 0.0, player_->duration()));
  updatePlayhead();
}

void ReviewTab::stepClip(int delta) {
  const int rows = filter_->rowCount();
  if (rows == 0) return;
  const QModelIndex cur = table_->currentIndex();
  const int next = std::clamp(cur.isValid() ? cur.row() + delta : 0, 0, rows - 1);
  table_->selectRow(next);
}

void ReviewTab::labelWithKey(int number) {
  const int row = currentRow();
  if (row < 0) return;
  const auto labels = keyLabels();
  if (number < 1 || number > static_cast<int>(labels.size())) {
    setStatus(tr("Key %1 has no label (the model has %2 classes).").arg(number).arg(labels.size()));
    return;
  }
  const QString label = QString::fromStdString(labels[static_cast<size_t>(number - 1)]);
  QString error;
  if (selEnd_ > selStart_) {
    error = doc_->setSegmentLabel(row, selStart_, selEnd_, label);
    if (error.isEmpty())
      setStatus(tr("%1: %2–%3 s labelled %4 (saved)").arg(doc_->clip(row).key).arg(selStart_, 0, 'f', 2).arg(selEnd_, 0, 'f', 2).arg(label));
  } else {
    error = doc_->setHumanLabel(row, label);
    if (error.isEmpty()) setStatus(tr("%1 labelled %2 (saved)").arg(doc_->clip(row).key, label));
  }
  if (!error.isEmpty()) setStatus(error);
}

void ReviewTab::clearLabel() {
  const int row = currentRow();
  if (row < 0) return;
  const QString error = selEnd_ > selStart_ ? doc_->clearSegment(row, selStart_, selEnd_) : doc_->setHumanLabel(row, {});
  setStatus(error.isEmpty() ? tr("Label cleared (saved)") : error);
}

void ReviewTab::selectSegmentAtPlayhead() {
  const double t = player_->position();
  for (const Run& r : timelineRuns(current_)) {
    if (t >= r.start && t < r.end) {
      selStart_ = r.start;
      selEnd_ = r.end;
      overview_->setSelection(selStart_, selEnd_);
      return;
    }
  }
  setStatus(tr("No model segment at %1 s (no speech there, or no timeline).").arg(t, 0, 'f', 2));
}

void ReviewTab::stepSegment(int delta) {
  const auto runs = timelineRuns(current_);
  if (runs.empty()) return;
  const int n = static_cast<int>(runs.size());
  int next = -1;
  if (selEnd_ > selStart_) {  // move from the selected run
    int idx = 0;
    for (int i = 0; i < n; ++i)
      if (runs[static_cast<size_t>(i)].start <= selStart_ + 1e-9) idx = i;
    next = std::clamp(idx + delta, 0, n - 1);
  } else {  // nothing selected: the run under the playhead, else the nearest one that way
    const double t = player_->position();
    for (int i = 0; i < n && next < 0; ++i)
      if (t >= runs[static_cast<size_t>(i)].start && t < runs[static_cast<size_t>(i)].end) next = i;
    for (int i = 0; i < n && next < 0 && delta > 0; ++i)
      if (runs[static_cast<size_t>(i)].start >= t) next = i;
    for (int i = n - 1; i >= 0 && next < 0 && delta < 0; --i)
      if (runs[static_cast<size_t>(i)].end <= t) next = i;
    if (next < 0) next = delta > 0 ? n - 1 : 0;
  }
  selStart_ = runs[static_cast<size_t>(next)].start;
  selEnd_ = runs[static_cast<size_t>(next)].end;
  overview_->setSelection(selStart_, selEnd_);
  seekTo(selStart_);
}

void ReviewTab::clearSelection() {
  selStart_ = selEnd_ = 0.0;
  overview_->setSelection(0, 0);
}

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
  int matched = 0;
  const QString error = doc_->importFrom(path, currentRow(), &matched);
  setStatus(error.isEmpty() ? tr("Imported %1: %2 clip(s) updated (saved)").arg(path).arg(matched) : error);
  applyFilter();
  return error;
}

}  // namespace emo::ui
