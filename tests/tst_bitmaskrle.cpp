// Encord's bitmask RLE (model/domain/bitmaskrle.h): the compressed run lengths and the row-major mask they
// describe, checked against masks counted by hand.

#include "domain/bitmaskrle.h"

#include <QRandomGenerator>
#include <QtTest>

using namespace lb;

namespace {

BitmaskGeometry geometry(int width, int height, const QByteArray &rle)
{
    BitmaskGeometry g;
    g.width = width;
    g.height = height;
    g.rle = rle;
    return g;
}

// "0110/1111/0000/0011": 4 × 4, row-major.
QByteArray sampleMask()
{
    return QByteArray::fromRawData("\0\1\1\0\1\1\1\1\0\0\0\0\0\0\1\1", 16);
}

} // namespace

class TestBitmaskRle : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void countsDecodeAsCocoWritesThem()
    {
        // COCO's own example: 0 0 1 1 1 0 1 is [2 3 1 1]; the fourth number is written as 1 - 3 = -2 ('N').
        QCOMPARE(decodeRleCounts("231N").value(), (QList<qint64>{2, 3, 1, 1}));
        QCOMPARE(encodeRleCounts({2, 3, 1, 1}), QByteArray("231N"));
        // A number of several groups: 100 = 3 * 32 + 4, low group first with the "more" bit (0x20).
        QCOMPARE(encodeRleCounts({100}), QByteArray("T3"));
        QCOMPARE(decodeRleCounts("T3").value(), QList<qint64>{100});
        // The test rows' mask (tests/support/modalityrows.cpp), counted by hand from the groups.
        QCOMPARE(decodeRleCounts("c0`02N2N0O1").value(), (QList<qint64>{19, 16, 2, 14, 4, 12, 4, 11, 5}));
        QVERIFY(decodeRleCounts(QByteArray()).value().isEmpty());
    }

    void countsRoundTrip()
    {
        QRandomGenerator random(42);
        for (int trial = 0; trial < 200; ++trial) {
            QList<qint64> counts;
            const int n = random.bounded(1, 40);
            for (int i = 0; i < n; ++i)
                counts.append(random.bounded(trial % 2 ? 5000000 : 40));
            const QByteArray text = encodeRleCounts(counts);
            QCOMPARE(decodeRleCounts(text).value(), counts);
        }
    }

    void maskIsRowMajorAndStartsWithBackground()
    {
        const QByteArray rle = encodeBitmask(sampleMask());
        // Runs: 1 unset, 2 set, 1 unset, 4 set, 6 unset, 2 set.
        QCOMPARE(decodeRleCounts(rle).value(), (QList<qint64>{1, 2, 1, 4, 6, 2}));
        const Result<DecodedBitmask> mask = decodeBitmask(geometry(4, 4, rle));
        QVERIFY2(mask.ok(), qPrintable(mask.error()));
        QCOMPARE(mask->pixels(), sampleMask());
        QCOMPARE(mask->area, qint64(8));
        QCOMPARE(mask->bounds, QRect(0, 0, 4, 4));
        QVERIFY(mask->contains(1, 0));
        QVERIFY(!mask->contains(0, 0));
        QVERIFY(mask->contains(0, 1));
        QVERIFY(!mask->contains(2, 2));
        QVERIFY(mask->contains(3, 3));
        QVERIFY(!mask->contains(4, 3)); // outside
        QVERIFY(mask->contains(mask->inside.x(), mask->inside.y()));

        // A mask that starts with a set pixel starts with an empty background run.
        const QByteArray full(6, '\1');
        QCOMPARE(decodeRleCounts(encodeBitmask(full)).value(), (QList<qint64>{0, 6}));
        QCOMPARE(decodeBitmask(geometry(3, 2, encodeBitmask(full)))->pixels(), full);
    }

    void boundsOfARunOverSeveralRows()
    {
        // 5 × 4: pixels 8 to 11 set: row 1 from x = 3 to row 2 x = 1.
        const Result<DecodedBitmask> mask = decodeBitmask(geometry(5, 4, encodeRleCounts({8, 4, 8})));
        QVERIFY(mask.ok());
        QCOMPARE(mask->bounds, QRect(QPoint(0, 1), QPoint(4, 2)));
        QVERIFY(mask->contains(3, 1) && mask->contains(4, 1) && mask->contains(0, 2) && mask->contains(1, 2));
        QVERIFY(!mask->contains(2, 2));
        QVERIFY(mask->contains(mask->inside.x(), mask->inside.y()));
    }

    void shortRunsLeaveTheRestUnset()
    {
        const Result<DecodedBitmask> mask = decodeBitmask(geometry(512, 512, "c0`02N2N0O1"));
        QVERIFY(mask.ok());
        QCOMPARE(mask->area, qint64(16 + 14 + 12 + 11));
        QCOMPARE(mask->bounds, QRect(QPoint(19, 0), QPoint(81, 0)));
        QCOMPARE(mask->runs.size(), 4);
        const Result<DecodedBitmask> empty = decodeBitmask(geometry(10, 10, QByteArray()));
        QVERIFY(empty.ok());
        QVERIFY(empty->bounds.isNull());
        QCOMPARE(empty->inside, QPoint(-1, -1));
    }

    void randomMasksRoundTrip()
    {
        QRandomGenerator random(7);
        for (int trial = 0; trial < 50; ++trial) {
            const int width = random.bounded(1, 60), height = random.bounded(1, 60);
            QByteArray pixels(width * height, '\0');
            // Blobs rather than noise, like real masks.
            for (int blob = 0; blob < 3; ++blob) {
                const int x0 = random.bounded(width), y0 = random.bounded(height);
                const int x1 = std::min(width, x0 + random.bounded(1, 20));
                const int y1 = std::min(height, y0 + random.bounded(1, 20));
                for (int y = y0; y < y1; ++y)
                    for (int x = x0; x < x1; ++x)
                        pixels[y * width + x] = 1;
            }
            const Result<DecodedBitmask> mask = decodeBitmask(geometry(width, height, encodeBitmask(pixels)));
            QVERIFY2(mask.ok(), qPrintable(mask.error()));
            QCOMPARE(mask->pixels(), pixels);
            for (int y = 0; y < height; ++y)
                for (int x = 0; x < width; ++x)
                    QCOMPARE(mask->contains(x, y), pixels.at(y * width + x) != 0);
        }
    }

    void badTextIsAnError()
    {
        QVERIFY(!decodeRleCounts("2 3").ok());               // a space is below the alphabet
        QVERIFY(!decodeRleCounts("2~").ok());                // '~' is above it
        QVERIFY(!decodeRleCounts("2b").ok());                // 'b' says more follows, and nothing does
        QVERIFY(!decodeRleCounts("N").ok());                 // a negative run
        QVERIFY(!decodeRleCounts(QByteArray(20, 'o')).ok()); // a number longer than any image
        const Result<DecodedBitmask> tooMany = decodeBitmask(geometry(2, 2, encodeRleCounts({1, 5})));
        QVERIFY(!tooMany.ok());
        QVERIFY2(tooMany.error().contains(QStringLiteral("2 × 2")), qPrintable(tooMany.error()));
    }
};

QTEST_APPLESS_MAIN(TestBitmaskRle)
#include "tst_bitmaskrle.moc"
