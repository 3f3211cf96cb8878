#pragma once
// Running emoscope-cli from a test: exit code, stdout and stderr.
#include <QString>
#include <QStringList>

namespace emo::test {

struct CliResult {
  int code = -1;  ///< -1 if it crashed or timed out
  QString out;
  QString err;
};

/// `cacheDir` non-empty: the CLI's feature cache (EMO_CACHE_DIR) for this run.
CliResult runCli(const QStringList& args, int timeoutMs = 120000, const QString& cacheDir = {});

}  // namespace emo::test
