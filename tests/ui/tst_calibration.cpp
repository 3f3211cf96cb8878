// Calibration from the Live tab: only a speaker-normalised model uses a profile, so only then
// does the app offer one (for the shipped, per-window-normalised model the dialog and the button
// say why not). The guided neutral recording (here taken from a file of real neutral speech)
// reports the seconds of speech it holds and creates a speaker profile, which the panel lists,
// selects into the AppContext, renames and deletes. Bad input (too little speech, bad names)
// gives messages.
#include <QDir>
#include <QLabel>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "UiTestSupport.h"
#include "core/audio/AudioReader.h"
#include "core/audio/AudioWriter.h"
#include "core/infer/SpeakerProfile.h"
#include "core/model/ModelBundle.h"
#include "support/TestBundles.h"
#include "ui/live/CalibrationDialog.h"
#include "ui/live/ProfileLibrary.h"
#include "ui/live/SpeakerProfilePanel.h"

using namespace emo;
using namespace emo::ui;

class TestCalibration : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  AppContext ctx_;
  QString neutral_;
  QString shipped_;       ///< the shipped weights, normalised per utterance (ignores profiles)
  QString speakerModel_;  ///< the same weights, normalised per speaker

 private slots:
  void initTestCase() {
    test::isolateSettings("tst_calibration");
    qputenv("EMO_PROFILE_DIR", dir_.filePath(QStringLiteral("profiles")).toUtf8());
    EMO_REQUIRE_DEFAULT_MODEL(ctx_);
    // ~20 s of one speaker's neutral sentences (RAVDESS actor 01, emotion 01).
    std::vector<float> all;
    const QDir actor(test::shared(QStringLiteral("data/ravdess/Actor_01")));
    for (const QString& f : actor.entryList({QStringLiteral("03-01-01-*")}, QDir::Files, QDir::Name)) {
      auto a = readAudioMono(actor.filePath(f).toStdString());
      QVERIFY2(a, a.error().c_str());
      all.insert(all.end(), a->samples.begin(), a->samples.end());
    }
    QVERIFY(all.size() > 16000 * 8);
    neutral_ = dir_.filePath(QStringLiteral("neutral.wav"));
    QVERIFY(writeWav(neutral_.toStdString(), all, 16000));
    shipped_ = dir_.filePath(QStringLiteral("utterance-model"));
    speakerModel_ = dir_.filePath(QStringLiteral("speaker-model"));  // its statistics serve as the fallback
    QVERIFY(test::copyShippedModel(shipped_, QStringLiteral("utterance")));
    QVERIFY(test::copyShippedModel(speakerModel_, QStringLiteral("speaker")));
  }

  void notOfferedForAModelThatIgnoresProfiles() {
    QCOMPARE(ctx_.loadModel(shipped_), QString());
    ProfileLibrary lib;
    CalibrationDialog d(&ctx_, &lib, QByteArray());
    QVERIFY(!d.recordingOffered());
    QVERIFY(!d.notUsedLabel()->isHidden());
    QVERIFY2(d.notUsedLabel()->text().contains(QStringLiteral("does not use speaker profiles")), qPrintable(d.notUsedLabel()->text()));
    QVERIFY(!d.startRecording().isEmpty());
    QSignalSpy created(&d, &CalibrationDialog::profileCreated);
    d.createProfile();
    QCOMPARE(created.count(), 1);
    QVERIFY(created.first().at(1).toString().contains(QStringLiteral("does not use speaker profiles")));
    SpeakerProfilePanel panel(&ctx_);
    QVERIFY(!panel.calibrateOffered());
    QVERIFY(panel.calibrateToolTip().contains(QStringLiteral("would not change its results")));
    QCOMPARE(panel.noneItemText(), QStringLiteral("(not used by this model)"));
    // With a speaker-normalised model the same dialog records.
    QCOMPARE(ctx_.loadModel(speakerModel_), QString());
    CalibrationDialog d2(&ctx_, &lib, QByteArray());
    QVERIFY(d2.recordingOffered());
    QVERIFY(d2.notUsedLabel()->isHidden());
    QVERIFY(panel.calibrateOffered());
  }

  void dialogCreatesProfileFromNeutralSpeech() {
    QCOMPARE(ctx_.loadModel(speakerModel_), QString());
    ProfileLibrary lib;
    QCOMPARE(lib.folder(), dir_.filePath(QStringLiteral("profiles")));
    CalibrationDialog d(&ctx_, &lib, QByteArray());
    QVERIFY(!CalibrationDialog::passage().isEmpty());
    d.setProfileName(QStringLiteral("Actor one"));
    QCOMPARE(d.useFile(neutral_), QString());
    QVERIFY(d.secondsRecorded() > 8.0);
    // Speech, not recording time: the pauses between the sentences do not count.
    qInfo("%s", qPrintable(d.statusText()));
    QVERIFY(d.secondsOfSpeech() > 3.0);
    QVERIFY(d.secondsOfSpeech() < d.secondsRecorded() - 1.0);
    QVERIFY2(d.statusText().contains(QStringLiteral("%1 s of speech").arg(d.secondsOfSpeech(), 0, 'f', 1)), qPrintable(d.statusText()));
    QSignalSpy created(&d, &CalibrationDialog::profileCreated);
    d.createProfile();
    QVERIFY(created.wait(30000));
    QCOMPARE(created.first().at(1).toString(), QString());
    // The dialog reports what the saved profile holds, as the core counted it.
    auto saved = loadSpeakerProfile(profilePath((dir_.filePath(QStringLiteral("profiles/Actor one")) + QString::fromLatin1(profileSuffix())).toStdString()));
    QVERIFY2(saved, saved.error().c_str());
    QVERIFY2(d.statusText().contains(QStringLiteral("from %1 s of speech").arg(saved->speechSeconds, 0, 'f', 1)), qPrintable(d.statusText()));
    QCOMPARE(created.first().at(0).toString(), QStringLiteral("Actor one"));
    QCOMPARE(lib.names(), QStringList{QStringLiteral("Actor one")});
    QString err;
    auto stats = lib.load(QStringLiteral("Actor one"), *ctx_.model(), &err);
    QVERIFY2(stats, qPrintable(err));
    QCOMPARE(stats->dim(), ctx_.model()->info().inputDim);
    for (float s : stats->std) QVERIFY(s > 0.0f && std::isfinite(s));
  }

  void tooLittleSpeechIsRefused() {
    ProfileLibrary lib;
    CalibrationParams p;
    p.minimumSpeechSeconds = 0.0;  // let the core judge: it refuses a profile without speech
    CalibrationDialog d(&ctx_, &lib, QByteArray(), nullptr, p);
    const QString silence = dir_.filePath(QStringLiteral("silence.wav"));
    QVERIFY(writeWav(silence.toStdString(), std::vector<float>(16000 * 10, 0.0f), 16000));
    QCOMPARE(d.useFile(silence), QString());
    d.setProfileName(QStringLiteral("Nobody"));
    QSignalSpy created(&d, &CalibrationDialog::profileCreated);
    d.createProfile();
    QVERIFY(created.wait(30000));
    QVERIFY(created.first().at(1).toString().contains(QStringLiteral("speech")));
    QVERIFY(!lib.contains(QStringLiteral("Nobody")));
    // Names that could escape the folder are refused before any work.
    d.setProfileName(QStringLiteral("../evil"));
    d.createProfile();
    QCOMPARE(created.count(), 2);
    QVERIFY(!created.last().at(1).toString().isEmpty());
    // Without a microphone the dialog says so.
    qputenv("PULSE_SERVER", "unix:/nonexistent/socket");
    CalibrationDialog noMic(&ctx_, &lib, QByteArray("no-such-device"));
    QVERIFY(!noMic.startRecording().isEmpty());
  }

  void panelSelectsRenamesDeletes() {
    QCOMPARE(ctx_.loadModel(speakerModel_), QString());
    SpeakerProfilePanel panel(&ctx_);
    QVERIFY(panel.names().contains(QStringLiteral("Actor one")));
    QCOMPARE(panel.select(QStringLiteral("Actor one")), QString());
    QVERIFY(ctx_.speakerProfile() != nullptr);
    QCOMPARE(ctx_.speakerProfileName(), QStringLiteral("Actor one"));
    QCOMPARE(QSettings().value(QStringLiteral("live/speakerProfile")).toString(), QStringLiteral("Actor one"));
    {  // remembered by a new panel
      SpeakerProfilePanel other(&ctx_);
      QCOMPARE(other.current(), QStringLiteral("Actor one"));
    }
    QCOMPARE(panel.rename(QStringLiteral("Actor one"), QStringLiteral("Alex")), QString());
    QCOMPARE(panel.names(), QStringList{QStringLiteral("Alex")});
    QCOMPARE(panel.current(), QStringLiteral("Alex"));
    QCOMPARE(ctx_.speakerProfileName(), QStringLiteral("Alex"));
    QVERIFY(!panel.rename(QStringLiteral("Alex"), QStringLiteral("a/b")).isEmpty());
    QCOMPARE(panel.remove(QStringLiteral("Alex")), QString());
    QVERIFY(panel.names().isEmpty());
    QCOMPARE(panel.current(), QString());
    QVERIFY(ctx_.speakerProfile() == nullptr);
    QVERIFY(!panel.select(QStringLiteral("Alex")).isEmpty());
  }

  void panelAsksForCalibrationWhenTheModelIsSpeakerNormalised() {
    QCOMPARE(ctx_.loadModel(shipped_), QString());
    SpeakerProfilePanel panel(&ctx_);
    QVERIFY(!panel.modelWantsProfile());  // the shipped model: per-utterance normalisation
    QCOMPARE(panel.noneItemText(), QStringLiteral("(not used by this model)"));
    QCOMPARE(ctx_.loadModel(speakerModel_), QString());
    QVERIFY(panel.modelWantsProfile());
    // Trained with all of each speaker's speech (no "speaker_stats_from": all): the session first.
    QCOMPARE(panel.noneItemText(), QStringLiteral("(none: adapts to this session's voice; recommended)"));
    QVERIFY2(panel.calibrateToolTip().contains(QStringLiteral("measured better")), qPrintable(panel.calibrateToolTip()));
    // Trained with each speaker's neutral clips: a neutral calibration is what it expects.
    const QString neutralModel = dir_.filePath(QStringLiteral("neutral-reference-model"));
    QVERIFY(test::copyShippedModel(neutralModel, QStringLiteral("speaker")));
    QVERIFY(test::editModelJson(neutralModel, [](QJsonObject& model) {
      QJsonObject trained = model[QStringLiteral("training_data")].toObject();
      trained[QStringLiteral("speaker_stats_from")] = QStringLiteral("neutral");
      model[QStringLiteral("training_data")] = trained;
    }));
    QCOMPARE(ctx_.loadModel(neutralModel), QString());
    QCOMPARE(panel.noneItemText(), QStringLiteral("(none: adapts to this session's voice)"));
    QVERIFY(panel.calibrateToolTip().contains(QStringLiteral("record a neutral")));
    QCOMPARE(ctx_.loadModel(shipped_), QString());
    QCOMPARE(panel.noneItemText(), QStringLiteral("(not used by this model)"));
  }
};

QTEST_MAIN(TestCalibration)
#include "tst_calibration.moc"
