#include "ui/MainWindow.h"

#include "core/model/ModelBundle.h"

#include <QActionGroup>
#include <QApplication>
#include <QAudioDevice>
#include <QCloseEvent>
#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QUrl>
#include <QFileDialog>
#include <QLabel>
#include <QMenuBar>
#include <QTimer>
#include <QMessageBox>
#include <QPushButton>
#include <QTimer>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>

#include "ui/common/AboutText.h"
#include "ui/common/AppContext.h"
#include "ui/live/AudioCapture.h"
#include "ui/live/LiveTab.h"
#include "ui/live/PresentationMode.h"
#include "ui/live/RecordingRecovery.h"

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
  modelLabel_->setMaximumWidth(420);  // long model paths are elided (full text in the tooltip)
  statusBar()->addPermanentWidget(modelLabel_);
  statusBar()->addPermanentWidget(deviceLabel_);
  statusBar()->addPermanentWidget(inputLabel_);
  buildMenus();

  connect(context_, &AppContext::modelChanged, this, &MainWindow::updateStatus);
  connect(live_, &LiveTab::inputDeviceChanged, this, &MainWindow::updateStatus);
  connect(live_, &LiveTab::message, this, [this](const QString& m) { showStatusMessage(m, 8000); });
  connect(statusBar(), &QStatusBar::messageChanged, this, [this](const QString& m) {
    if (m.isEmpty())
      for (QLabel* l : {modelLabel_, deviceLabel_, inputLabel_}) l->show();
  });
  live_->setContextMenuPolicy(Qt::CustomContextMenu);
  connect(live_, &QWidget::customContextMenuRequested, this, &MainWindow::showPresentationMenu);
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
  file->addAction(tr("&Save recording…"), QKeySequence::Save, live_, &LiveTab::saveRecordingDialog);
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
  inputMenu_ = live->addMenu(tr("&Input"));
  connect(inputMenu_, &QMenu::aboutToShow, this, &MainWindow::fillInputMenu);
  auto* nextInput = live->addAction(tr("&Next input"));
  nextInput->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
  nextInput->setShortcutContext(Qt::ApplicationShortcut);
  addAction(nextInput);  // works in presentation mode too (menu bar hidden)
  connect(nextInput, &QAction::triggered, this, [this] {
    if (const QByteArray id = live_->nextInputId(); !id.isEmpty()) live_->switchInput(id);
  });
  live->addAction(tr("Open the &recordings folder"), this, [] {
    QDir().mkpath(recordingsFolder());
    QDesktopServices::openUrl(QUrl::fromLocalFile(recordingsFolder()));
  });
  QMenu* view = menuBar()->addMenu(tr("&View"));
  QMenu* smoothing = view->addMenu(tr("&Smoothing"));
  auto* smoothingGroup = new QActionGroup(smoothing);
  for (double secs : {0.0, 0.5, 1.0, 2.0}) {
    QAction* a = smoothing->addAction(secs == 0.0 ? tr("Off") : tr("%1 s").arg(secs));
    a->setCheckable(true);
    a->setChecked(std::abs(live_->smoothingSeconds() - secs) < 1e-6);
    a->setActionGroup(smoothingGroup);
    connect(a, &QAction::triggered, this, [this, secs] { live_->setSmoothingSeconds(secs); });
  }
  presentationAction_ = view->addAction(tr("&Presentation mode"));
  presentationAction_->setCheckable(true);
  presentationAction_->setShortcut(QKeySequence(Qt::Key_F11));
  presentationAction_->setShortcutContext(Qt::ApplicationShortcut);
  addAction(presentationAction_);  // stays active while the menu bar is hidden
  connect(presentationAction_, &QAction::triggered, presentation_, &PresentationMode::setActive);

  QMenu* help = menuBar()->addMenu(tr("&Help"));
  help->addAction(tr("&About EmoScope"), this, [this] {
    QMessageBox::about(this, tr("About EmoScope"),
                       aboutText(QApplication::applicationVersion(), context_->modelDescription(),
                                 context_->deviceName()));
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

void MainWindow::fillInputMenu() {
  inputMenu_->clear();
  const QByteArray current = live_->inputDeviceId();
  for (const QAudioDevice& d : AudioCapture::inputDevices()) {
    QAction* a = inputMenu_->addAction(d.description());
    a->setCheckable(true);
    a->setChecked(d.id() == current);
    const QByteArray id = d.id();
    connect(a, &QAction::triggered, this, [this, id] { live_->switchInput(id); });
  }
  if (inputMenu_->isEmpty()) inputMenu_->addAction(tr("(no microphone)"))->setEnabled(false);
}

void MainWindow::showPresentationMenu(const QPoint& at) {
  if (!presentation_->active()) return;
  QMenu menu(this);
  fillInputMenu();
  menu.addMenu(inputMenu_);
  menu.addAction(live_->recording() ? tr("Stop recording (Space)") : tr("Record (Space)"), live_, &LiveTab::toggleRecording);
  menu.addSeparator();
  menu.addAction(tr("Leave presentation (Esc)"), this, [this] { presentation_->setActive(false); });
  menu.exec(live_->mapToGlobal(at));
}

void MainWindow::showStatusMessage(const QString& text, int milliseconds) {
  if (text.isEmpty()) {
    statusBar()->clearMessage();
    return;
  }
  int used = 0;
  for (QLabel* l : {modelLabel_, deviceLabel_, inputLabel_}) used += l->isVisible() ? l->width() + 8 : 0;
  const int needed = statusBar()->fontMetrics().horizontalAdvance(text) + 24;
  if (needed > statusBar()->width() - used)
    for (QLabel* l : {modelLabel_, deviceLabel_, inputLabel_}) l->hide();  // shown again when the message goes
  statusBar()->showMessage(text, milliseconds);
}

int MainWindow::offerRecovery(bool ask) {
  const QList<InterruptedRecording> found = findInterruptedRecordings(recordingsFolder());
  if (found.isEmpty()) return 0;
  QStringList lines;
  for (const InterruptedRecording& r : found)
    lines << tr("%1: %2 s, %3").arg(QFileInfo(r.path).fileName()).arg(r.seconds, 0, 'f', 1).arg(formatDescription(r.sampleRate, r.channels));
  bool recover = true;
  if (ask) {
    QMessageBox box(QMessageBox::Question, tr("Recover recordings"),
                    tr("EmoScope stopped while recording. These recordings were not finished:\n\n%1\n\n"
                       "Recover them (they are kept in %2)?").arg(lines.join(QLatin1Char('\n')), recordingsFolder()),
                    QMessageBox::NoButton, this);
    box.setObjectName(QStringLiteral("recoverRecordings"));
    QPushButton* yes = box.addButton(tr("Recover"), QMessageBox::AcceptRole);
    QPushButton* discard = box.addButton(tr("Discard"), QMessageBox::DestructiveRole);
    box.addButton(tr("Later"), QMessageBox::RejectRole);
    box.setDefaultButton(yes);
    box.exec();
    if (box.clickedButton() == discard) {
      for (const InterruptedRecording& r : found) QFile::remove(r.path);
      showMessage(tr("Discarded %n interrupted recording(s).", nullptr, int(found.size())));
      return 0;
    }
    recover = box.clickedButton() == yes;
  }
  if (!recover) return 0;
  int done = 0;
  QString last, error;
  for (const InterruptedRecording& r : found) {
    const QString path = recoverRecording(r, &error);
    if (path.isEmpty()) continue;
    ++done;
    last = path;
    live_->setRecording(path, formatDescription(r.sampleRate, r.channels));
  }
  showMessage(done == int(found.size())
                  ? tr("Recovered %1 (Save recording… to keep a copy elsewhere).").arg(last)
                  : tr("Recovered %1 of %2 recordings: %3").arg(done).arg(found.size()).arg(error));
  return done;
}

void MainWindow::updateStatus() {
  modelLabel_->setText(modelLabel_->fontMetrics().elidedText(tr("Model: %1").arg(context_->modelDescription()),
                                                            Qt::ElideMiddle, modelLabel_->maximumWidth()));
  modelLabel_->setToolTip(tr("Model: %1").arg(context_->modelDescription()));
  deviceLabel_->setText(tr("Compute: %1").arg(context_->deviceName()));
  inputLabel_->setText(tr("Input: %1").arg(live_->inputDeviceDescription()));
}

QString MainWindow::statusModelText() const { return modelLabel_->toolTip(); }
QString MainWindow::statusDeviceText() const { return deviceLabel_->text(); }
QString MainWindow::statusInputText() const { return inputLabel_->text(); }

void MainWindow::showMessage(const QString& text) {
  live_->showMessage(text);  // the overlay, and the status bar through LiveTab::message
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
