// The shipped recipe (core's shippedRecipe(), the Train tab's "Shipped recipe" button) is what
// scripts/train-default.sh passes: every option the script gives has the recipe's value, and every
// field where the recipe departs from the defaults is given by the script.
#include <QFile>
#include <QRegularExpression>
#include <QtTest>

#include <map>
#include <nlohmann/json.hpp>

#include "core/train/ExperimentConfig.h"
#include "support/TestPaths.h"

using namespace emo;

namespace {

/// The options of the script's `"$cli" train` command (continued lines joined): flag -> value.
std::map<std::string, std::string> scriptTrainOptions() {
  QFile f(test::sourceDir() + "/scripts/train-default.sh");
  if (!f.open(QIODevice::ReadOnly | QIODevice::Text)) return {};
  QString command;
  bool inside = false;
  for (const QString& line : QString::fromUtf8(f.readAll()).split('\n')) {
    if (line.startsWith("\"$cli\" train")) inside = true;
    if (!inside) continue;
    command += line.trimmed().remove(QRegularExpression("\\\\$")) + ' ';
    if (!line.trimmed().endsWith('\\')) break;
  }
  const QStringList tokens = command.split(' ', Qt::SkipEmptyParts);
  std::map<std::string, std::string> options;
  for (int i = 0; i < tokens.size(); ++i) {
    if (!tokens[i].startsWith("--")) continue;
    const bool hasValue = i + 1 < tokens.size() && !tokens[i + 1].startsWith("--");
    options[tokens[i].mid(2).replace('-', '_').toStdString()] = hasValue ? tokens[i + 1].toStdString() : "true";
  }
  return options;
}

bool sameValue(const nlohmann::json& v, const std::string& text) {
  if (v.is_number()) return std::abs(v.get<double>() - std::stod(text)) < 1e-6;
  if (v.is_boolean()) return (text == "true") == v.get<bool>();
  return v.is_string() && v.get<std::string>() == text;
}

}  // namespace

class TestRecipe : public QObject {
  Q_OBJECT
 private slots:
  void scriptPassesTheRecipe() {
    const auto options = scriptTrainOptions();
    QVERIFY2(options.size() > 10, "no train command found in scripts/train-default.sh");
    QVERIFY(options.count("schema") && options.count("keep"));  // its continued lines were read
    const nlohmann::json recipe = nlohmann::json::parse(shippedRecipe().toJson());
    const nlohmann::json defaults = nlohmann::json::parse(ExperimentConfig{}.toJson());
    for (const auto& [flag, value] : options) {
      if (flag == "data" || flag == "out" || flag == "threads") continue;  // not part of a recipe
      QVERIFY2(recipe.contains(flag), flag.c_str());
      QVERIFY2(sameValue(recipe[flag], value), (flag + ": script " + value + ", recipe " + recipe[flag].dump()).c_str());
    }
    for (const auto& [key, value] : recipe.items())
      if (value != defaults[key]) QVERIFY2(options.count(key), ("the script does not pass --" + key).c_str());
  }
};

QTEST_GUILESS_MAIN(TestRecipe)
#include "tst_recipe.moc"
