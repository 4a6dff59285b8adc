// Fuzz target: a damaged project file opened as the window and the command line open one
// (store/sqlite/sqlitestore.h, docs/architecture.md §4.1): the input is written to a .lbproj file, opened
// with SqliteStore (header and identity checks, the page check, the upgrade of an older format, the
// recovery of interrupted operations) and, when that succeeds, read the way the Branches panel, the Rows tab,
// the Compare tab, the audit log and an export read it. Any damage must end in an error, never a crash.

#include "domain/diffquery.h"
#include "store/sqlite/sqlitestore.h"

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>

namespace {

constexpr int kPageRows = 20; // rows read per branch, contents fetched of the first few

void check(bool condition)
{
    if (!condition)
        std::abort();
}

QTemporaryDir *workDir()
{
    static QTemporaryDir dir;
    return &dir;
}

QString projectPath()
{
    return workDir()->filePath(QStringLiteral("fuzz.lbproj"));
}

// The file and everything SQLite or an upgrade leaves beside it.
void removeFiles()
{
    const QDir dir(workDir()->path());
    for (const QString &name : dir.entryList(QDir::Files | QDir::Hidden))
        QFile::remove(dir.filePath(name));
}

// The rows of one branch as the Rows tab pages them, and the contents of the first ones as an export reads
// them.
void readBranch(lb::Store &store, const QString &branch)
{
    lb::RowQuery query;
    query.branch = branch;
    query.includeUninitialised = true;
    query.limit = kPageRows;
    const lb::Result<QList<lb::LabelRowSummary>> rows = store.listRows(query);
    (void)store.countRows(query);
    if (!rows)
        return;
    QStringList labelHashes;
    for (const lb::LabelRowSummary &row : rows.value())
        if (!row.labelHash.isEmpty() && labelHashes.size() < 5)
            labelHashes.append(row.labelHash);
    if (labelHashes.isEmpty())
        return;
    (void)store.fetchContents(branch, labelHashes);
    (void)store.fetchContentBytes(branch, labelHashes);
}

// Two branches as the Compare tab and `diff` read them.
void compare(lb::Store &store, const QString &source, const QString &target)
{
    (void)store.diffSummary(source, target);
    lb::DiffQuery query;
    query.sourceBranch = source;
    query.targetBranch = target;
    query.order = lb::DiffQuery::Order::ThreeWay;
    const lb::Result<QList<lb::DiffRowKey>> keys = store.diffRows(query);
    if (keys && !keys->isEmpty()) {
        QList<qint64> units;
        for (const lb::DiffRowKey &key : keys.value())
            if (units.size() < kPageRows)
                units.append(key.unit);
        (void)store.diffEntries(source, target, units);
    }
    qint64 seen = 0;
    (void)store.diffEach(query, [&seen](const lb::DiffEntry &) -> lb::Result<void> {
        ++seen;
        return {};
    });
    (void)store.reviewDecisions(source, target);
}

void readProject(lb::Store &store)
{
    (void)store.projectInfo();
    (void)store.ontology();
    (void)store.dataUnits();
    (void)store.branchesWithoutTotals();
    const lb::Result<QList<lb::BranchInfo>> branches = store.branches();
    (void)store.auditLog();
    (void)store.operations();
    (void)store.lastUndoableOperation();
    if (!branches)
        return;
    for (const lb::BranchInfo &branch : branches.value())
        readBranch(store, branch.name);
    if (branches->size() >= 2)
        compare(store, branches->at(1).name, branches->at(0).name);
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    static QCoreApplication app(*argc, *argv); // the QSQLITE driver is a plugin
    check(workDir()->isValid());
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    removeFiles();
    {
        QFile file(projectPath());
        check(file.open(QIODevice::WriteOnly));
        check(file.write(reinterpret_cast<const char *>(data), qint64(size)) == qint64(size));
    }
    {
        lb::Result<std::unique_ptr<lb::SqliteStore>> store = lb::SqliteStore::open(projectPath());
        if (qEnvironmentVariableIsSet("LB_FUZZ_VERBOSE")) // for writing seeds that open
            qInfo("open: %s", store ? "ok" : qPrintable(store.error()));
        if (store)
            readProject(*store.value());
        else
            check(!store.error().isEmpty());
    }
    removeFiles();
    return 0;
}
