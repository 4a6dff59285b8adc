#include "jobs/jobmanager.h"
#include "render/reportwriter.h"
#include "report/reportbuilder.h"
#include "tabs/comparetab.h"
#include "window/mainwindow.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStatusBar>

// File ▸ Export Report…: the report of `labelbranch-cli report` (summary, per-class chart, quality metrics,
// the most changed data units drawn by the canvas's overlay painter) for the Compare page's pair, written as
// one HTML or Markdown file by a job with progress and cancel.

namespace lb {

namespace {

const QString kReportViewKey = QStringLiteral("export-report");

Result<JobResult> writeReportJob(Store &store, const ReportOptions &options, ReportFormat format,
                                 const QString &path, const JobControl &control)
{
    const Result<ReportData> report = ReportBuilder::run(store, options, control);
    if (!report) {
        if (report.errorKind() == ErrorKind::Cancelled) {
            JobResult cancelled;
            cancelled.cancelled = true;
            cancelled.summary = MainWindow::tr("Report cancelled; nothing was written");
            return cancelled;
        }
        return withContext(report.takeError(),
                           MainWindow::tr("Could not make the report: %1").arg(report.error()));
    }
    if (Result<void> written = writeReport(report.value(), format, path); !written)
        return written.takeError();
    JobResult out;
    out.summary = MainWindow::tr("Report of %1 → %2 written to %3: %4 data units compared, %5 changed")
                      .arg(options.source, options.target, QDir::toNativeSeparators(path))
                      .arg(report->unitsCompared())
                      .arg(report->changedUnits());
    out.value = path;
    return out;
}

} // namespace

void MainWindow::exportReportDialog()
{
    const QString source = m_compareTab->source();
    const QString target = m_compareTab->target();
    if (!m_session || source.isEmpty() || target.isEmpty() || source == target) {
        showError(
            tr("Choose two branches to compare on the Compare page first; the report is of that pair."));
        return;
    }
    QString name = QStringLiteral("report-%1-vs-%2.html").arg(source, target);
    name.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]+")), QStringLiteral("_"));
    QString filter;
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export Report"), QDir::home().filePath(name),
        tr("HTML report, one file (*.html);;Markdown report, one file (*.md)"), &filter);
    if (path.isEmpty())
        return;
    exportReport(source, target, path);
}

Job *MainWindow::exportReport(const QString &source, const QString &target, const QString &path)
{
    ReportOptions options;
    options.source = source;
    options.target = target;
    const ReportFormat format = reportFormatOfFile(path).value_or(ReportFormat::Html);
    statusBar()->showMessage(tr("Writing the report of %1 → %2…").arg(source, target));
    showPanel(m_jobDock);
    return startJob(
        tr("Report %1 → %2").arg(source, target),
        [options, format, path](Store &store, const JobControl &control) {
            return writeReportJob(store, options, format, path, control);
        },
        kReportViewKey,
        [this](Job *job) {
            if (job->state() == JobState::Failed)
                showError(tr("%1 failed: %2").arg(job->title(), job->errorMessage()));
            else
                statusBar()->showMessage(job->resultSummary(), 8000);
        });
}

} // namespace lb
