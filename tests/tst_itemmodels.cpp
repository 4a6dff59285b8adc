#include "demo/demogenerator.h"
#include "domain/branchname.h"
#include "engine/branchcomparison.h"
#include "engine/engine.h"
#include "items/branchdiffmodel.h"
#include "items/branchlistmodel.h"
#include "items/labelrowtablemodel.h"
#include "store/sqlite/sqlitestore.h"

#include <memory>
#include <QAbstractItemModelTester>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

using namespace lb;

namespace {

constexpr auto kTesterMode = QAbstractItemModelTester::FailureReportingMode::QtTest;

QStringList columnValues(const QAbstractItemModel &model, int role, int column = 0)
{
    QStringList values;
    for (int row = 0; row < model.rowCount(); ++row)
        values.append(model.index(row, column).data(role).toString());
    return values;
}

QList<int> intValues(const QAbstractItemModel &model, int role, int column = 0)
{
    QList<int> values;
    for (int row = 0; row < model.rowCount(); ++row)
        values.append(model.index(row, column).data(role).toInt());
    return values;
}

QStringList dataHashesOf(const QList<LabelRowSummary> &rows)
{
    QStringList hashes;
    for (const LabelRowSummary &row : rows)
        hashes.append(row.dataHash);
    return hashes;
}

// A BranchDiff written by hand, so the model's values can be checked against known numbers.
BranchDiff handWrittenDiff()
{
    BranchDiff diff;
    diff.sourceBranch = QStringLiteral("main");
    diff.targetBranch = QStringLiteral("candidate");
    auto entry = [](const QString &title, int source, int target, DiffStatus status,
                    QHash<QString, int> classes) {
        DiffEntry e;
        e.dataHash = QStringLiteral("hash-") + title;
        e.dataTitle = title;
        e.sourceLabelHash = status == DiffStatus::OnlyInTarget || status == DiffStatus::UninitialisedOnBoth
                                ? QString()
                                : QStringLiteral("src-") + title;
        e.targetLabelHash = status == DiffStatus::OnlyInSource || status == DiffStatus::UninitialisedOnBoth
                                ? QString()
                                : QStringLiteral("tgt-") + title;
        e.sourceCount = source;
        e.targetCount = target;
        e.delta = target - source;
        e.status = status;
        e.classDeltas = std::move(classes);
        return e;
    };
    const QString car = QStringLiteral("fh-car");
    const QString person = QStringLiteral("fh-person");
    const QString stray = QStringLiteral("fh-unknown");
    diff.entries = {
        entry(QStringLiteral("a.jpg"), 3, 3, DiffStatus::Identical, {}),
        entry(QStringLiteral("b.jpg"), 2, 5, DiffStatus::CountDiffers, {{car, 2}, {person, 1}}),
        entry(QStringLiteral("c.jpg"), 4, 4, DiffStatus::ChangedSameCount, {{car, 1}, {person, -1}}),
        entry(QStringLiteral("d.jpg"), 2, 0, DiffStatus::OnlyInSource, {{car, -2}}),
        entry(QStringLiteral("e.jpg"), 0, 0, DiffStatus::UninitialisedOnBoth, {}),
        entry(QStringLiteral("f.jpg"), 0, 1, DiffStatus::OnlyInTarget, {{stray, 1}}),
        entry(QStringLiteral("g.jpg"), 7, 7, DiffStatus::Identical, {}),
    };
    diff.summary.identical = 2;
    diff.summary.changedSameCount = 1;
    diff.summary.countDiffers = 1;
    diff.summary.onlyInSource = 1;
    diff.summary.onlyInTarget = 1;
    diff.summary.uninitialisedOnBoth = 1;
    diff.summary.total = 7;
    diff.summary.sourceClassTotals = {{car, 6}, {person, 3}};
    diff.summary.targetClassTotals = {{car, 7}, {person, 3}, {stray, 1}};
    return diff;
}

// A comparison already in memory, shown as a store that compares listings hands it over.
void showDiff(BranchDiffModel &model, const BranchDiff &diff, const Ontology &ontology = Ontology())
{
    DiffRowSet rows;
    rows.query = model.query();
    rows.query.sourceBranch = diff.sourceBranch.isEmpty() ? QStringLiteral("main") : diff.sourceBranch;
    rows.query.targetBranch = diff.targetBranch.isEmpty() ? QStringLiteral("other") : diff.targetBranch;
    for (qsizetype i = 0; i < diff.entries.size(); ++i)
        rows.rows.append(DiffRowKey{qint64(i + 1), diff.entries.at(i).status});
    rows.entries = diff.entries;
    model.setComparison(diff.summary, rows, ontology);
}

// The window's part: rows asked for are read at once, from the model's store.
void answerRowRequests(BranchDiffModel &model, Store &store)
{
    QObject::connect(&model, &BranchDiffModel::rowsRequested, &model,
                     [&model, &store](const DiffQuery &query) {
                         const Result<DiffRowSet> rows = BranchDiffModel::readRows(store, query);
                         QVERIFY2(rows, qPrintable(rows ? QString() : rows.error()));
                         QVERIFY(model.setRows(rows.value()));
                     });
}

// The model showing the store's comparison of main -> pre-labels-v1, as the window's compare job leaves it.
void showStoreDiff(BranchDiffModel &model, Store &store, const Ontology &ontology)
{
    model.setStore(&store);
    DiffQuery query = model.query();
    query.sourceBranch = QStringLiteral("main");
    query.targetBranch = DemoGenerator::preLabelsBranch();
    const Result<DiffSummary> summary =
        BranchComparison(store).summary(query.sourceBranch, query.targetBranch);
    const Result<DiffRowSet> rows = BranchDiffModel::readRows(store, query);
    QVERIFY(summary && rows);
    model.setComparison(summary.value(), rows.value(), ontology);
}

Ontology carPersonOntology()
{
    Ontology ontology;
    ontology.objects = {
        OntologyObject{QStringLiteral("fh-person"), QStringLiteral("Person"), QStringLiteral("polygon"),
                       QStringLiteral("#00FF00")},
        OntologyObject{QStringLiteral("fh-car"), QStringLiteral("Car"), QStringLiteral("bounding_box"),
                       QStringLiteral("#FF0000")},
        OntologyObject{QStringLiteral("fh-bike"), QStringLiteral("Bike"), QStringLiteral("polyline"),
                       QStringLiteral("#0000FF")},
    };
    return ontology;
}

} // namespace

class TestItemModels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void branchListLoadsMainFirstAndMarksSnapshots();
    void branchListWithoutTotalsKeepsTheTotalsItShowed();
    void branchListReloadKeepsRowsWhenBranchesStayTheSame();

    void labelRowsFetchLazilyPageByPage();
    void labelRowsSortByStoreQuery();
    void labelRowsFilterByTitleStatusAndHash();
    void labelRowsOnlyInitialisedVersusAll();
    void labelRowsReportStoreErrorsAndStopFetching();
    void labelRowsSelectionHelpers();

    void diffModelShowsHandWrittenValues();
    void diffModelEqualsEngineDiff();
    void diffModelShowsThreeWayColumn();
    void diffModelFiltersAndSortsThroughTheStore();
    void diffNextAndPreviousDifference();
    void deltaFormatting();

private:
    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<SqliteStore> m_store;
};

void TestItemModels::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_path = m_dir.filePath(QStringLiteral("models.lbproj"));
    const DemoGenerator generator(DemoGenerator::kSmallSize);
    Result<DemoReport> written = generator.writeProject(m_path);
    QVERIFY2(written.ok(), qPrintable(written.error()));
    Result<std::unique_ptr<SqliteStore>> opened = SqliteStore::open(m_path);
    QVERIFY2(opened.ok(), qPrintable(opened.error()));
    m_store = std::move(opened).value();
}

void TestItemModels::cleanupTestCase()
{
    m_store.reset();
}

void TestItemModels::branchListLoadsMainFirstAndMarksSnapshots()
{
    Engine engine(*m_store, QStringLiteral("tester"));
    Result<CopyResult> snap = engine.snapshot(kMainBranch, QStringLiteral("snap-models"));
    QVERIFY2(snap.ok(), qPrintable(snap.error()));

    BranchListModel model;
    QAbstractItemModelTester tester(&model, kTesterMode);
    QVERIFY(model.reload(*m_store).ok());

    Result<QList<BranchInfo>> branches = m_store->branches();
    QVERIFY(branches.ok());
    QCOMPARE(model.rowCount(), int(branches->size()));
    QCOMPARE(model.index(0, BranchListModel::NameColumn).data().toString(), kMainBranch);
    QVERIFY(model.index(0, 0).data(BranchListModel::IsMainRole).toBool());
    QCOMPARE(model.index(0, 0).data(BranchListModel::KindRole).toString(), QStringLiteral("main"));

    RowQuery everything;
    everything.includeUninitialised = true;
    Result<int> units = m_store->countRows(everything);
    QVERIFY(units.ok());
    QCOMPARE(model.dataUnitCount(), units.value());

    for (const BranchInfo &info : branches.value()) {
        const int row = model.rowOf(info.name);
        QVERIFY2(row >= 0, qPrintable(info.name));
        QCOMPARE(model.index(row, 0).data(BranchListModel::RowCountRole).toInt(), info.rowCount);
        QCOMPARE(model.index(row, 0).data(BranchListModel::ObjectCountRole).toInt(), info.objectCount);
        QCOMPARE(model.index(row, 0).data(BranchListModel::IsSnapshotRole).toBool(), info.isSnapshot);
        QCOMPARE(model.index(row, 0).data(BranchListModel::CreatedFromRole).toString(), info.createdFrom);
        QCOMPARE(model.index(row, 0).data(BranchListModel::LastEditedRole).toDateTime(), info.lastEditedAt);
        QCOMPARE(model.index(row, 0).data(BranchListModel::DataUnitCountRole).toInt(), units.value());
    }

    const int snapRow = model.rowOf(QStringLiteral("snap-models"));
    QVERIFY(snapRow > 0);
    QVERIFY(model.index(snapRow, 0).data(BranchListModel::IsSnapshotRole).toBool());
    QCOMPARE(model.index(snapRow, 0).data(BranchListModel::KindRole).toString(), QStringLiteral("snapshot"));
    QCOMPARE(model.index(snapRow, 0).data(BranchListModel::CreatedFromRole).toString(), kMainBranch);
    QCOMPARE(model.index(snapRow, 0).data(BranchListModel::RowCountRole).toInt(),
             model.index(0, 0).data(BranchListModel::RowCountRole).toInt());
    QCOMPARE(model.index(snapRow, BranchListModel::CreatedFromColumn).data().toString(), kMainBranch);
    QCOMPARE(model.index(snapRow, BranchListModel::RowCountColumn).data().toString(),
             QLocale().toString(model.index(snapRow, 0).data(BranchListModel::RowCountRole).toInt()));

    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void TestItemModels::branchListWithoutTotalsKeepsTheTotalsItShowed()
{
    Result<QList<BranchInfo>> withTotals = m_store->branches();
    Result<QList<BranchInfo>> withoutTotals = m_store->branchesWithoutTotals();
    QVERIFY(withTotals.ok() && withoutTotals.ok());
    QCOMPARE(withoutTotals->size(), withTotals->size());
    for (qsizetype i = 0; i < withTotals->size(); ++i) {
        const BranchInfo &full = withTotals->at(i);
        const BranchInfo &quick = withoutTotals->at(i);
        QCOMPARE(quick.name, full.name);
        QCOMPARE(quick.createdAt, full.createdAt);
        QCOMPARE(quick.createdFrom, full.createdFrom);
        QCOMPARE(quick.isSnapshot, full.isSnapshot);
        QVERIFY(full.totalsKnown);
        QVERIFY(!quick.totalsKnown);
    }

    // Nothing shown yet: the totals read "…" until a job sets them.
    BranchListModel model;
    QAbstractItemModelTester tester(&model, kTesterMode);
    model.setBranchesWithoutTotals(withoutTotals.value());
    QCOMPARE(model.rowCount(), int(withTotals->size()));
    QCOMPARE(model.index(0, BranchListModel::RowCountColumn).data().toString(), QStringLiteral("…"));
    QCOMPARE(model.index(0, BranchListModel::ObjectCountColumn).data().toString(), QStringLiteral("…"));
    QCOMPARE(model.index(0, BranchListModel::NameColumn).data().toString(), kMainBranch);

    Result<BranchTotals> totals = BranchListModel::readTotals(*m_store);
    QVERIFY(totals.ok());
    model.setBranches(totals->branches, totals->dataUnitCount);
    const QString mainRows = model.index(0, BranchListModel::RowCountColumn).data().toString();
    QCOMPARE(mainRows, QLocale().toString(withTotals->constFirst().rowCount));

    // Listed again without totals (after a write): the same names keep what they showed, a new one waits.
    QList<BranchInfo> again = withoutTotals.value();
    BranchInfo fresh;
    fresh.name = QStringLiteral("zz-new-branch");
    fresh.totalsKnown = false;
    again.append(fresh);
    model.setBranchesWithoutTotals(again);
    QCOMPARE(model.index(0, BranchListModel::RowCountColumn).data().toString(), mainRows);
    QCOMPARE(model.index(0, 0).data(BranchListModel::RowCountRole).toInt(),
             withTotals->constFirst().rowCount);
    const int newRow = model.rowOf(fresh.name);
    QVERIFY(newRow > 0);
    QCOMPARE(model.index(newRow, BranchListModel::RowCountColumn).data().toString(), QStringLiteral("…"));
    QVERIFY(model.index(newRow, 0).data(Qt::ToolTipRole).toString().contains(QStringLiteral("counting")));
}

void TestItemModels::branchListReloadKeepsRowsWhenBranchesStayTheSame()
{
    BranchListModel model;
    QAbstractItemModelTester tester(&model, kTesterMode);
    QVERIFY(model.reload(*m_store).ok());
    const int before = model.rowCount();

    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
    QVERIFY(model.reload(*m_store).ok());
    QCOMPARE(resets.count(), 0);
    QCOMPARE(changes.count(), 1);
    QCOMPARE(model.rowCount(), before);

    Engine engine(*m_store, QStringLiteral("tester"));
    QVERIFY(engine.createBranch(QStringLiteral("aaa-new"), kMainBranch).ok());
    QVERIFY(model.reload(*m_store).ok());
    QCOMPARE(resets.count(), 1);
    QCOMPARE(model.rowCount(), before + 1);
    // main stays pinned on top even though "aaa-new" sorts before it.
    QCOMPARE(model.branchNames().first(), kMainBranch);
    QVERIFY(model.branchNames().contains(QStringLiteral("aaa-new")));
    QVERIFY(engine.deleteBranch(QStringLiteral("aaa-new")).ok());
}

void TestItemModels::labelRowsFetchLazilyPageByPage()
{
    LabelRowTableModel model;
    model.setPageSize(7);
    RowQuery query;
    query.branch = kMainBranch;
    query.includeUninitialised = true;
    model.setQuery(query);
    model.setStore(m_store.get());

    Result<int> total = m_store->countRows(query);
    QVERIFY(total.ok());
    QVERIFY(total.value() > LabelRowTableModel::kCachedPages * 7 / 4);
    QCOMPARE(model.totalCount(), total.value());
    QCOMPARE(model.rowCount(), total.value()); // every row is there; only the first page is read
    QCOMPARE(model.loadedCount(), 7);

    // The last row (Ctrl+End) reads only its own page.
    Result<QList<LabelRowSummary>> all = m_store->listRows(query);
    QVERIFY(all.ok());
    const int last = total.value() - 1;
    QCOMPARE(model.index(last, 0).data(LabelRowTableModel::DataHashRole).toString(),
             all->constLast().dataHash);
    QCOMPARE(model.loadedCount(), 7 + (total.value() % 7 == 0 ? 7 : total.value() % 7));
    QCOMPARE(model.rowOfDataHash(all->constLast().dataHash), last);

    // Every row in order, while at most kCachedPages pages are held.
    QCOMPARE(columnValues(model, LabelRowTableModel::DataHashRole), dataHashesOf(all.value()));
    QVERIFY(model.loadedCount() <= LabelRowTableModel::kCachedPages * 7);
    const QStringList hashes = columnValues(model, LabelRowTableModel::DataHashRole);
    QCOMPARE(QSet<QString>(hashes.cbegin(), hashes.cend()).size(), hashes.size());

    // Refresh starts again from the first page.
    model.refresh();
    QCOMPARE(model.loadedCount(), 7);
    QCOMPARE(model.totalCount(), total.value());

    model.setStore(nullptr);
    QCOMPARE(model.rowCount(), 0);

    LabelRowTableModel checked;
    QAbstractItemModelTester tester(&checked, kTesterMode);
    checked.setPageSize(7);
    checked.setStore(m_store.get());
    checked.setQuery(query);
    QCOMPARE(checked.rowCount(), total.value());
    QCOMPARE(columnValues(checked, LabelRowTableModel::DataHashRole), dataHashesOf(all.value()));
    checked.refresh();
    QCOMPARE(checked.rowCount(), total.value());
    checked.setStore(nullptr);
    QCOMPARE(checked.rowCount(), 0);
}

void TestItemModels::labelRowsSortByStoreQuery()
{
    LabelRowTableModel model;
    QAbstractItemModelTester tester(&model, kTesterMode);
    model.setPageSize(9);
    model.setStore(m_store.get());
    const int total = model.totalCount();
    QVERIFY(total > 0);

    model.sort(LabelRowTableModel::ObjectCountColumn, Qt::DescendingOrder);
    QCOMPARE(model.query().order, RowQuery::Order::ObjectCount);
    QVERIFY(model.query().descending);
    QVERIFY(model.rowCount() >= 9);
    QCOMPARE(model.rowCount(), total);
    const QList<int> counts = intValues(model, LabelRowTableModel::ObjectCountRole);
    for (qsizetype i = 1; i < counts.size(); ++i)
        QVERIFY2(counts.at(i - 1) >= counts.at(i), qPrintable(QStringLiteral("row %1").arg(i)));
    QVERIFY(counts.first() > counts.last()); // the demo has rows of different sizes

    model.sort(LabelRowTableModel::ObjectCountColumn, Qt::AscendingOrder);
    const QList<int> ascending = intValues(model, LabelRowTableModel::ObjectCountRole);
    for (qsizetype i = 1; i < ascending.size(); ++i)
        QVERIFY(ascending.at(i - 1) <= ascending.at(i));

    // Same order as the store gives for the same query, page boundaries and all.
    model.sort(LabelRowTableModel::TitleColumn, Qt::DescendingOrder);
    RowQuery query = model.query();
    Result<QList<LabelRowSummary>> listed = m_store->listRows(query);
    QVERIFY(listed.ok());
    QCOMPARE(columnValues(model, LabelRowTableModel::DataHashRole), dataHashesOf(listed.value()));

    model.sort(LabelRowTableModel::LastEditedColumn, Qt::AscendingOrder);
    QDateTime previous;
    for (int row = 0; row < model.rowCount(); ++row) {
        const QDateTime edited = model.index(row, 0).data(LabelRowTableModel::LastEditedRole).toDateTime();
        if (previous.isValid() && edited.isValid())
            QVERIFY(previous <= edited);
        if (edited.isValid())
            previous = edited;
    }

    // A column the store cannot order by leaves the model alone.
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    model.sort(LabelRowTableModel::TypeColumn, Qt::AscendingOrder);
    QCOMPARE(resets.count(), 0);
    QCOMPARE(model.query().order, RowQuery::Order::LastEdited);
    QVERIFY(!LabelRowTableModel::isSortableColumn(LabelRowTableModel::LabelHashColumn));
    QCOMPARE(LabelRowTableModel::columnForOrder(RowQuery::Order::Status),
             int(LabelRowTableModel::StatusColumn));
}

void TestItemModels::labelRowsFilterByTitleStatusAndHash()
{
    RowQuery everything;
    everything.branch = kMainBranch;
    Result<QList<LabelRowSummary>> all = m_store->listRows(everything);
    QVERIFY(all.ok());
    QVERIFY(all->size() > 3);

    LabelRowTableModel model;
    QAbstractItemModelTester tester(&model, kTesterMode);
    model.setPageSize(5);
    model.setStore(m_store.get());

    // Title contains: a piece of one title, matched case-insensitively as SQL LIKE does for ASCII.
    // _ and % would be LIKE wildcards: take the longest stretch of the title without them.
    QString piece;
    for (const QString &part : all->at(2).dataTitle.split(QRegularExpression(QStringLiteral("[_%]")))) {
        if (part.size() > piece.size())
            piece = part;
    }
    QVERIFY(!piece.isEmpty());
    LabelRowFilter filter;
    filter.titleContains = piece;
    model.applyFilter(filter);
    QCOMPARE(model.query().titleLike, QLatin1Char('%') + piece + QLatin1Char('%'));
    int expected = 0;
    for (const LabelRowSummary &row : all.value())
        expected += row.dataTitle.contains(piece, Qt::CaseInsensitive) ? 1 : 0;
    QVERIFY(expected >= 1);
    QCOMPARE(model.totalCount(), expected);
    QCOMPARE(model.rowCount(), expected);
    for (const QString &shown : columnValues(model, LabelRowTableModel::TitleRole))
        QVERIFY2(shown.contains(piece, Qt::CaseInsensitive), qPrintable(shown));

    // Status.
    const QString status = all->at(0).labelStatus;
    filter = LabelRowFilter();
    filter.statuses = {status};
    model.applyFilter(filter);
    expected = 0;
    for (const LabelRowSummary &row : all.value())
        expected += row.labelStatus == status ? 1 : 0;
    QCOMPARE(model.totalCount(), expected);
    for (const QString &shown : columnValues(model, LabelRowTableModel::StatusRole))
        QCOMPARE(shown, status);
    QCOMPARE(model.index(0, LabelRowTableModel::StatusColumn).data().toString(),
             LabelRowTableModel::statusDisplay(status));

    // A pasted data hash, then a pasted label hash: the model finds out which kind it is.
    filter = LabelRowFilter();
    filter.hashes = {all->at(1).dataHash};
    model.applyFilter(filter);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, 0).data(LabelRowTableModel::DataHashRole).toString(), all->at(1).dataHash);
    QCOMPARE(model.query().dataHashes, QStringList{all->at(1).dataHash});

    filter.hashes = {QStringLiteral("  ") + all->at(3).labelHash + QStringLiteral(" ")};
    model.applyFilter(filter);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, 0).data(LabelRowTableModel::LabelHashRole).toString(), all->at(3).labelHash);
    QCOMPARE(model.query().labelHashes, QStringList{all->at(3).labelHash});
    QVERIFY(model.query().dataHashes.isEmpty());

    filter.hashes = {QStringLiteral("no-such-hash")};
    model.applyFilter(filter);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.totalCount(), 0);

    // Clearing the filter shows everything again; the filter round-trips.
    model.applyFilter(LabelRowFilter());
    QCOMPARE(model.totalCount(), int(all->size()));
    QVERIFY(model.filter().titleContains.isEmpty());
}

void TestItemModels::labelRowsOnlyInitialisedVersusAll()
{
    // Pick a branch with uninitialised data units.
    Result<QList<BranchInfo>> branches = m_store->branches();
    QVERIFY(branches.ok());
    RowQuery everything;
    everything.includeUninitialised = true;
    const int units = m_store->countRows(everything).value();
    QString sparse;
    int initialised = 0;
    for (const BranchInfo &info : branches.value()) {
        if (info.rowCount < units) {
            sparse = info.name;
            initialised = info.rowCount;
            break;
        }
    }
    QVERIFY2(!sparse.isEmpty(), "the demo project has a branch with uninitialised rows");

    LabelRowTableModel model;
    QAbstractItemModelTester tester(&model, kTesterMode);
    model.setPageSize(11);
    model.setStore(m_store.get());
    QSignalSpy totals(&model, &LabelRowTableModel::totalCountChanged);
    model.setBranch(sparse);
    QCOMPARE(model.branch(), sparse);
    QCOMPARE(model.totalCount(), initialised);
    for (int row = 0; row < model.rowCount(); ++row)
        QVERIFY(model.index(row, 0).data(LabelRowTableModel::IsInitialisedRole).toBool());

    LabelRowFilter filter;
    filter.includeUninitialised = true;
    model.applyFilter(filter);
    QCOMPARE(model.totalCount(), units);
    QVERIFY(totals.count() >= 1);
    int uninitialisedShown = 0;
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.index(row, 0).data(LabelRowTableModel::IsInitialisedRole).toBool())
            continue;
        ++uninitialisedShown;
        QVERIFY(model.index(row, 0).data(LabelRowTableModel::LabelHashRole).toString().isEmpty());
        QCOMPARE(model.index(row, LabelRowTableModel::StatusColumn).data().toString(),
                 QStringLiteral("Uninitialised"));
        QVERIFY(model.index(row, LabelRowTableModel::ObjectCountColumn).data().toString().isEmpty());
    }
    QCOMPARE(uninitialisedShown, units - initialised);
}

void TestItemModels::labelRowsReportStoreErrorsAndStopFetching()
{
    LabelRowTableModel model;
    QAbstractItemModelTester tester(&model, kTesterMode);
    model.setStore(m_store.get());
    QVERIFY(model.rowCount() > 0);

    QSignalSpy errors(&model, &LabelRowTableModel::errorOccurred);
    RowQuery contradictory;
    contradictory.branch = kMainBranch;
    contradictory.allBranches = true; // one branch and all branches at once: an error (docs/product.md §2.1)
    model.setQuery(contradictory);
    QCOMPARE(errors.count(), 1);
    QVERIFY(!errors.first().first().toString().isEmpty());
    QCOMPARE(model.lastError(), errors.first().first().toString());
    QCOMPARE(model.rowCount(), 0);

    RowQuery fine;
    model.setQuery(fine);
    QVERIFY(model.lastError().isEmpty());
    QVERIFY(model.rowCount() > 0);
}

void TestItemModels::labelRowsSelectionHelpers()
{
    LabelRowTableModel model;
    model.setStore(m_store.get());
    QVERIFY(model.rowCount() >= 3);
    const QModelIndexList selection = {model.index(2, 0), model.index(0, 3), model.index(2, 5),
                                       model.index(1, 1)};
    const QStringList dataHashes = model.dataHashesOf(selection);
    QCOMPARE(dataHashes.size(), 3);
    QCOMPARE(dataHashes.at(0), model.rowAt(0)->dataHash);
    QCOMPARE(dataHashes.at(2), model.rowAt(2)->dataHash);
    QCOMPARE(model.labelHashesOf(selection).size(), 3);
    QCOMPARE(model.rowOfDataHash(model.rowAt(1)->dataHash), 1);
    QCOMPARE(model.rowOfDataHash(QStringLiteral("nope")), -1);
    QCOMPARE(LabelRowTableModel::statusDisplay(QStringLiteral("LABEL_IN_PROGRESS")),
             QStringLiteral("Label in progress"));
}

void TestItemModels::diffModelShowsHandWrittenValues()
{
    const BranchDiff diff = handWrittenDiff();
    BranchDiffModel model;
    QAbstractItemModelTester tester(&model, kTesterMode);
    showDiff(model, diff, carPersonOntology());

    QCOMPARE(model.rowCount(), 7);
    // Ontology classes in ontology order (even Bike, which never occurs), then the unknown class.
    QCOMPARE(model.classCount(), 4);
    QCOMPARE(model.columnCount(), BranchDiffModel::FirstClassColumn + 4);
    const int first = BranchDiffModel::FirstClassColumn;
    QCOMPARE(model.headerData(first, Qt::Horizontal).toString(), QStringLiteral("Person"));
    QCOMPARE(model.headerData(first + 1, Qt::Horizontal).toString(), QStringLiteral("Car"));
    QCOMPARE(model.headerData(first + 2, Qt::Horizontal).toString(), QStringLiteral("Bike"));
    QCOMPARE(model.headerData(first + 3, Qt::Horizontal).toString(), QStringLiteral("fh-unknown"));
    QCOMPARE(model.headerData(first + 1, Qt::Horizontal, BranchDiffModel::FeatureHashRole).toString(),
             QStringLiteral("fh-car"));
    QCOMPARE(model.columnOfClass(QStringLiteral("fh-car")), first + 1);
    QCOMPARE(model.classFeatureHash(first + 3), QStringLiteral("fh-unknown"));
    QCOMPARE(model.headerData(BranchDiffModel::SourceCountColumn, Qt::Horizontal).toString(),
             QStringLiteral("main"));
    QCOMPARE(model.headerData(BranchDiffModel::TargetCountColumn, Qt::Horizontal).toString(),
             QStringLiteral("candidate"));

    // b.jpg: 2 -> 5, car +2, person +1.
    QCOMPARE(model.index(1, BranchDiffModel::TitleColumn).data().toString(), QStringLiteral("b.jpg"));
    QCOMPARE(model.index(1, BranchDiffModel::SourceCountColumn).data().toString(), QStringLiteral("2"));
    QCOMPARE(model.index(1, BranchDiffModel::TargetCountColumn).data().toString(), QStringLiteral("5"));
    QCOMPARE(model.index(1, BranchDiffModel::DeltaColumn).data().toString(), QStringLiteral("+3"));
    QCOMPARE(model.index(1, BranchDiffModel::DeltaColumn).data(BranchDiffModel::DeltaRole).toInt(), 3);
    QCOMPARE(model.index(1, BranchDiffModel::StatusColumn).data().toString(),
             diffStatusDisplay(DiffStatus::CountDiffers));
    QCOMPARE(model.index(1, 0).data(BranchDiffModel::DiffStatusRole).toInt(), int(DiffStatus::CountDiffers));
    QCOMPARE(model.index(1, 0).data(BranchDiffModel::DiffStatusNameRole).toString(),
             diffStatusName(DiffStatus::CountDiffers));
    QCOMPARE(model.index(1, first).data(BranchDiffModel::DeltaRole).toInt(), 1);
    QCOMPARE(model.index(1, first + 1).data().toString(), QStringLiteral("+2"));
    QCOMPARE(model.index(1, first + 2).data().toString(), QString()); // no change: blank cell
    QCOMPARE(model.index(1, first + 2).data(BranchDiffModel::DeltaRole).toInt(), 0);
    QCOMPARE(model.index(1, BranchDiffModel::DeltaColumn).data(BranchDiffModel::ChangeKindRole).toInt(),
             int(BranchDiffModel::ChangeKind::Added));

    // c.jpg changed with the same count: delta 0, kind Changed, class deltas +1 / −1.
    QCOMPARE(model.index(2, BranchDiffModel::DeltaColumn).data().toString(), QStringLiteral("0"));
    QCOMPARE(model.index(2, BranchDiffModel::DeltaColumn).data(BranchDiffModel::ChangeKindRole).toInt(),
             int(BranchDiffModel::ChangeKind::Changed));
    QCOMPARE(model.index(2, first).data().toString(), QStringLiteral("\u22121"));
    QCOMPARE(model.index(2, first).data(BranchDiffModel::ChangeKindRole).toInt(),
             int(BranchDiffModel::ChangeKind::Removed));

    // d.jpg only on the source: the target side shows no row, and it counts as a removal.
    QCOMPARE(model.index(3, BranchDiffModel::TargetCountColumn).data().toString(), QStringLiteral("\u2014"));
    QCOMPARE(model.index(3, BranchDiffModel::DeltaColumn).data().toString(), QStringLiteral("\u22122"));
    QCOMPARE(model.index(3, 0).data(BranchDiffModel::ChangeKindRole).toInt(),
             int(BranchDiffModel::ChangeKind::Removed));

    // f.jpg only on the target, with a class the ontology does not know.
    QCOMPARE(model.index(5, first + 3).data(BranchDiffModel::DeltaRole).toInt(), 1);
    QCOMPARE(model.index(5, 0).data(BranchDiffModel::ChangeKindRole).toInt(),
             int(BranchDiffModel::ChangeKind::Added));

    QCOMPARE(model.index(0, 0).data(BranchDiffModel::IsDifferenceRole).toBool(), false);
    QCOMPARE(model.index(4, 0).data(BranchDiffModel::IsDifferenceRole).toBool(), false);
    QCOMPARE(model.index(1, 0).data(BranchDiffModel::DataHashRole).toString(), QStringLiteral("hash-b.jpg"));
    QCOMPARE(model.rowOfDataHash(QStringLiteral("hash-f.jpg")), 5);
    QCOMPARE(model.entryAt(6)->dataTitle, QStringLiteral("g.jpg"));
    QCOMPARE(model.summary().differences(), 4);

    // Without an ontology the classes of the diff are shown by feature hash.
    showDiff(model, diff);
    QCOMPARE(model.classCount(), 3);
    QCOMPARE(model.headerData(first, Qt::Horizontal).toString(), QStringLiteral("fh-car"));

    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.columnCount(), int(BranchDiffModel::FirstClassColumn));
}

void TestItemModels::diffModelEqualsEngineDiff()
{
    Engine engine(*m_store, QStringLiteral("tester"));
    Result<BranchDiff> diff = engine.diff(kMainBranch, DemoGenerator::preLabelsBranch());
    QVERIFY2(diff.ok(), qPrintable(diff.error()));
    Result<Ontology> ontology = m_store->ontology();
    QVERIFY(ontology.ok());

    BranchDiffModel model;
    QAbstractItemModelTester tester(&model, kTesterMode);
    model.setPageSize(3); // rows on many pages, more than the model keeps: read as they are asked for
    showStoreDiff(model, *m_store, ontology.value());
    QCOMPARE(model.rowCount(), int(diff->entries.size()));
    QVERIFY(model.rowCount() > BranchDiffModel::kPagesKept * model.pageSize());
    QVERIFY(model.classCount() >= int(ontology->objects.size()));

    int differences = 0;
    for (int row = 0; row < model.rowCount(); ++row) {
        const DiffEntry &entry = diff->entries.at(row);
        QCOMPARE(model.index(row, BranchDiffModel::TitleColumn).data().toString(), entry.dataTitle);
        QCOMPARE(model.index(row, 0).data(BranchDiffModel::DataHashRole).toString(), entry.dataHash);
        QCOMPARE(model.index(row, 0).data(BranchDiffModel::SourceCountRole).toInt(), entry.sourceCount);
        QCOMPARE(model.index(row, 0).data(BranchDiffModel::TargetCountRole).toInt(), entry.targetCount);
        QCOMPARE(model.index(row, BranchDiffModel::DeltaColumn).data(BranchDiffModel::DeltaRole).toInt(),
                 entry.delta);
        QCOMPARE(model.index(row, BranchDiffModel::DeltaColumn).data().toString(),
                 BranchDiffModel::formatDelta(entry.delta));
        QCOMPARE(model.index(row, 0).data(BranchDiffModel::DiffStatusRole).toInt(), int(entry.status));
        for (int c = 0; c < model.classCount(); ++c) {
            const int column = BranchDiffModel::FirstClassColumn + c;
            QCOMPARE(model.index(row, column).data(BranchDiffModel::DeltaRole).toInt(),
                     entry.classDeltas.value(model.classFeatureHash(column), 0));
        }
        differences += model.index(row, 0).data(BranchDiffModel::IsDifferenceRole).toBool() ? 1 : 0;
    }
    QCOMPARE(differences, diff->summary.differences());
    QVERIFY(differences > 0); // the demo's pre-labels differ from main
}

void TestItemModels::diffModelShowsThreeWayColumn()
{
    BranchDiff diff = handWrittenDiff();
    // b.jpg conflicts, c.jpg changed only on the target, d.jpg only on the source, a.jpg unchanged since its
    // copy.
    diff.entries[0].threeWay = ThreeWayStatus::Unchanged;
    diff.entries[1].threeWay = ThreeWayStatus::Conflict;
    diff.entries[2].threeWay = ThreeWayStatus::TargetChanged;
    diff.entries[3].threeWay = ThreeWayStatus::SourceChanged;
    BranchDiffModel model;
    QAbstractItemModelTester tester(&model, kTesterMode);
    showDiff(model, diff, carPersonOntology());

    const int column = BranchDiffModel::ThreeWayColumn;
    QVERIFY(column < BranchDiffModel::FirstClassColumn);
    QCOMPARE(model.headerData(column, Qt::Horizontal).toString(), QStringLiteral("Since copy"));
    QVERIFY(model.headerData(column, Qt::Horizontal, Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("main")));
    for (int row = 0; row < model.rowCount(); ++row) {
        const ThreeWayStatus status = diff.entries.at(row).threeWay;
        const QModelIndex index = model.index(row, column);
        QCOMPARE(index.data(BranchDiffModel::ThreeWayRole).toInt(), int(status));
        QCOMPARE(index.data(BranchDiffModel::ThreeWayNameRole).toString(), threeWayStatusName(status));
        QCOMPARE(index.data().toString(), BranchDiffModel::threeWayShortText(status));
        QVERIFY(!index.data(Qt::ToolTipRole).toString().isEmpty());
    }
    // Rows labelbranch did not copy from this source stay blank; the others say which side moved.
    QCOMPARE(model.index(4, column).data().toString(), QString());
    QVERIFY(model.index(1, column).data().toString().contains(QStringLiteral("Conflict")));
    QVERIFY(model.index(1, column).data(Qt::ToolTipRole).toString().contains(QStringLiteral("candidate")));
    QCOMPARE(model.index(2, column).data().toString(), QStringLiteral("Target edited"));
    QCOMPARE(model.index(3, column).data().toString(), QStringLiteral("Source edited"));
    QCOMPARE(model.index(0, column).data().toString(), QStringLiteral("Unchanged"));
}

void TestItemModels::diffModelFiltersAndSortsThroughTheStore()
{
    Result<Ontology> ontology = m_store->ontology();
    QVERIFY(ontology.ok());
    BranchDiffModel model;
    QAbstractItemModelTester tester(&model, kTesterMode);
    answerRowRequests(model, *m_store);
    showStoreDiff(model, *m_store, ontology.value());
    const int all = model.rowCount();
    QCOMPARE(all, model.summary().total);

    model.setOnlyDifferences(true);
    QCOMPARE(model.rowCount(), model.summary().differences());
    for (int row = 0; row < model.rowCount(); ++row)
        QVERIFY(model.index(row, 0).data(BranchDiffModel::IsDifferenceRole).toBool());

    const QString title = model.entryAt(3)->dataTitle;
    model.setTextFilter(title.toUpper());
    QVERIFY(model.rowCount() >= 1);
    for (int row = 0; row < model.rowCount(); ++row)
        QVERIFY(model.entryAt(row)->dataTitle.contains(title, Qt::CaseInsensitive));
    model.setTextFilter(QString());
    model.setOnlyDifferences(false);
    QCOMPARE(model.rowCount(), all);

    model.setStatusFilter({DiffStatus::Identical, DiffStatus::OnlyInSource});
    QCOMPARE(model.rowCount(), model.summary().identical + model.summary().onlyInSource);
    model.setStatusFilter({});

    // The row the view is on keeps its data unit's key across a new order.
    const qint64 unit = model.unitAt(10);
    const QString dataHash = model.entryAt(10)->dataHash;
    model.sort(BranchDiffModel::DeltaColumn, Qt::DescendingOrder);
    QCOMPARE(model.rowCount(), all);
    const QList<int> deltas = intValues(model, BranchDiffModel::DeltaRole, BranchDiffModel::DeltaColumn);
    for (qsizetype i = 1; i < deltas.size(); ++i)
        QVERIFY(deltas.at(i - 1) >= deltas.at(i));
    QCOMPARE(model.entryAt(model.rowOfUnit(unit))->dataHash, dataHash);
    QCOMPARE(model.rowOfDataHash(dataHash), model.rowOfUnit(unit));

    model.sort(BranchDiffModel::StatusColumn, Qt::AscendingOrder);
    for (int row = 1; row < model.rowCount(); ++row)
        QVERIFY(BranchDiffModel::statusRank(
                    DiffStatus(model.index(row - 1, 0).data(BranchDiffModel::DiffStatusRole).toInt())) <=
                BranchDiffModel::statusRank(
                    DiffStatus(model.index(row, 0).data(BranchDiffModel::DiffStatusRole).toInt())));

    // A class column sorts by that class's delta, as a number.
    const int classColumn = BranchDiffModel::FirstClassColumn;
    model.sort(classColumn, Qt::AscendingOrder);
    const QList<int> classDeltas = intValues(model, BranchDiffModel::DeltaRole, classColumn);
    for (qsizetype i = 1; i < classDeltas.size(); ++i)
        QVERIFY(classDeltas.at(i - 1) <= classDeltas.at(i));
    QVERIFY(classDeltas.first() < classDeltas.last());

    // Column -1: the comparison's own order, by title.
    model.sort(-1);
    const QStringList titles = columnValues(model, Qt::DisplayRole);
    for (qsizetype i = 1; i < titles.size(); ++i)
        QVERIFY(titles.at(i - 1) <= titles.at(i));

    // Rows of another query than the current one are not shown.
    DiffRowSet stale;
    stale.query = model.query();
    stale.query.onlyDifferences = !stale.query.onlyDifferences;
    QVERIFY(!model.setRows(stale));
    QCOMPARE(model.rowCount(), all);
}

void TestItemModels::diffNextAndPreviousDifference()
{
    BranchDiffModel model;
    showDiff(model, handWrittenDiff(), carPersonOntology());
    // Differences at rows 1, 2, 3, 5.
    QCOMPARE(model.nextDifferenceRow(-1), 1);
    QCOMPARE(model.nextDifferenceRow(1), 2);
    QCOMPARE(model.nextDifferenceRow(3), 5);
    QCOMPARE(model.nextDifferenceRow(5), 1); // wraps
    QCOMPARE(model.nextDifferenceRow(5, false), -1);
    QCOMPARE(model.previousDifferenceRow(-1), 5);
    QCOMPARE(model.previousDifferenceRow(5), 3);
    QCOMPARE(model.previousDifferenceRow(1), 5); // wraps
    QCOMPARE(model.previousDifferenceRow(1, false), -1);
    QCOMPARE(model.previousDifferenceRow(0, false), -1);
    QCOMPARE(model.nextDifferenceRow(6, false), -1);

    BranchDiff identical;
    DiffEntry same;
    same.dataHash = QStringLiteral("x");
    identical.entries = {same};
    showDiff(model, identical);
    QCOMPARE(model.nextDifferenceRow(-1), -1);
    QCOMPARE(model.previousDifferenceRow(0), -1);
    model.clear();
    QCOMPARE(model.nextDifferenceRow(-1), -1);
}

void TestItemModels::deltaFormatting()
{
    QCOMPARE(BranchDiffModel::formatDelta(3), QStringLiteral("+3"));
    QCOMPARE(BranchDiffModel::formatDelta(-2), QStringLiteral("\u22122"));
    QCOMPARE(BranchDiffModel::formatDelta(0), QStringLiteral("0"));
    QVERIFY(BranchDiffModel::statusRank(DiffStatus::CountDiffers) <
            BranchDiffModel::statusRank(DiffStatus::Identical));
}

QTEST_GUILESS_MAIN(TestItemModels)
#include "tst_itemmodels.moc"
