// A steady reading (issue 18): windows that are mostly trailing silence are not scored; a pause
// holds the last scored result, marked as held, for StreamParams::holdSeconds and then says
// "no speech"; RecordingSummary gives each emotion's share of the speech time. Real RAVDESS
// sentences with digital silence between and after them.
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <map>

#include "InferTestModel.h"
#include "core/audio/AudioReader.h"
#include "core/infer/RecordingSummary.h"
#include "core/infer/StreamingClassifier.h"
#include "core/infer/TimelinePredictor.h"
#include "support/TestPaths.h"

using namespace emo;

namespace {

constexpr int kRate = 16000;

std::vector<float> readClip(const QString& relative) {
  auto a = readAudioMono(test::shared(relative).toStdString());
  return a ? a->samples : std::vector<float>{};
}

/// End (s) of the last 10 ms frame within 30 dB of the loudest: where the sentence stops,
/// measured without the speech gate.
double lastLoudSecond(const std::vector<float>& x) {
  std::vector<double> energy;
  for (size_t pos = 0; pos + 160 <= x.size(); pos += 160) {
    double e = 0;
    for (size_t i = pos; i < pos + 160; ++i) e += double(x[i]) * x[i];
    energy.push_back(e / 160);
  }
  const double loudest = *std::max_element(energy.begin(), energy.end());
  for (size_t k = energy.size(); k-- > 0;)
    if (energy[k] >= loudest * 1e-3) return double(k + 1) * 0.01;
  return 0.0;
}

std::vector<EmotionFrame> stream(const std::shared_ptr<const ModelBundle>& model, const StreamParams& p,
                                 const std::vector<float>& x) {
  StreamingClassifier sc(model, p);
  std::vector<EmotionFrame> out;
  for (size_t pos = 0; pos < x.size(); pos += 1000) {
    sc.push(x.data() + pos, std::min<size_t>(1000, x.size() - pos), kRate);
    for (auto& f : sc.takeFrames()) out.push_back(std::move(f));
  }
  sc.finish();
  for (auto& f : sc.takeFrames()) out.push_back(std::move(f));
  return out;
}

}  // namespace

class TestReading : public QObject {
  Q_OBJECT

  std::shared_ptr<const ModelBundle> model_;
  std::vector<float> angry_, sad_;  // RAVDESS actor 01, strong intensity

 private slots:
  void initTestCase() {
    model_ = test::defaultModel();
    QVERIFY2(model_, "the default model must load");
    angry_ = readClip("data/ravdess/Actor_01/03-01-05-02-01-01-01.flac");
    sad_ = readClip("data/ravdess/Actor_01/03-01-04-02-01-01-01.flac");
    QVERIFY(!angry_.empty() && !sad_.empty());
  }

  void mostlyTrailingSilenceIsNotScored() {
    for (const auto* clip : {&angry_, &sad_}) {
      std::vector<float> x = *clip;
      x.insert(x.end(), kRate * 3, 0.0f);
      const double speechEnd = lastLoudSecond(x);
      const double duration = double(x.size()) / kRate;
      StreamParams p;
      const auto frames = stream(model_, p, x);
      int scored = 0;
      for (const EmotionFrame& f : frames) {
        if (!f.speech) continue;
        ++scored;
        const double centre = 0.5 * (f.start + f.end);
        const double from = std::max(0.0, centre - p.windowSeconds / 2), to = std::min(duration, centre + p.windowSeconds / 2);
        const double trailing = std::max(0.0, to - std::max(from, speechEnd)) / (to - from);
        QVERIFY2(trailing <= 0.55, qPrintable(QString("the window of the segment at %1 s is %2 % trailing silence")
                                                  .arg(centre)
                                                  .arg(100 * trailing, 0, 'f', 0)));
      }
      QVERIFY2(scored >= 5, "the sentence must be scored");
    }
  }

  void pauseHoldsTheLastResultThenSaysNoSpeech() {
    std::vector<float> x = angry_;
    x.insert(x.end(), kRate * 4, 0.0f);
    StreamParams p;
    p.holdSeconds = 2.0;
    const auto frames = stream(model_, p, x);
    const auto last = std::find_if(frames.rbegin(), frames.rend(), [](const EmotionFrame& f) { return f.speech; });
    QVERIFY(last != frames.rend());
    int held = 0, after = 0;
    for (auto it = last.base(); it != frames.end(); ++it) {
      const double since = it->end - last->end;
      QVERIFY(!it->speech);
      if (since <= p.holdSeconds + 1e-9) {
        QVERIFY2(it->held, qPrintable(QString("%1 s after the last scored frame: not held").arg(since)));
        QCOMPARE(it->top, last->top);
        QCOMPARE(it->probabilities, last->probabilities);
        QCOMPARE(it->confidence, last->confidence);
        QVERIFY(std::abs(it->heldSeconds - since) < 1e-9);
        ++held;
      } else {
        QVERIFY2(!it->held && it->probabilities.empty() && it->top < 0, "a hold must end after holdSeconds");
        ++after;
      }
    }
    QCOMPARE(held, int(std::lround(p.holdSeconds / p.hopSeconds)));
    QVERIFY(after > 5);
    // The offline timeline does not count held frames as speech.
    auto t = TimelinePredictor(model_, p).timeline(AudioBuffer{x, kRate, {}});
    QVERIFY(t);
    QCOMPARE(t->size(), frames.size());
    for (size_t k = 0; k < t->size(); ++k) {
      QCOMPARE((*t)[k].speech, frames[k].speech);
      if (!frames[k].speech) QVERIFY((*t)[k].probabilities.empty());
    }
  }

  void shortPauseNeverFlipsToNoSpeech() {
    // Angry, 1.5 s of silence, sad: between the first and the last scored frame every frame is
    // scored or held, so the headline stays on an emotion through the pause.
    std::vector<float> x = angry_;
    x.insert(x.end(), kRate * 3 / 2, 0.0f);
    x.insert(x.end(), sad_.begin(), sad_.end());
    const auto frames = stream(model_, StreamParams{}, x);
    const auto first = std::find_if(frames.begin(), frames.end(), [](const EmotionFrame& f) { return f.speech; });
    const auto last = std::find_if(frames.rbegin(), frames.rend(), [](const EmotionFrame& f) { return f.speech; }).base();
    QVERIFY(first < last);
    int heldFrames = 0;
    for (auto it = first; it != last; ++it) {
      QVERIFY2(it->speech || it->held, qPrintable(QString("'no speech' at %1 s inside the recording").arg(it->start)));
      heldFrames += it->held ? 1 : 0;
    }
    QVERIFY2(heldFrames >= 5, "the pause must be held");
  }

  void summarySharesSpeechTime() {
    std::vector<float> x = angry_;
    x.insert(x.end(), kRate, 0.0f);
    x.insert(x.end(), sad_.begin(), sad_.end());
    const auto frames = stream(model_, StreamParams{}, x);
    RecordingSummary summary(model_->labels());
    // Fed in uneven pieces, as the Live tab receives them.
    for (size_t i = 0; i < frames.size(); i += 7)
      summary.add(std::vector<EmotionFrame>(frames.begin() + long(i), frames.begin() + long(std::min(i + 7, frames.size()))));

    std::map<int, double> topSeconds;
    double speech = 0;
    for (const EmotionFrame& f : frames)
      if (f.speech) speech += f.end - f.start, topSeconds[f.top] += f.end - f.start;
    QVERIFY(speech > 1.0);
    QVERIFY(std::abs(summary.totalSeconds() - double(x.size()) / kRate) < 1e-6);  // the tiles cover the recording
    QVERIFY(std::abs(summary.speechSeconds() - speech) < 1e-9);
    const auto shares = summary.shares();
    const auto mean = summary.meanProbabilities();
    QCOMPARE(shares.size(), model_->labels().size());
    double shareSum = 0, meanSum = 0;
    for (size_t i = 0; i < shares.size(); ++i) {
      QVERIFY(std::abs(shares[i] - topSeconds[int(i)] / speech) < 1e-9);
      shareSum += shares[i];
      meanSum += mean[i];
    }
    QVERIFY(std::abs(shareSum - 1.0) < 1e-9);
    QVERIFY(std::abs(meanSum - 1.0) < 1e-3);
    QCOMPARE(summary.dominant(), int(std::max_element(shares.begin(), shares.end()) - shares.begin()));

    // Held and silent frames are not speech: a summary of them alone is empty.
    RecordingSummary pauses(model_->labels());
    for (const EmotionFrame& f : frames)
      if (!f.speech) pauses.add(f);
    QCOMPARE(pauses.speechSeconds(), 0.0);
    QCOMPARE(pauses.dominant(), -1);
    for (double s : pauses.shares()) QCOMPARE(s, 0.0);
    summary.reset();
    QCOMPARE(summary.totalSeconds(), 0.0);
    QCOMPARE(summary.dominant(), -1);
  }

  void summaryCountsUncertainTimeApart() {
    std::vector<float> x = angry_;
    x.insert(x.end(), sad_.begin(), sad_.end());
    const auto frames = stream(model_, StreamParams{}, x);
    std::vector<float> tops;  // the speech frames' top probabilities; the threshold splits them
    for (const EmotionFrame& f : frames)
      if (f.speech) tops.push_back(f.probabilities[size_t(f.top)]);
    QVERIFY(tops.size() >= 4);
    std::sort(tops.begin(), tops.end());
    const double threshold = (tops[tops.size() / 2 - 1] + tops[tops.size() / 2]) / 2.0;
    QVERIFY(tops[tops.size() / 2 - 1] < tops[tops.size() / 2]);
    RecordingSummary summary(model_->labels(), threshold);
    summary.add(frames);
    std::map<int, double> confidentSeconds;
    double speech = 0, uncertain = 0;
    for (const EmotionFrame& f : frames) {
      if (!f.speech) continue;
      speech += f.end - f.start;
      if (f.probabilities[size_t(f.top)] < threshold) uncertain += f.end - f.start;
      else confidentSeconds[f.top] += f.end - f.start;
    }
    QVERIFY(uncertain > 0 && uncertain < speech);
    QVERIFY(std::abs(summary.uncertainShare() - uncertain / speech) < 1e-9);
    const auto shares = summary.shares();
    double sum = summary.uncertainShare();
    for (size_t i = 0; i < shares.size(); ++i) {
      QVERIFY(std::abs(shares[i] - confidentSeconds[int(i)] / speech) < 1e-9);
      sum += shares[i];
    }
    QVERIFY(std::abs(sum - 1.0) < 1e-9);
    // Above every reading: all speech is uncertain and no label dominates.
    RecordingSummary allUncertain(model_->labels(), 1.01);
    allUncertain.add(frames);
    QVERIFY(std::abs(allUncertain.uncertainShare() - 1.0) < 1e-9);
    QCOMPARE(allUncertain.dominant(), -1);
  }
};

QTEST_GUILESS_MAIN(TestReading)
#include "tst_reading.moc"
