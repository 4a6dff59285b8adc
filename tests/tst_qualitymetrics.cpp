// Detection quality per class (diff/qualitymetrics.h) against tables worked out by hand: true and false
// positives, misses, confusions between classes, mean IoU, the ratios when a class has no cases, counts of
// identical and one-sided data units, and a class filter.

#include "diff/qualitymetrics.h"

#include <QtTest>

using namespace lb;

namespace {

const QString kCar = QStringLiteral("car");
const QString kPerson = QStringLiteral("person");

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

// Reference: cars A and B, person C. Prediction: a car close to A (IoU 0.036 / 0.044), a person where B is,
// nothing near C, and a car where the reference has nothing.
QList<ObjectAnnotation> reference()
{
    return {box("A", kCar, 0.0, 0.0), box("B", kCar, 0.5, 0.5), box("C", kPerson, 0.8, 0.0)};
}

QList<ObjectAnnotation> prediction()
{
    return {box("a", kCar, 0.02, 0.0), box("b", kPerson, 0.5, 0.5), box("d", kCar, 0.3, 0.8)};
}

} // namespace

class TestQualityMetrics : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void oneFrameByHand()
    {
        QualityMetrics metrics;
        metrics.addFrame(reference(), prediction(), MatchOptions{});
        const ClassQuality car = metrics.classes().value(kCar);
        QCOMPARE(car.truePositives, 1);
        QCOMPARE(car.falsePositives, 1); // d
        QCOMPARE(car.falseNegatives, 1); // B, taken for a person
        QCOMPARE(*car.precision(), 0.5);
        QCOMPARE(*car.recall(), 0.5);
        QCOMPARE(*car.f1(), 0.5);
        QVERIFY(qAbs(*car.meanIoU() - 0.036 / 0.044) < 1e-9);

        const ClassQuality person = metrics.classes().value(kPerson);
        QCOMPARE(person.truePositives, 0);
        QCOMPARE(person.falsePositives, 1); // b
        QCOMPARE(person.falseNegatives, 1); // C
        QCOMPARE(*person.precision(), 0.0);
        QCOMPARE(*person.f1(), 0.0);
        QVERIFY(!person.meanIoU()); // no true positive to average

        const ClassQuality all = metrics.overall();
        QCOMPARE(all.truePositives, 1);
        QCOMPARE(all.falsePositives, 2);
        QCOMPARE(all.falseNegatives, 2);
        QVERIFY(qAbs(*all.precision() - 1.0 / 3.0) < 1e-12);

        QMap<QString, QMap<QString, int>> expected;
        expected[kCar][kCar] = 1;
        expected[kCar][kPerson] = 1;
        expected[kPerson][QualityMetrics::none()] = 1;
        expected[QualityMetrics::none()][kCar] = 1;
        QCOMPARE(metrics.confusion(), expected);
        QCOMPARE(metrics.frames(), 1);
    }

    // A stricter threshold turns the near miss into a miss and an extra.
    void thresholdDecides()
    {
        QualityMetrics metrics;
        MatchOptions strict;
        strict.threshold = 0.9;
        metrics.addFrame(reference(), prediction(), strict);
        const ClassQuality car = metrics.classes().value(kCar);
        QCOMPARE(car.truePositives, 0);
        QCOMPARE(car.falsePositives, 2);
        QCOMPARE(car.falseNegatives, 2);
        QVERIFY(!car.meanIoU());
    }

    // Counted data units: identical objects are true positives with IoU 1, one-sided ones misses or extras.
    void countedUnits()
    {
        QualityMetrics metrics;
        metrics.addIdentical({{kCar, 2}, {kPerson, 1}});
        metrics.addMissed({{kCar, 1}});
        metrics.addExtra({{kPerson, 3}});
        const ClassQuality car = metrics.classes().value(kCar);
        QCOMPARE(car, (ClassQuality{2, 0, 1, 2.0, 2}));
        QCOMPARE(*car.meanIoU(), 1.0);
        QVERIFY(qAbs(*car.recall() - 2.0 / 3.0) < 1e-12);
        const ClassQuality person = metrics.classes().value(kPerson);
        QCOMPARE(person, (ClassQuality{1, 3, 0, 1.0, 1}));
        QCOMPARE(*person.precision(), 0.25);
        QCOMPARE(metrics.confusion()[QualityMetrics::none()][kPerson], 3);
        QCOMPARE(metrics.confusion()[kCar][QualityMetrics::none()], 1);
        QCOMPARE(metrics.frames(), 3);
    }

    // Only the classes asked for count; a prediction of another class pairs with nothing.
    void classFilter()
    {
        QualityMetrics metrics({kCar});
        metrics.addFrame(reference(), prediction(), MatchOptions{});
        metrics.addIdentical({{kPerson, 4}});
        QCOMPARE(metrics.classes().keys(), QList<QString>{kCar});
        const ClassQuality car = metrics.classes().value(kCar);
        QCOMPARE(car.truePositives, 1);
        QCOMPARE(car.falsePositives, 1);
        QCOMPARE(car.falseNegatives, 1);
        QCOMPARE(metrics.confusion()[kCar][QualityMetrics::none()], 1); // B: the person is not counted
    }

    // Accumulations of different frames add up to the accumulation of all of them.
    void mergeAddsUp()
    {
        QualityMetrics whole, first, second;
        whole.addFrame(reference(), prediction(), MatchOptions{});
        whole.addIdentical({{kCar, 2}});
        whole.addExtra({{kPerson, 1}});
        first.addFrame(reference(), prediction(), MatchOptions{});
        second.addIdentical({{kCar, 2}});
        second.addExtra({{kPerson, 1}});
        first.merge(second);
        QCOMPARE(first.classes(), whole.classes());
        QCOMPARE(first.confusion(), whole.confusion());
        QCOMPARE(first.frames(), 3);
    }

    // Nothing on either side: every ratio is undefined rather than zero.
    void emptyHasNoRatios()
    {
        const ClassQuality nothing;
        QVERIFY(!nothing.precision());
        QVERIFY(!nothing.recall());
        QVERIFY(!nothing.f1());
        QVERIFY(!nothing.meanIoU());
    }

    // The same object hash pairs first, even when the shapes moved apart.
    void hashPairsFirst()
    {
        QualityMetrics metrics;
        metrics.addFrame({box("A", kCar, 0.0, 0.0)}, {box("A", kCar, 0.6, 0.6)}, MatchOptions{});
        QCOMPARE(metrics.classes().value(kCar), (ClassQuality{1, 0, 0, 0.0, 1}));
    }
};

QTEST_GUILESS_MAIN(TestQualityMetrics)
#include "tst_qualitymetrics.moc"
