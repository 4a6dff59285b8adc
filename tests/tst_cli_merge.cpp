// labelbranch-cli merge: a per-object merge of named data units onto a branch copied from main, its dry run,
// its refusals (unknown branch, data unit or object, conflicts left open) and its undo.

#include "clirun.h"
#include "enginefixture.h"

#include <QtTest>

using namespace lb;
using namespace lb::test;
using json = nlohmann::json;

namespace {

const QString kReview = QStringLiteral("review");

QString objectHash(int unit, int k)
{
    return QStringLiteral("o%1k%2").arg(unit).arg(k);
}

// Moves object k of unit i on `branch` to x, as an annotator's edit.
void moveObject(Store &store, const QString &branch, int i, int k, double x)
{
    QString labelHash;
    for (const LabelRowSummary &row : rowsOn(store, branch)) {
        if (row.dataHash == unitHash(i))
            labelHash = row.labelHash;
    }
    json row = store.fetchContents(branch, {labelHash}).value().first().json();
    for (json &object : row["data_units"][unitHash(i).toStdString()]["labels"]["objects"]) {
        if (object["objectHash"] == objectHash(i, k).toStdString())
            object["boundingBox"]["x"] = x;
    }
    if (!store.writeRows(0, branch, {LabelRowDocument::fromJson(row).value()}, true))
        qFatal("cannot edit the test row");
}

// A project whose branch "review" is a copy of main, edited since on both: unit 2 on one side each
// (merges cleanly), unit 1 on both (a conflict on o1k0).
class MergeProject
{
public:
    MergeProject()
    {
        Engine engine(m_project.store(), QStringLiteral("rita"));
        CopyRequest copy;
        copy.targetBranch = kReview;
        if (!engine.copy(copy))
            qFatal("copy failed");
        moveObject(m_project.store(), kMainBranch, 2, 0, 0.31);
        moveObject(m_project.store(), kReview, 2, 1, 0.52);
        moveObject(m_project.store(), kMainBranch, 1, 0, 0.33);
        moveObject(m_project.store(), kReview, 1, 0, 0.44);
        m_project.close();
    }

    QString path() const { return m_project.path(); }

    // The review branch as stored, read with a fresh connection.
    QStringList review()
    {
        m_project.reopen();
        const QStringList lines = branchFingerprint(m_project.store(), kReview);
        m_project.close();
        return lines;
    }

    CliRun merge(const QStringList &args)
    {
        return runCli(QStringList{QStringLiteral("--project"), path(), QStringLiteral("merge")} + args);
    }

private:
    Project m_project{8, 6};
};

bool cleanFailure(const CliRun &run, int exitCode, const QString &mentions)
{
    QString why;
    if (!isCleanFailure(run, &why)) {
        qWarning("%s", qPrintable(why));
        return false;
    }
    if (run.exitCode != exitCode || !run.errText().contains(mentions)) {
        qWarning("exit %d: %s", run.exitCode, run.err.constData());
        return false;
    }
    return true;
}

} // namespace

class TestCliMerge : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void dryRunListsObjectsAndWritesNothing()
    {
        MergeProject p;
        const QStringList before = p.review();
        const CliRun run = p.merge({QStringLiteral("--target"), kReview, QStringLiteral("--data-hash"),
                                    unitHash(2), QStringLiteral("--data-hash"), unitHash(1),
                                    QStringLiteral("--dry-run"), QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 0);
        const json out = run.parsed();
        QCOMPARE(out["dry_run"], true);
        QCOMPARE(out["to_write"], 1);
        QCOMPARE(out["conflicts"], 1);
        QCOMPARE(out["data_units"][0]["three_way"], true);
        QCOMPARE(out["data_units"][0]["objects"].size(), std::size_t(2));
        QCOMPARE(out["data_units"][1]["objects"][0]["outcome"], "conflict");
        QCOMPARE(p.review(), before);

        const CliRun table = p.merge({QStringLiteral("--target"), kReview, QStringLiteral("--data-hash"),
                                      unitHash(1), QStringLiteral("--dry-run")});
        QCOMPARE(table.exitCode, 0);
        QVERIFY(table.out.contains("CONFLICT"));
        QVERIFY(table.out.contains("nothing was written"));
    }

    void conflictIsRefusedUntilChosenAndUndoRestores()
    {
        MergeProject p;
        const QStringList before = p.review();
        const CliRun refused =
            p.merge({QStringLiteral("--target"), kReview, QStringLiteral("--data-hash"), unitHash(1)});
        QVERIFY(cleanFailure(refused, 1, objectHash(1, 0)));
        QVERIFY(refused.errText().contains(QStringLiteral("conflict")));
        QCOMPARE(p.review(), before);

        const CliRun merged =
            p.merge({QStringLiteral("--target"), kReview, QStringLiteral("--data-hash"), unitHash(1),
                     QStringLiteral("--take-source"), objectHash(1, 0), QStringLiteral("--json")});
        QVERIFY2(merged.exitCode == 0, merged.err.constData());
        QCOMPARE(merged.parsed()["count"], 1);
        QVERIFY(merged.parsed()["operation_id"].get<int>() > 0);
        QVERIFY(p.review() != before);

        const CliRun log =
            runCli({QStringLiteral("--project"), p.path(), QStringLiteral("log"), QStringLiteral("--json")});
        QVERIFY(log.out.contains("\"merge\""));
        const CliRun undone = runCli({QStringLiteral("--project"), p.path(), QStringLiteral("undo"),
                                      QStringLiteral("--branch"), kReview});
        QVERIFY2(undone.exitCode == 0, undone.err.constData());
        QVERIFY(undone.out.contains("merge"));
        QCOMPARE(p.review(), before);
    }

    void severalDataUnitsNameObjectsWithTheirUnit()
    {
        MergeProject p;
        const CliRun ambiguous = p.merge({QStringLiteral("--target"), kReview, QStringLiteral("--data-hash"),
                                          unitHash(1), QStringLiteral("--data-hash"), unitHash(2),
                                          QStringLiteral("--keep-target"), objectHash(1, 0)});
        QVERIFY(cleanFailure(ambiguous, 2, QStringLiteral("DATA_HASH:")));
        const CliRun merged =
            p.merge({QStringLiteral("--target"), kReview, QStringLiteral("--data-hash"), unitHash(1),
                     QStringLiteral("--data-hash"), unitHash(2), QStringLiteral("--keep-target"),
                     unitHash(1) + QLatin1Char(':') + objectHash(1, 0), QStringLiteral("--json")});
        QVERIFY2(merged.exitCode == 0, merged.err.constData());
        QCOMPARE(merged.parsed()["count"], 1); // unit 2; unit 1 keeps the target's
    }

    void badInputFailsClearly()
    {
        MergeProject p;
        const QStringList before = p.review();
        QVERIFY(cleanFailure(p.merge({QStringLiteral("--target"), QStringLiteral("nope"),
                                      QStringLiteral("--data-hash"), unitHash(2)}),
                             1, QStringLiteral("nope")));
        QVERIFY(cleanFailure(p.merge({QStringLiteral("--target"), kReview, QStringLiteral("--data-hash"),
                                      QStringLiteral("ffffffff-0000-4000-8000-000000000000")}),
                             1, QStringLiteral("ffffffff-0000-4000-8000-000000000000")));
        QVERIFY(cleanFailure(p.merge({QStringLiteral("--target"), kReview, QStringLiteral("--data-hash"),
                                      unitHash(2), QStringLiteral("--take-source"), QStringLiteral("ghost")}),
                             1, QStringLiteral("ghost")));
        QVERIFY(cleanFailure(p.merge({QStringLiteral("--data-hash"), unitHash(2)}), 2,
                             QStringLiteral("--target")));
        QVERIFY(
            cleanFailure(p.merge({QStringLiteral("--target"), kReview}), 2, QStringLiteral("--data-hash")));
        QVERIFY(cleanFailure(p.merge({QStringLiteral("--target"), kReview, QStringLiteral("--data-hash"),
                                      unitHash(2), QStringLiteral("--others"), QStringLiteral("maybe")}),
                             2, QStringLiteral("--others")));
        QVERIFY(cleanFailure(p.merge({QStringLiteral("--target"), kReview, QStringLiteral("--data-hash"),
                                      unitHash(2), QStringLiteral("--take-source"), objectHash(2, 0),
                                      QStringLiteral("--keep-target"), objectHash(2, 0)}),
                             2, objectHash(2, 0)));
        QCOMPARE(p.review(), before);
    }
};

QTEST_GUILESS_MAIN(TestCliMerge)
#include "tst_cli_merge.moc"
