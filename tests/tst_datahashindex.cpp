#include "engine/datahashindex.h"

#include <QSet>
#include <QStringList>
#include <QtTest>

using namespace lb;

namespace {

DataHashIndex::Listing listingOf(const QStringList &hashes, int *calls = nullptr)
{
    return [hashes, calls](const std::function<void(const QString &)> &visit) -> Result<void> {
        if (calls)
            ++*calls;
        for (const QString &hash : hashes)
            visit(hash);
        return {};
    };
}

// Every hash that starts with the same character coincides.
std::uint64_t firstCharacter(const QString &hash)
{
    return hash.isEmpty() ? 0 : hash.at(0).unicode();
}

} // namespace

// The import's check of data hashes (engine/datahashindex.h): exact membership and one index per hash,
// also when fingerprints coincide.
class TestDataHashIndex : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void givesEachHashItsOwnIndex()
    {
        QStringList hashes;
        for (int i = 0; i < 2000; ++i)
            hashes << QStringLiteral("unit-%1").arg(i);
        int calls = 0;
        DataHashIndex index;
        QVERIFY(index.build(listingOf(hashes, &calls)));
        QCOMPARE(calls, 1); // no coinciding fingerprints: one pass
        QCOMPARE(index.size(), 2000);
        QSet<qsizetype> seen;
        for (const QString &hash : hashes) {
            const qsizetype at = index.indexOf(hash);
            QVERIFY(at >= 0 && at < index.size());
            seen.insert(at);
        }
        QCOMPARE(seen.size(), 2000);
        QCOMPARE(index.indexOf(QStringLiteral("unit-2000")), -1);
        QCOMPARE(index.indexOf(QString()), -1);
    }

    void tellsCoincidingFingerprintsApartByText()
    {
        const QStringList hashes = {QStringLiteral("a1"), QStringLiteral("a2"), QStringLiteral("b1"),
                                    QStringLiteral("a3"), QStringLiteral("c1"), QStringLiteral("b2")};
        int calls = 0;
        DataHashIndex index(&firstCharacter);
        QVERIFY(index.build(listingOf(hashes, &calls)));
        QCOMPARE(calls, 2); // the second pass keeps the text of the a… and b… hashes
        QSet<qsizetype> seen;
        for (const QString &hash : hashes) {
            const qsizetype at = index.indexOf(hash);
            QVERIFY2(at >= 0 && at < index.size(), qPrintable(hash));
            seen.insert(at);
        }
        QCOMPARE(seen.size(), hashes.size());
        // Same fingerprint as hashes of the set, but not in it.
        QCOMPARE(index.indexOf(QStringLiteral("a4")), -1);
        QCOMPARE(index.indexOf(QStringLiteral("b")), -1);
        // A fingerprint of its own that nothing has.
        QCOMPARE(index.indexOf(QStringLiteral("d1")), -1);
        // Only "c1" has the fingerprint of "c…": a different text with it passes, as fingerprints are meant
        // to be unique (the real one is 64 bits of SHA-256).
        QCOMPARE(index.indexOf(QStringLiteral("c2")), index.indexOf(QStringLiteral("c1")));
    }

    void passesOnAFailedListing()
    {
        DataHashIndex index;
        const auto failing = [](const std::function<void(const QString &)> &visit) -> Result<void> {
            visit(QStringLiteral("x"));
            return fail(QStringLiteral("the project cannot be read"));
        };
        const Result<void> built = index.build(failing);
        QVERIFY(!built);
        QCOMPARE(built.error(), QStringLiteral("the project cannot be read"));
    }

    void fingerprintIsStable()
    {
        // The same text gives the same fingerprint; texts differing in one character do not.
        const QString hash = QStringLiteral("5f0c4b8e-0d4e-4c1b-9a57-3f1c2b6f8e21");
        QCOMPARE(DataHashIndex::fingerprint(hash), DataHashIndex::fingerprint(QString(hash)));
        QVERIFY(DataHashIndex::fingerprint(hash) !=
                DataHashIndex::fingerprint(QStringLiteral("5f0c4b8e-0d4e-4c1b-9a57-3f1c2b6f8e22")));
    }
};

QTEST_GUILESS_MAIN(TestDataHashIndex)
#include "tst_datahashindex.moc"
