// Measures the desktop window on a (large) project file and prints the numbers; it asserts nothing.
//
//   labelbranch-gui-timings PROJECT [--source main] [--target pre-labels-v1] [--screenshots DIR]
//
// 1. opening the project until the Rows tab has painted its first rows of the source branch, and until the
//    branch panel shows the totals a job reads;
// 2. asking for the compare source → target until the compare table has painted the diff;
// 3. a copy of every row of the source to a new branch, run as the window runs it (a background job), while a
//    2 ms probe timer records the longest gap between its ticks: the longest time the GUI thread did not
//    get back to its event loop;
// 4. a snapshot of the source taken from the window (its dialog accepted), until the job is done;
// 5. undo of that snapshot from the window (its confirmation accepted), until the job is done.
// With --screenshots DIR the window is saved after each step (open, compare, after-copy, after-snapshot,
// after-undo). Run it with QT_QPA_PLATFORM=offscreen on a headless machine. The copy is written to a scratch
// copy of the project file, so the file given is left as it was.

#include "dialogs/copydialog.h"
#include "dialogs/snapshotdialog.h"
#include "dialogs/undodialog.h"
#include "items/branchdiffmodel.h"
#include "items/labelrowtablemodel.h"
#include "jobs/jobmanager.h"
#include "tabs/comparetab.h"
#include "tabs/rowstab.h"
#include "window/mainwindow.h"

#include <cstdio>
#include <functional>
#include <QAbstractItemView>
#include <QApplication>
#include <QCommandLineParser>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>

namespace {

// Calls `done` from the first paint of `viewport` that happens once `ready()` holds.
class FirstPaintProbe : public QObject
{
public:
    FirstPaintProbe(QWidget *viewport, std::function<bool()> ready, std::function<void()> done)
        : QObject(viewport), m_ready(std::move(ready)), m_done(std::move(done))
    {
        viewport->installEventFilter(this);
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && !m_fired && m_ready()) {
            m_fired = true;
            watched->removeEventFilter(this);
            // After this paint has been handled: the rows are on screen.
            QTimer::singleShot(0, this, m_done);
        }
        return false;
    }

private:
    std::function<bool()> m_ready;
    std::function<void()> m_done;
    bool m_fired = false;
};

// The largest gap between ticks of a fast timer on the GUI thread.
class StallProbe : public QObject
{
public:
    explicit StallProbe(QObject *parent) : QObject(parent)
    {
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            if (now - m_last > m_longest) {
                m_longest = now - m_last;
                m_longestEnd = now;
            }
            m_last = now;
            ++m_ticks;
        });
        m_timer.setTimerType(Qt::PreciseTimer);
    }
    void start()
    {
        m_clock.start();
        m_last = 0;
        m_timer.start(2);
    }
    void stop() { m_timer.stop(); }
    double longestMs() const { return double(m_longest) / 1e6; }
    // When the longest stall ended, from the start of the probe.
    double longestEndMs() const { return double(m_longestEnd) / 1e6; }
    qint64 ticks() const { return m_ticks; }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    qint64 m_longest = 0;
    qint64 m_longestEnd = 0;
    qint64 m_ticks = 0;
};

void print(const char *label, double ms)
{
    std::printf("%-58s %10.1f ms\n", label, ms);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("labelbranch-gui-timings"));
    QStandardPaths::setTestModeEnabled(true); // keep the user's recent projects and window state untouched

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Times the labelbranch window on a project file."));
    parser.addHelpOption();
    const QCommandLineOption sourceOption(QStringLiteral("source"), QStringLiteral("Source branch."),
                                          QStringLiteral("B"), QStringLiteral("main"));
    const QCommandLineOption targetOption(QStringLiteral("target"), QStringLiteral("Compare target branch."),
                                          QStringLiteral("B"), QStringLiteral("pre-labels-v1"));
    const QCommandLineOption batchOption(QStringLiteral("batch-size"), QStringLiteral("Copy batch size."),
                                         QStringLiteral("N"), QStringLiteral("100"));
    const QCommandLineOption screenshotOption(
        QStringLiteral("screenshots"), QStringLiteral("Save the window after each step as PNG files in DIR."),
        QStringLiteral("DIR"));
    parser.addOptions({sourceOption, targetOption, batchOption, screenshotOption});
    parser.addPositionalArgument(QStringLiteral("project"), QStringLiteral("Project file (not modified)."));
    parser.process(app);
    if (parser.positionalArguments().size() != 1)
        parser.showHelp(2);
    const QString source = parser.value(sourceOption);
    const QString target = parser.value(targetOption);

    QTemporaryDir scratch;
    const QString project = scratch.filePath(QStringLiteral("timings.lbproj"));
    if (!scratch.isValid() || !QFile::copy(parser.positionalArguments().constFirst(), project)) {
        std::fprintf(stderr, "labelbranch-gui-timings: cannot copy the project to a scratch file\n");
        return 1;
    }

    lb::MainWindow window;
    const auto screenshot = [&](const char *name) {
        if (parser.isSet(screenshotOption))
            window.grab().save(QDir(parser.value(screenshotOption)).filePath(QString::fromLatin1(name)));
    };
    window.resize(1400, 900);
    window.show();
    QElapsedTimer clock;
    int exitCode = 0;
    auto finish = [&](int code) {
        exitCode = code;
        window.jobManager()->cancelAll();
        window.jobManager()->waitForDone(60000);
        app.exit(code);
    };

    auto *stall = new StallProbe(&app);
    // Runs one write the way the window runs it: `open` shows its dialog, which is accepted. The step ends
    // when the window has taken in the write (writeFinished) and no job (a reload it started) is left.
    const auto runWrite = [&](const std::function<QDialog *()> &open, const char *label, const char *shot,
                              const std::function<void()> &done) {
        auto connections = std::make_shared<QList<QMetaObject::Connection>>();
        auto written = std::make_shared<bool>(false);
        const auto endStep = [&, connections, label, shot, done] {
            for (const QMetaObject::Connection &connection : std::as_const(*connections))
                QObject::disconnect(connection);
            stall->stop(); // the probe covers the copy only
            print(label, double(clock.nsecsElapsed()) / 1e6);
            screenshot(shot);
            QTimer::singleShot(0, &app, done);
        };
        *connections << QObject::connect(&window, &lb::MainWindow::writeFinished, &app,
                                         [&, written, endStep](lb::Job *) {
                                             *written = true;
                                             if (window.jobManager()->activeCount() == 0)
                                                 endStep();
                                         })
                     << QObject::connect(window.jobManager(), &lb::JobManager::activeCountChanged, &app,
                                         [written, endStep](int active) {
                                             if (active == 0 && *written)
                                                 endStep();
                                         });
        QDialog *dialog = open();
        if (!dialog) {
            std::fprintf(stderr, "labelbranch-gui-timings: the dialog for \"%s\" did not open\n", label);
            for (const QMetaObject::Connection &connection : std::as_const(*connections))
                QObject::disconnect(connection);
            finish(1);
            return;
        }
        clock.restart();
        dialog->accept();
    };
    auto startUndo = [&] {
        runWrite(
            [&]() -> QDialog * {
                window.showUndoDialog();
                return window.findChild<lb::UndoDialog *>();
            },
            "undo of that snapshot (background job, wall time)", "after-undo.png", [&] { finish(0); });
    };
    auto startSnapshot = [&] {
        runWrite(
            [&]() -> QDialog * {
                window.showSnapshotDialog(source);
                return window.findChild<lb::SnapshotDialog *>();
            },
            "snapshot of the source (background job, wall time)", "after-snapshot.png", startUndo);
    };
    auto startCopy = [&] {
        const QString copyTarget = QStringLiteral("timings-copy");
        window.showCopyDialog(lb::CopyDialog::Mode::Copy, source, copyTarget, {});
        auto *dialog = window.findChild<lb::CopyDialog *>();
        if (!dialog) {
            std::fprintf(stderr, "labelbranch-gui-timings: the copy dialog did not open\n");
            finish(1);
            return;
        }
        dialog->setBatchSize(parser.value(batchOption).toInt());
        stall->start();
        runWrite([dialog]() -> QDialog * { return dialog; },
                 "copy of every source row (background job, wall time)", "after-copy.png",
                 [&] {
                     print("longest GUI event-loop stall during the copy", stall->longestMs());
                     std::printf("%-58s %10lld\n", "probe ticks during the copy (2 ms timer)",
                                 stall->ticks());
                     std::printf("%-58s %10.1f\n", "the longest stall ended at (ms into the copy)",
                                 stall->longestEndMs());
                     startSnapshot();
                 });
    };

    // Calls `then` once no job runs (the branch totals the window reads after opening).
    const std::function<void(std::function<void()>)> whenIdle = [&](std::function<void()> then) {
        if (window.jobManager()->activeCount() == 0) {
            then();
            return;
        }
        QTimer::singleShot(1, &app, [&whenIdle, then] { whenIdle(then); });
    };

    auto startCompare = [&] {
        new FirstPaintProbe(
            window.compareTab()->view()->viewport(), [&] { return window.diffModel()->rowCount() > 0; },
            [&] {
                print("compare source -> target until the diff is painted",
                      double(clock.nsecsElapsed()) / 1e6);
                screenshot("compare.png");
                QTimer::singleShot(0, &app, startCopy);
            });
        clock.restart();
        window.compareBranches(source, target);
    };

    QTimer::singleShot(0, &app, [&] {
        new FirstPaintProbe(
            window.rowsTab()->view()->viewport(),
            [&] { return window.rowModel()->branch() == source && window.rowModel()->rowCount() > 0; },
            [&] {
                print("open project until the first rows are painted", double(clock.nsecsElapsed()) / 1e6);
                screenshot("open.png");
                whenIdle([&] {
                    print("open project until the branch totals are shown",
                          double(clock.nsecsElapsed()) / 1e6);
                    QTimer::singleShot(0, &app, startCompare);
                });
            });
        clock.start();
        if (!window.openProject(project)) {
            std::fprintf(stderr, "labelbranch-gui-timings: cannot open %s\n", qPrintable(project));
            finish(1);
        }
    });
    const int code = app.exec();
    return code != 0 ? code : exitCode;
}
