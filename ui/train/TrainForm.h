#pragma once
// TrainForm: the Train tab's settings — dataset sources and adapter, label schema, model type,
// hyperparameters, augmentation switches, evaluation split (speaker-grouped by default; a random
// split shows a visible "speaker-dependent" warning; or an unseen corpus), the speakers to use
// (after a scan) and the bundle folder. Produces the
// ExperimentConfig the CLI would build from the same choices. GUI thread only; owns its widgets.
#include <QWidget>

#include "ui/train/TrainWorker.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QSpinBox;

namespace emo::ui {

class TrainForm : public QWidget {
  Q_OBJECT
 public:
  explicit TrainForm(QWidget* parent = nullptr);

  QStringList sources() const;
  void setSources(const QStringList& sources);
  QString adapter() const;
  /// The job for the current settings (resume: continue from the checkpoint).
  TrainJob job(bool resume) const;
  bool randomSplit() const;
  /// True when the evaluation holds out a whole corpus (ExperimentConfig::group "corpus").
  bool corpusHeldOut() const;
  QString bundleFolder() const;
  void setBundleFolder(const QString& folder);
  /// A new timestamped folder under the app's models folder.
  static QString defaultBundleFolder();
  /// The speakers the scan found (all checked: the run uses every speaker).
  void setSpeakers(const QStringList& speakers);
  /// The checked speakers, or empty when all are (no subset).
  QStringList chosenSpeakers() const;
  QListWidget* speakersList() const { return speakers_; }
  /// True while the "speaker-dependent" warning is shown (random split chosen).
  bool speakerDependentWarningVisible() const;

  // The fields, for the tab's tests and wiring.
  QComboBox* schemaBox() const { return schema_; }
  QComboBox* modelTypeBox() const { return modelType_; }
  /// Editable: "default" (the model type's own input) or comma-separated feature kinds.
  QComboBox* featuresBox() const { return features_; }
  QComboBox* evaluationBox() const { return evaluation_; }
  QComboBox* augmentBox() const { return augment_; }
  QSpinBox* epochsBox() const { return epochs_; }
  QSpinBox* foldsBox() const { return folds_; }
  QSpinBox* batchBox() const { return batch_; }
  QSpinBox* channelsBox() const { return channels_; }
  QSpinBox* hiddenBox() const { return hidden_; }
  QSpinBox* membersBox() const { return members_; }
  QSpinBox* patienceBox() const { return patience_; }
  QComboBox* lrScheduleBox() const { return lrSchedule_; }
  QComboBox* normalisationBox() const { return normalisation_; }
  QDoubleSpinBox* mixupBox() const { return mixup_; }
  QDoubleSpinBox* corpusAdversaryBox() const { return corpusAdversary_; }
  QDoubleSpinBox* ownStatsBox() const { return ownStats_; }
  QSpinBox* augmentCopiesBox() const { return augmentCopies_; }
  QDoubleSpinBox* validationBox() const { return validation_; }
  QComboBox* keepBox() const { return keep_; }
  /// Fills every field a recipe sets (core's shippedRecipe(): what the "Shipped recipe" button does);
  /// data, speakers, device and output stay.
  void applyRecipe(const ExperimentConfig& recipe);
  /// Training device: auto, cpu, and cuda:N for each GPU this build and machine have.
  QComboBox* deviceBox() const { return device_; }

 signals:
  void sourcesChanged();
  void bundleFolderChanged();
  /// The evaluation split changed (randomSplit() tells which).
  void splitChanged();

 private:
  void addFolder();
  void addManifest();
  void chooseBundleFolder();
  void updateWarning();

  QListWidget* sources_ = nullptr;
  QListWidget* speakers_ = nullptr;  ///< checkable; filled by a scan
  QComboBox* adapter_ = nullptr;
  QComboBox* schema_ = nullptr;
  QComboBox* modelType_ = nullptr;
  QComboBox* features_ = nullptr;  ///< ExperimentConfig::features; kDefaultFeatures stands for ""
  QSpinBox* epochs_ = nullptr;
  QSpinBox* batch_ = nullptr;
  QDoubleSpinBox* lr_ = nullptr;
  QDoubleSpinBox* weightDecay_ = nullptr;
  QSpinBox* patience_ = nullptr;
  QComboBox* lrSchedule_ = nullptr;
  QComboBox* normalisation_ = nullptr;  ///< item data: "norm|speaker stats" ("" = model default)
  QDoubleSpinBox* mixup_ = nullptr;
  QDoubleSpinBox* corpusAdversary_ = nullptr;
  QDoubleSpinBox* ownStats_ = nullptr;
  QDoubleSpinBox* validation_ = nullptr;  ///< fraction of the training speakers held out (calibration, early stopping)
  QComboBox* keep_ = nullptr;             ///< item data: ExperimentConfig::keep
  QSpinBox* augmentCopies_ = nullptr;
  QSpinBox* channels_ = nullptr;
  QSpinBox* hidden_ = nullptr;
  QSpinBox* members_ = nullptr;
  QSpinBox* seed_ = nullptr;
  QComboBox* device_ = nullptr;
  QComboBox* augment_ = nullptr;
  QCheckBox* specAugment_ = nullptr;
  QComboBox* sampling_ = nullptr;       ///< item data: TrainParams::sampling
  QCheckBox* bucketByLength_ = nullptr;
  QComboBox* evaluation_ = nullptr;
  QSpinBox* folds_ = nullptr;
  QLabel* warning_ = nullptr;
  QLineEdit* bundleFolder_ = nullptr;
};

}  // namespace emo::ui
