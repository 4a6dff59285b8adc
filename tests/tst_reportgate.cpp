// The gates of `report --fail-if`: parsing (metrics, operators, percentages, classes, refusals) and their
// evaluation on a report's counts and metrics (model/report/reportgate.h).

#include "report/reportgate.h"

#include <QtTest>

using namespace lb;

namespace {

const QString kCar = QStringLiteral("car-hash");
const QString kBike = QStringLiteral("bike-hash");

// 200 data units: 10 only on the target, 6 only on the source, 4 + 5 edited; Car: 8 matched, 2 missed,
// 1 extra; Bike: only extras.
ReportData sampleReport()
{
    ReportData report;
    report.ontology.objects = {OntologyObject{}, OntologyObject{}};
    report.ontology.objects[0].featureHash = kCar;
    report.ontology.objects[0].name = QStringLiteral("Car");
    report.ontology.objects[1].featureHash = kBike;
    report.ontology.objects[1].name = QStringLiteral("Bike");
    report.summary.total = 200;
    report.summary.onlyInTarget = 10;
    report.summary.onlyInSource = 6;
    report.summary.changedSameCount = 4;
    report.summary.countDiffers = 5;
    report.summary.identical = 175;
    report.metrics.addIdentical({{kCar, 8}});
    report.metrics.addMissed({{kCar, 2}});
    report.metrics.addExtra({{kCar, 1}, {kBike, 3}});
    return report;
}

ReportGate parsed(const QString &text)
{
    Result<ReportGate> gate = parseReportGate(text);
    if (!gate)
        qWarning("%s", qPrintable(gate.error()));
    return gate ? gate.value() : ReportGate();
}

GateOutcome evaluated(const QString &text, const ReportData &report)
{
    QList<ReportGate> gates{parsed(text)};
    const Result<void> resolved = resolveGateClasses(gates, report.ontology);
    if (!resolved)
        qWarning("%s", qPrintable(resolved.error()));
    return evaluateGate(gates.constFirst(), report);
}

} // namespace

class TestReportGate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesMetricOperatorAndValue()
    {
        const ReportGate changed = parsed(QStringLiteral(" changed > 5% "));
        QCOMPARE(changed.metric, ReportGate::Metric::Changed);
        QCOMPARE(changed.op, ReportGate::Operator::Greater);
        QVERIFY(changed.percent);
        QCOMPARE(changed.threshold, 0.05);
        QCOMPARE(changed.text, QStringLiteral("changed > 5%"));

        const ReportGate recall = parsed(QStringLiteral("Recall[car]<=0.9"));
        QCOMPARE(recall.metric, ReportGate::Metric::Recall);
        QCOMPARE(recall.op, ReportGate::Operator::LessOrEqual);
        QCOMPARE(recall.className, QStringLiteral("car"));
        QCOMPARE(recall.threshold, 0.9);
        QVERIFY(!recall.percent);

        QCOMPARE(parsed(QStringLiteral("f1>=90%")).threshold, 0.9);
        QCOMPARE(parsed(QStringLiteral("added==0")).op, ReportGate::Operator::Equal);
        QCOMPARE(parsed(QStringLiteral("iou<.5")).metric, ReportGate::Metric::IoU);
        QCOMPARE(parsed(QStringLiteral("edited>=3")).op, ReportGate::Operator::GreaterOrEqual);
    }

    void refusesMalformedGates_data()
    {
        QTest::addColumn<QString>("gate");
        QTest::addColumn<QString>("says");
        QTest::newRow("no operator") << "changed 5%"
                                     << "METRIC OPERATOR VALUE";
        QTest::newRow("unknown metric") << "recal<0.9"
                                        << "unknown metric";
        QTest::newRow("single =") << "added=0"
                                  << "==";
        QTest::newRow("no value") << "recall<"
                                  << "not a number";
        QTest::newRow("words") << "recall<high"
                               << "not a number";
        QTest::newRow("negative") << "changed>-1"
                                  << "not a number";
        QTest::newRow("over 100%") << "changed>150%"
                                   << "at most 100%";
        QTest::newRow("ratio over 1") << "recall<90"
                                      << "ratio from 0 to 1";
        QTest::newRow("class on a count") << "added[car]>0"
                                          << "takes no class";
        QTest::newRow("empty class") << "recall[]<0.9"
                                     << "name a class";
        QTest::newRow("fractional count") << "added>0.5"
                                          << "whole number";
        QTest::newRow("empty") << ""
                               << "METRIC OPERATOR VALUE";
    }

    void refusesMalformedGates()
    {
        QFETCH(QString, gate);
        QFETCH(QString, says);
        const Result<ReportGate> parsedGate = parseReportGate(gate);
        QVERIFY(!parsedGate);
        QCOMPARE(parsedGate.errorKind(), ErrorKind::Usage);
        QVERIFY2(parsedGate.error().contains(says), qPrintable(parsedGate.error()));
        QVERIFY2(parsedGate.error().contains(QStringLiteral("--fail-if")), qPrintable(parsedGate.error()));
    }

    void unknownClassIsRefused()
    {
        QList<ReportGate> gates{parsed(QStringLiteral("recall[Truck]<0.9"))};
        const Result<void> resolved = resolveGateClasses(gates, sampleReport().ontology);
        QVERIFY(!resolved);
        QCOMPARE(resolved.errorKind(), ErrorKind::Usage);
        QVERIFY(resolved.error().contains(QStringLiteral("Car, Bike")));
    }

    void countsOfDataUnits()
    {
        const ReportData report = sampleReport();
        // 25 of 200 changed: 12.5 %.
        GateOutcome changed = evaluated(QStringLiteral("changed>5%"), report);
        QVERIFY(changed.failed);
        QCOMPARE(*changed.actual, 0.125);
        QVERIFY(changed.describe(report).contains(QStringLiteral("12.50%")));
        QVERIFY(changed.describe(report).contains(QStringLiteral("25 of 200")));
        QVERIFY(!evaluated(QStringLiteral("changed>12.5%"), report).failed);
        QVERIFY(evaluated(QStringLiteral("changed>=12.5%"), report).failed);
        QCOMPARE(*evaluated(QStringLiteral("added>0"), report).actual, 10.0);
        QCOMPARE(*evaluated(QStringLiteral("removed>0"), report).actual, 6.0);
        QCOMPARE(*evaluated(QStringLiteral("edited>0"), report).actual, 9.0);
        QVERIFY(evaluated(QStringLiteral("edited==9"), report).failed);
        QVERIFY(!evaluated(QStringLiteral("edited==8"), report).failed);
        QVERIFY(!evaluated(QStringLiteral("added<10"), report).failed);
        QVERIFY(evaluated(QStringLiteral("added<=10"), report).failed);
    }

    void ratiosOverallAndPerClass()
    {
        const ReportData report = sampleReport();
        // Overall: 8 TP, 4 FP, 2 FN: recall 0.8, precision 2/3.
        const GateOutcome recall = evaluated(QStringLiteral("recall<0.9"), report);
        QVERIFY(recall.failed);
        QCOMPARE(*recall.actual, 0.8);
        QVERIFY(recall.describe(report).contains(QStringLiteral("0.8000")));
        QVERIFY(!evaluated(QStringLiteral("recall<0.8"), report).failed);
        QVERIFY(evaluated(QStringLiteral("recall<=80%"), report).failed);
        QVERIFY(qAbs(*evaluated(QStringLiteral("precision<1"), report).actual - 2.0 / 3.0) < 1e-12);
        QCOMPARE(*evaluated(QStringLiteral("iou<1"), report).actual, 1.0);
        // Car alone: 8 TP, 1 FP: precision 8/9; the class by name in any case.
        const GateOutcome car = evaluated(QStringLiteral("precision[CAR]<0.9"), report);
        QVERIFY(car.failed);
        QVERIFY(qAbs(*car.actual - 8.0 / 9.0) < 1e-12);
        QVERIFY(car.describe(report).contains(QStringLiteral("\"Car\"")));
        // Bike has no reference objects: recall has no cases and holds no gate.
        const GateOutcome bike = evaluated(QStringLiteral("recall[Bike]<0.9"), report);
        QVERIFY(!bike.actual);
        QVERIFY(!bike.failed);
        QVERIFY(bike.describe(report).contains(QStringLiteral("no cases")));
        QCOMPARE(*evaluated(QStringLiteral("precision[bike-hash]>0"), report).actual, 0.0);
    }

    void percentOfNoDataUnitsIsZero()
    {
        ReportData empty;
        const GateOutcome outcome = evaluated(QStringLiteral("changed>0%"), empty);
        QCOMPARE(*outcome.actual, 0.0);
        QVERIFY(!outcome.failed);
    }
};

QTEST_GUILESS_MAIN(TestReportGate)
#include "tst_reportgate.moc"
