// How much two shapes overlap (diff/shapesimilarity.h), against values counted by hand: 1-D ranges of audio
// and text, axis-aligned boxes, and bitmasks placed at different corners of the image.

#include "diff/shapesimilarity.h"
#include "domain/bitmaskrle.h"

#include <cstring>
#include <QtTest>

using namespace lb;
using namespace lb::shapesimilarity;

namespace {

QList<LabelRange> ranges(std::initializer_list<std::pair<double, double>> list)
{
    QList<LabelRange> out;
    for (const auto &[start, end] : list)
        out.append(LabelRange{start, end});
    return out;
}

Geometry box(double x, double y, double w, double h)
{
    Geometry g;
    g.shape = ShapeType::BoundingBox;
    g.x = x;
    g.y = y;
    g.w = w;
    g.h = h;
    return g;
}

// A mask of `width` x `height` pixels at (left, top) whose set pixels are the '#' of `rows`.
BitmaskGeometry mask(int left, int top, std::initializer_list<const char *> rows)
{
    BitmaskGeometry g;
    g.left = left;
    g.top = top;
    g.height = int(rows.size());
    g.width = int(std::strlen(*rows.begin()));
    QByteArray pixels;
    for (const char *row : rows) {
        for (const char *c = row; *c; ++c)
            pixels.append(*c == '#' ? char(1) : char(0));
    }
    g.rle = encodeBitmask(pixels);
    return g;
}

} // namespace

class TestShapeSimilarity : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rangeIoU_data()
    {
        QTest::addColumn<QList<LabelRange>>("a");
        QTest::addColumn<QList<LabelRange>>("b");
        QTest::addColumn<double>("iou");
        QTest::newRow("same") << ranges({{0, 1500}}) << ranges({{0, 1500}}) << 1.0;
        QTest::newRow("apart") << ranges({{0, 10}}) << ranges({{10, 20}}) << 0.0;
        QTest::newRow("half way") << ranges({{0, 10}}) << ranges({{5, 15}}) << 5.0 / 15.0;
        // [5, 10] and [20, 25] shared, [0, 30] together.
        QTest::newRow("two against one") << ranges({{0, 10}, {20, 30}}) << ranges({{5, 25}}) << 10.0 / 30.0;
        // Overlapping ranges of one set count once; a range written end first is the same range.
        QTest::newRow("overlapping in one set") << ranges({{0, 10}, {5, 15}}) << ranges({{15, 0}}) << 1.0;
        QTest::newRow("inside") << ranges({{2000, 2500}, {3000, 3100}}) << ranges({{2000, 3100}})
                                << 600.0 / 1100.0;
        QTest::newRow("empty") << ranges({}) << ranges({{0, 10}}) << 0.0;
        QTest::newRow("both empty") << ranges({}) << ranges({}) << 0.0;
    }

    void rangeIoU()
    {
        QFETCH(QList<LabelRange>, a);
        QFETCH(QList<LabelRange>, b);
        QFETCH(double, iou);
        QCOMPARE(shapesimilarity::rangeIoU(a, b), iou);
        QCOMPARE(shapesimilarity::rangeIoU(b, a), iou);
    }

    void boxIoU()
    {
        // 0.25 x 0.25 shared of 0.25 + 0.25 - 0.0625.
        QCOMPARE(shapesimilarity::boxIoU(box(0, 0, 0.5, 0.5), box(0.25, 0.25, 0.5, 0.5)), 0.0625 / 0.4375);
        QCOMPARE(shapesimilarity::boxIoU(box(0.1, 0.1, 0.2, 0.3), box(0.1, 0.1, 0.2, 0.3)), 1.0);
        QCOMPARE(shapesimilarity::boxIoU(box(0, 0, 0.2, 0.2), box(0.2, 0, 0.2, 0.2)), 0.0);
        QCOMPARE(shapesimilarity::boxIoU(box(0, 0, 0, 0.2), box(0, 0, 0.2, 0.2)), 0.0);
        // One inside the other: the small one's area over the large one's.
        QCOMPARE(shapesimilarity::boxIoU(box(0, 0, 0.4, 0.4), box(0.1, 0.1, 0.2, 0.2)), 0.04 / 0.16);
    }

    void maskIoU()
    {
        const BitmaskGeometry a = mask(0, 0, {"##..", "##..", "....", "...."});
        const BitmaskGeometry b = mask(0, 0, {".##.", ".##.", "....", "...."});
        // 2 pixels shared of 6.
        Result<double> iou = shapesimilarity::maskIoU(a, b);
        QVERIFY2(iou.ok(), qPrintable(iou.error()));
        QCOMPARE(iou.value(), 2.0 / 6.0);
        QCOMPARE(shapesimilarity::maskIoU(a, a).value(), 1.0);

        // The same 2 x 2 square as a 2 x 2 mask placed at (1, 0): the pixels land where b has them.
        const BitmaskGeometry placed = mask(1, 0, {"##", "##"});
        QCOMPARE(shapesimilarity::maskIoU(placed, b).value(), 1.0);
        // A concave mask (an L) against a square that fills its corner: 3 shared of 4 + 3 - 3.
        const BitmaskGeometry ell = mask(0, 0, {"#.", "##"});
        const BitmaskGeometry square = mask(0, 0, {"##", "##"});
        QCOMPARE(shapesimilarity::maskIoU(ell, square).value(), 3.0 / 4.0);
        // Rows that wrap: a mask lower down and to the right shares nothing with one at the top left.
        QCOMPARE(shapesimilarity::maskIoU(mask(2, 2, {"##", "##"}), a).value(), 0.0);

        BitmaskGeometry broken = a;
        broken.rle = "\x7f\x7f";
        QVERIFY(!shapesimilarity::maskIoU(broken, a).ok());
    }

    void polygonIoU()
    {
        const QList<QPointF> square{{0, 0}, {4, 0}, {4, 4}, {0, 4}};
        const QList<QPointF> shifted{{2, 0}, {6, 0}, {6, 4}, {2, 4}};
        QCOMPARE(shapesimilarity::polygonIoU(square, square), std::optional<double>(1.0));
        // 8 shared of 16 + 16 - 8, either way round.
        QCOMPARE(shapesimilarity::polygonIoU(square, shifted), std::optional<double>(8.0 / 24.0));
        const QList<QPointF> backwards{{0, 4}, {4, 4}, {4, 0}, {0, 0}};
        QCOMPARE(shapesimilarity::polygonIoU(backwards, square), std::optional<double>(1.0));
        // Concave: an L of area 12 (the square without its top right quarter) inside the square.
        const QList<QPointF> ell{{0, 0}, {4, 0}, {4, 2}, {2, 2}, {2, 4}, {0, 4}};
        QCOMPARE(shapesimilarity::polygonIoU(ell, square), std::optional<double>(12.0 / 16.0));
        // Against the shifted square it shares [2, 4] x [0, 2]: 4 of 12 + 16 - 4.
        QCOMPARE(shapesimilarity::polygonIoU(ell, shifted), std::optional<double>(4.0 / 24.0));
        // Self-touching: two triangles of area 4 meeting at (2, 2), drawn as one ring.
        const QList<QPointF> touching{{0, 0}, {4, 0}, {2, 2}, {4, 4}, {0, 4}, {2, 2}};
        const std::optional<double> touchingIoU = shapesimilarity::polygonIoU(touching, square);
        QVERIFY(touchingIoU.has_value());
        QVERIFY2(qFuzzyCompare(*touchingIoU, 8.0 / 16.0), qPrintable(QString::number(*touchingIoU)));
        // No area: no answer.
        QVERIFY(!shapesimilarity::polygonIoU({{0, 0}, {1, 1}, {2, 2}}, square));
        QVERIFY(!shapesimilarity::polygonIoU({{0, 0}, {1, 1}}, square));
    }

    void rotatedBoxes()
    {
        Geometry box = ::box(0.25, 0.25, 0.5, 0.5);
        box.shape = ShapeType::RotatableBoundingBox;
        Geometry turned = box;
        turned.theta = 90.0;
        const QSizeF image(100, 100);
        QVERIFY(qFuzzyCompare(*similarity(box, turned, image), 1.0));
        // A square and the same square turned by 45 degrees about its centre share a regular octagon:
        // IoU = 1/sqrt(2).
        turned.theta = 45.0;
        const double octagon = *similarity(box, turned, image);
        QVERIFY2(qAbs(octagon - 1.0 / std::sqrt(2.0)) < 1e-6, qPrintable(QString::number(octagon, 'g', 17)));
        // On a wide image the box is turned in pixels: a quarter turn of a 100 x 50 px box stands 50 x 100.
        turned.theta = 90.0;
        const QList<QPointF> corners = rotatedBoxCorners(turned, QSizeF(200, 100));
        QCOMPARE(corners.size(), 4);
        QVERIFY(qAbs(qAbs(corners.at(0).x() - corners.at(2).x()) - 50.0) < 1e-9);
        QVERIFY(qAbs(qAbs(corners.at(0).y() - corners.at(2).y()) - 100.0) < 1e-9);

        // A box relabelled as a rotatable box (a car that is a truck) is compared as an area, either way
        // round.
        const Geometry plain = ::box(0, 0, 0.5, 0.5);
        Geometry rotatable = ::box(0.25, 0.25, 0.5, 0.5);
        rotatable.shape = ShapeType::RotatableBoundingBox;
        QVERIFY(qAbs(*similarity(plain, rotatable, image) - 0.0625 / 0.4375) < 1e-9);
        QVERIFY(qAbs(*similarity(rotatable, plain, image) - 0.0625 / 0.4375) < 1e-9);
        Geometry polygon = plain;
        polygon.shape = ShapeType::Polygon;
        QVERIFY(!similarity(polygon, rotatable, image));
    }

    void pointsAndLines()
    {
        const QSizeF image(300, 400); // diagonal 500: similarity falls to 0 at 50 px
        Geometry a;
        a.shape = ShapeType::Point;
        a.points = {NormalizedPoint{0.5, 0.5, {}}};
        Geometry b = a;
        QCOMPARE(*similarity(a, b, image), 1.0);
        b.points = {NormalizedPoint{0.5 + 25.0 / 300.0, 0.5, {}}}; // 25 px to the right
        QVERIFY(qFuzzyCompare(*similarity(a, b, image), 0.5));
        b.points = {NormalizedPoint{0.9, 0.5, {}}};
        QCOMPARE(*similarity(a, b, image), 0.0);

        // Skeletons pair their nodes by name, whatever the order.
        Geometry s1;
        s1.shape = ShapeType::Skeleton;
        s1.points = {NormalizedPoint{0.1, 0.1, QStringLiteral("head")},
                     NormalizedPoint{0.1, 0.5, QStringLiteral("foot")}};
        Geometry s2 = s1;
        std::swap(s2.points[0], s2.points[1]);
        QCOMPARE(*similarity(s1, s2, image), 1.0);
        s2.points[0].y += 10.0 / 400.0; // the foot 10 px lower: (1 + 0.8) / 2
        QVERIFY(qFuzzyCompare(*similarity(s1, s2, image), 0.9));

        // Polylines: a parallel line 20 px away is 20 px away on average both ways.
        Geometry l1;
        l1.shape = ShapeType::Polyline;
        l1.points = {NormalizedPoint{0.0, 0.5, {}}, NormalizedPoint{1.0, 0.5, {}}};
        Geometry l2 = l1;
        QCOMPARE(*similarity(l1, l2, image), 1.0);
        l2.points = {NormalizedPoint{0.0, 0.55, {}}, NormalizedPoint{0.5, 0.55, {}},
                     NormalizedPoint{1.0, 0.55, {}}};
        QVERIFY(qFuzzyCompare(*similarity(l1, l2, image), 1.0 - 20.0 / 50.0));
        QVERIFY(!similarity(l1, a, image));
    }

    void overlapComparesLikeWithLike()
    {
        Geometry audio;
        audio.shape = ShapeType::Audio;
        audio.ranges = ranges({{0, 10}});
        Geometry text = audio;
        text.shape = ShapeType::Text;
        QCOMPARE(similarity(audio, audio), std::optional<double>(1.0));
        QVERIFY(!similarity(audio, text));
        QVERIFY(!similarity(audio, box(0, 0, 1, 1)));
        QCOMPARE(similarity(box(0, 0, 0.5, 0.5), box(0.25, 0.25, 0.5, 0.5)),
                 std::optional<double>(0.0625 / 0.4375));
        Geometry html = text;
        html.ranges.clear();
        QVERIFY(!similarity(html, html));
        Geometry masks;
        masks.shape = ShapeType::Bitmask;
        masks.bitmask = mask(0, 0, {"##", ".."});
        QCOMPARE(similarity(masks, masks), std::optional<double>(1.0));
        masks.bitmask.rle = "\x7f";
        QVERIFY(!similarity(masks, masks));
    }
};

QTEST_GUILESS_MAIN(TestShapeSimilarity)
#include "tst_shapesimilarity.moc"
