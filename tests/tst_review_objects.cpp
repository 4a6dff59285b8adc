#include "engine/reviewengine.h"
#include "enginefixture.h"
#include "rowedits.h"

#include <QtTest>

using namespace lb;
using namespace lb::test;
using nlohmann::json;

namespace {

const QString kReview = QStringLiteral("review");

const ReviewItem *itemOf(const ReviewListing &listing, int unit)
{
    for (const ReviewItem &item : listing.items) {
        if (item.diff.dataHash == unitHash(unit))
            return &item;
    }
    return nullptr;
}

// review is a copy of main; then main, the source of the review, moves objects k0 and k1 of unit 2 (3
// objects) and k0 of unit 1 (2 objects).
struct Fixture
{
    Project project{12, 10};
    Engine engine{project.store(), QStringLiteral("rita")};
    ReviewEngine review{engine};
    double originalK1 = 0;

    Fixture()
    {
        CopyRequest copy;
        copy.targetBranch = kReview;
        if (!engine.copy(copy))
            qFatal("copy failed");
        originalK1 = xOf(stored(project.store(), kReview, 2), objectHash(2, 1));
        moveObject(project.store(), kMainBranch, 2, 0, 0.31);
        moveObject(project.store(), kMainBranch, 2, 1, 0.52);
        moveObject(project.store(), kMainBranch, 1, 0, 0.33);
    }

    Result<QList<ReviewDecision>> decide(int unit, const QStringList &objects, ReviewVerdict verdict)
    {
        return review.decideObjects(kMainBranch, kReview, unitHash(unit), objects, verdict,
                                    QStringLiteral("checked"));
    }
};

} // namespace

class TestReviewObjects : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void objectDecisionsAreKeptAndListed()
    {
        Fixture f;
        QVERIFY(f.decide(2, {objectHash(2, 0)}, ReviewVerdict::Approved));
        const Result<QList<ReviewDecision>> rejected =
            f.decide(2, {objectHash(2, 1)}, ReviewVerdict::Rejected);
        QVERIFY2(rejected.ok(), qPrintable(rejected.error()));
        QCOMPARE(rejected->size(), 1);
        QCOMPARE(rejected->first().objectHash, objectHash(2, 1));
        QCOMPARE(rejected->first().reviewer, QStringLiteral("rita"));

        const Result<QList<ReviewDecision>> stored = f.project.store().reviewDecisions(kMainBranch, kReview);
        QCOMPARE(stored->size(), 2);
        QVERIFY(stored->at(0).isOnObject());

        const Result<ReviewListing> listing = f.review.list(kMainBranch, kReview);
        QVERIFY(listing.ok());
        const ReviewItem *item = itemOf(listing.value(), 2);
        QVERIFY(item);
        QVERIFY(item->byObjects());
        QVERIFY(!item->hasDecision);
        QVERIFY(item->isDecided());
        QVERIFY(item->isApproved());
        QCOMPARE(item->objectsApproved(), 1);
        QCOMPARE(item->objectsRejected(), 1);
        QCOMPARE(item->objectsText(), QStringLiteral("1 object approved, 1 rejected"));
        QCOMPARE(listing->progress.decided, 1);
        QCOMPARE(listing->progress.byObjects, 1);
        QCOMPARE(listing->progress.approved, 1);

        // Audited, naming the objects.
        const AuditEntry last = f.project.store().auditLog()->first();
        QCOMPARE(last.action, QStringLiteral("review-reject"));
        QCOMPARE(parseDetails(last)["objects"], json::array({objectHash(2, 1).toStdString()}));
    }

    void applyApprovedTakesExactlyTheApprovedObjectsAndUndoRestores()
    {
        Fixture f;
        const LabelRowDocument before = stored(f.project.store(), kReview, 2);
        const QStringList unitOneBefore = branchFingerprint(f.project.store(), kReview);
        QVERIFY(f.decide(2, {objectHash(2, 0)}, ReviewVerdict::Approved));
        QVERIFY(f.decide(2, {objectHash(2, 1)}, ReviewVerdict::Rejected));

        const Result<ApplyReviewPlan> plan = f.review.planApply(kMainBranch, kReview);
        QVERIFY2(plan.ok(), qPrintable(plan.error()));
        QVERIFY(plan->dataHashes.isEmpty());
        QCOMPARE(plan->objectMerge.units.size(), 1);
        QCOMPARE(plan->objectsApproved(), 1);
        QCOMPARE(plan->objectPlan.toWrite, 1);
        QCOMPARE(plan->objectPlan.objectsTaken(), 1);

        const Result<AppliedReview> applied = f.review.applyApproved(kMainBranch, kReview);
        QVERIFY2(applied.ok(), qPrintable(applied.error()));
        QCOMPARE(applied->units.operationId, 0);
        QVERIFY(applied->objects.operationId > 0);
        QCOMPARE(applied->objectUnits, 1);
        QCOMPARE(applied->objectsTaken, 1);

        const LabelRowDocument after = stored(f.project.store(), kReview, 2);
        QCOMPARE(xOf(after, objectHash(2, 0)), 0.31);         // approved: the source's
        QCOMPARE(xOf(after, objectHash(2, 1)), f.originalK1); // rejected: as on the target
        // Unit 1 was not decided: untouched.
        QVERIFY(xOf(stored(f.project.store(), kReview, 1), objectHash(1, 0)) != 0.33);

        const Result<UndoResult> undone = f.engine.undoLast(kReview);
        QVERIFY2(undone.ok(), qPrintable(undone.error()));
        QCOMPARE(stored(f.project.store(), kReview, 2).json(), before.json());
        QCOMPARE(branchFingerprint(f.project.store(), kReview), unitOneBefore);
    }

    void unitsApprovedWholeAndObjectsApplyTogether()
    {
        Fixture f;
        QVERIFY(f.review.decide(kMainBranch, kReview, unitHash(1), ReviewVerdict::Approved));
        QVERIFY(f.decide(2, {objectHash(2, 1)}, ReviewVerdict::Approved));
        const Result<AppliedReview> applied = f.review.applyApproved(kMainBranch, kReview);
        QVERIFY2(applied.ok(), qPrintable(applied.error()));
        QVERIFY(applied->units.operationId > 0);
        QVERIFY(applied->objects.operationId > applied->units.operationId);
        QCOMPARE(applied->units.count, 1);

        QCOMPARE(xOf(stored(f.project.store(), kReview, 1), objectHash(1, 0)), 0.33);
        const LabelRowDocument two = stored(f.project.store(), kReview, 2);
        QCOMPARE(xOf(two, objectHash(2, 1)), 0.52);
        QVERIFY(xOf(two, objectHash(2, 0)) != 0.31); // not approved: kept as on the target
    }

    void aUnitIsDecidedWholeOrByObjects()
    {
        Fixture f;
        QVERIFY(f.decide(2, {objectHash(2, 0), objectHash(2, 1)}, ReviewVerdict::Approved));
        QCOMPARE(f.project.store().reviewDecisions(kMainBranch, kReview)->size(), 2);
        QVERIFY(f.review.decide(kMainBranch, kReview, unitHash(2), ReviewVerdict::Rejected));
        Result<QList<ReviewDecision>> stored = f.project.store().reviewDecisions(kMainBranch, kReview);
        QCOMPARE(stored->size(), 1);
        QVERIFY(!stored->first().isOnObject());

        QVERIFY(f.decide(2, {objectHash(2, 0)}, ReviewVerdict::Approved));
        stored = f.project.store().reviewDecisions(kMainBranch, kReview);
        QCOMPARE(stored->size(), 1);
        QVERIFY(stored->first().isOnObject());

        QCOMPARE(f.review.clear(kMainBranch, kReview, {unitHash(2)}).value(), 1);
        QVERIFY(f.project.store().reviewDecisions(kMainBranch, kReview)->isEmpty());
    }

    void staleObjectDecisionsAreNotApplied()
    {
        Fixture f;
        QVERIFY(f.decide(2, {objectHash(2, 0)}, ReviewVerdict::Approved));
        moveObject(f.project.store(), kMainBranch, 2, 0, 0.12); // the source changes after the decision
        const Result<ReviewListing> listing = f.review.list(kMainBranch, kReview);
        const ReviewItem *item = itemOf(listing.value(), 2);
        QVERIFY(item);
        QVERIFY(item->stale);
        QVERIFY(!item->isDecided());
        QCOMPARE(listing->progress.stale, 1);
        const Result<AppliedReview> refused = f.review.applyApproved(kMainBranch, kReview);
        QVERIFY(!refused);
        QVERIFY2(refused.error().contains(QStringLiteral("no approved")), qPrintable(refused.error()));
    }

    void badObjectsAreRefusedAndNothingIsSaved()
    {
        Fixture f;
        const Result<QList<ReviewDecision>> unknown =
            f.decide(2, {objectHash(2, 0), QStringLiteral("nosuchobject")}, ReviewVerdict::Approved);
        QVERIFY(!unknown);
        QCOMPARE(unknown.errorKind(), ErrorKind::NotFound);
        QVERIFY2(unknown.error().contains(QStringLiteral("nosuchobject")), qPrintable(unknown.error()));

        // k2 of unit 2 is alike on both branches.
        const Result<QList<ReviewDecision>> alike = f.decide(2, {objectHash(2, 2)}, ReviewVerdict::Approved);
        QVERIFY(!alike);
        QCOMPARE(alike.errorKind(), ErrorKind::Conflict);
        QVERIFY2(alike.error().contains(QStringLiteral("nothing to review")), qPrintable(alike.error()));

        const Result<QList<ReviewDecision>> none = f.decide(2, {}, ReviewVerdict::Approved);
        QVERIFY(!none);
        QCOMPARE(none.errorKind(), ErrorKind::Usage);

        // Unit 3 does not differ at all.
        QVERIFY(!f.decide(3, {objectHash(3, 0)}, ReviewVerdict::Approved));
        QVERIFY(f.project.store().reviewDecisions(kMainBranch, kReview)->isEmpty());
    }

    void decisionsFollowRenamedBranchesAndSurviveReopening()
    {
        Fixture f;
        QVERIFY(f.decide(2, {objectHash(2, 0)}, ReviewVerdict::Approved));
        QVERIFY(f.engine.renameBranch(kReview, QStringLiteral("checked")));
        QCOMPARE(f.project.store().reviewDecisions(kMainBranch, QStringLiteral("checked"))->size(), 1);
        QVERIFY(f.project.store().reviewDecisions(kMainBranch, kReview)->isEmpty());
        QVERIFY(f.engine.deleteBranch(QStringLiteral("checked")));
        QVERIFY(f.project.store().reviewDecisions(kMainBranch, QStringLiteral("checked"))->isEmpty());
    }
    // Applying again after the approved objects went in writes nothing, also when an approved object was a
    // removal and is gone from both rows now.
    void applyingAgainWritesNothing()
    {
        Fixture f;
        // Unit 1 on review gets an object main does not have; approving its removal takes it out.
        json row = stored(f.project.store(), kReview, 1).json();
        json extra = row["data_units"][unitHash(1).toStdString()]["labels"]["objects"][0];
        extra["objectHash"] = "extra";
        row["data_units"][unitHash(1).toStdString()]["labels"]["objects"].push_back(extra);
        QVERIFY(f.project.store().writeRows(0, kReview, {LabelRowDocument::fromJson(row).value()}, true));
        QVERIFY(f.decide(1, {QStringLiteral("extra")}, ReviewVerdict::Approved));
        QVERIFY(f.decide(1, {objectHash(1, 0)}, ReviewVerdict::Rejected));

        const Result<AppliedReview> first = f.review.applyApproved(kMainBranch, kReview);
        QVERIFY2(first.ok(), qPrintable(first.error()));
        QCOMPARE(first->objectsTaken, 1);
        QCOMPARE(xOf(stored(f.project.store(), kReview, 1), QStringLiteral("extra")), -1.0);

        const Result<AppliedReview> again = f.review.applyApproved(kMainBranch, kReview);
        QVERIFY2(again.ok(), qPrintable(again.error()));
        QCOMPARE(again->objectUnitsApproved, 1);
        QCOMPARE(again->objectUnits, 0);
        QCOMPARE(again->objects.operationId, 0);
    }
};

QTEST_GUILESS_MAIN(TestReviewObjects)
#include "tst_review_objects.moc"
