#include "ui/MainWindow.h"

#include "core/model/ModelBundle.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QLabel>
#include <QMenuBar>
#include <QTimer>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>

#include "ui/common/AppContext.h"
#include "ui/live/LiveTab.h"
#include "ui/live/PresentationMode.h"

// The Review and Train tabs are built in ui/review and ui/train; until they exist the window
// shows a line saying so.
#if __has_include("ui/review/ReviewTab.h")
#include "ui/review/ReviewTab.h"
#define EMO_HAVE_REVIEW_TAB 1
#endif
#if __has_include("ui/train/TrainTab.h")
#include "ui/train/TrainTab.h"
#define EMO_HAVE_TRAIN_TAB 1
#endif

namespace emo::ui {
namespace {
const QString kModelKey = QStringLiteral("model/folder");
}

MainWindow::MainWindow(AppContext* context, QWidget* parent) : QMainWindow(parent), context_(context) {
  setWindowTitle(tr("EmoScope"));
  setWindowIcon(QIcon(QStringLiteral(":/icons/emoscope-256.png")));
  tabs_ = new QTabWidget(this);
  live_ = new LiveTab(context_, tabs_);
  tabs_->addTab(live_, tr("Live"));
#ifdef EMO_HAVE_REVIEW_TAB
  tabs_->addTab(new ReviewTab(context_, tabs_), tr("Review"));
#else
  tabs_->addTab(new QLabel(tr("The Review tab is not part of this build."), tabs_), tr("Review"));
#endif
#ifdef EMO_HAVE_TRAIN_TAB
  tabs_->addTab(new TrainTab(context_, tabs_), tr("Train"));
#else
  tabs_->addTab(new QLabel(tr("The Train tab is not part of this build."), tabs_), tr("Train"));
#endif
  setCentralWidget(tabs_);
  presentation_ = new PresentationMode(this, tabs_, live_);

  modelLabel_ = new QLabel(this);
  deviceLabel_ = new QLabel(this);
  inputLabel_ = new QLabel(this);
  modelLabel_->setObjectName(QStringLiteral("statusModel"));
  deviceLabel_->setObjectName(QStringLiteral("statusDevice"));
  inputLabel_->setObjectName(QStringLiteral("statusInput"));
  statusBar()->addPermanentWidget(modelLabel_);
  statusBar()->addPermanentWidget(deviceLabel_);
  statusBar()->addPermanentWidget(inputLabel_);
  buildMenus();

  connect(context_, &AppContext::modelChanged, this, &MainWindow::updateStatus);
  connect(live_, &LiveTab::inputDeviceChanged, this, &MainWindow::updateStatus);
  connect(live_, &LiveTab::message, this, [this](const QString& m) { statusBar()->showMessage(m, 8000); });
  connect(presentation_, &PresentationMode::activeChanged, presentationAction_, &QAction::setChecked);

  QSettings s;
  if (!restoreGeometry(s.value(QStringLiteral("window/geometry")).toByteArray())) resize(1280, 820);
  tabs_->setCurrentIndex(std::clamp(s.value(QStringLiteral("window/tab"), 0).toInt(), 0, tabs_->count() - 1));
  updateStatus();
}

MainWindow::~MainWindow() = default;

QString MainWindow::loadInitialModel() {
  const QString remembered = QSettings().value(kModelKey).toString();
  QString err;
  if (!remembered.isEmpty() && QDir(remembered).exists()) {
    err = context_->loadModel(remembered);
    if (err.isEmpty()) return {};
  }
  const QString folder = AppContext::defaultModelFolder();
  const QString err2 = context_->loadModel(folder);
  if (!err2.isEmpty()) {
    showMessage(tr("No model loaded: %1").arg(err2));
    return err2;
  }
  if (!err.isEmpty()) showMessage(tr("The remembered model could not be loaded (%1); using the default.").arg(err));
  return {};
}

void MainWindow::buildMenus() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  file->addAction(tr("&Open audio file…"), QKeySequence::Open, live_, [this] {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open audio file"), QString(),
                                                      tr("Audio files (*.wav *.flac *.ogg *.aiff *.aif *.mp3);;All files (*)"));
    if (!path.isEmpty()) live_->openFile(path);
  });
  file->addAction(tr("&Save recording…"), QKeySequence::Save, this, [this] {
    const QString path = QFileDialog::getSaveFileName(this, tr("Save recording"), QStringLiteral("recording.wav"),
                                                      tr("WAV files (*.wav)"));
    if (path.isEmpty()) return;
    if (QString err = live_->saveRecording(path); !err.isEmpty()) showMessage(tr("Could not save: %1").arg(err));
  });
  file->addSeparator();
  file->addAction(tr("Open &model…"), this, &MainWindow::openModelDialog);
  file->addAction(tr("Use the &default model"), this, [this] {
    if (QString err = context_->loadModel(AppContext::defaultModelFolder()); !err.isEmpty()) return showMessage(err);
    QSettings().remove(kModelKey);
  });
  file->addSeparator();
  file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

#ifdef EMO_HAVE_REVIEW_TAB
  if (auto* review = tabs_->findChild<ReviewTab*>()) {  // Review's undo stack and session
    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(review->undoAction());
    edit->addAction(review->redoAction());
    QTimer::singleShot(0, review, [review] { review->restoreSession(); });
  }
#endif
  QMenu* live = menuBar()->addMenu(tr("&Live"));
  live->addAction(tr("&Record / Stop"), QKeySequence(Qt::CTRL | Qt::Key_R), live_, &LiveTab::toggleRecording);
  QMenu* view = menuBar()->addMenu(tr("&View"));
  presentationAction_ = view->addAction(tr("&Presentation mode"));
  presentationAction_->setCheckable(true);
  presentationAction_->setShortcut(QKeySequence(Qt::Key_F11));
  presentationAction_->setShortcutContext(Qt::ApplicationShortcut);
  addAction(presentationAction_);  // stays active while the menu bar is hidden
  connect(presentationAction_, &QAction::triggered, presentation_, &PresentationMode::setActive);

  QMenu* help = menuBar()->addMenu(tr("&Help"));
  help->addAction(tr("&About EmoScope"), this, [this] {
    QMessageBox::about(this, tr("About EmoScope"),
                       tr("<b>EmoScope %1</b><p>Speech emotion recognition in real time.</p><p>Model: %2<br>Device: %3</p>")
                           .arg(QApplication::applicationVersion(), context_->modelDescription(), context_->deviceName()));
  });
}

void MainWindow::openModelDialog() {
  const QString dir = QFileDialog::getExistingDirectory(this, tr("Open model bundle folder"), context_->modelFolder());
  if (dir.isEmpty()) return;
  bool trust = false;
  if (ModelBundle::holdsTorchScript(dir.toStdString())) {
    // TorchScript is code: never load one from outside without the user's explicit yes.
    const auto answer = QMessageBox::warning(
        this, tr("Untrusted model code"),
        tr("%1 holds a TorchScript module. TorchScript is program code chosen by whoever made the model and can "
           "do anything this application can. Load it only if you trust its source.\n\nLoad it?").arg(dir),
        QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
    if (answer != QMessageBox::Yes) return;
    trust = true;
  }
  if (QString err = context_->loadModel(dir, trust); !err.isEmpty()) return showMessage(tr("Model not loaded: %1").arg(err));
  QSettings().setValue(kModelKey, context_->modelFolder());
}

void MainWindow::updateStatus() {
  modelLabel_->setText(tr("Model: %1").arg(context_->modelDescription()));
  deviceLabel_->setText(tr("Compute: %1").arg(context_->deviceName()));
  inputLabel_->setText(tr("Input: %1").arg(live_->inputDeviceDescription()));
}

QString MainWindow::statusModelText() const { return modelLabel_->text(); }
QString MainWindow::statusDeviceText() const { return deviceLabel_->text(); }
QString MainWindow::statusInputText() const { return inputLabel_->text(); }

void MainWindow::showMessage(const QString& text) {
  statusBar()->showMessage(text, 10000);
  live_->showMessage(text);
}

void MainWindow::closeEvent(QCloseEvent* event) {
  if (presentation_->active()) presentation_->setActive(false);
  QSettings s;
  s.setValue(QStringLiteral("window/geometry"), saveGeometry());
  s.setValue(QStringLiteral("window/tab"), tabs_->currentIndex());
  live_->stopRecording();
  live_->stopFile();
  event->accept();
}

}  // namespace emo::ui
