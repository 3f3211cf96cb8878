// ReviewTab: keyboard actions and label editing (keys, the label editor, tiers, points).
#include <QComboBox>
#include <QKeyEvent>
#include <QLineEdit>
#include <algorithm>
#include <QShortcut>
#include <QTableView>

#include "core/data/LabelVocabulary.h"
#include "ui/live/FilePlayback.h"
#include "ui/review/ClipOverview.h"
#include "ui/review/LabelEditor.h"
#include "ui/review/ReviewDocument.h"
#include "ui/review/ReviewTab.h"
#include "ui/review/SelectionModel.h"
#include "ui/review/TierModel.h"
#include "ui/review/TimeAxis.h"

namespace emo::ui {
namespace {

struct Run {
  double start, end;
};

// Runs of equal labels in the model lane (what "a segment" means when selecting).
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
  add(QKeySequence(Qt::SHIFT | Qt::Key_Space), [this] { playSelection(true); });
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
  add(QKeySequence(Qt::Key_F2), [this] { editLabelAtPlayhead(); });  // Enter: keyPressEvent (line edits keep theirs)
  add(QKeySequence(Qt::CTRL | Qt::Key_M), [this] { addPointAtPlayhead(); });
  for (auto key : {QKeySequence(Qt::CTRL | Qt::Key_Equal), QKeySequence(Qt::CTRL | Qt::Key_Plus), QKeySequence(Qt::CTRL | Qt::Key_1)})
    add(key, [this] { axis_->zoomAbout(2.0, player_->position()); });
  for (auto key : {QKeySequence(Qt::CTRL | Qt::Key_Minus), QKeySequence(Qt::CTRL | Qt::Key_3)})
    add(key, [this] { axis_->zoomAbout(0.5, player_->position()); });
  add(QKeySequence(Qt::CTRL | Qt::Key_E), [this] {
    if (selection_->hasRange()) axis_->setRange(selection_->start(), selection_->end());
  });
  add(QKeySequence(Qt::CTRL | Qt::Key_F), [this] { axis_->fit(); });
}

bool ReviewTab::eventFilter(QObject* watched, QEvent* event) {
  // Enter on the clip list edits the label at the playhead (line edits keep their own Enter).
  if (watched == table_ && event->type() == QEvent::KeyPress) {
    const int key = static_cast<QKeyEvent*>(event)->key();
    if (key == Qt::Key_Return || key == Qt::Key_Enter) {
      editLabelAtPlayhead();
      return true;
    }
  }
  return QWidget::eventFilter(watched, event);
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
  if (selection_->hasRange()) {
    const double a = selection_->start(), b = selection_->end();
    error = doc_->setSegmentLabel(row, a, b, label, selection_->activeTier());
    if (error.isEmpty())
      setStatus(tr("%1: %2–%3 s labelled %4 in tier %5 (saved)").arg(doc_->clip(row).key).arg(a, 0, 'f', 2).arg(b, 0, 'f', 2)
                    .arg(label, selection_->activeTier()));
  } else {
    error = doc_->setHumanLabel(row, label);
    if (error.isEmpty()) setStatus(tr("%1 labelled %2 (saved)").arg(doc_->clip(row).key, label));
  }
  if (!error.isEmpty()) setStatus(error);
}

void ReviewTab::clearLabel() {
  const int row = currentRow();
  if (row < 0) return;
  const QString error = selection_->hasRange()
                            ? doc_->clearSegment(row, selection_->start(), selection_->end(), selection_->activeTier())
                            : doc_->setHumanLabel(row, {});
  setStatus(error.isEmpty() ? tr("Label cleared (saved)") : error);
}

void ReviewTab::selectSegmentAtPlayhead() {
  const double t = player_->position();
  for (const Run& r : timelineRuns(current_)) {
    if (t >= r.start && t < r.end) {
      selection_->setRange(r.start, r.end);
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
  if (selection_->hasRange()) {  // move from the selected run
    int idx = 0;
    for (int i = 0; i < n; ++i)
      if (runs[static_cast<size_t>(i)].start <= selection_->start() + 1e-9) idx = i;
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
  selection_->setRange(runs[static_cast<size_t>(next)].start, runs[static_cast<size_t>(next)].end);
  seekTo(selection_->start());
}

void ReviewTab::clearSelection() { selection_->clear(); }

QStringList ReviewTab::labelChoices() const {
  QStringList out;
  for (const auto& l : keyLabels()) out << QString::fromStdString(l);  // emotion labels first
  for (const auto& l : canonicalLabels())
    if (!out.contains(QString::fromStdString(l))) out << QString::fromStdString(l);
  for (const auto& tier : tiers_->humanTiers())  // then what this clip already uses
    for (const auto& s : tier.segments)
      if (!s.label.empty() && !out.contains(QString::fromStdString(s.label))) out << QString::fromStdString(s.label);
  return out;
}

void ReviewTab::editLabel(const QString& tier, int index, const QRect& lane) {
  const Tier* t = tiers_->humanTier(tier);
  if (!t || index < 0 || index >= static_cast<int>(t->segments.size())) return;
  editTier_ = tier;
  editIndex_ = index;
  const Segment& s = t->segments[static_cast<size_t>(index)];
  const int x = static_cast<int>(overview_->timeToX(s.start));
  const QRect r(overview_->mapTo(this, QPoint(x, lane.top())), QSize(180, lane.height()));
  editor_->edit(r, QString::fromStdString(s.label), labelChoices());
}

void ReviewTab::editLabelAtPlayhead() {
  const OverviewLayout l = overview_->layout();
  const QStringList names = tiers_->humanTierNames();
  const int lane = static_cast<int>(names.indexOf(selection_->activeTier()));
  if (lane < 0 || lane >= static_cast<int>(l.humanLanes.size())) return;
  const double tolerance = 4.0 * axis_->span() / std::max(1, l.plotWidth);
  const int index = tiers_->segmentAt(selection_->activeTier(), player_->position(), tolerance);
  if (index < 0) {
    setStatus(tr("No label in tier %1 at %2 s.").arg(selection_->activeTier()).arg(player_->position(), 0, 'f', 2));
    return;
  }
  editLabel(selection_->activeTier(), index, l.humanLanes[static_cast<size_t>(lane)]);
}

void ReviewTab::addPointAtPlayhead() {
  const int row = currentRow();
  if (row < 0 || !player_->loaded()) return;
  const OverviewLayout l = overview_->layout();
  const int lane = static_cast<int>(tiers_->humanTierNames().indexOf(selection_->activeTier()));
  if (lane < 0 || lane >= static_cast<int>(l.humanLanes.size())) return;
  editTier_ = selection_->activeTier();
  editIndex_ = -1;  // a new point, made when the editor commits
  editTime_ = player_->position();
  const QRect& r = l.humanLanes[static_cast<size_t>(lane)];
  editor_->edit(QRect(overview_->mapTo(this, QPoint(static_cast<int>(overview_->timeToX(editTime_)), r.top())),
                      QSize(180, r.height())),
                {}, labelChoices());
}

void ReviewTab::onEditCommitted(const QString& text) {
  const int row = currentRow();
  if (row < 0 || editTier_.isEmpty()) return;
  QString error;
  if (editIndex_ < 0) {
    if (text.isEmpty()) return;
    error = doc_->setSegmentLabel(row, editTime_, editTime_, text, editTier_);
  } else {
    error = doc_->relabelSegment(row, editTier_, editIndex_, text);
  }
  if (error.isEmpty() && !doc_->isKnownLabel(text) && !text.isEmpty())
    setStatus(tr("\"%1\" is not an emotion label: kept as typed and flagged.").arg(text));
  else
    setStatus(error.isEmpty() ? tr("Label set to \"%1\" (saved; Ctrl+Z undoes)").arg(text) : error);
  table_->setFocus();
}

void ReviewTab::onTierChosen() {
  const QString name = tierBox_->currentText().trimmed();
  const int row = currentRow();
  if (name.isEmpty() || row < 0) return;
  if (!tiers_->humanTierNames().contains(name)) {
    const QString error = doc_->addTier(row, name);
    if (!error.isEmpty()) {
      setStatus(error);
      return;
    }
    setStatus(tr("Tier %1 added (saved; Ctrl+Z undoes)").arg(name));
  }
  selection_->setActiveTier(name);
  table_->setFocus();
}

}  // namespace emo::ui
