#include "demo/demogenerator.h"
#include "engine/branchcomparison.h"
#include "engine/engine.h"
#include "items/classchartmodel.h"
#include "store/sqlite/sqlitestore.h"

#include <memory>
#include <QTemporaryDir>
#include <QtTest>

using namespace lb;

namespace {

const QString kMain = QStringLiteral("main");

LabelRowSummary summaryWith(const QString &dataHash, const QHash<QString, int> &classCounts)
{
    LabelRowSummary row;
    row.dataHash = dataHash;
    row.labelHash = QStringLiteral("label-") + dataHash;
    row.classCounts = classCounts;
    for (int count : classCounts)
        row.objectCount += count;
    return row;
}

} // namespace

class TestClassChartModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void wholeCompareEqualsEngineClassTotals();
    void rowsOfAllDataUnitsEqualEngineClassTotals();
    void selectionCountsOnlySelectedDataUnits();
    void classesFollowOntologyOrderThenUnknownByName();
    void selectionSummaryChartsLikeFromRows();

private:
    QTemporaryDir m_dir;
    DemoGenerator m_generator{DemoGenerator::kSmallSize};
    std::unique_ptr<SqliteStore> m_store;
    Ontology m_ontology;
};

void TestClassChartModel::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const QString path = m_dir.filePath(QStringLiteral("demo.lbproj"));
    const Result<DemoReport> report = m_generator.writeProject(path);
    QVERIFY2(report.ok(), qPrintable(report.error()));
    Result<std::unique_ptr<SqliteStore>> store = SqliteStore::open(path);
    QVERIFY2(store.ok(), qPrintable(store.error()));
    m_store = std::move(store).value();
    const Result<Ontology> ontology = m_store->ontology();
    QVERIFY2(ontology.ok(), qPrintable(ontology.error()));
    m_ontology = ontology.value();
}

void TestClassChartModel::wholeCompareEqualsEngineClassTotals()
{
    Engine engine(*m_store, QStringLiteral("tester"));
    const Result<BranchDiff> diff = engine.diff(kMain, DemoGenerator::preLabelsBranch());
    QVERIFY2(diff.ok(), qPrintable(diff.error()));

    const ClassChartModel chart = ClassChartModel::fromDiff(diff.value(), m_ontology);
    QCOMPARE(chart.sourceBranch(), kMain);
    QCOMPARE(chart.targetBranch(), DemoGenerator::preLabelsBranch());
    QCOMPARE(chart.dataUnitCount(), diff->summary.total);
    QVERIFY(!chart.isEmpty());

    const DiffSummary &summary = diff->summary;
    QSet<QString> classes;
    for (auto it = summary.sourceClassTotals.cbegin(); it != summary.sourceClassTotals.cend(); ++it)
        if (it.value() != 0)
            classes.insert(it.key());
    for (auto it = summary.targetClassTotals.cbegin(); it != summary.targetClassTotals.cend(); ++it)
        if (it.value() != 0)
            classes.insert(it.key());
    QCOMPARE(chart.entries().size(), classes.size());
    for (const QString &featureHash : classes) {
        const ClassChartEntry *entry = chart.entry(featureHash);
        QVERIFY2(entry, qPrintable(featureHash));
        QCOMPARE(entry->source, summary.sourceClassTotals.value(featureHash));
        QCOMPARE(entry->target, summary.targetClassTotals.value(featureHash));
        QCOMPARE(entry->name, m_ontology.nameOf(featureHash));
    }
    QCOMPARE(chart.sourceTotal(), summary.sourceObjects);
    QCOMPARE(chart.targetTotal(), summary.targetObjects);
    // The demo's pre-labels differ from main, so the chart has something to show.
    QVERIFY(chart.sourceTotal() != chart.targetTotal() ||
            std::any_of(chart.entries().cbegin(), chart.entries().cend(),
                        [](const ClassChartEntry &e) { return e.delta() != 0; }));
}

void TestClassChartModel::rowsOfAllDataUnitsEqualEngineClassTotals()
{
    Engine engine(*m_store, QStringLiteral("tester"));
    const Result<BranchDiff> diff = engine.diff(kMain, DemoGenerator::preLabelsBranch());
    QVERIFY2(diff.ok(), qPrintable(diff.error()));

    RowQuery query;
    query.includeUninitialised = true;
    query.branch = kMain;
    const Result<QList<LabelRowSummary>> sourceRows = m_store->listRows(query);
    QVERIFY2(sourceRows.ok(), qPrintable(sourceRows.error()));
    query.branch = DemoGenerator::preLabelsBranch();
    const Result<QList<LabelRowSummary>> targetRows = m_store->listRows(query);
    QVERIFY2(targetRows.ok(), qPrintable(targetRows.error()));

    const ClassChartModel fromRows = ClassChartModel::fromRows(
        kMain, sourceRows.value(), DemoGenerator::preLabelsBranch(), targetRows.value(), m_ontology);
    const ClassChartModel fromDiff = ClassChartModel::fromDiff(diff.value(), m_ontology);
    QCOMPARE(fromRows.dataUnitCount(), diff->summary.total);
    QCOMPARE(fromRows.entries().size(), fromDiff.entries().size());
    for (int i = 0; i < fromDiff.entries().size(); ++i) {
        QCOMPARE(fromRows.entries().at(i).featureHash, fromDiff.entries().at(i).featureHash);
        QCOMPARE(fromRows.entries().at(i).source, fromDiff.entries().at(i).source);
        QCOMPARE(fromRows.entries().at(i).target, fromDiff.entries().at(i).target);
    }
}

void TestClassChartModel::selectionCountsOnlySelectedDataUnits()
{
    // Expected numbers come straight from the label JSON of the selected rows, not from the stored summaries.
    const QList<DataUnit> units = m_generator.dataUnits();
    QVERIFY(units.size() >= 6);
    QSet<QString> selection;
    for (int i = 1; i < 6; i += 2)
        selection.insert(units.at(i).dataHash);

    QHash<QString, int> expectedSource, expectedTarget;
    const auto expectFrom = [&](const QString &branch, QHash<QString, int> &expected) {
        const Result<QList<LabelRowDocument>> rows = m_generator.rows(branch, 0, int(units.size()));
        QVERIFY2(rows.ok(), qPrintable(rows.error()));
        for (const LabelRowDocument &row : rows.value()) {
            if (!selection.contains(row.dataHash()))
                continue;
            const QHash<QString, int> counts = row.classCounts();
            for (auto it = counts.cbegin(); it != counts.cend(); ++it)
                expected[it.key()] += it.value();
        }
    };
    expectFrom(kMain, expectedSource);
    expectFrom(DemoGenerator::preLabelsBranch(), expectedTarget);

    RowQuery query;
    query.includeUninitialised = true;
    query.branch = kMain;
    const Result<QList<LabelRowSummary>> sourceRows = m_store->listRows(query);
    QVERIFY2(sourceRows.ok(), qPrintable(sourceRows.error()));
    query.branch = DemoGenerator::preLabelsBranch();
    const Result<QList<LabelRowSummary>> targetRows = m_store->listRows(query);
    QVERIFY2(targetRows.ok(), qPrintable(targetRows.error()));

    const ClassChartModel chart =
        ClassChartModel::fromRows(kMain, sourceRows.value(), DemoGenerator::preLabelsBranch(),
                                  targetRows.value(), m_ontology, selection);
    QCOMPARE(chart.dataUnitCount(), 3);
    QVERIFY(!chart.isEmpty());
    for (const OntologyObject &object : m_ontology.objects) {
        const ClassChartEntry *entry = chart.entry(object.featureHash);
        const int source = expectedSource.value(object.featureHash);
        const int target = expectedTarget.value(object.featureHash);
        if (source == 0 && target == 0) {
            QVERIFY2(!entry, qPrintable(object.name));
            continue;
        }
        QVERIFY2(entry, qPrintable(object.name));
        QCOMPARE(entry->source, source);
        QCOMPARE(entry->target, target);
        QCOMPARE(entry->color, object.color);
    }
}

void TestClassChartModel::classesFollowOntologyOrderThenUnknownByName()
{
    Ontology ontology;
    ontology.objects = {
        {QStringLiteral("fB"), QStringLiteral("Bus"), QStringLiteral("bounding_box"),
         QStringLiteral("#112233")},
        {QStringLiteral("fA"), QStringLiteral("Auto"), QStringLiteral("polygon"), QStringLiteral("#445566")},
        {QStringLiteral("fE"), QStringLiteral("Empty"), QStringLiteral("point"), QStringLiteral("#778899")}};
    const QList<LabelRowSummary> source = {
        summaryWith(QStringLiteral("d1"), {{QStringLiteral("fA"), 2}, {QStringLiteral("zz-unknown"), 1}}),
        summaryWith(QStringLiteral("d2"), {{QStringLiteral("fB"), 3}})};
    const QList<LabelRowSummary> target = {
        summaryWith(QStringLiteral("d1"), {{QStringLiteral("fA"), 1}, {QStringLiteral("aa-unknown"), 4}}),
        summaryWith(QStringLiteral("d2"), {{QStringLiteral("fB"), 5}})};

    const ClassChartModel chart =
        ClassChartModel::fromRows(QStringLiteral("s"), source, QStringLiteral("t"), target, ontology);
    QStringList order;
    for (const ClassChartEntry &entry : chart.entries())
        order.append(entry.featureHash);
    QCOMPARE(order, (QStringList{QStringLiteral("fB"), QStringLiteral("fA"), QStringLiteral("aa-unknown"),
                                 QStringLiteral("zz-unknown")}));
    QCOMPARE(chart.entry(QStringLiteral("fB"))->source, 3);
    QCOMPARE(chart.entry(QStringLiteral("fB"))->target, 5);
    QCOMPARE(chart.entry(QStringLiteral("fA"))->delta(), -1);
    QCOMPARE(chart.entry(QStringLiteral("aa-unknown"))->name, QStringLiteral("aa-unknown"));
    QCOMPARE(chart.sourceTotal(), 6);
    QCOMPARE(chart.targetTotal(), 10);
    QCOMPARE(chart.maxCount(), 5);
    QCOMPARE(chart.dataUnitCount(), 2);
}

void TestClassChartModel::selectionSummaryChartsLikeFromRows()
{
    RowQuery query;
    query.branch = kMain;
    const Result<QList<LabelRowSummary>> sourceRows = m_store->listRows(query);
    QVERIFY2(sourceRows.ok(), qPrintable(sourceRows.error()));
    query.branch = DemoGenerator::preLabelsBranch();
    const Result<QList<LabelRowSummary>> targetRows = m_store->listRows(query);
    QVERIFY2(targetRows.ok(), qPrintable(targetRows.error()));

    const auto sameChart = [](const ClassChartModel &a, const ClassChartModel &b) {
        if (a.entries().size() != b.entries().size() || a.dataUnitCount() != b.dataUnitCount() ||
            a.sourceBranch() != b.sourceBranch() || a.targetBranch() != b.targetBranch())
            return false;
        for (qsizetype i = 0; i < a.entries().size(); ++i) {
            const ClassChartEntry &x = a.entries().at(i);
            const ClassChartEntry &y = b.entries().at(i);
            if (x.featureHash != y.featureHash || x.source != y.source || x.target != y.target ||
                x.name != y.name)
                return false;
        }
        return true;
    };

    // The Classes dock charts a selection from the comparison's totals over the selected data units.
    BranchComparison comparison(*m_store);
    DiffQuery diffQuery;
    diffQuery.sourceBranch = kMain;
    diffQuery.targetBranch = DemoGenerator::preLabelsBranch();
    const Result<QList<DiffRowKey>> rows = comparison.rows(diffQuery);
    QVERIFY(rows);
    for (int step : {1, 3, 7, 29}) {
        QList<qint64> units;
        for (qsizetype i = rows->size() - 1; i >= 0; i -= step)
            units.append(rows->at(i).unit);
        const Result<QList<DiffEntry>> entries = comparison.entries(kMain, diffQuery.targetBranch, units);
        QVERIFY(entries);
        QSet<QString> selectedHashes;
        for (const DiffEntry &entry : entries.value())
            selectedHashes.insert(entry.dataHash);
        const Result<DiffSummary> summary = comparison.summary(kMain, diffQuery.targetBranch, {}, &units);
        QVERIFY(summary);
        QCOMPARE(summary->total, int(units.size()));
        const ClassChartModel chart =
            ClassChartModel::fromSummary(kMain, diffQuery.targetBranch, summary.value(), m_ontology);
        QVERIFY2(sameChart(chart, ClassChartModel::fromRows(kMain, sourceRows.value(), diffQuery.targetBranch,
                                                            targetRows.value(), m_ontology, selectedHashes)),
                 qPrintable(QString::number(step)));
    }
}

QTEST_GUILESS_MAIN(TestClassChartModel)
#include "tst_classchartmodel.moc"
