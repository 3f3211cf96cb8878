#pragma once
// ReviewTab: the annotator's tab. Open files, a folder or a CSV manifest; the clip list shows per
// clip the model's label and confidence (computed from the model lane, the rule in the tooltip),
// the human label, whether they disagree and what went wrong; the selected clip shows the time
// ruler, waveform, spectrogram, the model lane and the human tiers (ClipOverview), with a playhead,
// a selection and readouts under the pointer, and the probabilities at the playhead.
// Keys (anywhere in the tab):
//   Space play/pause (the selection when there is one) · Shift+Space loop the selection ·
//   Left/Right seek 0.5 s · Home start · N/PageDown, P/PageUp next/previous clip ·
//   1-8 label the selection in the active tier (or the clip) · 0/Delete clear it ·
//   S select the model segment at the playhead · [ ] previous/next segment · Esc deselect ·
//   Enter/F2 edit the label at the playhead · Ctrl+M point label at the playhead ·
//   Ctrl+= / Ctrl+- zoom in/out · Ctrl+E zoom to the selection · Ctrl+F fit the clip ·
//   Ctrl+Z / Ctrl+Shift+Z undo/redo (undoAction()/redoAction(), also in the Edit menu).
// The mouse: see ClipOverview. Every label edit is an undoable command (ReviewDocument's
// QUndoStack, history in the side panel) autosaved atomically to the sidecar. The session (the
// opened paths, clip and position) is remembered in QSettings; model lanes are cached on disk
// (PredictionCache). Batch prediction and clip analysis run on two worker threads (ReviewWorker).
// GUI thread only; owns its document, models, workers and threads; the AppContext is not owned.
#include <QPointer>
#include <QThread>
#include <QWidget>
#include <memory>

#include "core/annotate/AnnotationFormats.h"
#include "ui/review/ReviewWorker.h"

class QAction;
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QScrollBar;
class QTableView;
class QTimer;
class QUndoView;

namespace emo::ui {

class AppContext;
class ClipFilter;
class ClipListModel;
class ClipOverview;
class FilePlayback;
class LabelEditor;
class ProbabilityBars;
class ReviewDocument;
class SelectionModel;
class TierModel;
class TimeAxis;
class VerticalZoom;

class ReviewTab : public QWidget {
  Q_OBJECT
 public:
  ReviewTab(AppContext* context, QWidget* parent = nullptr);
  ~ReviewTab() override;

  /// Opens files/folders/manifests (what the Open buttons do). "" or the message shown.
  QString openPaths(const QStringList& paths);
  /// Exports (CSV/JSON: all clips; Audacity/TextGrid: the current clip). "" or a message.
  QString exportLabels(const QString& path, LabelFormat format);
  /// Imports a label file (Audacity/TextGrid into the current clip). "" or a message; labels
  /// outside the emotion set are kept and counted in the status line.
  QString importLabels(const QString& path);
  /// Audacity label tracks and Sonic Visualiser layers of every clip into `folder`.
  QString exportLayers(const QString& folder);
  void predictAll();
  void cancelPrediction();
  bool predicting() const { return predicting_; }
  /// Reopens what the last session had open (paths, clip, position); false if nothing.
  bool restoreSession();

  /// Document row of the current clip (-1 if none) and selecting one by document row.
  int currentRow() const;
  void selectRow(int documentRow);
  /// Labels the number keys 1..8 set (the model's labels, else the 8 canonical ones).
  std::vector<std::string> keyLabels() const;
  /// The selected range [start, end), or start >= end when none.
  std::pair<double, double> selectedSegment() const;

  ReviewDocument* document() const { return doc_; }
  ClipFilter* filter() const { return filter_; }
  QTableView* clipTable() const { return table_; }
  ClipOverview* overview() const { return overview_; }
  TimeAxis* timeAxis() const { return axis_; }
  SelectionModel* selection() const { return selection_; }
  TierModel* tiers() const { return tiers_; }
  VerticalZoom* verticalZoom() const { return zoom_; }
  LabelEditor* labelEditor() const { return editor_; }
  QComboBox* tierBox() const { return tierBox_; }
  ProbabilityBars* probabilityBars() const { return bars_; }
  QProgressBar* progressBar() const { return progress_; }
  FilePlayback* player() const { return player_; }
  QAction* undoAction() const { return undoAction_; }
  QAction* redoAction() const { return redoAction_; }
  QUndoView* historyView() const { return history_; }
  QString statusText() const;
  QString readoutText() const;
  bool looping() const { return loop_; }

 signals:
  void clipAnalysed(int row);
  void batchFinished(bool cancelled);

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void buildUi();
  QWidget* buildDetailPane();
  void buildShortcuts();
  void onModelChanged();
  void onCurrentChanged();
  SpeakerIndex speakerIndex() const;        ///< every speaker's clips in the document
  void readReports(ReviewWorker* worker);  ///< takes a worker's reports and hands each to its handler
  void onAnalysed(const ClipAnalysis& analysis);
  void onPredicted(const ClipPrediction& prediction);
  void onBatchFinished(bool cancelled, const QString& error);
  void updatePlayhead();
  void refreshTiers();
  bool hasProblem(int row) const;  ///< the clip failed, or has labels outside the emotion set
  void refreshLegend();
  void applyFilter();
  void setStatus(const QString& text);
  void resetProgress();
  void saveSession() const;
  void requestCachedLanes();  ///< lanes this model already computed for the open clips (ReviewTabSession.cpp)

  // Keyboard and mouse actions (ReviewTabActions.cpp).
  void labelWithKey(int number);
  void clearLabel();
  void selectSegmentAtPlayhead();
  void stepSegment(int delta);
  void clearSelection();
  void editLabel(const QString& tier, int index, const QRect& lane);
  void editLabelAtPlayhead();
  void addPointAtPlayhead();
  void onEditCommitted(const QString& text);
  void onTierChosen();
  QStringList labelChoices() const;
  // Playback (ReviewTabPlayback.cpp).
  void togglePlay();
  void playSelection(bool loop);
  void seekBy(double seconds);
  void seekTo(double seconds);
  void stepClip(int delta);
  // Dialogs (ReviewTabFiles.cpp).
  void openFilesDialog();
  void openFolderDialog();
  void openManifestDialog();
  void exportDialog();
  void importDialog();
  void layersDialog();

  QPointer<AppContext> context_;
  ReviewDocument* doc_ = nullptr;
  ClipListModel* model_ = nullptr;
  ClipFilter* filter_ = nullptr;
  TimeAxis* axis_ = nullptr;
  SelectionModel* selection_ = nullptr;
  TierModel* tiers_ = nullptr;
  VerticalZoom* zoom_ = nullptr;
  QTableView* table_ = nullptr;
  ClipOverview* overview_ = nullptr;
  QScrollBar* scroll_ = nullptr;
  LabelEditor* editor_ = nullptr;
  QComboBox* tierBox_ = nullptr;
  QCheckBox* autoScale_ = nullptr;
  ProbabilityBars* bars_ = nullptr;
  QUndoView* history_ = nullptr;
  QAction* undoAction_ = nullptr;
  QAction* redoAction_ = nullptr;
  QComboBox* filterMode_ = nullptr;
  QDoubleSpinBox* lowConfidence_ = nullptr;
  QLineEdit* filterText_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QPushButton* predictButton_ = nullptr;
  QPushButton* cancelButton_ = nullptr;
  QLabel* legend_ = nullptr;
  QLabel* status_ = nullptr;
  QLabel* readout_ = nullptr;
  QLabel* modelLabel_ = nullptr;
  QLabel* clipTitle_ = nullptr;
  FilePlayback* player_ = nullptr;
  QTimer* playTimer_ = nullptr;

  QThread batchThread_, analysisThread_;
  ReviewWorker* batchWorker_ = nullptr;     ///< lives in batchThread_
  ReviewWorker* analysisWorker_ = nullptr;  ///< lives in analysisThread_
  bool predicting_ = false;

  ClipAnalysis current_;                    ///< analysis of the clip shown
  double playStart_ = 0.0, playEnd_ = -1.0; ///< the range being played (playEnd_ < 0: to the end)
  bool loop_ = false;
  QString editTier_;                        ///< the label the editor edits (index -1: a new point)
  int editIndex_ = -1;
  double editTime_ = 0.0;
  QStringList openedPaths_;                 ///< what openPaths() last opened (the session)
  double restorePosition_ = -1.0;           ///< a session's position, applied once its clip is analysed
};

}  // namespace emo::ui
