#pragma once
// EmotionLabel: the current emotion in large type with its confidence ("Happy 72 %"), a reading
// the model is unsure of ("Uncertain" with the top guess beside it in small type: "(maybe Sad
// 31 %)"), or a clear "no speech" state; the type shrinks rather than being clipped in a narrow window. A view only; the owner updates it from its ~30 Hz timer. GUI thread
// only.
#include <QWidget>
#include <string>

namespace emo::ui {

class EmotionLabel : public QWidget {
  Q_OBJECT
 public:
  explicit EmotionLabel(QWidget* parent = nullptr);
  QSize sizeHint() const override;

  /// Shows `label` (index into the model's labels, for its colour) with its confidence 0..1.
  void setEmotion(const std::string& label, int index, float confidence);
  /// A reading below the model's "uncertain" threshold: "Uncertain", its top guess `label` (with
  /// colour `index`) and that guess's probability in small type.
  void setUncertain(const std::string& label, int index, float confidence);
  void setNoSpeech();
  void setIdle(const QString& message);  ///< before any audio ("Press Record or open a file")

  enum class State { Idle, NoSpeech, Emotion, Uncertain };
  State state() const { return state_; }
  QString text() const;        ///< the large text, e.g. "Happy" / "Uncertain" / "no speech"
  QString detail() const;      ///< the small text beside it, e.g. "72 %" / "(maybe Sad 31 %)" / ""
  QString shownText() const;   ///< both as one line ("Uncertain (maybe Sad 31 %)"; also the accessible name)
  float confidence() const { return confidence_; }
  void setScale(double scale);  ///< 1 = normal; presentation mode uses ~3
  /// Width the current text needs at full size (name, confidence and colour swatch).
  int neededWidth() const;
  /// Width it is drawn with: the type shrinks (to 30 % at most) rather than being clipped.
  int drawnWidth() const;

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  QFont bigFont(double fit = 1.0) const;
  QFont smallFont(double fit = 1.0) const;
  int widthAt(double fit) const;
  double fit() const;
  void setState(State state, const QString& text, const QString& detail, float confidence);
  State state_ = State::Idle;
  QString text_;
  QString detail_;
  QColor color_;
  float confidence_ = 0.0f;
  double scale_ = 1.0;
};

}  // namespace emo::ui
