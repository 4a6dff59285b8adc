#include "diff/branchdiff.h"

#include <QtTest>

using namespace lb;

namespace {

DataUnit unit(const QString &hash, const QString &title)
{
    DataUnit u;
    u.dataHash = hash;
    u.dataTitle = title;
    u.width = 640;
    u.height = 480;
    return u;
}

LabelRowSummary row(const QString &dataHash, const QString &labelHash, const QString &contentHash,
                    const QHash<QString, int> &classCounts)
{
    LabelRowSummary r;
    r.dataHash = dataHash;
    r.labelHash = labelHash;
    r.contentHash = contentHash;
    r.classCounts = classCounts;
    int total = 0;
    for (int n : classCounts)
        total += n;
    r.objectCount = total;
    return r;
}

const QString kApple = QStringLiteral("qWm5E3j4");
const QString kPear = QStringLiteral("no8RyWRY");

const DiffEntry *entryFor(const BranchDiff &diff, const QString &dataHash)
{
    for (const DiffEntry &e : diff.entries) {
        if (e.dataHash == dataHash)
            return &e;
    }
    return nullptr;
}

} // namespace

class TestBranchDiff : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void statusNames()
    {
        QCOMPARE(diffStatusName(DiffStatus::Identical), QStringLiteral("identical"));
        QCOMPARE(diffStatusName(DiffStatus::ChangedSameCount), QStringLiteral("changed-same-count"));
        QCOMPARE(diffStatusName(DiffStatus::CountDiffers), QStringLiteral("count-differs"));
        QCOMPARE(diffStatusName(DiffStatus::OnlyInSource), QStringLiteral("only-in-source"));
        QCOMPARE(diffStatusName(DiffStatus::OnlyInTarget), QStringLiteral("only-in-target"));
        QCOMPARE(diffStatusName(DiffStatus::UninitialisedOnBoth), QStringLiteral("uninitialised-on-both"));
        QCOMPARE(diffStatusDisplay(DiffStatus::ChangedSameCount), QStringLiteral("Changed (same count)"));
        QVERIFY(!diffStatusIsDifference(DiffStatus::Identical));
        QVERIFY(!diffStatusIsDifference(DiffStatus::UninitialisedOnBoth));
        QVERIFY(diffStatusIsDifference(DiffStatus::ChangedSameCount));
        QVERIFY(diffStatusIsDifference(DiffStatus::CountDiffers));
        QVERIFY(diffStatusIsDifference(DiffStatus::OnlyInSource));
        QVERIFY(diffStatusIsDifference(DiffStatus::OnlyInTarget));
    }

    void everyStatus()
    {
        const QList<DataUnit> units = {
            unit(QStringLiteral("h-ident"), QStringLiteral("a-identical.jpg")),
            unit(QStringLiteral("h-same"), QStringLiteral("b-same-count.jpg")),
            unit(QStringLiteral("h-count"), QStringLiteral("c-count.jpg")),
            unit(QStringLiteral("h-src"), QStringLiteral("d-source-only.jpg")),
            unit(QStringLiteral("h-tgt"), QStringLiteral("e-target-only.jpg")),
            unit(QStringLiteral("h-none"), QStringLiteral("f-none.jpg")),
        };
        const QList<LabelRowSummary> source = {
            row(QStringLiteral("h-ident"), QStringLiteral("s1"), QStringLiteral("c1"), {{kApple, 2}}),
            row(QStringLiteral("h-same"), QStringLiteral("s2"), QStringLiteral("c2"),
                {{kApple, 1}, {kPear, 1}}),
            row(QStringLiteral("h-count"), QStringLiteral("s3"), QStringLiteral("c3"), {{kApple, 1}}),
            row(QStringLiteral("h-src"), QStringLiteral("s4"), QStringLiteral("c4"), {{kPear, 3}}),
        };
        const QList<LabelRowSummary> target = {
            row(QStringLiteral("h-ident"), QStringLiteral("t1"), QStringLiteral("c1"), {{kApple, 2}}),
            // Same object count, different labels: the case object counts alone cannot see.
            row(QStringLiteral("h-same"), QStringLiteral("t2"), QStringLiteral("c2-edited"),
                {{kApple, 1}, {kPear, 1}}),
            row(QStringLiteral("h-count"), QStringLiteral("t3"), QStringLiteral("c3b"),
                {{kApple, 1}, {kPear, 2}}),
            row(QStringLiteral("h-tgt"), QStringLiteral("t5"), QStringLiteral("c5"), {{kApple, 4}}),
        };
        const BranchDiff diff =
            computeBranchDiff(QStringLiteral("main"), source, QStringLiteral("candidate"), target, units);
        QCOMPARE(diff.sourceBranch, QStringLiteral("main"));
        QCOMPARE(diff.targetBranch, QStringLiteral("candidate"));
        QCOMPARE(diff.entries.size(), 6);

        QCOMPARE(entryFor(diff, QStringLiteral("h-ident"))->status, DiffStatus::Identical);
        QCOMPARE(entryFor(diff, QStringLiteral("h-same"))->status, DiffStatus::ChangedSameCount);
        QCOMPARE(entryFor(diff, QStringLiteral("h-count"))->status, DiffStatus::CountDiffers);
        QCOMPARE(entryFor(diff, QStringLiteral("h-src"))->status, DiffStatus::OnlyInSource);
        QCOMPARE(entryFor(diff, QStringLiteral("h-tgt"))->status, DiffStatus::OnlyInTarget);
        QCOMPARE(entryFor(diff, QStringLiteral("h-none"))->status, DiffStatus::UninitialisedOnBoth);

        const DiffEntry *same = entryFor(diff, QStringLiteral("h-same"));
        QCOMPARE(same->sourceCount, 2);
        QCOMPARE(same->targetCount, 2);
        QCOMPARE(same->delta, 0);
        QVERIFY(same->classDeltas.isEmpty());
        QCOMPARE(same->sourceLabelHash, QStringLiteral("s2"));
        QCOMPARE(same->targetLabelHash, QStringLiteral("t2"));
        QCOMPARE(same->sourceContentHash, QStringLiteral("c2"));
        QCOMPARE(same->targetContentHash, QStringLiteral("c2-edited"));

        const DiffEntry *count = entryFor(diff, QStringLiteral("h-count"));
        QCOMPARE(count->delta, 2);
        QCOMPARE(count->classDeltas.size(), 1);
        QCOMPARE(count->classDeltas.value(kPear), 2);
        QVERIFY(!count->classDeltas.contains(kApple)); // zero deltas are left out

        // Uninitialised counts as zero.
        const DiffEntry *onlySource = entryFor(diff, QStringLiteral("h-src"));
        QCOMPARE(onlySource->sourceCount, 3);
        QCOMPARE(onlySource->targetCount, 0);
        QCOMPARE(onlySource->delta, -3);
        QCOMPARE(onlySource->classDeltas.value(kPear), -3);
        QVERIFY(onlySource->targetLabelHash.isEmpty());

        const DiffEntry *onlyTarget = entryFor(diff, QStringLiteral("h-tgt"));
        QCOMPARE(onlyTarget->delta, 4);
        QCOMPARE(onlyTarget->classDeltas.value(kApple), 4);
        QVERIFY(onlyTarget->sourceLabelHash.isEmpty());

        const DiffEntry *none = entryFor(diff, QStringLiteral("h-none"));
        QCOMPARE(none->delta, 0);
        QVERIFY(none->classDeltas.isEmpty());
        QCOMPARE(none->dataTitle, QStringLiteral("f-none.jpg"));
    }

    void summaryCountsAndClassTotals()
    {
        const QList<DataUnit> units = {
            unit(QStringLiteral("u1"), QStringLiteral("1.jpg")),
            unit(QStringLiteral("u2"), QStringLiteral("2.jpg")),
            unit(QStringLiteral("u3"), QStringLiteral("3.jpg")),
            unit(QStringLiteral("u4"), QStringLiteral("4.jpg")),
            unit(QStringLiteral("u5"), QStringLiteral("5.jpg")),
        };
        const QList<LabelRowSummary> source = {
            row(QStringLiteral("u1"), QStringLiteral("a"), QStringLiteral("x"), {{kApple, 1}}),
            row(QStringLiteral("u2"), QStringLiteral("b"), QStringLiteral("y"), {{kApple, 1}, {kPear, 2}}),
            row(QStringLiteral("u3"), QStringLiteral("c"), QStringLiteral("z"), {{kPear, 1}}),
        };
        const QList<LabelRowSummary> target = {
            row(QStringLiteral("u1"), QStringLiteral("d"), QStringLiteral("x"), {{kApple, 1}}),
            row(QStringLiteral("u2"), QStringLiteral("e"), QStringLiteral("y2"), {{kApple, 2}, {kPear, 1}}),
            row(QStringLiteral("u4"), QStringLiteral("f"), QStringLiteral("w"), {{kApple, 5}}),
        };
        const BranchDiff diff =
            computeBranchDiff(QStringLiteral("s"), source, QStringLiteral("t"), target, units);
        const DiffSummary &s = diff.summary;
        QCOMPARE(s.total, 5);
        QCOMPARE(s.identical, 1);
        QCOMPARE(s.changedSameCount, 1);
        QCOMPARE(s.countDiffers, 0);
        QCOMPARE(s.onlyInSource, 1);
        QCOMPARE(s.onlyInTarget, 1);
        QCOMPARE(s.uninitialisedOnBoth, 1);
        QCOMPARE(s.differences(), 3);
        QCOMPARE(s.count(DiffStatus::OnlyInTarget), 1);
        QCOMPARE(s.count(DiffStatus::Identical), 1);
        QCOMPARE(s.sourceObjects, 5);
        QCOMPARE(s.targetObjects, 9);
        QCOMPARE(s.sourceClassTotals.value(kApple), 2);
        QCOMPARE(s.sourceClassTotals.value(kPear), 3);
        QCOMPARE(s.targetClassTotals.value(kApple), 8);
        QCOMPARE(s.targetClassTotals.value(kPear), 1);

        const DiffEntry *changed = entryFor(diff, QStringLiteral("u2"));
        QCOMPARE(changed->status, DiffStatus::ChangedSameCount);
        QCOMPARE(changed->classDeltas.value(kApple), 1);
        QCOMPARE(changed->classDeltas.value(kPear), -1);
    }

    void threeWayFromTheTargetRowsProvenance()
    {
        // Base "b": the source content when the target row was copied. Each unit moves a different side.
        auto copied = [](LabelRowSummary r, const QString &from, const QString &base) {
            r.provenance.sourceBranch = from;
            r.provenance.sourceContentHash = base;
            r.provenance.copiedAt = QDateTime(QDate(2026, 11, 20), QTime(9, 0), Qt::UTC);
            return r;
        };
        const QString source = QStringLiteral("main");
        const QList<DataUnit> units{unit(QStringLiteral("u1"), QStringLiteral("1 unchanged")),
                                    unit(QStringLiteral("u2"), QStringLiteral("2 source")),
                                    unit(QStringLiteral("u3"), QStringLiteral("3 target")),
                                    unit(QStringLiteral("u4"), QStringLiteral("4 both")),
                                    unit(QStringLiteral("u5"), QStringLiteral("5 other origin")),
                                    unit(QStringLiteral("u6"), QStringLiteral("6 never copied")),
                                    unit(QStringLiteral("u7"), QStringLiteral("7 source row gone")),
                                    unit(QStringLiteral("u8"), QStringLiteral("8 only source"))};
        const QHash<QString, int> one{{kApple, 1}};
        const QList<LabelRowSummary> sourceRows{
            row(QStringLiteral("u1"), QStringLiteral("s1"), QStringLiteral("b1"), one),
            row(QStringLiteral("u2"), QStringLiteral("s2"), QStringLiteral("new2"), one),
            row(QStringLiteral("u3"), QStringLiteral("s3"), QStringLiteral("b3"), one),
            row(QStringLiteral("u4"), QStringLiteral("s4"), QStringLiteral("new4"), one),
            row(QStringLiteral("u5"), QStringLiteral("s5"), QStringLiteral("b5"), one),
            row(QStringLiteral("u6"), QStringLiteral("s6"), QStringLiteral("c6"), one),
            row(QStringLiteral("u8"), QStringLiteral("s8"), QStringLiteral("c8"), one)};
        const QList<LabelRowSummary> targetRows{
            copied(row(QStringLiteral("u1"), QStringLiteral("t1"), QStringLiteral("b1"), one), source,
                   QStringLiteral("b1")),
            copied(row(QStringLiteral("u2"), QStringLiteral("t2"), QStringLiteral("b2"), one), source,
                   QStringLiteral("b2")),
            copied(row(QStringLiteral("u3"), QStringLiteral("t3"), QStringLiteral("edit3"), one), source,
                   QStringLiteral("b3")),
            copied(row(QStringLiteral("u4"), QStringLiteral("t4"), QStringLiteral("edit4"), one), source,
                   QStringLiteral("b4")),
            copied(row(QStringLiteral("u5"), QStringLiteral("t5"), QStringLiteral("b5"), one),
                   QStringLiteral("elsewhere"), QStringLiteral("b5")),
            row(QStringLiteral("u6"), QStringLiteral("t6"), QStringLiteral("d6"), one),
            copied(row(QStringLiteral("u7"), QStringLiteral("t7"), QStringLiteral("b7"), one), source,
                   QStringLiteral("b7"))};
        const BranchDiff diff =
            computeBranchDiff(source, sourceRows, QStringLiteral("candidate"), targetRows, units);

        QCOMPARE(entryFor(diff, QStringLiteral("u1"))->threeWay, ThreeWayStatus::Unchanged);
        QCOMPARE(entryFor(diff, QStringLiteral("u2"))->threeWay, ThreeWayStatus::SourceChanged);
        QCOMPARE(entryFor(diff, QStringLiteral("u3"))->threeWay, ThreeWayStatus::TargetChanged);
        QCOMPARE(entryFor(diff, QStringLiteral("u4"))->threeWay, ThreeWayStatus::Conflict);
        QCOMPARE(entryFor(diff, QStringLiteral("u5"))->threeWay, ThreeWayStatus::NotCopied);
        QCOMPARE(entryFor(diff, QStringLiteral("u6"))->threeWay, ThreeWayStatus::NotCopied);
        // A source row removed since the copy is a change on the source.
        QCOMPARE(entryFor(diff, QStringLiteral("u7"))->threeWay, ThreeWayStatus::SourceChanged);
        QCOMPARE(entryFor(diff, QStringLiteral("u8"))->threeWay, ThreeWayStatus::NotCopied);

        // The summary counts the copied rows by how they moved.
        QCOMPARE(diff.summary.unchangedSinceCopy, 1);
        QCOMPARE(diff.summary.sourceChangedSinceCopy, 2);
        QCOMPARE(diff.summary.targetChangedSinceCopy, 1);
        QCOMPARE(diff.summary.conflicts, 1);
        // The diff status is unaffected by provenance.
        QCOMPARE(entryFor(diff, QStringLiteral("u1"))->status, DiffStatus::Identical);
        QCOMPARE(entryFor(diff, QStringLiteral("u4"))->status, DiffStatus::ChangedSameCount);
    }

    void rowsOfUnlistedUnitsAreIgnored()
    {
        const QList<DataUnit> units = {unit(QStringLiteral("u1"), QStringLiteral("1.jpg"))};
        const QList<LabelRowSummary> source = {
            row(QStringLiteral("u1"), QStringLiteral("a"), QStringLiteral("x"), {{kApple, 1}}),
            row(QStringLiteral("stray"), QStringLiteral("b"), QStringLiteral("y"), {{kApple, 7}}),
        };
        const QList<LabelRowSummary> target = {
            row(QStringLiteral("other-stray"), QStringLiteral("c"), QStringLiteral("z"), {{kPear, 2}}),
        };
        const BranchDiff diff =
            computeBranchDiff(QStringLiteral("s"), source, QStringLiteral("t"), target, units);
        QCOMPARE(diff.entries.size(), 1);
        QCOMPARE(diff.entries.first().dataHash, QStringLiteral("u1"));
        QCOMPARE(diff.entries.first().status, DiffStatus::OnlyInSource);
        QCOMPARE(diff.summary.total, 1);
        QCOMPARE(diff.summary.sourceObjects, 1);
        QCOMPARE(diff.summary.targetObjects, 0);
        QVERIFY(!diff.summary.targetClassTotals.contains(kPear));
    }

    void uninitialisedListingRowsMeanNoRow()
    {
        // Listings with includeUninitialised carry rows with an empty label hash; they are not rows.
        const QList<DataUnit> units = {unit(QStringLiteral("u1"), QStringLiteral("1.jpg"))};
        LabelRowSummary empty;
        empty.dataHash = QStringLiteral("u1");
        const BranchDiff diff =
            computeBranchDiff(QStringLiteral("s"), {empty}, QStringLiteral("t"), {empty}, units);
        QCOMPARE(diff.entries.first().status, DiffStatus::UninitialisedOnBoth);
    }

    void entriesOrderedByTitleThenDataHash()
    {
        const QList<DataUnit> units = {
            unit(QStringLiteral("h3"), QStringLiteral("b.jpg")),
            unit(QStringLiteral("h2"), QStringLiteral("a.jpg")),
            unit(QStringLiteral("h1"), QStringLiteral("b.jpg")),
            unit(QStringLiteral("h0"), QStringLiteral("c.jpg")),
        };
        const BranchDiff diff = computeBranchDiff(QStringLiteral("s"), {}, QStringLiteral("t"), {}, units);
        QStringList order;
        for (const DiffEntry &e : diff.entries)
            order << e.dataHash;
        QCOMPARE(order, (QStringList{QStringLiteral("h2"), QStringLiteral("h1"), QStringLiteral("h3"),
                                     QStringLiteral("h0")}));
    }

    void duplicateUnitsCountOnce()
    {
        const QList<DataUnit> units = {unit(QStringLiteral("u1"), QStringLiteral("1.jpg")),
                                       unit(QStringLiteral("u1"), QStringLiteral("1.jpg"))};
        const BranchDiff diff = computeBranchDiff(QStringLiteral("s"), {}, QStringLiteral("t"), {}, units);
        QCOMPARE(diff.entries.size(), 1);
        QCOMPARE(diff.summary.total, 1);
    }

    void hundredThousandUnits()
    {
        // Every unit must be compared with every status mix; the result is checked exactly, not timed.
        constexpr int n = 100000;
        QList<DataUnit> units;
        QList<LabelRowSummary> source, target;
        units.reserve(n);
        for (int i = 0; i < n; ++i) {
            const QString hash = QStringLiteral("unit-%1").arg(i, 6, 10, QLatin1Char('0'));
            units.append(unit(hash, QStringLiteral("img-%1.jpg").arg(n - i, 6, 10, QLatin1Char('0'))));
            if (i % 4 != 3)
                source.append(
                    row(hash, QStringLiteral("s%1").arg(i), QStringLiteral("c%1").arg(i), {{kApple, 1}}));
            if (i % 4 == 0)
                target.append(
                    row(hash, QStringLiteral("t%1").arg(i), QStringLiteral("c%1").arg(i), {{kApple, 1}}));
            else if (i % 4 == 1)
                target.append(
                    row(hash, QStringLiteral("t%1").arg(i), QStringLiteral("d%1").arg(i), {{kPear, 1}}));
        }
        const BranchDiff diff =
            computeBranchDiff(QStringLiteral("s"), source, QStringLiteral("t"), target, units);
        QCOMPARE(diff.entries.size(), n);
        QCOMPARE(diff.summary.identical, n / 4);
        QCOMPARE(diff.summary.changedSameCount, n / 4);
        QCOMPARE(diff.summary.onlyInSource, n / 4);
        QCOMPARE(diff.summary.uninitialisedOnBoth, n / 4);
        QCOMPARE(diff.entries.first().dataTitle, QStringLiteral("img-000001.jpg"));
        QCOMPARE(diff.entries.last().dataTitle, QStringLiteral("img-100000.jpg"));
    }
};

QTEST_GUILESS_MAIN(TestBranchDiff)
#include "tst_branchdiff.moc"
