#pragma once
// SelectionModel: the selected time range of the clip shown in the Review tab, and the tier the
// keyboard edits ("active tier"). The mouse (ClipOverview) and the keys (ReviewTab) both change it;
// labelling, playing the selection and zooming to it read it. A small model; GUI thread only.
#include <QObject>
#include <QString>

namespace emo::ui {

class SelectionModel : public QObject {
  Q_OBJECT
 public:
  explicit SelectionModel(QObject* parent = nullptr);

  /// A range [start, end) (the ends in any order); a zero-length range clears the selection.
  void setRange(double a, double b);
  void clear() { setRange(0.0, 0.0); }
  bool hasRange() const { return end_ > start_; }
  double start() const { return start_; }
  double end() const { return end_; }

  /// The tier number keys and label edits go to ("human" unless the user picked another).
  QString activeTier() const { return activeTier_; }
  void setActiveTier(const QString& tier);

 signals:
  void changed();
  void activeTierChanged(const QString& tier);

 private:
  double start_ = 0.0, end_ = 0.0;
  QString activeTier_ = QStringLiteral("human");
};

}  // namespace emo::ui
