#pragma once
// ReviewWorker: the Review tab's computations, on its own QThread: batch prediction over the
// opened clips (cancellable, with progress) and the analysis of the selected clip (decoded audio,
// waveform envelope, spectrogram image, model timeline). It holds only shared_ptr copies of the
// model, never the AppContext.
// Threads: the request*(), cancel(), resetCancel(), want() and takeReports() calls may be made from
// any thread (the Review tab makes them from the GUI thread); the work runs on the thread the
// worker lives in. Requests and reports travel through mutex-guarded mailboxes (ui/common/Mailbox.h);
// the signal reportsReady() carries no data and tells the owner to call takeReports().
#include <QImage>
#include <QObject>
#include <QString>
#include <QStringList>
#include <atomic>
#include <memory>
#include <variant>
#include <vector>

#include "core/common/Matrix.h"
#include "core/infer/TimelinePredictor.h"
#include "ui/common/Mailbox.h"
#include "ui/common/ModelFacts.h"
#include "ui/review/PredictionCache.h"
#include "ui/review/SpeakerGroups.h"

namespace emo {
class ModelBundle;
}

namespace emo::ui {

/// Everything the Review tab shows for one clip.
struct ClipAnalysis {
  int row = -1;                          ///< document row it belongs to
  QString path;
  QString error;                         ///< "" or why it could not be analysed
  std::vector<float> samples;            ///< mono, sampleRate (for playback)
  int sampleRate = 16000;
  double duration = 0.0;                 ///< seconds
  std::vector<float> envelopeMin, envelopeMax;  ///< waveform, one pair per pixel column bucket
  QImage spectrogram;                    ///< log-mel, low frequencies at the bottom
  Matrix spectrogramDb;                  ///< the same values in dB, columns x bands (readouts)
  double spectrogramHop = 0.01;          ///< seconds per spectrogram column
  std::vector<double> bandEdgesHz;       ///< mel band edges, bands + 2 values (the frequency axis)
  std::vector<TimelineSegment> timeline; ///< the model lane (ModelLane.h), non-overlapping (empty without a model)
  std::vector<std::string> labels;       ///< the model's labels
  UncertainRule uncertain;               ///< the model's "uncertain" rule
  QString timelineError;                 ///< why the timeline is missing, if it is
};

/// One result of the batch prediction: the clip's model lane and the entry computed from it.
struct ClipPrediction {
  int row = -1;
  QString label;                   ///< top label or "no speech"
  bool uncertain = false;          ///< label is only the top guess (below the model's threshold)
  float confidence = 0.0f;
  std::vector<float> probabilities;
  std::vector<TimelineSegment> lane;  ///< the model lane the entry was computed from
  QString rule;                    ///< how the entry follows from the lane (tooltip)
  bool cached = false;             ///< read from the PredictionCache, not computed
  QString error;
};

/// Progress of the batch prediction: done of total clips; the clip being predicted.
struct BatchProgress {
  int done = 0, total = 0;
  QString path;
};

/// The end of a batch prediction.
struct BatchFinished {
  bool cancelled = false;
  QString error;  ///< "" or why the batch could not run
};

/// What the worker reports, in the order it happened.
using ReviewReport = std::variant<BatchProgress, ClipPrediction, BatchFinished, ClipAnalysis>;

class ReviewWorker : public QObject {
  Q_OBJECT
 public:
  explicit ReviewWorker(QObject* parent = nullptr);

  /// Thread-safe: asks a running batch to stop after the current clip.
  void cancel() { cancel_ = true; }
  /// Clears the cancel flag; the owner calls it before queueing a new job (a cancel() made after
  /// that, even before the job starts, then stops it).
  void resetCancel() { cancel_ = false; }
  /// Thread-safe: the row the tab shows now; queued analyses of other rows are skipped (keys held
  /// down over the clip list queue many).
  void want(int row) { wanted_ = row; }

  /// Queues a batch prediction of `paths` (document rows `rows`, speakers `speakers`; `index`: every
  /// speaker's clips, SpeakerGroups.h): BatchProgress and ClipPrediction reports per clip, then
  /// BatchFinished.
  void requestPredictAll(std::shared_ptr<const emo::ModelBundle> model, const QStringList& paths, const QList<int>& rows,
                         const QStringList& speakers = {}, const SpeakerIndex& index = {});
  /// Like requestPredictAll, but only clips whose lane is in the cache are reported (no model run):
  /// what reopening a folder shows at once.
  void requestCachedPredictions(std::shared_ptr<const emo::ModelBundle> model, const QStringList& paths,
                                const QList<int>& rows, const QStringList& speakers = {},
                                const SpeakerIndex& index = {});
  /// Queues the analysis of one clip (a ClipAnalysis report, unless want() has moved on by then);
  /// `speaker`: all of the clip's speaker's clips (SpeakerGroups.h).
  void requestAnalysis(std::shared_ptr<const emo::ModelBundle> model, const QString& path, int row,
                       const SpeakerClips& speaker = {});
  /// Every report posted since the last call, oldest first.
  std::vector<ReviewReport> takeReports() { return reports_.takeAll(); }

 signals:
  /// New reports are waiting in takeReports() (queued to the owner's thread; no payload).
  void reportsReady();

 private:
  struct PredictRequest {
    std::shared_ptr<const emo::ModelBundle> model;
    QStringList paths;
    QList<int> rows;
    bool cacheOnly = false;
    QStringList speakers;  ///< per path ("" or absent: none)
    SpeakerIndex index;
  };
  struct AnalysisRequest {
    std::shared_ptr<const emo::ModelBundle> model;
    QString path;
    int row = -1;
    SpeakerClips speaker;
  };
  using Request = std::variant<PredictRequest, AnalysisRequest>;

  void runRequests();  ///< worker thread: serves every queued request
  void report(ReviewReport r);
  void predictAll(const PredictRequest& request);
  void analyse(const AnalysisRequest& request);

  /// The clip's lane from the cache (under `laneKey`, the speaker's laneModelKey), or computed (then
  /// cached) with its speaker's statistics for a speaker-normalised model. `audio` may be null
  /// (then read).
  Result<std::vector<TimelineSegment>> laneFor(const std::shared_ptr<const emo::ModelBundle>& model,
                                               const SpeakerClips& speaker, const QString& laneKey,
                                               const QString& path, const AudioBuffer* audio, bool* cached);

  PredictionCache cache_;  ///< files only; safe from the worker thread
  SpeakerStatsCache speakerStats_;  ///< worker thread only
  std::atomic<bool> cancel_{false};
  std::atomic<int> wanted_{-1};
  Mailbox<Request> requests_;
  Mailbox<ReviewReport> reports_;
};

}  // namespace emo::ui
