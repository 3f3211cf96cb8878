#include "PredictOutput.h"

#include <cmath>
#include <cstdio>
#include <iostream>

#include "core/annotate/AnnotationFormats.h"

namespace emo::cli {
namespace {

std::string fixed(double v, int digits) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

/// `v` rounded to 1/`perUnit` (a power of ten), so that JSON shows the digits the value carries
/// (0.15, not 0.15000000000000002; 0.4732, not 0.47323131561279297). Dividing by the exact
/// integer gives the double nearest to the decimal, which prints as that decimal.
double rounded(double v, double perUnit) { return std::round(v * perUnit) / perUnit; }
constexpr double kPerSecond = 1e3;         ///< times to the millisecond
constexpr double kProbabilityUnits = 1e4;  ///< probabilities to 1e-4

std::string topLabel(const TimelineSegment& s, const std::vector<std::string>& labels) {
  return s.speech && s.top >= 0 ? labels[s.top] : "no speech";
}

}  // namespace

PredictPrinter::PredictPrinter(OutputStyle style, std::vector<std::string> labels, bool withTimeline,
                               std::function<bool(const std::vector<float>&)> uncertain)
    : style_(style), labels_(std::move(labels)), withTimeline_(withTimeline), uncertain_(std::move(uncertain)) {}

nlohmann::ordered_json PredictPrinter::probabilitiesJson(const std::vector<float>& p) const {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  for (size_t i = 0; i < labels_.size(); ++i) j[labels_[i]] = rounded(i < p.size() ? p[i] : 0.0, kProbabilityUnits);
  return j;
}

void PredictPrinter::add(const UtterancePrediction& p, const std::vector<TimelineSegment>& tiles) {
  switch (style_) {
    case OutputStyle::Text: printText(p, tiles); break;
    case OutputStyle::Csv: printCsv(p, tiles); break;
    case OutputStyle::Json: {
      nlohmann::ordered_json j{
          {"file", p.file}, {"label", p.label}, {"speech", p.speech}, {"seconds", rounded(p.seconds, kPerSecond)},
          {"probabilities", p.speech ? probabilitiesJson(p.probabilities) : nlohmann::ordered_json::object()}};
      if (uncertain_) j["uncertain"] = uncertain(p.speech, p.probabilities);
      if (withTimeline_) {
        nlohmann::ordered_json t = nlohmann::ordered_json::array();
        for (const TimelineSegment& s : tiles)
          t.push_back({{"start", rounded(s.start, kPerSecond)}, {"end", rounded(s.end, kPerSecond)},
                       {"label", topLabel(s, labels_)},
                       {"probabilities", s.speech ? probabilitiesJson(s.probabilities) : nlohmann::ordered_json::object()}});
        j["timeline"] = std::move(t);
      }
      all_.push_back(std::move(j));
      break;
    }
  }
}

void PredictPrinter::addError(const std::string& file, const std::string& message) {
  switch (style_) {
    case OutputStyle::Text: break;  // the caller reports it on stderr
    case OutputStyle::Csv:
      printCsvHeader();
      std::cout << csvQuote(file) << (withTimeline_ ? ",,,," : ",,") << std::string(labels_.size(), ',')
                << csvQuote(message) << "\n";
      break;
    case OutputStyle::Json: all_.push_back({{"file", file}, {"error", message}}); break;
  }
}

void PredictPrinter::printText(const UtterancePrediction& p, const std::vector<TimelineSegment>& tiles) const {
  std::cout << p.file << "\t" << p.label;
  if (p.speech) std::cout << " (" << fixed(100.0 * p.probabilities[p.top], 1) << " %)";
  if (uncertain(p.speech, p.probabilities)) std::cout << " uncertain";
  std::cout << "\n";
  if (p.speech)
    for (size_t i = 0; i < labels_.size(); ++i) std::cout << "  " << labels_[i] << "\t" << fixed(p.probabilities[i], 4) << "\n";
  if (withTimeline_)
    for (const TimelineSegment& s : tiles)
      std::cout << "  " << fixed(s.start, 2) << "-" << fixed(s.end, 2) << " s\t" << topLabel(s, labels_)
                << (s.speech ? "\t" + fixed(s.probabilities[s.top], 3) : std::string()) << "\n";
  std::cout.flush();
}

void PredictPrinter::printCsvHeader() {
  if (headerPrinted_) return;
  std::cout << (withTimeline_ ? "file,start,end,label" : "file,label");
  for (const auto& l : labels_) std::cout << "," << csvQuote(l);
  std::cout << ",error\n";
  headerPrinted_ = true;
}

void PredictPrinter::printCsv(const UtterancePrediction& p, const std::vector<TimelineSegment>& tiles) {
  printCsvHeader();
  auto probs = [&](bool speech, const std::vector<float>& v) {
    for (size_t i = 0; i < labels_.size(); ++i) std::cout << "," << (speech ? fixed(v[i], 4) : std::string());
    std::cout << ",\n";  // no error
  };
  if (!withTimeline_) {
    std::cout << csvQuote(p.file) << "," << csvQuote(p.label);
    probs(p.speech, p.probabilities);
    return;
  }
  for (const TimelineSegment& s : tiles) {
    std::cout << csvQuote(p.file) << "," << fixed(s.start, 3) << "," << fixed(s.end, 3) << ","
              << csvQuote(topLabel(s, labels_));
    probs(s.speech, s.probabilities);
  }
}

void PredictPrinter::finish(std::ostream& out) {
  if (style_ == OutputStyle::Json) out << all_.dump(2) << "\n";
}

}  // namespace emo::cli
