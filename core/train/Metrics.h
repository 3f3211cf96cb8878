#pragma once
// Classification metrics: WA (accuracy), UA (unweighted average recall over classes present in
// the truth), macro F1, per-class precision/recall/F1/support, one-vs-rest ROC AUC per class,
// and the confusion matrix (rows = truth, columns = prediction). As JSON and readable text.
// Also: the same scores with the prediction restricted to a subset of labels (cross-corpus tests),
// and mean ± std over cross-validation folds; expected calibration error of the probabilities. Pure functions; any thread.
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace emo {

struct ClassScores {
  std::string label;
  double precision = 0;  ///< 0 when nothing was predicted as this class
  double recall = 0;     ///< 0 when the class is absent from the truth
  double f1 = 0;
  double auc = -1;       ///< one-vs-rest ROC AUC; -1 when undefined (class absent or only class)
  int support = 0;       ///< clips of this class in the truth
};

struct EvalMetrics {
  double wa = 0;          ///< accuracy (fraction)
  double ua = 0;          ///< unweighted average recall over classes with support > 0
  double macroF1 = 0;     ///< mean F1 over classes with support > 0
  double ece = 0;         ///< expected calibration error of the top probability (15 bins)
  int count = 0;          ///< clips scored
  std::vector<std::string> labels;
  std::vector<ClassScores> perClass;
  std::vector<std::vector<int>> confusion;  ///< [truth][prediction]
  bool speakerDependent = false;            ///< true when train and test shared speakers

  /// {"wa","ua","macro_f1","ece","count","labels","per_class":{label:{precision,recall,f1,auc,support}},
  ///  "confusion":[[...]], "speaker_dependent"} (+ a "warning" when speaker-dependent).
  nlohmann::json toJson() const;
  /// Readable table: scores, per-class rows, confusion matrix.
  std::string toText() const;
};

/// Metrics from truth indices and class probabilities (one row per clip, labels.size() columns).
/// The prediction is the arg max.
EvalMetrics computeMetrics(const std::vector<int>& truth, const std::vector<std::vector<float>>& probs,
                           const std::vector<std::string>& labels);

/// Expected calibration error: clips binned by their top probability into `bins` equal bins of
/// (0, 1] (bin b holds (b/bins, (b+1)/bins]); the clip-weighted mean over bins of
/// |accuracy - mean top probability|. 0 without clips.
double expectedCalibrationError(const std::vector<int>& truth, const std::vector<std::vector<float>>& probs,
                                int bins = 15);

/// Metrics with the prediction restricted to `keep` (indices into labels): probabilities of other
/// classes are dropped and the rest renormalised. Truth clips outside `keep` are skipped. The
/// result's labels are the kept labels in their original order.
EvalMetrics computeRestrictedMetrics(const std::vector<int>& truth, const std::vector<std::vector<float>>& probs,
                                     const std::vector<std::string>& labels, const std::vector<int>& keep);

/// Mean and population standard deviation of per-fold (or per-corpus) figures; {0, 0} when empty.
std::pair<double, double> meanAndStd(const std::vector<double>& values);

/// Mean ± std (population over folds) of wa, ua, macro_f1, ece, the summed confusion matrix and the
/// metrics of the pooled predictions: {"wa","ua","macro_f1" (means), "wa_std","ua_std",
/// "macro_f1_std","ece","ece_std","labels","per_class","confusion","folds":[...]}.
nlohmann::json aggregateFolds(const std::vector<EvalMetrics>& folds);

}  // namespace emo
