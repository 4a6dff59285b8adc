// File ▸ Export Report…: the report of the Compare page's pair written by a job (one HTML file with the
// chart and the overlays drawn by the canvas's painter), a Markdown one for .md, and a cancelled job that
// writes nothing.

#include "demo/demogenerator.h"
#include "domain/branchname.h"
#include "guifixture.h"
#include "guitestsupport.h"
#include "jobs/job.h"
#include "tabs/comparetab.h"

#include <QImage>
#include <QMenuBar>
#include <QRegularExpression>
#include <QtTest>

using namespace lb;
using namespace lb::test;

namespace {

QString readText(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

} // namespace

class TestGuiReport : public QObject, public GuiFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { initFixture(QStringLiteral("labelbranch-test-gui-report")); }
    void cleanup() { cleanupFixture(); }

    void exportsTheComparedPair()
    {
        MainWindow *window = openWindow(freshProject(QStringLiteral("report.lbproj")));
        QVERIFY(window);
        waitForJobs(window);
        QAction *exportAction = action(window, "exportReportAction");
        QVERIFY(exportAction);
        QVERIFY(exportAction->isEnabled());
        QMenu *file = window->menuBar()->actions().value(0)->menu();
        QVERIFY(file && file->actions().contains(exportAction));

        window->compareBranches(DemoGenerator::preLabelsBranch(), kMainBranch);
        waitForJobs(window);
        QCOMPARE(window->compareTab()->source(), DemoGenerator::preLabelsBranch());

        const QString path = m_dir.filePath(QStringLiteral("window-report.html"));
        Job *job = window->exportReport(window->compareTab()->source(), window->compareTab()->target(), path);
        QVERIFY(job);
        waitForJobs(window);
        QCOMPARE(job->state(), JobState::Finished);
        QVERIFY2(job->resultSummary().contains(QStringLiteral("written to")),
                 qPrintable(job->resultSummary()));
        const QString html = readText(path);
        QVERIFY(html.startsWith(QStringLiteral("<!DOCTYPE html>")));
        QVERIFY(html.contains(QStringLiteral("<svg ")));
        QVERIFY(html.contains(QStringLiteral("<table id=\"metrics\">")));
        // The first overlay, decoded and kept for a person to look at beside the canvas's screenshots.
        static const QRegularExpression png(QStringLiteral("data:image/png;base64,([A-Za-z0-9+/=]+)"));
        const QImage overlay =
            QImage::fromData(QByteArray::fromBase64(png.match(html).captured(1).toLatin1()), "PNG");
        QVERIFY(!overlay.isNull());
        QVERIFY(overlay.width() <= 720 && overlay.height() <= 480);
        QVERIFY(overlay.save(QDir(screenshotDir()).filePath(QStringLiteral("report-overlay-1.png"))));
        saveScreenshot(window, QStringLiteral("report-exported.png"));

        const QString markdown = m_dir.filePath(QStringLiteral("window-report.md"));
        Job *md = window->exportReport(DemoGenerator::preLabelsBranch(), kMainBranch, markdown);
        waitForJobs(window);
        QCOMPARE(md->state(), JobState::Finished);
        QVERIFY(readText(markdown).startsWith(QStringLiteral("# Report: ")));
    }

    void cancelledWritesNothing()
    {
        MainWindow *window = openWindow(freshProject(QStringLiteral("cancel.lbproj")));
        QVERIFY(window);
        waitForJobs(window);
        const QString path = m_dir.filePath(QStringLiteral("cancelled.html"));
        Job *job = window->exportReport(DemoGenerator::preLabelsBranch(), kMainBranch, path);
        job->cancel();
        waitForJobs(window);
        QVERIFY(job->state() != JobState::Finished);
        QVERIFY(!QFile::exists(path));
    }
};

QTEST_MAIN(TestGuiReport)
#include "tst_gui_report.moc"
