#include "demo/demogenerator.h"
#include "engine/branchcomparison.h"
#include "engine/engine.h"
#include "store/sqlite/sqlitestore.h"
#include "support/forwardingstore.h"

#include <memory>
#include <QTemporaryDir>
#include <QtTest>

using namespace lb;

namespace {

// The same project, compared from listings: what a store without its own comparison gets.
class ListingOnlyStore : public test::ForwardingStore
{
public:
    using test::ForwardingStore::ForwardingStore;
    bool comparesBranches() const override { return false; }
};

QStringList dataHashesOf(const QList<DiffEntry> &entries)
{
    QStringList hashes;
    for (const DiffEntry &entry : entries)
        hashes.append(entry.dataHash);
    return hashes;
}

void compareEntries(const DiffEntry &sql, const DiffEntry &listed)
{
    QCOMPARE(sql.dataHash, listed.dataHash);
    QCOMPARE(sql.dataTitle, listed.dataTitle);
    QCOMPARE(sql.dataType, listed.dataType);
    QCOMPARE(sql.sourceLabelHash, listed.sourceLabelHash);
    QCOMPARE(sql.targetLabelHash, listed.targetLabelHash);
    QCOMPARE(sql.sourceCount, listed.sourceCount);
    QCOMPARE(sql.targetCount, listed.targetCount);
    QCOMPARE(sql.delta, listed.delta);
    QCOMPARE(sql.status, listed.status);
    QCOMPARE(sql.classDeltas, listed.classDeltas);
    QCOMPARE(sql.sourceClassCounts, listed.sourceClassCounts);
    QCOMPARE(sql.targetClassCounts, listed.targetClassCounts);
    QCOMPARE(sql.sourceContentHash, listed.sourceContentHash);
    QCOMPARE(sql.targetContentHash, listed.targetContentHash);
    QCOMPARE(sql.threeWay, listed.threeWay);
}

void compareSummaries(const DiffSummary &sql, const DiffSummary &listed)
{
    for (int status = 0; status <= int(DiffStatus::UninitialisedOnBoth); ++status)
        QCOMPARE(sql.count(DiffStatus(status)), listed.count(DiffStatus(status)));
    QCOMPARE(sql.total, listed.total);
    QCOMPARE(sql.sourceObjects, listed.sourceObjects);
    QCOMPARE(sql.targetObjects, listed.targetObjects);
    QCOMPARE(sql.sourceClassTotals, listed.sourceClassTotals);
    QCOMPARE(sql.targetClassTotals, listed.targetClassTotals);
    QCOMPARE(sql.unchangedSinceCopy, listed.unchangedSinceCopy);
    QCOMPARE(sql.sourceChangedSinceCopy, listed.sourceChangedSinceCopy);
    QCOMPARE(sql.targetChangedSinceCopy, listed.targetChangedSinceCopy);
    QCOMPARE(sql.conflicts, listed.conflicts);
}

QList<DiffEntry> readAll(BranchComparison &comparison, const DiffQuery &query)
{
    QList<DiffEntry> entries;
    const Result<qint64> read = comparison.forEach(
        query,
        [&entries](const DiffEntry &entry) -> Result<void> {
            entries.append(entry);
            return {};
        },
        {}, 150); // pages smaller than the comparison, so paging itself is exercised
    if (!read)
        qWarning("%s", qPrintable(read.error()));
    return entries;
}

} // namespace

// The project file compares branches in SQL; every figure, entry and order must be what comparing the two
// listings gives (diff/branchdiff.h), for every order, filter and direction.
class TestBranchComparison : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void summariesMatchListings();
    void everyOrderAndFilterMatchesListings();
    void summaryOverChosenUnitsCountsOnlyThose();
    void unknownBranchIsRefused();

private:
    QList<std::pair<QString, QString>> pairs() const;

    QTemporaryDir m_dir;
    std::unique_ptr<SqliteStore> m_store;
    std::unique_ptr<ListingOnlyStore> m_listing;
};

void TestBranchComparison::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const QString path = m_dir.filePath(QStringLiteral("demo.lbproj"));
    const Result<DemoReport> report = DemoGenerator(600).writeProject(path);
    QVERIFY2(report.ok(), qPrintable(report.error()));
    Result<std::unique_ptr<SqliteStore>> store = SqliteStore::open(path);
    QVERIFY2(store.ok(), qPrintable(store.error()));
    m_store = std::move(store).value();
    // Rows copied from main and then edited on either side: every three-way status occurs.
    Engine engine(*m_store, QStringLiteral("tester"));
    CopyRequest sync;
    sync.sourceBranch = DemoGenerator::preLabelsBranch();
    sync.targetBranch = QStringLiteral("review-alice");
    const Result<CopyResult> synced = engine.sync(sync);
    QVERIFY2(synced.ok(), qPrintable(synced.error()));
    m_listing = std::make_unique<ListingOnlyStore>(*m_store);
}

QList<std::pair<QString, QString>> TestBranchComparison::pairs() const
{
    const QStringList branches = {QStringLiteral("main"), DemoGenerator::preLabelsBranch(),
                                  QStringLiteral("review-alice"), QStringLiteral("export-2026-11-20")};
    QList<std::pair<QString, QString>> pairs;
    for (const QString &source : branches)
        for (const QString &target : branches)
            if (source != target)
                pairs.append({source, target});
    return pairs;
}

void TestBranchComparison::summariesMatchListings()
{
    BranchComparison sql(*m_store), listed(*m_listing);
    int withCopies = 0, differences = 0;
    for (const auto &[source, target] : pairs()) {
        const Result<DiffSummary> a = sql.summary(source, target);
        const Result<DiffSummary> b = listed.summary(source, target);
        QVERIFY2(a && b, qPrintable(source + QStringLiteral(" -> ") + target));
        compareSummaries(a.value(), b.value());
        // The summary is the sum of the entries (the CLI prints it from the one pass over them).
        DiffQuery all;
        all.sourceBranch = source;
        all.targetBranch = target;
        DiffSummary summed;
        for (const DiffEntry &entry : readAll(sql, all))
            summed.add(entry);
        compareSummaries(summed, a.value());
        differences += a->differences();
        withCopies += a->unchangedSinceCopy + a->sourceChangedSinceCopy + a->targetChangedSinceCopy;
    }
    QVERIFY(withCopies > 0);
    QVERIFY(differences > 0);
}

void TestBranchComparison::everyOrderAndFilterMatchesListings()
{
    BranchComparison sql(*m_store), listed(*m_listing);
    const QList<DiffQuery::Order> orders = {DiffQuery::Order::Title,       DiffQuery::Order::SourceCount,
                                            DiffQuery::Order::TargetCount, DiffQuery::Order::Delta,
                                            DiffQuery::Order::Status,      DiffQuery::Order::ThreeWay,
                                            DiffQuery::Order::ClassDelta};
    const Result<DiffSummary> totals = sql.summary(QStringLiteral("main"), DemoGenerator::preLabelsBranch());
    QVERIFY(totals && !totals->targetClassTotals.isEmpty());
    const QString someClass = totals->targetClassTotals.keys().constFirst();
    const QList<std::pair<QString, QString>> compared = {
        {QStringLiteral("main"), DemoGenerator::preLabelsBranch()},
        {DemoGenerator::preLabelsBranch(), QStringLiteral("main")},
        {QStringLiteral("main"), QStringLiteral("review-alice")},
        {DemoGenerator::preLabelsBranch(), QStringLiteral("review-alice")}};
    for (const auto &[source, target] : compared) {
        for (DiffQuery::Order order : orders) {
            for (int variant = 0; variant < 4; ++variant) {
                DiffQuery query;
                query.sourceBranch = source;
                query.targetBranch = target;
                query.order = order;
                query.orderClass = someClass;
                query.descending = variant % 2 == 1;
                query.onlyDifferences = variant == 1;
                if (variant == 2)
                    query.statuses = {DiffStatus::OnlyInSource, DiffStatus::Identical};
                if (variant == 3)
                    query.text = QStringLiteral("0_1"); // '_' is taken literally, not as a wildcard
                const QList<DiffEntry> a = readAll(sql, query);
                const QList<DiffEntry> b = readAll(listed, query);
                const QString what = QStringLiteral("%1 -> %2, order %3, variant %4")
                                         .arg(source, target)
                                         .arg(int(order))
                                         .arg(variant);
                QVERIFY2(dataHashesOf(a) == dataHashesOf(b), qPrintable(what));
                // Every entry names its data unit by the key rows() gives for it, in the same order.
                for (BranchComparison *comparison : {&sql, &listed}) {
                    const Result<QList<DiffRowKey>> keys = comparison->rows(query);
                    QVERIFY2(keys.ok(), qPrintable(what));
                    const QList<DiffEntry> &entries = comparison == &sql ? a : b;
                    QCOMPARE(keys->size(), entries.size());
                    for (qsizetype i = 0; i < entries.size(); ++i)
                        QVERIFY2(keys->at(i).unit == entries.at(i).unit, qPrintable(what));
                }
                for (qsizetype i = 0; i < a.size(); ++i)
                    compareEntries(a.at(i), b.at(i));
                if (variant == 0)
                    QVERIFY2(!a.isEmpty(), qPrintable(what));
                for (const DiffEntry &entry : a) {
                    QVERIFY(query.matches(entry.status));
                    if (variant == 3)
                        QVERIFY(entry.dataTitle.contains(query.text) || entry.dataHash.contains(query.text));
                }
            }
        }
    }
}

void TestBranchComparison::summaryOverChosenUnitsCountsOnlyThose()
{
    BranchComparison sql(*m_store), listed(*m_listing);
    DiffQuery query;
    query.sourceBranch = QStringLiteral("main");
    query.targetBranch = DemoGenerator::preLabelsBranch();
    query.onlyDifferences = true;
    for (BranchComparison *comparison : {&sql, &listed}) {
        const Result<QList<DiffRowKey>> rows = comparison->rows(query);
        QVERIFY2(rows && rows->size() > 20, qPrintable(rows ? QString() : rows.error()));
        QList<qint64> chosen;
        for (int i = 0; i < 20; ++i)
            chosen.append(rows->at(i).unit);
        const Result<DiffSummary> part =
            comparison->summary(query.sourceBranch, query.targetBranch, {}, &chosen);
        QVERIFY2(part, qPrintable(part ? QString() : part.error()));
        QCOMPARE(part->total, 20);
        QCOMPARE(part->differences(), 20);
        const Result<QList<DiffEntry>> entries =
            comparison->entries(query.sourceBranch, query.targetBranch, chosen);
        QVERIFY(entries);
        int sourceObjects = 0, targetObjects = 0;
        for (const DiffEntry &entry : entries.value()) {
            sourceObjects += entry.sourceCount;
            targetObjects += entry.targetCount;
        }
        QCOMPARE(part->sourceObjects, sourceObjects);
        QCOMPARE(part->targetObjects, targetObjects);
        int classTotal = 0;
        for (int count : part->targetClassTotals)
            classTotal += count;
        QVERIFY(classTotal <= targetObjects);
    }
    const QList<qint64> none;
    const Result<DiffSummary> empty = sql.summary(query.sourceBranch, query.targetBranch, {}, &none);
    QVERIFY(empty);
    QCOMPARE(empty->total, 0);
    QVERIFY(empty->sourceClassTotals.isEmpty());
}

void TestBranchComparison::unknownBranchIsRefused()
{
    BranchComparison sql(*m_store);
    DiffQuery query;
    query.sourceBranch = QStringLiteral("main");
    query.targetBranch = QStringLiteral("no-such-branch");
    const Result<QList<DiffRowKey>> rows = sql.rows(query);
    QVERIFY(!rows);
    QVERIFY2(rows.error().contains(QStringLiteral("no-such-branch")), qPrintable(rows.error()));
    QVERIFY(!sql.summary(QStringLiteral("nope"), QStringLiteral("main")));
}

QTEST_GUILESS_MAIN(TestBranchComparison)
#include "tst_branchcomparison.moc"
