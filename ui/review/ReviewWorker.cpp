#include "ui/review/ReviewWorker.h"

#include <algorithm>
#include <cmath>

#include "core/audio/AudioReader.h"
#include "core/dsp/FeatureExtractor.h"
#include "core/dsp/FeatureSet.h"
#include "core/dsp/SparseFilterbank.h"
#include "core/model/ModelBundle.h"
#include "ui/review/ModelLane.h"
#include "ui/views/ColorMap.h"

namespace emo::ui {
namespace {

constexpr int kEnvelopeBuckets = 2000;
constexpr int kMaxSpectrogramColumns = 4000;
QImage spectrogramImage(const std::vector<float>& samples, const FeatureParams& params, Matrix* db) {
  FeatureExtractor fx(params);
  FeatureSet f = fx.compute(samples.data(), samples.size(), {FeatureKind::LogMelDb});
  Matrix full = f.stack({FeatureKind::LogMelDb});
  if (full.rows <= 0 || full.cols <= 0) return {};
  *db = full;
  // At most kMaxSpectrogramColumns columns (long recordings): each keeps the max of its frames.
  const int step = (full.rows + kMaxSpectrogramColumns - 1) / kMaxSpectrogramColumns;
  Matrix m((full.rows + step - 1) / step, full.cols, -1e30f);
  for (int r = 0; r < full.rows; ++r)
    for (int c = 0; c < full.cols; ++c) m.at(r / step, c) = std::max(m.at(r / step, c), full.at(r, c));
  const float peak = *std::max_element(m.data.begin(), m.data.end());
  const float range = 80.0f;
  ColorMap map(ColorMap::Kind::Magma);
  QImage img(m.rows, m.cols, QImage::Format_RGB32);
  for (int x = 0; x < m.rows; ++x)
    for (int band = 0; band < m.cols; ++band) {
      const float v = std::clamp((m.at(x, band) - (peak - range)) / range, 0.0f, 1.0f);
      img.setPixel(x, m.cols - 1 - band, map.at(v));
    }
  return img;
}

}  // namespace

ReviewWorker::ReviewWorker(QObject* parent) : QObject(parent) {}

void ReviewWorker::requestPredictAll(std::shared_ptr<const emo::ModelBundle> model, const QStringList& paths,
                                     const QList<int>& rows, const QStringList& speakers, const SpeakerIndex& index) {
  requests_.post(PredictRequest{std::move(model), paths, rows, false, speakers, index});
  QMetaObject::invokeMethod(this, &ReviewWorker::runRequests, Qt::QueuedConnection);
}

void ReviewWorker::requestCachedPredictions(std::shared_ptr<const emo::ModelBundle> model, const QStringList& paths,
                                            const QList<int>& rows, const QStringList& speakers,
                                            const SpeakerIndex& index) {
  requests_.post(PredictRequest{std::move(model), paths, rows, true, speakers, index});
  QMetaObject::invokeMethod(this, &ReviewWorker::runRequests, Qt::QueuedConnection);
}

Result<std::vector<TimelineSegment>> ReviewWorker::laneFor(const std::shared_ptr<const emo::ModelBundle>& model,
                                                           const SpeakerClips& speaker, const QString& laneKey,
                                                           const QString& path, const AudioBuffer* audio, bool* cached) {
  const QString fileKey = PredictionCache::fileKey(path);
  *cached = false;
  if (auto lane = cache_.find(laneKey, fileKey)) {
    *cached = true;
    return std::move(*lane);
  }
  Result<AudioBuffer> read = audio ? Result<AudioBuffer>(AudioBuffer{}) : readAudioMono(path.toStdString());
  if (!read) return Error{read.error()};
  const TimelinePredictor predictor(model, StreamParams{}, speakerStats_.statsFor(model, speaker, laneKey));
  auto lane = modelLane(predictor, audio ? *audio : *read);
  if (lane) cache_.store(laneKey, fileKey, *lane);  // a cache that cannot be written only costs time
  return lane;
}

void ReviewWorker::requestAnalysis(std::shared_ptr<const emo::ModelBundle> model, const QString& path, int row,
                                   const SpeakerClips& speaker) {
  requests_.post(AnalysisRequest{std::move(model), path, row, speaker});
  QMetaObject::invokeMethod(this, &ReviewWorker::runRequests, Qt::QueuedConnection);
}

void ReviewWorker::runRequests() {
  for (const Request& r : requests_.takeAll()) {
    if (const auto* predict = std::get_if<PredictRequest>(&r))
      predictAll(*predict);
    else
      analyse(std::get<AnalysisRequest>(r));
  }
}

void ReviewWorker::report(ReviewReport r) {
  reports_.post(std::move(r));
  emit reportsReady();
}

void ReviewWorker::predictAll(const PredictRequest& request) {
  if (!request.model) {
    report(BatchFinished{false, tr("No model is loaded: load or train one first.")});
    return;
  }
  const QStringList& paths = request.paths;
  const int total = static_cast<int>(paths.size());
  LaneKeys laneKeys(request.model.get());
  for (int i = 0; i < total; ++i) {
    if (cancel_) {
      report(BatchFinished{true, {}});
      return;
    }
    if (!request.cacheOnly) report(BatchProgress{i, total, paths[i]});
    ClipPrediction p;
    p.row = request.rows[i];
    const SpeakerClips speaker = speakerClipsOf(request.index, request.speakers.value(i));
    if (request.cacheOnly) {
      auto lane = cache_.find(laneKeys.of(speaker), PredictionCache::fileKey(paths[i]));
      if (!lane) continue;
      p.lane = std::move(*lane);
      p.cached = true;
    } else {
      auto lane = laneFor(request.model, speaker, laneKeys.of(speaker), paths[i], nullptr, &p.cached);
      if (!lane) {
        p.error = QString::fromStdString(lane.error());
        report(p);
        continue;
      }
      p.lane = std::move(lane).value();
    }
    const LaneSummary s = summariseLane(p.lane, request.model->labels(), modelUncertainRule(*request.model));
    p.label = QString::fromStdString(s.label);
    p.uncertain = s.uncertain;
    p.probabilities = s.probabilities;
    if (s.top >= 0) p.confidence = s.probabilities[static_cast<size_t>(s.top)];
    p.rule = laneRuleText(s, p.lane.empty() ? 0.0 : p.lane.back().end);
    report(p);
  }
  if (request.cacheOnly) return;
  report(BatchProgress{total, total, {}});
  report(BatchFinished{false, {}});
}

void ReviewWorker::analyse(const AnalysisRequest& request) {
  if (wanted_ != request.row) return;  // the tab moved on
  const auto& model = request.model;
  ClipAnalysis a;
  a.row = request.row;
  a.path = request.path;
  auto audio = readAudioMono(request.path.toStdString());  // 16 kHz mono
  if (!audio) {
    a.error = QString::fromStdString(audio.error());
    report(std::move(a));
    return;
  }
  a.sampleRate = audio->sampleRate;
  a.duration = audio->seconds();
  const auto& s = audio->samples;
  const size_t n = s.size();
  const int buckets = static_cast<int>(std::min<size_t>(kEnvelopeBuckets, std::max<size_t>(1, n)));
  a.envelopeMin.assign(static_cast<size_t>(buckets), 0.0f);
  a.envelopeMax.assign(static_cast<size_t>(buckets), 0.0f);
  for (int b = 0; b < buckets && n > 0; ++b) {
    const size_t from = n * static_cast<size_t>(b) / buckets, to = std::max(from + 1, n * static_cast<size_t>(b + 1) / buckets);
    const auto [lo, hi] = std::minmax_element(s.begin() + static_cast<long>(from), s.begin() + static_cast<long>(std::min(to, n)));
    a.envelopeMin[static_cast<size_t>(b)] = *lo;
    a.envelopeMax[static_cast<size_t>(b)] = *hi;
  }
  FeatureParams fp = model ? model->featureParams() : FeatureParams{};
  a.spectrogram = spectrogramImage(s, fp, &a.spectrogramDb);
  a.spectrogramHop = fp.sampleRate > 0 ? double(fp.hopLength) / fp.sampleRate : 0.01;
  a.bandEdgesHz = slaneyMelFrequencies(fp.nMels + 2, fp.fmin, fp.effectiveFmax());
  if (model) {
    a.labels = model->labels();
    a.uncertain = modelUncertainRule(*model);
    bool cached = false;
    auto t = laneFor(model, request.speaker, laneModelKey(model.get(), request.speaker), request.path, &*audio, &cached);
    if (t)
      a.timeline = std::move(t).value();
    else
      a.timelineError = QString::fromStdString(t.error());
  } else {
    a.timelineError = tr("no model loaded");
  }
  a.samples = std::move(audio->samples);
  report(std::move(a));
}

}  // namespace emo::ui
