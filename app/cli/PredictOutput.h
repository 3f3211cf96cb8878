#pragma once
// Printing predictions of `emoscope-cli predict` as text, CSV or one JSON array. Text and CSV
// rows are printed as they come (long batches show results at once); JSON at finish().
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/infer/TimelinePredictor.h"

namespace emo::cli {

enum class OutputStyle { Text, Csv, Json };

class PredictPrinter {
 public:
  PredictPrinter(OutputStyle style, std::vector<std::string> labels, bool withTimeline);
  void add(const UtterancePrediction& p, const std::vector<TimelineSegment>& tiles);
  void finish(std::ostream& out);

 private:
  void printText(const UtterancePrediction& p, const std::vector<TimelineSegment>& tiles) const;
  void printCsv(const UtterancePrediction& p, const std::vector<TimelineSegment>& tiles);
  nlohmann::json probabilitiesJson(const std::vector<float>& p) const;

  OutputStyle style_;
  std::vector<std::string> labels_;
  bool withTimeline_;
  bool headerPrinted_ = false;
  nlohmann::json all_ = nlohmann::json::array();
};

}  // namespace emo::cli
