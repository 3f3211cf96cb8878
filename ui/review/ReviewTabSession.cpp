// ReviewTab: batch prediction (and the cached lanes) and the remembered session.
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>

#include "core/model/ModelBundle.h"
#include "ui/common/AppContext.h"
#include "ui/live/FilePlayback.h"
#include "ui/review/ClipListModel.h"
#include "ui/review/ReviewDocument.h"
#include "ui/review/ReviewTab.h"

namespace emo::ui {

SpeakerIndex ReviewTab::speakerIndex() const {
  SpeakerIndex index;
  for (int r = 0; r < doc_->count(); ++r)
    if (!doc_->clip(r).speaker.isEmpty()) index[doc_->clip(r).speaker] << doc_->clip(r).path;
  return index;
}

void ReviewTab::requestCachedLanes() {
  std::shared_ptr<const ModelBundle> model = context_ ? context_->model() : nullptr;
  if (!model || doc_->count() == 0) return;  // lanes already computed with this model come from the cache
  QStringList paths, speakers;
  QList<int> rows;
  for (int r = 0; r < doc_->count(); ++r) {
    paths << doc_->clip(r).path;
    speakers << doc_->clip(r).speaker;
    rows << r;
  }
  batchWorker_->requestCachedPredictions(model, paths, rows, speakers, speakerIndex());
}

void ReviewTab::predictAll() {
  std::shared_ptr<const ModelBundle> model = context_ ? context_->model() : nullptr;
  if (!model) {
    setStatus(tr("No model is loaded: load or train one first."));
    return;
  }
  if (predicting_ || doc_->count() == 0) return;
  QStringList paths, speakers;
  QList<int> rows;
  for (int p = 0; p < filter_->rowCount(); ++p) {  // in the order shown
    const int r = filter_->documentRow(p);
    paths << doc_->clip(r).path;
    speakers << doc_->clip(r).speaker;
    rows << r;
  }
  predicting_ = true;
  batchWorker_->resetCancel();
  predictButton_->setEnabled(false);
  cancelButton_->setEnabled(true);
  progress_->setRange(0, std::max(1, static_cast<int>(paths.size())));
  progress_->setValue(0);
  setStatus(tr("Predicting %1 clips…").arg(paths.size()));
  batchWorker_->requestPredictAll(model, paths, rows, speakers, speakerIndex());
}

void ReviewTab::cancelPrediction() {
  if (predicting_) batchWorker_->cancel();
}

void ReviewTab::onPredicted(const ClipPrediction& p) {
  if (p.row < 0 || p.row >= doc_->count()) return;
  doc_->setPrediction(p.row, p.label, p.confidence, p.probabilities, p.error, p.lane, p.rule, p.uncertain);
}

void ReviewTab::onBatchFinished(bool cancelled, const QString& error) {
  predicting_ = false;
  predictButton_->setEnabled(context_ && context_->model());
  cancelButton_->setEnabled(false);
  int disagreements = 0, done = 0, failed = 0;
  for (int i = 0; i < doc_->count(); ++i) {
    done += doc_->clip(i).predicted ? 1 : 0;
    failed += doc_->clip(i).predictionError.isEmpty() ? 0 : 1;
    disagreements += doc_->disagrees(i) ? 1 : 0;
  }
  QString text = error;
  if (text.isEmpty())
    text = (cancelled ? tr("Prediction cancelled: %1 of %2 clips predicted, %3 disagreements.")
                      : tr("Predicted %1 of %2 clips, %3 disagreements."))
               .arg(done).arg(doc_->count()).arg(disagreements);
  if (failed > 0) text += tr(" %n clip(s) failed (reason in the Problem column).", nullptr, failed);
  setStatus(text);
  applyFilter();
  emit batchFinished(cancelled);
}

void ReviewTab::saveSession() const {
  if (openedPaths_.isEmpty()) return;
  QSettings s;
  s.setValue("review/paths", openedPaths_);
  const int row = currentRow();
  s.setValue("review/clip", row >= 0 ? doc_->clip(row).key : QString());
  s.setValue("review/position", player_->loaded() ? player_->position() : 0.0);
}

bool ReviewTab::restoreSession() {
  QSettings s;
  const QStringList paths = s.value("review/paths").toStringList();
  if (paths.isEmpty()) return false;
  const QString clip = s.value("review/clip").toString();
  const double position = s.value("review/position").toDouble();
  if (!openPaths(paths).isEmpty()) return false;
  for (int r = 0; r < doc_->count(); ++r)
    if (doc_->clip(r).key == clip) {
      if (r != currentRow()) selectRow(r);
      restorePosition_ = position;  // applied once the clip's analysis arrives
    }
  setStatus(tr("Reopened the last session: %1").arg(paths.join(", ")) + " · " + statusText());
  return true;
}

}  // namespace emo::ui
