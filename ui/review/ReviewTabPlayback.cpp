// ReviewTab: playback — play/pause, play or loop the selection, play from a click, seek.
#include <QTableView>
#include <QTimer>

#include "ui/live/FilePlayback.h"
#include "ui/review/ClipListModel.h"
#include "ui/review/ReviewTab.h"
#include "ui/review/SelectionModel.h"

namespace emo::ui {

void ReviewTab::togglePlay() {
  if (!player_->loaded()) return;
  if (player_->playing()) {
    player_->pause();
    playTimer_->stop();
    playEnd_ = -1;
    loop_ = false;
    updatePlayhead();
    saveSession();
    return;
  }
  if (selection_->hasRange()) {
    playSelection(false);
    return;
  }
  if (player_->position() >= player_->duration() - 1e-3) player_->seek(0);
  playEnd_ = -1;
  loop_ = false;
  const QString error = player_->play([](const float*, size_t) {});
  if (!error.isEmpty()) {
    setStatus(error);
    return;
  }
  playTimer_->start();
  updatePlayhead();
}

void ReviewTab::playSelection(bool loop) {
  if (!player_->loaded() || !selection_->hasRange()) return;
  playStart_ = selection_->start();
  playEnd_ = selection_->end();
  loop_ = loop;
  player_->seek(playStart_);
  if (!player_->playing()) {
    const QString error = player_->play([](const float*, size_t) {});
    if (!error.isEmpty()) {
      setStatus(error);
      return;
    }
  }
  playTimer_->start();
  setStatus(loop ? tr("Looping %1–%2 s (Space stops)").arg(playStart_, 0, 'f', 2).arg(playEnd_, 0, 'f', 2)
                 : tr("Playing %1–%2 s").arg(playStart_, 0, 'f', 2).arg(playEnd_, 0, 'f', 2));
  updatePlayhead();
}

void ReviewTab::seekBy(double seconds) { seekTo(player_->position() + seconds); }

void ReviewTab::seekTo(double seconds) {
  if (!player_->loaded()) return;
  // While playing, a click moves the playhead and playing goes on from there (to the end, unless
  // it is inside the looped range).
  if (player_->playing() && (seconds < playStart_ || seconds >= playEnd_)) {
    playEnd_ = -1;
    loop_ = false;
  }
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

}  // namespace emo::ui
