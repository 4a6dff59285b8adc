// The window as one of several writers of a project: a copy it starts while another operation holds the
// target branch waits, says for whom in the Jobs panel, and runs once the branch is free.

#include "dialogs/copydialog.h"
#include "engine/writerlock.h"
#include "guifixture.h"
#include "guitestsupport.h"
#include "items/branchlistmodel.h"
#include "items/jobsmodel.h"
#include "jobs/jobmanager.h"
#include "store/sqlite/sqlitestore.h"

#include <QtTest>

using namespace lb;
using namespace lb::test;

class TestGuiWriters : public QObject, protected GuiFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { initFixture(QStringLiteral("labelbranch-gui-writers-test")); }

    void cleanup() { cleanupFixture(); }

    void aCopyWaitsForTheBranchAndSaysForWhom()
    {
        const QString path = freshProject(QStringLiteral("writers.lbproj"));
        MainWindow *window = openWindow(path);
        QVERIFY(window);
        waitForJobs(window);

        // Another writer (as the command line would be) holds review-alice.
        auto other = SqliteStore::open(path);
        QVERIFY(other.ok());
        OperationRecord held;
        held.kind = OperationKind::Sync;
        held.sourceBranch = QStringLiteral("main");
        held.targetBranch = QStringLiteral("review-alice");
        held.user = QStringLiteral("alice");
        auto lock = std::make_unique<WriterLock>(*other.value(), held);
        QVERIFY(lock->acquire({}).ok());

        window->showCopyDialog(CopyDialog::Mode::Copy, QStringLiteral("main"), QStringLiteral("review-alice"),
                               {});
        auto *dialog = visibleDialog<CopyDialog>(window);
        QVERIFY(dialog);
        dialog->requestPlanNow();
        QTRY_VERIFY(dialog->hasCurrentPlan());
        QVERIFY(dialog->plan().toCreate > 0);
        clickOk(dialog);

        JobsModel *jobs = window->findChild<JobsModel *>();
        QVERIFY(jobs);
        const auto waitingText = [&] {
            for (int row = 0; row < jobs->rowCount(); ++row) {
                const QString stage = jobs->index(row, 0).data(JobsModel::StageRole).toString();
                if (stage.startsWith(QStringLiteral("waiting for sync #")))
                    return stage;
            }
            return QString();
        };
        QTRY_VERIFY_WITH_TIMEOUT(!waitingText().isEmpty(), 15000);
        QVERIFY2(waitingText().contains(QStringLiteral("on \"review-alice\" by alice")), qPrintable(waitingText()));
        QCOMPARE(window->jobManager()->activeCount(), 1);
        saveScreenshot(window, QStringLiteral("gui-copy-waits-for-the-branch.png"));

        lock.reset(); // the other writer ends without writing
        waitForJobs(window);
        const Job *copy = window->jobManager()->jobs().constLast();
        QVERIFY2(copy->errorMessage().isEmpty(), qPrintable(copy->errorMessage()));
        const int row = window->branchModel()->rowOf(QStringLiteral("review-alice"));
        QVERIFY(row >= 0);
        QVERIFY(window->branchModel()->branchAt(row)->rowCount > 42);
    }
};

QTEST_MAIN(TestGuiWriters)
#include "tst_gui_writers.moc"
