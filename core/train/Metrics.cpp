#include "core/train/Metrics.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <sstream>

namespace emo {
namespace {

// Mann-Whitney AUC with tie correction: P(score_pos > score_neg) + 0.5 P(equal).
double rocAuc(const std::vector<float>& scores, const std::vector<bool>& positive) {
  std::vector<size_t> order(scores.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return scores[a] < scores[b]; });
  std::vector<double> rank(scores.size());
  for (size_t i = 0; i < order.size();) {
    size_t j = i;
    while (j + 1 < order.size() && scores[order[j + 1]] == scores[order[i]]) ++j;
    const double r = (i + j) / 2.0 + 1.0;
    for (size_t k = i; k <= j; ++k) rank[order[k]] = r;
    i = j + 1;
  }
  double nPos = 0, nNeg = 0, sumPos = 0;
  for (size_t i = 0; i < scores.size(); ++i) {
    if (positive[i]) { nPos += 1; sumPos += rank[i]; }
    else nNeg += 1;
  }
  if (nPos == 0 || nNeg == 0) return -1;
  return (sumPos - nPos * (nPos + 1) / 2.0) / (nPos * nNeg);
}

}  // namespace

double expectedCalibrationError(const std::vector<int>& truth, const std::vector<std::vector<float>>& probs, int bins) {
  bins = std::max(1, bins);
  std::vector<double> conf(bins, 0.0), correct(bins, 0.0), count(bins, 0.0);
  double n = 0;
  for (size_t i = 0; i < std::min(truth.size(), probs.size()); ++i) {
    if (probs[i].empty() || truth[i] < 0) continue;
    const auto top = std::max_element(probs[i].begin(), probs[i].end());
    const double p = *top;
    const int b = std::clamp(static_cast<int>(std::ceil(p * bins)) - 1, 0, bins - 1);
    conf[b] += p;
    correct[b] += (top - probs[i].begin()) == truth[i] ? 1.0 : 0.0;
    count[b] += 1;
    n += 1;
  }
  double ece = 0;
  for (int b = 0; b < bins; ++b)
    if (count[b] > 0) ece += count[b] / n * std::abs(correct[b] / count[b] - conf[b] / count[b]);
  return ece;
}

EvalMetrics computeMetrics(const std::vector<int>& truth, const std::vector<std::vector<float>>& probs,
                           const std::vector<std::string>& labels) {
  EvalMetrics m;
  const int K = static_cast<int>(labels.size());
  m.labels = labels;
  m.confusion.assign(K, std::vector<int>(K, 0));
  m.perClass.resize(K);
  const size_t n = std::min(truth.size(), probs.size());
  int correct = 0;
  for (size_t i = 0; i < n; ++i) {
    if (truth[i] < 0 || truth[i] >= K || static_cast<int>(probs[i].size()) != K) continue;
    const int pred = static_cast<int>(std::max_element(probs[i].begin(), probs[i].end()) - probs[i].begin());
    ++m.confusion[truth[i]][pred];
    if (pred == truth[i]) ++correct;
    ++m.count;
  }
  m.wa = m.count ? static_cast<double>(correct) / m.count : 0.0;
  int present = 0;
  double sumRecall = 0, sumF1 = 0;
  for (int c = 0; c < K; ++c) {
    ClassScores& s = m.perClass[c];
    s.label = labels[c];
    int tp = m.confusion[c][c], predicted = 0;
    for (int r = 0; r < K; ++r) predicted += m.confusion[r][c];
    for (int p = 0; p < K; ++p) s.support += m.confusion[c][p];
    s.precision = predicted ? static_cast<double>(tp) / predicted : 0.0;
    s.recall = s.support ? static_cast<double>(tp) / s.support : 0.0;
    s.f1 = (s.precision + s.recall) > 0 ? 2 * s.precision * s.recall / (s.precision + s.recall) : 0.0;
    std::vector<float> scores;
    std::vector<bool> pos;
    for (size_t i = 0; i < n; ++i) {
      if (truth[i] < 0 || truth[i] >= K || static_cast<int>(probs[i].size()) != K) continue;
      scores.push_back(probs[i][c]);
      pos.push_back(truth[i] == c);
    }
    s.auc = rocAuc(scores, pos);
    if (s.support > 0) {
      ++present;
      sumRecall += s.recall;
      sumF1 += s.f1;
    }
  }
  m.ua = present ? sumRecall / present : 0.0;
  m.macroF1 = present ? sumF1 / present : 0.0;
  m.ece = expectedCalibrationError(truth, probs);
  return m;
}

EvalMetrics computeRestrictedMetrics(const std::vector<int>& truth, const std::vector<std::vector<float>>& probs,
                                     const std::vector<std::string>& labels, const std::vector<int>& keep) {
  std::vector<int> map(labels.size(), -1);
  std::vector<std::string> kept;
  std::vector<int> sortedKeep = keep;
  std::sort(sortedKeep.begin(), sortedKeep.end());
  sortedKeep.erase(std::unique(sortedKeep.begin(), sortedKeep.end()), sortedKeep.end());
  for (int k : sortedKeep) {
    if (k < 0 || k >= static_cast<int>(labels.size())) continue;
    map[k] = static_cast<int>(kept.size());
    kept.push_back(labels[k]);
  }
  std::vector<int> t;
  std::vector<std::vector<float>> p;
  for (size_t i = 0; i < std::min(truth.size(), probs.size()); ++i) {
    if (truth[i] < 0 || truth[i] >= static_cast<int>(labels.size()) || map[truth[i]] < 0) continue;
    if (probs[i].size() != labels.size()) continue;
    std::vector<float> q(kept.size());
    double sum = 0;
    for (size_t c = 0; c < labels.size(); ++c)
      if (map[c] >= 0) { q[map[c]] = probs[i][c]; sum += probs[i][c]; }
    for (float& v : q) v = sum > 0 ? static_cast<float>(v / sum) : 1.0f / q.size();
    t.push_back(map[truth[i]]);
    p.push_back(std::move(q));
  }
  return computeMetrics(t, p, kept);
}

nlohmann::json EvalMetrics::toJson() const {
  nlohmann::json pc = nlohmann::json::object();
  for (const auto& s : perClass)
    pc[s.label] = {{"precision", s.precision}, {"recall", s.recall}, {"f1", s.f1},
                   {"auc", s.auc < 0 ? nlohmann::json(nullptr) : nlohmann::json(s.auc)}, {"support", s.support}};
  nlohmann::json j{{"wa", wa}, {"ua", ua}, {"macro_f1", macroF1}, {"ece", ece}, {"count", count}, {"labels", labels},
                   {"per_class", pc}, {"confusion", confusion}, {"speaker_dependent", speakerDependent}};
  if (speakerDependent)
    j["warning"] = "speaker-dependent evaluation: test speakers were also in training; expect far lower scores on new speakers";
  return j;
}

std::string EvalMetrics::toText() const {
  std::ostringstream os;
  char buf[256];
  if (speakerDependent) os << "WARNING: speaker-dependent evaluation (test speakers were in training)\n";
  std::snprintf(buf, sizeof buf, "clips %d   WA %.1f %%   UA %.1f %%   macro F1 %.1f %%   ECE %.3f\n", count, 100 * wa,
                100 * ua, 100 * macroF1, ece);
  os << buf;
  os << "class        precision  recall     f1    auc  support\n";
  for (const auto& s : perClass) {
    std::snprintf(buf, sizeof buf, "%-12s %8.3f %7.3f %6.3f %6s %8d\n", s.label.c_str(), s.precision, s.recall, s.f1,
                  s.auc < 0 ? "-" : std::to_string(s.auc).substr(0, 5).c_str(), s.support);
    os << buf;
  }
  os << "confusion (rows = truth, columns = prediction):\n             ";
  for (const auto& l : labels) os << " " << l.substr(0, 5) << std::string(6 - std::min<size_t>(5, l.size()), ' ');
  os << "\n";
  for (size_t r = 0; r < confusion.size(); ++r) {
    std::snprintf(buf, sizeof buf, "%-12s ", labels[r].c_str());
    os << buf;
    for (int v : confusion[r]) {
      std::snprintf(buf, sizeof buf, "%6d ", v);
      os << buf;
    }
    os << "\n";
  }
  return os.str();
}

std::pair<double, double> meanAndStd(const std::vector<double>& values) {
  if (values.empty()) return {0.0, 0.0};
  double mean = 0, var = 0;
  for (double x : values) mean += x / values.size();
  for (double x : values) var += (x - mean) * (x - mean) / values.size();
  return {mean, std::sqrt(var)};
}

nlohmann::json aggregateFolds(const std::vector<EvalMetrics>& folds) {
  auto meanStd = [&](auto get) {
    std::vector<double> v;
    for (const auto& f : folds) v.push_back(get(f));
    return meanAndStd(v);
  };
  nlohmann::json j = nlohmann::json::object();
  if (folds.empty()) return j;
  // Pooled confusion: per-class precision/recall/F1 over all folds' predictions.
  EvalMetrics pooled;
  pooled.labels = folds.front().labels;
  const size_t K = pooled.labels.size();
  pooled.confusion.assign(K, std::vector<int>(K, 0));
  for (const auto& f : folds)
    for (size_t r = 0; r < K && r < f.confusion.size(); ++r)
      for (size_t c = 0; c < K && c < f.confusion[r].size(); ++c) pooled.confusion[r][c] += f.confusion[r][c];
  nlohmann::json pc = nlohmann::json::object();
  for (size_t c = 0; c < K; ++c) {
    int tp = pooled.confusion[c][c], predicted = 0, support = 0;
    for (size_t r = 0; r < K; ++r) predicted += pooled.confusion[r][c];
    for (size_t p = 0; p < K; ++p) support += pooled.confusion[c][p];
    const double prec = predicted ? double(tp) / predicted : 0, rec = support ? double(tp) / support : 0;
    double aucSum = 0; int aucN = 0;
    for (const auto& f : folds)
      if (c < f.perClass.size() && f.perClass[c].auc >= 0) { aucSum += f.perClass[c].auc; ++aucN; }
    pc[pooled.labels[c]] = {{"precision", prec}, {"recall", rec},
                            {"f1", prec + rec > 0 ? 2 * prec * rec / (prec + rec) : 0.0},
                            {"auc", aucN ? nlohmann::json(aucSum / aucN) : nlohmann::json(nullptr)}, {"support", support}};
  }
  const auto wa = meanStd([](const EvalMetrics& f) { return f.wa; });
  const auto ua = meanStd([](const EvalMetrics& f) { return f.ua; });
  const auto f1 = meanStd([](const EvalMetrics& f) { return f.macroF1; });
  const auto ece = meanStd([](const EvalMetrics& f) { return f.ece; });
  j["wa"] = wa.first; j["wa_std"] = wa.second;
  j["ua"] = ua.first; j["ua_std"] = ua.second;
  j["macro_f1"] = f1.first; j["macro_f1_std"] = f1.second;
  j["ece"] = ece.first; j["ece_std"] = ece.second;
  j["labels"] = pooled.labels;
  j["per_class"] = pc;
  j["confusion"] = pooled.confusion;
  bool dependent = false;
  nlohmann::json arr = nlohmann::json::array();
  for (const auto& f : folds) { arr.push_back(f.toJson()); dependent = dependent || f.speakerDependent; }
  j["folds"] = arr;
  j["speaker_dependent"] = dependent;
  if (dependent) j["warning"] = "speaker-dependent evaluation: test speakers were also in training";
  return j;
}

}  // namespace emo
