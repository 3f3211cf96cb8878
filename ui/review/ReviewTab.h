#pragma once
// ReviewTab: the annotator's tab. Open files, a folder or a CSV manifest; the clip list shows per
// clip the model's label and confidence, the human label and whether they disagree, sortable and
// filterable; the selected clip shows waveform, spectrogram, the model's emotion timeline and the
// human segments with a playhead, and the probabilities at the playhead. Keyboard-only workflow
// (shortcuts work anywhere in the tab):
//   Space play/pause · Left/Right seek 0.5 s · Home start · N/PageDown next clip · P/PageUp
//   previous clip · 1-8 label the clip (or the selected segment) · 0/Delete clear it ·
//   S select the model segment at the playhead · [ ] previous/next segment · Esc deselect.
// Every label change is autosaved atomically to the sidecar (ReviewDocument / AnnotationStore).
// Batch prediction and clip analysis run on two worker threads (ReviewWorker). GUI thread only;
// owns its document, workers and threads; the AppContext is not owned.
#include <QPointer>
#include <QThread>
#include <QWidget>
#include <memory>

#include "core/annotate/AnnotationFormats.h"
#include "ui/review/ReviewWorker.h"

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableView;
class QTimer;

namespace emo::ui {

class AppContext;
class ClipFilter;
class ClipListModel;
class ClipOverview;
class FilePlayback;
class ProbabilityBars;
class ReviewDocument;

class ReviewTab : public QWidget {
  Q_OBJECT
 public:
  ReviewTab(AppContext* context, QWidget* parent = nullptr);
  ~ReviewTab() override;

  /// Opens files/folders/manifests (what the Open buttons do). "" or the message shown.
  QString openPaths(const QStringList& paths);
  /// Exports (CSV/JSON: all clips; Audacity/TextGrid: the current clip). "" or a message.
  QString exportLabels(const QString& path, LabelFormat format);
  /// Imports a label file (Audacity/TextGrid into the current clip). "" or a message.
  QString importLabels(const QString& path);
  void predictAll();
  void cancelPrediction();
  bool predicting() const { return predicting_; }

  /// Document row of the current clip (-1 if none) and selecting one by document row.
  int currentRow() const;
  void selectRow(int documentRow);
  /// Labels the number keys 1..8 set (the model's labels, else the 8 canonical ones).
  std::vector<std::string> keyLabels() const;
  /// The selected segment [start, end) or start >= end when none.
  std::pair<double, double> selectedSegment() const { return {selStart_, selEnd_}; }

  ReviewDocument* document() const { return doc_; }
  ClipFilter* filter() const { return filter_; }
  QTableView* clipTable() const { return table_; }
  ClipOverview* overview() const { return overview_; }
  ProbabilityBars* probabilityBars() const { return bars_; }
  QProgressBar* progressBar() const { return progress_; }
  FilePlayback* player() const { return player_; }
  QString statusText() const;

 signals:
  void clipAnalysed(int row);
  void batchFinished(bool cancelled);

 private:
  void buildUi();
  void buildShortcuts();
  void onModelChanged();
  void onCurrentChanged();
  void readReports(ReviewWorker* worker);  ///< takes a worker's reports and hands each to its handler
  void onAnalysed(const ClipAnalysis& analysis);
  void onPredicted(const ClipPrediction& prediction);
  void onBatchFinished(bool cancelled, const QString& error);
  void updatePlayhead();
  void refreshHuman();
  void refreshLegend();
  void applyFilter();
  void setStatus(const QString& text);

  // Keyboard actions (ReviewTabActions.cpp).
  void togglePlay();
  void seekBy(double seconds);
  void seekTo(double seconds);
  void stepClip(int delta);
  void labelWithKey(int number);
  void clearLabel();
  void selectSegmentAtPlayhead();
  void stepSegment(int delta);
  void clearSelection();
  void openFilesDialog();
  void openFolderDialog();
  void openManifestDialog();
  void exportDialog();
  void importDialog();

  QPointer<AppContext> context_;
  ReviewDocument* doc_ = nullptr;
  ClipListModel* model_ = nullptr;
  ClipFilter* filter_ = nullptr;
  QTableView* table_ = nullptr;
  ClipOverview* overview_ = nullptr;
  ProbabilityBars* bars_ = nullptr;
  QComboBox* filterMode_ = nullptr;
  QDoubleSpinBox* lowConfidence_ = nullptr;
  QLineEdit* filterText_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QPushButton* predictButton_ = nullptr;
  QPushButton* cancelButton_ = nullptr;
  QLabel* legend_ = nullptr;
  QLabel* status_ = nullptr;
  QLabel* modelLabel_ = nullptr;
  QLabel* clipTitle_ = nullptr;
  FilePlayback* player_ = nullptr;
  QTimer* playTimer_ = nullptr;

  QThread batchThread_, analysisThread_;
  ReviewWorker* batchWorker_ = nullptr;     ///< lives in batchThread_
  ReviewWorker* analysisWorker_ = nullptr;  ///< lives in analysisThread_
  bool predicting_ = false;

  ClipAnalysis current_;                    ///< analysis of the clip shown
  double selStart_ = 0.0, selEnd_ = 0.0;
};

}  // namespace emo::ui
