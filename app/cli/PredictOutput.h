#pragma once
// Printing predictions of `emoscope-cli predict` as text, CSV or one JSON array. Text and CSV
// rows are printed as they come (long batches show results at once); JSON at finish().
// Probabilities are listed in the model's label order; JSON numbers carry the precision they
// have (times rounded to 1 ms, probabilities to 1e-4). A file that failed is an entry with an
// "error" field (JSON) or a row with the error column filled (CSV); text mode leaves errors to stderr.
#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/infer/TimelinePredictor.h"

namespace emo::cli {

enum class OutputStyle { Text, Csv, Json };

class PredictPrinter {
 public:
  /// `uncertain`: the model's rule (core's isUncertain with its calibration; empty: the model has
  /// no threshold); readings it flags are marked "uncertain" (JSON field, text suffix).
  PredictPrinter(OutputStyle style, std::vector<std::string> labels, bool withTimeline,
                 std::function<bool(const std::vector<float>&)> uncertain = {});
  void add(const UtterancePrediction& p, const std::vector<TimelineSegment>& tiles);
  /// A file that could not be read or analysed.
  void addError(const std::string& file, const std::string& message);
  void finish(std::ostream& out);

 private:
  void printText(const UtterancePrediction& p, const std::vector<TimelineSegment>& tiles) const;
  void printCsv(const UtterancePrediction& p, const std::vector<TimelineSegment>& tiles);
  void printCsvHeader();
  nlohmann::ordered_json probabilitiesJson(const std::vector<float>& p) const;
  bool uncertain(bool speech, const std::vector<float>& p) const { return uncertain_ && speech && uncertain_(p); }

  OutputStyle style_;
  std::vector<std::string> labels_;
  bool withTimeline_;
  std::function<bool(const std::vector<float>&)> uncertain_;
  bool headerPrinted_ = false;
  nlohmann::ordered_json all_ = nlohmann::ordered_json::array();
};

}  // namespace emo::cli
