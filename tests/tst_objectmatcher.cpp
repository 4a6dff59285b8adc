// Pairing objects across branches (diff/objectmatcher.h): hash first, then per class by shape similarity,
// greedily by descending score with ties to the earlier objects, above the threshold; then across classes.
// Boxes, audio ranges and bitmasks, with values worked out by hand.

#include "diff/objectmatcher.h"
#include "domain/bitmaskrle.h"

#include <QtTest>

using namespace lb;

namespace {

const QString kCar = QStringLiteral("car");
const QString kPerson = QStringLiteral("person");

ObjectAnnotation box(const char *hash, const QString &feature, double x, double y = 0.0, double w = 0.2,
                     double h = 0.2)
{
    ObjectAnnotation o;
    o.objectHash = QString::fromLatin1(hash);
    o.featureHash = feature;
    o.geometry.shape = ShapeType::BoundingBox;
    o.geometry.x = x;
    o.geometry.y = y;
    o.geometry.w = w;
    o.geometry.h = h;
    return o;
}

ObjectAnnotation speech(const char *hash, double start, double end)
{
    ObjectAnnotation o;
    o.objectHash = QString::fromLatin1(hash);
    o.featureHash = QStringLiteral("speech");
    o.geometry.shape = ShapeType::Audio;
    o.geometry.ranges = {LabelRange{start, end}};
    return o;
}

ObjectAnnotation maskOf(const char *hash, const QByteArray &pixels)
{
    ObjectAnnotation o;
    o.objectHash = QString::fromLatin1(hash);
    o.featureHash = QStringLiteral("lesion");
    o.geometry.shape = ShapeType::Bitmask;
    o.geometry.bitmask.width = 4;
    o.geometry.bitmask.height = 1;
    o.geometry.bitmask.rle = encodeBitmask(pixels);
    return o;
}

QString describe(const ObjectMatching &m)
{
    QStringList parts;
    for (const ObjectMatch &p : m.pairs) {
        const char *how = p.method == MatchMethod::Hash       ? "hash"
                          : p.method == MatchMethod::Geometry ? "geometry"
                                                              : "any-class";
        parts << QStringLiteral("%1-%2 %3").arg(p.source).arg(p.target).arg(QLatin1String(how));
    }
    return parts.join(QStringLiteral(", "));
}

} // namespace

class TestObjectMatcher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void hashComesFirstWhateverTheGeometry()
    {
        const QList<ObjectAnnotation> source = {box("a", kCar, 0.0), box("b", kCar, 0.5)};
        // "a" moved far away on the target; "x" sits where "a" was.
        const QList<ObjectAnnotation> target = {box("x", kCar, 0.0), box("a", kCar, 0.75)};
        const ObjectMatching m = matchObjects(source, target);
        QCOMPARE(describe(m), QStringLiteral("0-1 hash"));
        QCOMPARE(m.pairs.at(0).score, std::optional<double>(0.0));
        // "b" at 0.5 and "x" at 0.0 do not overlap: not paired, so both are left.
        QCOMPARE(m.unmatchedSource, QList<qsizetype>{1});
        QCOMPARE(m.unmatchedTarget, QList<qsizetype>{0});
    }

    void greedyByDescendingScore()
    {
        // s0-t1 and s1-t1 both score 0.818 (0.036 shared of 0.044), s0-t0 0.6, s1-t0 0.43. The tie goes to
        // the earlier source; s0 then has its pair, and s1's only other candidate is below the threshold.
        const QList<ObjectAnnotation> source = {box("s0", kCar, 0.0, 0.0, 0.2, 0.2),
                                                box("s1", kCar, 0.04, 0.0, 0.2, 0.2)};
        const QList<ObjectAnnotation> target = {box("t0", kCar, 0.0, 0.05, 0.2, 0.2),
                                                box("t1", kCar, 0.02, 0.0, 0.2, 0.2)};
        const ObjectMatching m = matchObjects(source, target);
        QCOMPARE(describe(m), QStringLiteral("0-1 geometry"));
        QVERIFY(qFuzzyCompare(*m.pairs.at(0).score, 0.036 / 0.044));
        QCOMPARE(m.unmatchedSource, QList<qsizetype>{1});
        QCOMPARE(m.unmatchedTarget, QList<qsizetype>{0});
    }

    void thresholdDecides()
    {
        // IoU 1/3: 0.2 wide boxes offset by 0.1.
        const QList<ObjectAnnotation> source = {box("s", kCar, 0.0)};
        const QList<ObjectAnnotation> target = {box("t", kCar, 0.1)};
        MatchOptions options;
        options.threshold = 0.333;
        QCOMPARE(matchObjects(source, target, options).pairs.size(), 1);
        options.threshold = 0.334;
        QCOMPARE(matchObjects(source, target, options).pairs.size(), 0);
        QCOMPARE(matchObjects(source, target).pairs.size(), 0); // default 0.5
    }

    void otherClassesPairOnlyInTheClassAgnosticPass()
    {
        const QList<ObjectAnnotation> source = {box("s", kCar, 0.0)};
        const QList<ObjectAnnotation> target = {box("t", kPerson, 0.0)};
        const ObjectMatching m = matchObjects(source, target);
        QCOMPARE(describe(m), QStringLiteral("0-0 any-class"));
        QCOMPARE(m.pairs.at(0).score, std::optional<double>(1.0));
        MatchOptions sameClassOnly;
        sameClassOnly.classAgnostic = false;
        QVERIFY(matchObjects(source, target, sameClassOnly).pairs.isEmpty());
        // A same-class partner is preferred over a better one of another class.
        const QList<ObjectAnnotation> two = {box("p", kPerson, 0.0), box("c", kCar, 0.05)};
        QCOMPARE(describe(matchObjects(source, two)), QStringLiteral("0-1 geometry"));
    }

    void rangesAndMasksMatchByOverlap()
    {
        // A model's speech ranges against a person's: [0, 1500] vs [100, 1500] (IoU 0.93), and
        // [3000, 4000] vs [3800, 5000] (0.1: too little).
        const QList<ObjectAnnotation> model = {speech("m1", 0, 1500), speech("m2", 3000, 4000)};
        const QList<ObjectAnnotation> person = {speech("p1", 100, 1500), speech("p2", 3800, 5000)};
        const ObjectMatching ranges = matchObjects(model, person);
        QCOMPARE(describe(ranges), QStringLiteral("0-0 geometry"));
        QVERIFY(qFuzzyCompare(*ranges.pairs.at(0).score, 1400.0 / 1500.0));

        const QByteArray left("\1\1\1\0", 4), right("\0\1\1\1", 4);
        const ObjectMatching masks = matchObjects({maskOf("a", left)}, {maskOf("b", right)});
        QCOMPARE(describe(masks), QStringLiteral("0-0 geometry"));
        QCOMPARE(masks.pairs.at(0).score, std::optional<double>(0.5));
    }

    void nothingToMatch()
    {
        const ObjectMatching m = matchObjects({}, {box("t", kCar, 0.0)});
        QVERIFY(m.pairs.isEmpty());
        QCOMPARE(m.unmatchedTarget, QList<qsizetype>{0});
    }
};

QTEST_GUILESS_MAIN(TestObjectMatcher)
#include "tst_objectmatcher.moc"
