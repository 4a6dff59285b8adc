#include "jobs/jobmanager.h"
#include "project/projectfromexports.h"
#include "window/mainwindow.h"

#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QMimeData>
#include <QStatusBar>

// A project made from Encord export files: File ▸ New Project from Encord Export…, or the files dropped on
// the window (docs/product.md §1.1).

namespace lb {

namespace {

const QString kInitViewKey = QStringLiteral("project-from-exports");

// The local JSON files among dropped URLs; empty unless every one of them is one.
QStringList droppedExports(const QMimeData *data)
{
    QStringList files;
    if (!data || !data->hasUrls())
        return files;
    for (const QUrl &url : data->urls()) {
        const QString path = url.toLocalFile();
        if (path.isEmpty() ||
            QFileInfo(path).suffix().compare(QLatin1String("json"), Qt::CaseInsensitive) != 0)
            return {};
        files.append(path);
    }
    return files;
}

// A new file next to the first export, named after it.
QString suggestedProjectPath(const QString &firstExport)
{
    const QFileInfo info(firstExport);
    QString path = info.dir().filePath(info.completeBaseName() + QStringLiteral(".lbproj"));
    for (int n = 2; QFileInfo::exists(path); ++n)
        path = info.dir().filePath(QStringLiteral("%1-%2.lbproj").arg(info.completeBaseName()).arg(n));
    return path;
}

Result<JobResult> writeProjectFromExports(const QStringList &files, const QString &path,
                                          const JobControl &control)
{
    const Result<ProjectFromExports::Report> report = ProjectFromExports::create(path, files, {}, control);
    if (!report)
        return withContext(
            report.takeError(),
            MainWindow::tr("Could not make a project from the export: %1").arg(report.error()));
    JobResult out;
    out.summary = MainWindow::tr("Project with %1 data units and %2 branches written to %3")
                      .arg(report->dataUnits)
                      .arg(report->rowsPerBranch.size())
                      .arg(QDir::toNativeSeparators(path));
    out.value = path;
    return out;
}

} // namespace

void MainWindow::newProjectFromExportsDialog(QStringList files)
{
    if (files.isEmpty()) {
        files = QFileDialog::getOpenFileNames(this, tr("Encord Export Files"), QDir::homePath(),
                                              tr("Encord label rows (*.json);;All files (*)"));
        if (files.isEmpty())
            return;
    }
    const QString path = QFileDialog::getSaveFileName(this, tr("New Project from Encord Export"),
                                                      suggestedProjectPath(files.constFirst()),
                                                      tr("labelbranch projects (*.lbproj)"));
    if (path.isEmpty())
        return;
    if (QFileInfo::exists(path)) {
        showError(tr("%1 already exists; choose a new file name for the project.").arg(path));
        return;
    }
    createProjectFromExports(files, path);
}

void MainWindow::createProjectFromExports(const QStringList &files, const QString &path)
{
    if (m_initJob && m_initJob->isActive())
        return;
    statusBar()->showMessage(tr("Making a project from %n export file(s)…", nullptr, int(files.size())));
    Job *job = m_jobs->startWithoutStore(
        tr("New project from %1").arg(QFileInfo(files.constFirst()).fileName()),
        [files, path](const JobControl &control) { return writeProjectFromExports(files, path, control); },
        kInitViewKey);
    m_initJob = job;
    connect(job, &Job::resultReady, this, [this, job, path] {
        statusBar()->clearMessage();
        if (job->state() == JobState::Finished)
            openProject(path);
        else if (!job->errorMessage().isEmpty())
            showError(job->errorMessage());
    });
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (!droppedExports(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QStringList files = droppedExports(event->mimeData());
    if (files.isEmpty())
        return;
    event->acceptProposedAction();
    newProjectFromExportsDialog(files);
}

} // namespace lb
