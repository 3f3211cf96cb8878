#pragma once
// Helpers shared by the tests under tests/ui: isolated settings, the shipped model, samples.
#include <QCoreApplication>
#include <QStandardPaths>
#include <QString>
#include <QtTest>

#include "support/TestPaths.h"
#include "ui/common/AppContext.h"

namespace emo::test {

/// Settings go to a test location and start empty, so tests never see a user's choices.
inline void isolateSettings(const char* appName) {
  QStandardPaths::setTestModeEnabled(true);
  QCoreApplication::setOrganizationName(QStringLiteral("EmoScopeTests"));
  QCoreApplication::setApplicationName(QString::fromLatin1(appName));
  QSettings().clear();
}

/// A sample WAV under ../shared/samples.
inline QString sample(const char* name) { return shared(QStringLiteral("samples/") + QLatin1String(name)); }

}  // namespace emo::test

/// Loads the shipped default model into `ctx`, or skips the test saying why.
#define EMO_REQUIRE_DEFAULT_MODEL(ctx)                                                               \
  do {                                                                                              \
    if (!(ctx).model()) {                                                                           \
      const QString folder_ = emo::ui::AppContext::defaultModelFolder();                            \
      if (folder_.isEmpty()) QSKIP("no model bundle in models/default (set EMO_MODEL_DIR)");        \
      const QString err_ = (ctx).loadModel(folder_);                                                \
      if (!err_.isEmpty()) QFAIL(qPrintable(QStringLiteral("default model: ") + err_));             \
    }                                                                                               \
  } while (0)
