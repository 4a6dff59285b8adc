// The Metrics view's item models (items/metricstablemodel.h, items/confusionmatrixmodel.h) over a measurement
// worked out by hand, the cells they hand to the drill-down (diff/qualitycell.h) and the pairs addFrame lists
// for it, and the Compare table's restriction to a set of data units (BranchDiffModel::setUnitRestriction).

#include "diff/qualitycell.h"
#include "diff/qualitymetrics.h"
#include "items/branchdiffmodel.h"
#include "items/confusionmatrixmodel.h"
#include "items/metricstablemodel.h"

#include <QSignalSpy>
#include <QtTest>

using namespace lb;

namespace {

const QString kCar = QStringLiteral("car-hash");
const QString kPerson = QStringLiteral("person-hash");
const QString kSign = QStringLiteral("sign-hash"); // not in the ontology

ObjectAnnotation box(const char *hash, const QString &feature, double x, double y)
{
    ObjectAnnotation o;
    o.objectHash = QString::fromLatin1(hash);
    o.featureHash = feature;
    o.geometry.shape = ShapeType::BoundingBox;
    o.geometry.x = x;
    o.geometry.y = y;
    o.geometry.w = 0.2;
    o.geometry.h = 0.2;
    return o;
}

// Reference: cars A and B, person C. Prediction: car A (same hash and box), a person where B is, nothing near
// C, a car where the reference has nothing. Then an identical frame of 3 people and 2 extra signs.
QualityMetrics measured(QList<CountedPair> *pairs = nullptr)
{
    QualityMetrics metrics;
    metrics.addFrame({box("A", kCar, 0.0, 0.0), box("B", kCar, 0.5, 0.5), box("C", kPerson, 0.8, 0.0)},
                     {box("A", kCar, 0.0, 0.0), box("b", kPerson, 0.5, 0.5), box("d", kCar, 0.3, 0.8)},
                     MatchOptions{}, pairs);
    metrics.addIdentical({{kPerson, 3}});
    metrics.addExtra({{kSign, 2}});
    return metrics;
}

Ontology ontology()
{
    Ontology o;
    o.objects.append(
        {kPerson, QStringLiteral("Person"), QStringLiteral("bounding_box"), QStringLiteral("#00ff00")});
    o.objects.append(
        {kCar, QStringLiteral("Car"), QStringLiteral("bounding_box"), QStringLiteral("#ff0000")});
    return o;
}

DiffEntry entry(qint64 unit, const char *hash)
{
    DiffEntry e;
    e.unit = unit;
    e.dataHash = QString::fromLatin1(hash);
    e.dataTitle = e.dataHash;
    return e;
}

} // namespace

class TestMetricsTableModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rowsFollowTheOntologyThenUnknownClasses()
    {
        MetricsTableModel model;
        QVERIFY(model.isEmpty());
        QCOMPARE(model.rowCount(), 0);
        model.setMetrics(measured(), ontology());
        QCOMPARE(model.rowCount(), 4); // Person, Car, sign-hash, overall
        QCOMPARE(model.index(0, MetricsTableModel::ClassColumn).data().toString(), QStringLiteral("Person"));
        QCOMPARE(model.index(1, MetricsTableModel::ClassColumn).data().toString(), QStringLiteral("Car"));
        QCOMPARE(model.index(2, MetricsTableModel::ClassColumn).data().toString(), kSign);
        QCOMPARE(model.index(1, MetricsTableModel::ClassColumn).data(MetricsTableModel::ColorRole).toString(),
                 QStringLiteral("#ff0000"));
        QVERIFY(model.index(3, 0).data(MetricsTableModel::OverallRole).toBool());
        QCOMPARE(model.rowOfClass(kCar), 1);
        QCOMPARE(model.rowOfClass(QStringLiteral("nothing")), -1);
    }

    void valuesAreTheMeasurement()
    {
        const QualityMetrics metrics = measured();
        MetricsTableModel model;
        model.setMetrics(metrics, ontology());
        for (int row = 0; row < model.rowCount(); ++row) {
            const QString feature = model.index(row, 0).data(MetricsTableModel::FeatureHashRole).toString();
            const ClassQuality q = feature.isEmpty() ? metrics.overall() : metrics.classes().value(feature);
            const auto value = [&](int column) {
                return model.index(row, column).data(MetricsTableModel::ValueRole);
            };
            QCOMPARE(value(MetricsTableModel::TruePositivesColumn).toInt(), q.truePositives);
            QCOMPARE(value(MetricsTableModel::FalsePositivesColumn).toInt(), q.falsePositives);
            QCOMPARE(value(MetricsTableModel::FalseNegativesColumn).toInt(), q.falseNegatives);
            QCOMPARE(value(MetricsTableModel::PrecisionColumn).isValid(), q.precision().has_value());
            if (q.precision())
                QCOMPARE(value(MetricsTableModel::PrecisionColumn).toDouble(), *q.precision());
            if (q.f1())
                QCOMPARE(value(MetricsTableModel::F1Column).toDouble(), *q.f1());
            QCOMPARE(model.index(row, MetricsTableModel::MeanIoUColumn).data().toString(),
                     MetricsTableModel::formatRatio(q.meanIoU()));
        }
        // By hand: cars 1 TP (A), 1 FP (d), 1 FN (B, taken for a person); signs 2 FP and no recall.
        QCOMPARE(model.index(1, MetricsTableModel::TruePositivesColumn).data().toString(),
                 QStringLiteral("1"));
        QCOMPARE(model.index(1, MetricsTableModel::PrecisionColumn).data().toString(),
                 QLocale().toString(0.5, 'f', 3));
        QCOMPARE(model.index(2, MetricsTableModel::RecallColumn).data().toString(), QStringLiteral("\u2014"));
        QCOMPARE(model.index(3, MetricsTableModel::TruePositivesColumn).data().toString(),
                 QStringLiteral("4"));
    }

    void countsAreCellsToDrillInto()
    {
        MetricsTableModel model;
        model.setMetrics(measured(), ontology());
        QCOMPARE(*model.cellAt(model.index(1, MetricsTableModel::FalseNegativesColumn)),
                 QualityCell::of(QualityCell::Kind::FalseNegatives, kCar));
        QCOMPARE(*model.cellAt(model.index(0, MetricsTableModel::TruePositivesColumn)),
                 QualityCell::of(QualityCell::Kind::TruePositives, kPerson));
        QVERIFY(!model.cellAt(model.index(1, MetricsTableModel::PrecisionColumn)));
        QVERIFY(!model.cellAt(model.index(1, MetricsTableModel::ClassColumn)));
        QVERIFY(!model.cellAt(model.index(3, MetricsTableModel::TruePositivesColumn))); // overall
    }

    void confusionMatrixHasExtraRowAndMissedColumn()
    {
        const QualityMetrics metrics = measured();
        ConfusionMatrixModel model;
        model.setMetrics(metrics, ontology());
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.columnCount(), 4);
        QCOMPARE(model.headerData(3, Qt::Horizontal).toString(), QStringLiteral("missed"));
        QCOMPARE(model.headerData(3, Qt::Vertical).toString(), QStringLiteral("extra"));
        for (int row = 0; row < 4; ++row) {
            for (int column = 0; column < 4; ++column) {
                const int expected = metrics.confusion()
                                         .value(model.referenceClassOf(row))
                                         .value(model.predictedClassOf(column));
                QCOMPARE(model.index(row, column).data(ConfusionMatrixModel::CountRole).toInt(), expected);
            }
        }
        const QModelIndex carAsPerson = model.indexOf(kCar, kPerson);
        QCOMPARE(carAsPerson.data(ConfusionMatrixModel::CountRole).toInt(), 1);
        QCOMPARE(carAsPerson.data(ConfusionMatrixModel::ShareRole).toDouble(),
                 0.5); // of the 2 reference cars
        QCOMPARE(model.indexOf(kPerson, QString()).data(ConfusionMatrixModel::CountRole).toInt(), 1); // C
        QCOMPARE(model.indexOf(QString(), kSign).data(ConfusionMatrixModel::CountRole).toInt(), 2);
        QVERIFY(model.indexOf(kCar, kCar).data(ConfusionMatrixModel::DiagonalRole).toBool());
        QCOMPARE(*model.cellAt(carAsPerson), QualityCell::confusion(kCar, kPerson));
        QCOMPARE(*model.cellAt(model.indexOf(QString(), kCar)), QualityCell::confusion(QString(), kCar));
        QVERIFY(!model.cellAt(model.index(3, 3))); // extra and missed at once
    }

    void cellsNameThemselves()
    {
        QCOMPARE(qualityCellText(QualityCell::confusion(kCar, kPerson), ontology()),
                 QStringLiteral("Car \u2192 Person"));
        QCOMPARE(qualityCellText(QualityCell::confusion(kCar, QString()), ontology()),
                 QStringLiteral("Car missed"));
        QCOMPARE(qualityCellText(QualityCell::confusion(QString(), kSign), ontology()),
                 QStringLiteral("%1 extra").arg(kSign));
        QCOMPARE(qualityCellText(QualityCell::of(QualityCell::Kind::FalseNegatives, kCar), ontology()),
                 QStringLiteral("Car: false negatives"));
    }

    // The pairs addFrame lists fall into exactly the cells the metrics count.
    void countedPairsAddUpToEachCell()
    {
        QList<CountedPair> pairs;
        QualityMetrics frame;
        frame.addFrame({box("A", kCar, 0.0, 0.0), box("B", kCar, 0.5, 0.5), box("C", kPerson, 0.8, 0.0)},
                       {box("A", kCar, 0.0, 0.0), box("b", kPerson, 0.5, 0.5), box("d", kCar, 0.3, 0.8)},
                       MatchOptions{}, &pairs);
        QCOMPARE(pairs.size(), 4); // A-A, B-b, C missed, d extra
        const QList<QualityCell> cells = {QualityCell::confusion(kCar, kPerson),
                                          QualityCell::confusion(kPerson, QString()),
                                          QualityCell::confusion(QString(), kCar),
                                          QualityCell::of(QualityCell::Kind::TruePositives, kCar),
                                          QualityCell::of(QualityCell::Kind::FalsePositives, kCar),
                                          QualityCell::of(QualityCell::Kind::FalseNegatives, kCar),
                                          QualityCell::of(QualityCell::Kind::FalsePositives, kPerson)};
        for (const QualityCell &cell : cells) {
            int inCell = 0;
            QStringList objects;
            for (const CountedPair &pair : pairs) {
                if (cell.contains(pair.referenceClass, pair.predictedClass)) {
                    ++inCell;
                    objects << pair.referenceObject << pair.predictedObject;
                }
            }
            int expected = 0;
            const ClassQuality q = frame.classes().value(cell.referenceClass);
            switch (cell.kind) {
            case QualityCell::Kind::Confusion:
                expected = frame.confusion().value(cell.referenceClass).value(cell.predictedClass);
                break;
            case QualityCell::Kind::TruePositives:
                expected = q.truePositives;
                break;
            case QualityCell::Kind::FalsePositives:
                expected = q.falsePositives;
                break;
            case QualityCell::Kind::FalseNegatives:
                expected = q.falseNegatives;
                break;
            }
            QCOMPARE(inCell, expected);
            if (cell == QualityCell::confusion(kCar, kPerson))
                QCOMPARE(objects, (QStringList{QStringLiteral("B"), QStringLiteral("b")}));
        }
        // Without a list, the counts are the same.
        QualityMetrics plain;
        plain.addFrame({box("A", kCar, 0.0, 0.0), box("B", kCar, 0.5, 0.5), box("C", kPerson, 0.8, 0.0)},
                       {box("A", kCar, 0.0, 0.0), box("b", kPerson, 0.5, 0.5), box("d", kCar, 0.3, 0.8)},
                       MatchOptions{});
        QCOMPARE(plain.confusion(), frame.confusion());
    }

    void cellsArePossibleOnlyWhereTheirClassesAre()
    {
        const QHash<QString, int> cars{{kCar, 2}}, people{{kPerson, 1}}, none;
        QVERIFY(QualityCell::confusion(kCar, kPerson).possibleIn(cars, people));
        QVERIFY(!QualityCell::confusion(kCar, kPerson).possibleIn(people, cars));
        QVERIFY(QualityCell::confusion(kCar, QString()).possibleIn(cars, none));
        QVERIFY(!QualityCell::confusion(QString(), kCar).possibleIn(cars, none));
        QVERIFY(QualityCell::of(QualityCell::Kind::FalsePositives, kPerson).possibleIn(none, people));
        QVERIFY(!QualityCell::of(QualityCell::Kind::TruePositives, kCar).possibleIn(cars, people));
    }

    // The Compare table keeps the rows of the restricted data units, in order, until cleared or the pair
    // changes; each change asks for the rows again.
    void compareTableRestrictsToUnits()
    {
        BranchDiffModel model;
        DiffRowSet rows;
        rows.query.sourceBranch = QStringLiteral("pred");
        rows.query.targetBranch = QStringLiteral("main");
        for (qint64 unit = 1; unit <= 5; ++unit) {
            rows.rows.append({unit, DiffStatus::Identical});
            rows.entries.append(entry(unit, QByteArray("d").append(QByteArray::number(unit)).constData()));
        }
        model.setComparison(DiffSummary(), rows);
        QCOMPARE(model.rowCount(), 5);
        QSignalSpy requested(&model, &BranchDiffModel::rowsRequested);
        QSignalSpy changed(&model, &BranchDiffModel::unitRestrictionChanged);
        model.setUnitRestriction({4, 2}, QStringLiteral("Filtered: Car \u2192 Person (2 data units)"));
        QCOMPARE(requested.size(), 1);
        QCOMPARE(changed.size(), 1);
        QVERIFY(model.hasUnitRestriction());
        QVERIFY(model.setRows(rows));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.unitAt(0), 2);
        QCOMPARE(model.unitAt(1), 4);
        QCOMPARE(model.entryAt(1)->dataHash, QStringLiteral("d4"));
        model.clearUnitRestriction();
        QCOMPARE(requested.size(), 2);
        QVERIFY(model.setRows(rows));
        QCOMPARE(model.rowCount(), 5);

        // Another pair ends the restriction.
        model.setUnitRestriction({1}, QStringLiteral("Filtered"));
        DiffRowSet other = rows;
        other.query.sourceBranch = QStringLiteral("other");
        model.setComparison(DiffSummary(), other);
        QVERIFY(!model.hasUnitRestriction());
        QCOMPARE(model.rowCount(), 5);
    }
};

QTEST_GUILESS_MAIN(TestMetricsTableModel)
#include "tst_metricstablemodel.moc"
