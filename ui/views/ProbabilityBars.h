#pragma once
// ProbabilityBars: one horizontal bar per emotion label with its probability, the top one
// highlighted; greyed out with "no speech" when there is nothing to classify. A view only: the
// owner sets values from its ~30 Hz timer. GUI thread only.
#include <QWidget>
#include <string>
#include <vector>

namespace emo::ui {

class ProbabilityBars : public QWidget {
  Q_OBJECT
 public:
  explicit ProbabilityBars(QWidget* parent = nullptr);
  QSize sizeHint() const override;
  QSize minimumSizeHint() const override;

  void setLabels(const std::vector<std::string>& labels);  ///< clears the values
  /// Probabilities in label order (size must match the labels; otherwise ignored).
  void setProbabilities(const std::vector<float>& probabilities);
  void setNoSpeech();  ///< keeps the last values, drawn greyed out
  void clear();        ///< no values at all

  const std::vector<float>& probabilities() const { return values_; }
  bool speech() const { return speech_; }
  int topIndex() const;
  void setScale(double scale);  ///< 1 = normal, ~2.5 for presentation mode
  /// The font of the emotion names (bold: the top one) at the current scale.
  QFont nameFont(bool bold) const;
  /// Width of the name column: the widest name in bold, plus a margin.
  int nameColumnWidth() const;

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  std::vector<std::string> labels_;
  std::vector<float> values_;
  bool speech_ = false;
  double scale_ = 1.0;
};

}  // namespace emo::ui
