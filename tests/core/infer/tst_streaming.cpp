// Streaming classifier and live session on real speech with the shipped model: blocks of any
// size at the device rate give the same frames as the offline timeline; silence and room noise
// give "no speech"; the live session analyses everything written before stop(); a
// speaker-normalised model without a profile normalises with the session's own statistics once
// it has heard enough (and not before, not with a profile, never for other models).
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <random>
#include <thread>

#include "InferTestModel.h"
#include "core/audio/AudioReader.h"
#include "core/infer/LiveSession.h"
#include "core/infer/StreamingClassifier.h"
#include "core/infer/TimelinePredictor.h"
#include "support/TestBundles.h"
#include "support/TestPaths.h"

using namespace emo;

class TestStreaming : public QObject {
  Q_OBJECT

  std::shared_ptr<const ModelBundle> model_;
  AudioBuffer speech48k_;  // a RAVDESS original at 48 kHz

 private slots:
  void initTestCase() {
    model_ = test::defaultModel();
    QVERIFY2(model_, "the default model must load");
    ReadOptions o;
    o.targetRate = 0;
    auto a = readAudioMono(test::shared("samples/03-01-05-02-01-01-05.wav").toStdString(), o);
    QVERIFY2(a, a.error().c_str());
    speech48k_ = *a;
    QCOMPARE(speech48k_.sampleRate, 48000);
  }

  // Found by fuzz_stream_params (issue 7; tests/fuzz/regressions/stream_params/): 1e54 dB is a
  // JSON number but an infinite float; it was accepted and then saved as null.
  void streamParamsJsonRefusesInfiniteLevels() {
    for (const char* text : {R"({"gate_db": 1e54})", R"({"noise_margin_db": -1e39})"}) {
      auto p = StreamParams::fromJson(text);
      QVERIFY2(!p, text);
      QVERIFY2(QString::fromStdString(p.error()).contains("must be finite"), p.error().c_str());
    }
    StreamParams d;
    d.gateDb = -40.0f;
    auto back = StreamParams::fromJson(d.toJson());
    QVERIFY2(back, back.error().c_str());
    QCOMPARE(back->gateDb, -40.0f);
  }

  void blocksMatchOfflineTimeline() {
    TimelinePredictor offline(model_);
    auto reference = offline.timelineFrames(speech48k_);
    QVERIFY2(reference, reference.error().c_str());
    QVERIFY(reference->size() > 20);  // ~3.6 s at 10 frames per second

    StreamingClassifier stream(model_);
    std::mt19937 rng(7);
    std::uniform_int_distribution<int> blockSize(1, 3000);
    std::vector<EmotionFrame> got;
    for (size_t pos = 0; pos < speech48k_.samples.size();) {
      const size_t n = std::min<size_t>(blockSize(rng), speech48k_.samples.size() - pos);
      QVERIFY(stream.push(speech48k_.samples.data() + pos, n, 48000));
      for (auto& f : stream.takeFrames()) got.push_back(std::move(f));
      pos += n;
    }
    stream.finish();
    for (auto& f : stream.takeFrames()) got.push_back(std::move(f));

    QCOMPARE(got.size(), reference->size());
    int speech = 0;
    for (size_t i = 0; i < got.size(); ++i) {
      QCOMPARE(got[i].speech, (*reference)[i].speech);
      QCOMPARE(got[i].held, (*reference)[i].held);
      QVERIFY(std::abs(got[i].time - (*reference)[i].time) < 1e-9);
      QVERIFY(std::abs(got[i].start - (*reference)[i].start) < 1e-9);
      QVERIFY(std::abs(got[i].end - (*reference)[i].end) < 1e-9);
      if (!got[i].speech) continue;
      ++speech;
      QCOMPARE(got[i].top, (*reference)[i].top);
      for (size_t k = 0; k < got[i].probabilities.size(); ++k)
        QVERIFY(std::abs(got[i].probabilities[k] - (*reference)[i].probabilities[k]) < 1e-4f);
    }
    QVERIFY2(speech > 10, "an acted sentence must give speech frames");
  }

  void sessionStatsForSpeakerModels() {
    // The shipped network normalised per speaker: without a profile it scores each window
    // by itself until the session statistics cover sessionStatsSeconds.
    QTemporaryDir dir;
    const QString copy = dir.filePath("speaker-model");
    QVERIFY(test::copyShippedModel(copy, "speaker"));
    auto loaded = ModelBundle::load(copy.toStdString());
    QVERIFY2(loaded, loaded.error().c_str());
    const std::shared_ptr<const ModelBundle> speakerModel = loaded.value();
    QVERIFY(speakerModel->normMode() == NormMode::Speaker);

    auto run = [&](const std::shared_ptr<const ModelBundle>& m, double sessionSeconds, bool withProfile,
                   StreamingClassifier** keep = nullptr) {
      StreamParams p;
      p.sessionStatsSeconds = sessionSeconds;
      auto* stream = new StreamingClassifier(m, p);
      if (withProfile) stream->setSpeakerProfile(std::make_shared<NormStats>(m->info().normStats));
      stream->push(speech48k_.samples.data(), speech48k_.samples.size(), 48000);
      stream->finish();
      auto frames = stream->takeFrames();
      if (keep) *keep = stream;
      else delete stream;
      return frames;
    };
    StreamingClassifier* session = nullptr;
    const auto withSession = run(speakerModel, 2.5, false, &session);  // the first window brings 2 s
    const auto perWindow = run(speakerModel, 0.0, false);
    QVERIFY(session->usesSessionStats());
    QVERIFY(session->sessionSeconds() >= 2.5);
    QVERIFY2(session->sessionSeconds() <= double(speech48k_.samples.size()) / 48000 + 0.0101,  // each frame once
             qPrintable(QString::number(session->sessionSeconds())));
    session->reset();
    QVERIFY(!session->usesSessionStats());
    QCOMPARE(session->sessionSeconds(), 0.0);
    delete session;
    QCOMPARE(withSession.size(), perWindow.size());
    // The first scored windows (under 2.5 s of audio in the statistics) are scored per window, as
    // without session statistics; later ones with the session's statistics: different readings.
    int same = 0, differ = 0;
    size_t first = withSession.size();
    for (size_t i = 0; i < withSession.size(); ++i) {
      QCOMPARE(withSession[i].speech, perWindow[i].speech);
      if (!withSession[i].speech) continue;
      if (first == withSession.size()) first = i;
      float diff = 0;
      for (size_t k = 0; k < withSession[i].probabilities.size(); ++k)
        diff = std::max(diff, std::abs(withSession[i].probabilities[k] - perWindow[i].probabilities[k]));
      (diff < 1e-6f ? same : differ) += 1;
    }
    QVERIFY(first < withSession.size());
    QVERIFY2(same >= 1 && differ >= 5, qPrintable(QString("same %1, differ %2").arg(same).arg(differ)));
    for (size_t k = 0; k < withSession[first].probabilities.size(); ++k)
      QCOMPARE(withSession[first].probabilities[k], perWindow[first].probabilities[k]);

    // A profile wins over the session; a model that normalises per utterance ignores both.
    const auto profiled = run(speakerModel, 1.0, true), profiledOnly = run(speakerModel, 0.0, true);
    const QString utteranceCopy = dir.filePath("utterance-model");
    QVERIFY(test::copyShippedModel(utteranceCopy, "utterance"));
    auto utterance = ModelBundle::load(utteranceCopy.toStdString());
    QVERIFY2(utterance, utterance.error().c_str());
    const auto shipped = run(*utterance, 1.0, false), shippedOnly = run(*utterance, 0.0, false);
    for (const auto& [a, b] : {std::pair{&profiled, &profiledOnly}, std::pair{&shipped, &shippedOnly}}) {
      QCOMPARE(a->size(), b->size());
      for (size_t i = 0; i < a->size(); ++i) QVERIFY((*a)[i].probabilities == (*b)[i].probabilities);
    }
  }

  void framesAtTenPerSecondWithValidProbabilities() {
    StreamingClassifier stream(model_);
    QVERIFY(stream.push(speech48k_.samples.data(), speech48k_.samples.size(), 48000));
    stream.finish();
    const auto frames = stream.takeFrames();
    const double seconds = speech48k_.seconds();
    QVERIFY(std::abs(double(frames.size()) - seconds * 10.0) <= 2.0);
    for (const auto& f : frames) {
      if (!f.speech && !f.held) {
        QVERIFY(f.probabilities.empty());
        continue;
      }
      QCOMPARE(f.probabilities.size(), model_->labels().size());
      double sum = 0;
      for (float p : f.probabilities) {
        QVERIFY(p >= 0.0f && p <= 1.0f);
        sum += p;
      }
      QVERIFY(std::abs(sum - 1.0) < 1e-3);
      QCOMPARE(f.confidence, f.probabilities[f.top]);
    }
  }

  void silenceAndRoomNoiseAreNoSpeech() {
    std::vector<float> quiet(16000 * 3, 0.0f);
    std::mt19937 rng(3);
    std::normal_distribution<float> hiss(0.0f, 0.003f);  // about -50 dBFS of steady room noise
    for (size_t i = 16000; i < quiet.size(); ++i) quiet[i] = hiss(rng);
    StreamingClassifier stream(model_);
    QVERIFY(stream.push(quiet.data(), quiet.size(), 16000));
    stream.finish();
    const auto frames = stream.takeFrames();
    QVERIFY(frames.size() >= 25);
    for (const auto& f : frames) QVERIFY2(!f.speech, qPrintable(QString("frame at %1 s").arg(f.time)));

    AudioBuffer buf{quiet, 16000, {}};
    auto p = TimelinePredictor(model_).predictUtterance(buf);
    QVERIFY(p);
    QVERIFY(!p->speech);
    QCOMPARE(QString::fromStdString(p->label), QString("no speech"));
  }

  void analyseEqualsUtterancePlusTimeline() {
    // A long recording (real speech repeated past the 20 s whole-clip limit, with pauses) and a
    // short one: the single-pass analysis gives exactly what the two separate calls give.
    AudioBuffer longClip = speech48k_;
    longClip.samples.clear();
    while (longClip.seconds() < 24.0) {
      longClip.samples.insert(longClip.samples.end(), speech48k_.samples.begin(), speech48k_.samples.end());
      longClip.samples.insert(longClip.samples.end(), 48000 / 2, 0.0f);
    }
    TimelinePredictor p(model_);
    for (const AudioBuffer* clip : {&longClip, &speech48k_}) {
      auto both = p.analyse(*clip);
      auto utterance = p.predictUtterance(*clip);
      auto timeline = p.timeline(*clip);
      QVERIFY2(both && utterance && timeline, "analysis must succeed");
      QVERIFY(both->utterance.speech);
      QCOMPARE(both->utterance.top, utterance->top);
      QCOMPARE(both->utterance.probabilities.size(), utterance->probabilities.size());
      for (size_t k = 0; k < utterance->probabilities.size(); ++k)
        QVERIFY(std::abs(both->utterance.probabilities[k] - utterance->probabilities[k]) < 1e-4f);
      QCOMPARE(both->timeline.size(), timeline->size());
      for (size_t i = 0; i < timeline->size(); ++i) {
        QCOMPARE(both->timeline[i].speech, (*timeline)[i].speech);
        QCOMPARE(both->timeline[i].top, (*timeline)[i].top);
        QVERIFY(std::abs(both->timeline[i].end - (*timeline)[i].end) < 1e-9);
      }
    }
  }

  void levelChangeKeepsTheDecision() {
    // Utterance normalisation: 12 dB quieter input must not change the top class of a window.
    AudioBuffer quiet = speech48k_;
    for (float& x : quiet.samples) x *= 0.25f;
    TimelinePredictor p(model_);
    auto a = p.predictUtterance(speech48k_);
    auto b = p.predictUtterance(quiet);
    QVERIFY(a && b && a->speech && b->speech);
    QCOMPARE(a->top, b->top);
  }

  void liveSessionAnalysesEverythingWritten() {
    LiveSession session(model_, 48000);
    session.start();
    std::vector<EmotionFrame> frames;
    long long samplesSeen = 0;
    const size_t block = 480;  // 10 ms device callbacks
    for (size_t pos = 0; pos < speech48k_.samples.size(); pos += block) {
      const size_t n = std::min(block, speech48k_.samples.size() - pos);
      size_t written = 0;
      while (written < n) {  // the test producer waits instead of dropping when the ring is full
        written += session.writeAudio(speech48k_.samples.data() + pos + written, n - written);
        if (written < n) std::this_thread::sleep_for(std::chrono::milliseconds(1));
      }
      if (pos % (block * 20) == 0) {
        LiveUpdate u = session.takeUpdate();
        samplesSeen += static_cast<long long>(u.samples.size());
        for (auto& f : u.frames) frames.push_back(std::move(f));
      }
    }
    session.stop();
    LiveUpdate u = session.takeUpdate();
    samplesSeen += static_cast<long long>(u.samples.size());
    for (auto& f : u.frames) frames.push_back(std::move(f));
    QVERIFY2(u.error.empty(), u.error.c_str());
    QCOMPARE(u.droppedSamples, 0LL);
    QCOMPARE(samplesSeen, static_cast<long long>(speech48k_.samples.size()));
    QCOMPARE(session.samplesConsumed(), static_cast<long long>(speech48k_.samples.size()));

    auto reference = TimelinePredictor(model_).timelineFrames(speech48k_);
    QVERIFY(reference);
    QCOMPARE(frames.size(), reference->size());
    for (size_t i = 0; i < frames.size(); ++i) QCOMPARE(frames[i].top, (*reference)[i].top);
  }
};

QTEST_GUILESS_MAIN(TestStreaming)
#include "tst_streaming.moc"
