// ReportBuilder on the demo project: its totals are the comparison's, its metrics QualityMeasure's, and its
// most changed data units are those a diff of every differing data unit ranks first (the units it passes
// over unread could not have ranked); a cancel stops it.

#include "demo/demogenerator.h"
#include "engine/branchcomparison.h"
#include "engine/qualitymeasure.h"
#include "report/reportbuilder.h"
#include "store/sqlite/sqlitestore.h"

#include <algorithm>
#include <atomic>
#include <QTemporaryDir>
#include <QtTest>

using namespace lb;

namespace {

struct Ranked
{
    QString dataHash;
    int changed = 0;
    int classifications = 0;
};

// Every differing data unit diffed, most changed objects first, ties in the comparison's order.
QList<Ranked> rankedByHand(Store &store, const QString &source, const QString &target)
{
    QList<Ranked> ranked;
    const Result<BranchDiff> diff = BranchComparison(store).diff(source, target);
    if (!diff)
        return ranked;
    for (const DiffEntry &entry : diff->entries) {
        if (!diffStatusIsDifference(entry.status))
            continue;
        const auto row = [&store](const QString &branch,
                                  const QString &hash) -> std::optional<LabelRowDocument> {
            if (hash.isEmpty())
                return std::nullopt;
            Result<QList<LabelRowDocument>> rows = store.fetchContents(branch, {hash});
            return rows && !rows->isEmpty() ? std::optional(rows->constFirst()) : std::nullopt;
        };
        const std::optional<LabelRowDocument> s = row(source, entry.sourceLabelHash);
        const std::optional<LabelRowDocument> t = row(target, entry.targetLabelHash);
        const ObjectDiff objects = computeObjectDiff(s ? &*s : nullptr, t ? &*t : nullptr);
        const Ranked unit{entry.dataHash, objects.added + objects.removed + objects.edited,
                          objects.classificationsAdded + objects.classificationsRemoved +
                              objects.classificationsChanged};
        if (unit.changed + unit.classifications > 0)
            ranked.append(unit);
    }
    std::stable_sort(ranked.begin(), ranked.end(), [](const Ranked &a, const Ranked &b) {
        return a.changed != b.changed ? a.changed > b.changed : a.classifications > b.classifications;
    });
    return ranked;
}

} // namespace

class TestReportBuilder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("demo.lbproj"));
        const Result<DemoReport> demo = DemoGenerator().writeProject(m_path);
        QVERIFY2(demo.ok(), qPrintable(demo.error()));
    }

    void topUnitsAreTheMostChanged_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("target");
        QTest::addColumn<int>("top");
        QTest::newRow("pre-labels, 10") << DemoGenerator::preLabelsBranch() << QStringLiteral("main") << 10;
        QTest::newRow("pre-labels, 40") << DemoGenerator::preLabelsBranch() << QStringLiteral("main") << 40;
        QTest::newRow("snapshot, 5") << DemoGenerator::exportBranch() << QStringLiteral("main") << 5;
        QTest::newRow("review, 3") << DemoGenerator::reviewBranch() << QStringLiteral("main") << 3;
    }

    void topUnitsAreTheMostChanged()
    {
        QFETCH(QString, source);
        QFETCH(QString, target);
        QFETCH(int, top);
        auto store = SqliteStore::open(m_path);
        QVERIFY(store.ok());
        ReportOptions options;
        options.source = source;
        options.target = target;
        options.topUnits = top;
        const Result<ReportData> report = ReportBuilder::run(*store.value(), options);
        QVERIFY2(report.ok(), qPrintable(report.error()));
        const QList<Ranked> expected = rankedByHand(*store.value(), source, target);
        QVERIFY(expected.size() > top);
        QCOMPARE(report->topUnits.size(), top);
        for (int i = 0; i < top; ++i) {
            QCOMPARE(report->topUnits.at(i).changedObjects(), expected.at(i).changed);
            QCOMPARE(report->topUnits.at(i).entry.dataHash, expected.at(i).dataHash);
        }
        // The totals are the comparison's; the metrics are those of `metrics` (the target is the reference).
        const Result<DiffSummary> summary = BranchComparison(*store.value()).summary(source, target);
        QVERIFY(summary.ok());
        QCOMPARE(report->summary.total, summary->total);
        QCOMPARE(report->summary.countDiffers, summary->countDiffers);
        QCOMPARE(report->summary.onlyInSource, summary->onlyInSource);
        QCOMPARE(report->summary.sourceClassTotals, summary->sourceClassTotals);
        QualityMeasure::Options measure;
        measure.reference = target;
        measure.prediction = source;
        const Result<QualityMetrics> metrics = QualityMeasure::run(*store.value(), measure);
        QVERIFY(metrics.ok());
        QCOMPARE(report->metrics.classes(), metrics->classes());
        QCOMPARE(report->metrics.confusion(), metrics->confusion());
    }

    void cancelStops()
    {
        auto store = SqliteStore::open(m_path);
        QVERIFY(store.ok());
        std::atomic_bool cancelled{true};
        JobControl control;
        control.cancelFlag = &cancelled;
        ReportOptions options;
        options.source = DemoGenerator::preLabelsBranch();
        options.target = QStringLiteral("main");
        const Result<ReportData> report = ReportBuilder::run(*store.value(), options, control);
        QVERIFY(!report.ok());
        QCOMPARE(report.errorKind(), ErrorKind::Cancelled);
    }

private:
    QTemporaryDir m_dir;
    QString m_path;
};

QTEST_GUILESS_MAIN(TestReportBuilder)
#include "tst_reportbuilder.moc"
