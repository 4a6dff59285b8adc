// The search for where a cell of the quality metrics happens (QualityMeasure::findCell and cellOn,
// engine/qualitycellsearch.cpp) on the demo project, both ways round and with a class filter: for every
// confusion cell and every class's TP, FP and FN it finds exactly run()'s number of pairs, each data unit at
// most once, and cellOn finds on each of them the pairs findCell counted there; a cancelled search says so.

#include "demo/demogenerator.h"
#include "engine/branchcomparison.h"
#include "engine/qualitymeasure.h"
#include "store/sqlite/sqlitestore.h"

#include <memory>
#include <QTemporaryDir>
#include <QtTest>

using namespace lb;

namespace {

// run()'s number for a cell.
qint64 expectedPairs(const QualityMetrics &metrics, const QualityCell &cell)
{
    const ClassQuality q = metrics.classes().value(cell.referenceClass);
    switch (cell.kind) {
    case QualityCell::Kind::Confusion:
        return metrics.confusion().value(cell.referenceClass).value(cell.predictedClass);
    case QualityCell::Kind::TruePositives:
        return q.truePositives;
    case QualityCell::Kind::FalsePositives:
        return q.falsePositives;
    case QualityCell::Kind::FalseNegatives:
        return q.falseNegatives;
    }
    return -1;
}

// Every cell of a measurement: its confusion cells (zero ones included) and each class's counts.
QList<QualityCell> cellsOf(const QualityMetrics &metrics)
{
    QStringList classes = metrics.classes().keys();
    QList<QualityCell> cells;
    for (const QString &reference : classes + QStringList{QualityMetrics::none()}) {
        for (const QString &predicted : classes + QStringList{QualityMetrics::none()}) {
            if (!reference.isNull() || !predicted.isNull())
                cells.append(QualityCell::confusion(reference, predicted));
        }
    }
    for (const QString &feature : classes) {
        for (const auto kind : {QualityCell::Kind::TruePositives, QualityCell::Kind::FalsePositives,
                                QualityCell::Kind::FalseNegatives})
            cells.append(QualityCell::of(kind, feature));
    }
    return cells;
}

} // namespace

class TestQualityCellSearch : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<SqliteStore> m_store;

    void verifyEveryCell(const QualityMeasure::Options &options)
    {
        const Result<QualityMetrics> metrics = QualityMeasure::run(*m_store, options);
        QVERIFY2(metrics.ok(), qPrintable(metrics.error()));
        QVERIFY(metrics->overall().truePositives > 0);
        int nonEmpty = 0;
        for (const QualityCell &cell : cellsOf(*metrics)) {
            QHash<QString, int> perUnit;
            QHash<QString, qint64> units;
            const Result<qint64> found = QualityMeasure::findCell(
                *m_store, options, cell, [&](const QualityCellUnit &unit) -> Result<void> {
                    if (perUnit.contains(unit.dataHash))
                        return fail(ErrorKind::Failed, QStringLiteral("data unit reported twice"));
                    perUnit.insert(unit.dataHash, unit.pairs);
                    units.insert(unit.dataHash, unit.unit);
                    return {};
                });
            QVERIFY2(found.ok(), qPrintable(found.error()));
            const qint64 expected = expectedPairs(*metrics, cell);
            QCOMPARE(found.value(), expected);
            qint64 sum = 0;
            for (const int pairs : std::as_const(perUnit)) {
                QVERIFY(pairs > 0);
                sum += pairs;
            }
            QCOMPARE(sum, expected);
            nonEmpty += expected > 0 ? 1 : 0;
            if (perUnit.isEmpty())
                continue;
            // cellOn on a few of those data units, with the compare's entry of each.
            QList<qint64> keys = units.values().mid(0, 3);
            const Result<QList<DiffEntry>> entries =
                BranchComparison(*m_store).entries(options.reference, options.prediction, keys);
            QVERIFY(entries.ok());
            for (const DiffEntry &entry : entries.value()) {
                const Result<QualityCellUnit> on = QualityMeasure::cellOn(*m_store, options, cell, entry);
                QVERIFY2(on.ok(), qPrintable(on.error()));
                QCOMPARE(on->pairs, perUnit.value(entry.dataHash));
                QVERIFY(!(on->referenceObjects.isEmpty() && on->predictedObjects.isEmpty()));
            }
        }
        QVERIFY(nonEmpty > 3);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QString path = m_dir.filePath(QStringLiteral("demo.lbproj"));
        const Result<DemoReport> demo = DemoGenerator(DemoGenerator::kSmallSize).writeProject(path);
        QVERIFY2(demo.ok(), qPrintable(demo.error()));
        auto store = SqliteStore::open(path);
        QVERIFY2(store.ok(), qPrintable(store.error()));
        m_store = std::move(store).value();
    }

    void everyCellMatchesTheMeasure()
    {
        QualityMeasure::Options options;
        options.reference = QStringLiteral("main");
        options.prediction = DemoGenerator::preLabelsBranch();
        verifyEveryCell(options);
    }

    void theOtherWayRound()
    {
        QualityMeasure::Options options;
        options.reference = DemoGenerator::preLabelsBranch();
        options.prediction = QStringLiteral("main");
        verifyEveryCell(options);
    }

    void withAClassFilterAndAnotherThreshold()
    {
        QualityMeasure::Options options;
        options.reference = QStringLiteral("main");
        options.prediction = DemoGenerator::preLabelsBranch();
        options.iouThreshold = 0.9;
        const Ontology ontology = DemoGenerator(DemoGenerator::kSmallSize).ontology();
        QVERIFY(ontology.objects.size() > 2);
        options.classes = {ontology.objects.at(0).featureHash, ontology.objects.at(1).featureHash};
        verifyEveryCell(options);
    }

    void cancelledSearchSaysSo()
    {
        QualityMeasure::Options options;
        options.reference = QStringLiteral("main");
        options.prediction = DemoGenerator::preLabelsBranch();
        const std::atomic_bool cancelled = true;
        JobControl control;
        control.cancelFlag = &cancelled;
        const Result<qint64> found = QualityMeasure::findCell(
            *m_store, options, QualityCell::confusion(QString(), QStringLiteral("x")),
            [](const QualityCellUnit &) -> Result<void> { return {}; }, control);
        QVERIFY(!found.ok());
        QCOMPARE(found.errorKind(), ErrorKind::Cancelled);
    }
};

QTEST_GUILESS_MAIN(TestQualityCellSearch)
#include "tst_qualitycellsearch.moc"
