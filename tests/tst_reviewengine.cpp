#include "demo/demogenerator.h"
#include "diff/threewaystatus.h"
#include "engine/branchcomparison.h"
#include "engine/reviewengine.h"
#include "enginefixture.h"
#include "store/sqlite/sqliteschema.h"
#include "testsupport.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QtTest>

using namespace lb;
using namespace lb::test;

namespace {

const QString kFeature = QStringLiteral("feature");
const QString kReviewer = QStringLiteral("rita@example.com");

QHash<QString, QString> contentHashes(Store &store, const QString &branch)
{
    QHash<QString, QString> out;
    for (const LabelRowSummary &row : rowsOn(store, branch))
        out.insert(row.dataHash, row.contentHash);
    return out;
}

QHash<QString, ReviewItem> itemsByDataHash(const ReviewListing &listing)
{
    QHash<QString, ReviewItem> out;
    for (const ReviewItem &item : listing.items)
        out.insert(item.diff.dataHash, item);
    return out;
}

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

QStringList hashes(std::initializer_list<int> units)
{
    QStringList out;
    for (int i : units)
        out.append(unitHash(i));
    return out;
}

LabelRowSummary summary(const QString &labelHash, const QString &contentHash,
                        const QString &copiedFrom = QString(), const QString &baseHash = QString())
{
    LabelRowSummary row;
    row.dataHash = unitHash(0);
    row.labelHash = labelHash;
    row.contentHash = contentHash;
    row.provenance.sourceBranch = copiedFrom;
    row.provenance.sourceContentHash = baseHash;
    return row;
}

QList<AuditEntry> auditWith(Store &store, const QString &action)
{
    QList<AuditEntry> out;
    const Result<QList<AuditEntry>> log = store.auditLog();
    if (!log)
        qFatal("audit log: %s", qPrintable(log.error()));
    for (const AuditEntry &entry : log.value())
        if (entry.action == action)
            out.append(entry);
    return out;
}

QStringList jsonStrings(const nlohmann::json &list)
{
    QStringList out;
    for (const auto &item : list)
        out.append(QString::fromStdString(item.get<std::string>()));
    return out;
}

QStringList tableNames(QSqlDatabase &db)
{
    QStringList names;
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")))
        return names;
    while (query.next())
        names.append(query.value(0).toString());
    return names;
}

// Every table, index and trigger with its SQL: two files with equal entries have the same schema.
QStringList schemaEntries(QSqlDatabase &db)
{
    QStringList entries;
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SELECT type, name, sql FROM sqlite_schema ORDER BY type, name")))
        return entries;
    while (query.next())
        entries.append(
            QStringList{query.value(0).toString(), query.value(1).toString(), query.value(2).toString()}.join(
                QLatin1Char('|')));
    return entries;
}

} // namespace

// A project of 20 image units for a review of main -> feature:
//   units 0..15 have a row on main and were copied to feature (so feature knows where they came from);
//   afterwards main changed units 1, 3, 5, 7, 9, 11 and feature changed units 3, 4, 9;
//   units 16 and 17 got a row on main only, unit 18 a row on feature only; 19 is uninitialised on both.
// Differences: 1, 5, 7, 11 source-changed; 4 target-changed; 3, 9 conflicts; 16, 17, 18 not copied.
class ReviewProject
{
public:
    ReviewProject() : project(20, 16)
    {
        Engine setup(project.store(), QStringLiteral("setup"));
        CopyRequest request;
        request.targetBranch = kFeature;
        const Result<CopyResult> copied = setup.copy(request);
        if (!copied || copied->count != 16)
            qFatal("cannot copy main to feature");
        for (int i : {1, 3, 5, 7, 9, 11})
            project.writeRowsOn(kMainBranch, 0, i, i + 1, 1);
        for (int i : {3, 4, 9})
            project.writeRowsOn(kFeature, 1, i, i + 1, 2);
        project.writeRowsOn(kMainBranch, 0, 16, 18, 0);
        project.writeRowsOn(kFeature, 1, 18, 19, 0);
        reset();
    }

    void reset()
    {
        review.reset();
        engine = std::make_unique<Engine>(project.store(), kReviewer);
        review = std::make_unique<ReviewEngine>(*engine);
    }

    void reopen()
    {
        review.reset();
        engine.reset();
        project.reopen();
        reset();
    }

    Project project;
    std::unique_ptr<Engine> engine;
    std::unique_ptr<ReviewEngine> review;
};

class TestReviewEngine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void threeWayClassificationIsPure()
    {
        const QString base = QStringLiteral("base");
        const LabelRowSummary sourceAtBase = summary(QStringLiteral("s"), base);
        const LabelRowSummary sourceEdited = summary(QStringLiteral("s"), QStringLiteral("source-edit"));
        const LabelRowSummary sourceGone = summary(QString(), QString());
        const LabelRowSummary copy = summary(QStringLiteral("t"), base, kMainBranch, base);
        const LabelRowSummary copyEdited =
            summary(QStringLiteral("t"), QStringLiteral("target-edit"), kMainBranch, base);

        QCOMPARE(classifyThreeWay(kMainBranch, sourceAtBase, copy), ThreeWayStatus::Unchanged);
        QCOMPARE(classifyThreeWay(kMainBranch, sourceEdited, copy), ThreeWayStatus::SourceChanged);
        QCOMPARE(classifyThreeWay(kMainBranch, sourceAtBase, copyEdited), ThreeWayStatus::TargetChanged);
        QCOMPARE(classifyThreeWay(kMainBranch, sourceEdited, copyEdited), ThreeWayStatus::Conflict);
        // A source row removed since the copy is a change on the source.
        QCOMPARE(classifyThreeWay(kMainBranch, sourceGone, copy), ThreeWayStatus::SourceChanged);
        QCOMPARE(classifyThreeWay(kMainBranch, sourceGone, copyEdited), ThreeWayStatus::Conflict);
        // Both sides edited to the same content still changed on both sides since the copy.
        const LabelRowSummary sameEdit =
            summary(QStringLiteral("t"), QStringLiteral("source-edit"), kMainBranch, base);
        QCOMPARE(classifyThreeWay(kMainBranch, sourceEdited, sameEdit), ThreeWayStatus::Conflict);

        // Not copied: no target row, no provenance, provenance from another branch, or no recorded base.
        QCOMPARE(classifyThreeWay(kMainBranch, sourceEdited, summary(QString(), QString())),
                 ThreeWayStatus::NotCopied);
        QCOMPARE(classifyThreeWay(kMainBranch, sourceEdited, summary(QStringLiteral("t"), base)),
                 ThreeWayStatus::NotCopied);
        QCOMPARE(
            classifyThreeWay(kMainBranch, sourceEdited, summary(QStringLiteral("t"), base, kFeature, base)),
            ThreeWayStatus::NotCopied);
        QCOMPARE(classifyThreeWay(kMainBranch, sourceEdited, summary(QStringLiteral("t"), base, kMainBranch)),
                 ThreeWayStatus::NotCopied);

        // Conflicts sort first, then target changes, before everything else.
        QVERIFY(threeWayReviewRank(ThreeWayStatus::Conflict) <
                threeWayReviewRank(ThreeWayStatus::TargetChanged));
        for (ThreeWayStatus other :
             {ThreeWayStatus::SourceChanged, ThreeWayStatus::Unchanged, ThreeWayStatus::NotCopied})
            QVERIFY(threeWayReviewRank(ThreeWayStatus::TargetChanged) < threeWayReviewRank(other));
        QSet<QString> names;
        for (ThreeWayStatus status :
             {ThreeWayStatus::NotCopied, ThreeWayStatus::Unchanged, ThreeWayStatus::SourceChanged,
              ThreeWayStatus::TargetChanged, ThreeWayStatus::Conflict}) {
            names.insert(threeWayStatusName(status));
            QVERIFY(!threeWayStatusDisplay(status).isEmpty());
        }
        QCOMPARE(names.size(), 5);
    }

    void threeWayAfterRealCopyAndEdits()
    {
        ReviewProject p;
        const Result<ReviewListing> listing = p.review->list(kMainBranch, kFeature);
        QVERIFY2(listing, qPrintable(listing.error()));
        const QHash<QString, ReviewItem> items = itemsByDataHash(listing.value());
        QCOMPARE(sorted(items.keys()), sorted(hashes({1, 3, 4, 5, 7, 9, 11, 16, 17, 18})));
        for (int i : {1, 5, 7, 11})
            QCOMPARE(items.value(unitHash(i)).threeWay, ThreeWayStatus::SourceChanged);
        QCOMPARE(items.value(unitHash(4)).threeWay, ThreeWayStatus::TargetChanged);
        for (int i : {3, 9})
            QCOMPARE(items.value(unitHash(i)).threeWay, ThreeWayStatus::Conflict);
        for (int i : {16, 17, 18})
            QCOMPARE(items.value(unitHash(i)).threeWay, ThreeWayStatus::NotCopied);

        // Units neither side touched are identical and unchanged since the copy; not in the review listing.
        const QHash<QString, LabelRowSummary> main = rowsByDataHash(p.project.store(), kMainBranch);
        const QHash<QString, LabelRowSummary> feature = rowsByDataHash(p.project.store(), kFeature);
        for (int i : {0, 2, 6, 8, 10, 12, 13, 14, 15}) {
            QVERIFY(!items.contains(unitHash(i)));
            QCOMPARE(classifyThreeWay(kMainBranch, main.value(unitHash(i)), feature.value(unitHash(i))),
                     ThreeWayStatus::Unchanged);
        }
        // Read the other way round, feature -> main, main's rows were never copied from feature.
        QCOMPARE(classifyThreeWay(kFeature, feature.value(unitHash(3)), main.value(unitHash(3))),
                 ThreeWayStatus::NotCopied);

        // Conflicts first, then the target change, then the rest in title order.
        const QList<ReviewItem> &ordered = listing->items;
        QCOMPARE(ordered.at(0).diff.dataHash, unitHash(3));
        QCOMPARE(ordered.at(1).diff.dataHash, unitHash(9));
        QCOMPARE(ordered.at(2).diff.dataHash, unitHash(4));
        for (qsizetype i = 1; i < ordered.size(); ++i)
            QVERIFY(threeWayReviewRank(ordered.at(i - 1).threeWay) <=
                    threeWayReviewRank(ordered.at(i).threeWay));
        QCOMPARE(listing->progress.total, 10);
        QCOMPARE(listing->progress.conflicts, 2);
        QCOMPARE(listing->progress.decided, 0);
        QCOMPARE(listing->progress.text(), QStringLiteral("0 of 10 decided"));
    }

    void decisionsPersistAcrossReopen()
    {
        ReviewProject p;
        const Result<ReviewDecision> approved = p.review->decide(
            kMainBranch, kFeature, unitHash(1), ReviewVerdict::Approved, QStringLiteral("good"));
        QVERIFY2(approved, qPrintable(approved.error()));
        QCOMPARE(approved->reviewer, kReviewer);
        QVERIFY(approved->decidedAt.isValid());
        const Result<ReviewDecision> rejected = p.review->decide(
            kMainBranch, kFeature, unitHash(4), ReviewVerdict::Rejected, QStringLiteral("keep ours"));
        QVERIFY2(rejected, qPrintable(rejected.error()));

        p.reopen();
        const Result<QList<ReviewDecision>> stored = p.project.store().reviewDecisions(kMainBranch, kFeature);
        QVERIFY2(stored, qPrintable(stored.error()));
        QCOMPARE(stored->size(), 2);
        const Result<ReviewListing> listing = p.review->list(kMainBranch, kFeature);
        QVERIFY2(listing, qPrintable(listing.error()));
        const QHash<QString, ReviewItem> items = itemsByDataHash(listing.value());
        const ReviewItem one = items.value(unitHash(1));
        QVERIFY(one.isApproved());
        QVERIFY(!one.stale);
        QCOMPARE(one.decision.comment, QStringLiteral("good"));
        QCOMPARE(one.decision.reviewer, kReviewer);
        QCOMPARE(one.decision.decidedAt, approved->decidedAt);
        QCOMPARE(one.decision.sourceContentHash, approved->sourceContentHash);
        const ReviewItem four = items.value(unitHash(4));
        QVERIFY(four.isRejected());
        QCOMPARE(four.decision.comment, QStringLiteral("keep ours"));
        QCOMPARE(listing->progress.decided, 2);
        QCOMPARE(listing->progress.approved, 1);
        QCOMPARE(listing->progress.rejected, 1);
        QCOMPARE(listing->progress.text(), QStringLiteral("2 of 10 decided"));
        // Decisions belong to their compare: the opposite direction has none.
        QVERIFY(p.project.store().reviewDecisions(kFeature, kMainBranch)->isEmpty());

        // A second decision on the same unit replaces the first.
        QVERIFY(p.review->decide(kMainBranch, kFeature, unitHash(1), ReviewVerdict::Rejected));
        p.reopen();
        const Result<QList<ReviewDecision>> replaced =
            p.project.store().reviewDecisions(kMainBranch, kFeature);
        QCOMPARE(replaced->size(), 2);
        QVERIFY(itemsByDataHash(*p.review->list(kMainBranch, kFeature)).value(unitHash(1)).isRejected());
    }

    void decisionGoesStaleWhenSourceChanges()
    {
        ReviewProject p;
        QVERIFY(p.review->decide(kMainBranch, kFeature, hashes({1, 5}), ReviewVerdict::Approved));
        QVERIFY(p.review->decide(kMainBranch, kFeature, unitHash(7), ReviewVerdict::Rejected));

        // The source row of 1 changes after the decision, the target row of 5 changes: only 1 goes stale.
        p.project.writeRowsOn(kMainBranch, 0, 1, 2, 3);
        p.project.writeRowsOn(kFeature, 1, 5, 6, 3);
        Result<ReviewListing> listing = p.review->list(kMainBranch, kFeature);
        QVERIFY2(listing, qPrintable(listing.error()));
        QHash<QString, ReviewItem> items = itemsByDataHash(listing.value());
        QVERIFY(items.value(unitHash(1)).hasDecision);
        QVERIFY(items.value(unitHash(1)).stale);
        QVERIFY(!items.value(unitHash(1)).isDecided());
        QVERIFY(!items.value(unitHash(1)).isApproved());
        QVERIFY(!items.value(unitHash(5)).stale);
        QVERIFY(items.value(unitHash(5)).isApproved());
        QCOMPARE(listing->progress.stale, 1);
        QCOMPARE(listing->progress.decided, 2);
        QCOMPARE(listing->progress.approved, 1);
        QCOMPARE(listing->progress.undecided(), listing->progress.total - 2);

        // A stale approval is not applied.
        const Result<ApplyReviewPlan> plan = p.review->planApply(kMainBranch, kFeature);
        QVERIFY2(plan, qPrintable(plan.error()));
        QCOMPARE(plan->dataHashes, QStringList{unitHash(5)});
        const QString featureOneBefore = contentHashes(p.project.store(), kFeature).value(unitHash(1));
        const Result<AppliedReview> applied = p.review->applyApproved(kMainBranch, kFeature);
        QVERIFY2(applied, qPrintable(applied.error()));
        QCOMPARE(applied->units.count, 1);
        QCOMPARE(contentHashes(p.project.store(), kFeature).value(unitHash(1)), featureOneBefore);

        // Deciding again on the changed source makes the decision current.
        QVERIFY(p.review->decide(kMainBranch, kFeature, unitHash(1), ReviewVerdict::Approved));
        listing = p.review->list(kMainBranch, kFeature);
        items = itemsByDataHash(listing.value());
        QVERIFY(items.value(unitHash(1)).isApproved());
        QCOMPARE(listing->progress.stale, 0);

        // Only stale approvals left: nothing to apply, refused, nothing written.
        p.project.writeRowsOn(kMainBranch, 0, 1, 2, 4);
        const QStringList before = branchFingerprint(p.project.store(), kFeature);
        const Result<AppliedReview> refused = p.review->applyApproved(kMainBranch, kFeature);
        QVERIFY(!refused);
        QVERIFY2(refused.error().contains(QStringLiteral("no approved")), qPrintable(refused.error()));
        QCOMPARE(branchFingerprint(p.project.store(), kFeature), before);
    }

    void rowsAreTheListingWithoutItsTexts()
    {
        ReviewProject p;
        QVERIFY(p.review->decide(kMainBranch, kFeature, hashes({1, 5}), ReviewVerdict::Approved));
        QVERIFY(p.review->decide(kMainBranch, kFeature, unitHash(7), ReviewVerdict::Rejected));
        p.project.writeRowsOn(kMainBranch, 0, 1, 2, 3); // the approval of 1 goes stale
        const Result<ReviewListing> listing = p.review->list(kMainBranch, kFeature);
        QVERIFY2(listing, qPrintable(listing.error()));
        const Result<ReviewRowSet> rows = p.review->rows(kMainBranch, kFeature);
        QVERIFY2(rows, qPrintable(rows.error()));
        QVERIFY(rows->entries.isEmpty()); // the project file reads entries by key
        QCOMPARE(rows->rows.size(), listing->items.size());
        for (qsizetype i = 0; i < rows->rows.size(); ++i) {
            const ReviewRow &row = rows->rows.at(i);
            const ReviewItem &item = listing->items.at(i);
            QVERIFY(row.unit != 0);
            QCOMPARE(row.unit, item.diff.unit);
            QCOMPARE(row.status, item.diff.status);
            QCOMPARE(row.threeWay, item.threeWay);
            QCOMPARE(row.hasDecision, item.hasDecision);
            QCOMPARE(row.stale, item.stale);
            QCOMPARE(rows->decisions.contains(row.unit), item.hasDecision);
            if (item.hasDecision) {
                QCOMPARE(rows->decisions.value(row.unit).dataHash, item.diff.dataHash);
                QCOMPARE(rows->decisions.value(row.unit).verdict, item.decision.verdict);
            }
        }
        QCOMPARE(rows->decisions.size(), 3);
        QCOMPARE(rows->progress.stale, 1);
        QCOMPARE(rows->progress.decided, listing->progress.decided);
        QCOMPARE(rows->progress.total, listing->progress.total);

        // Another order gives the comparison's rows of the differing units in that order.
        const Result<ReviewRowSet> byTitle =
            p.review->rows(kMainBranch, kFeature, DiffQuery::Order::Title, true);
        QVERIFY2(byTitle, qPrintable(byTitle.error()));
        DiffQuery query;
        query.sourceBranch = kMainBranch;
        query.targetBranch = kFeature;
        query.onlyDifferences = true;
        query.order = DiffQuery::Order::Title;
        query.descending = true;
        const Result<QList<DiffRowKey>> keys = BranchComparison(p.project.store()).rows(query);
        QVERIFY2(keys, qPrintable(keys.error()));
        QCOMPARE(byTitle->rows.size(), keys->size());
        for (qsizetype i = 0; i < keys->size(); ++i)
            QCOMPARE(byTitle->rows.at(i).unit, keys->at(i).unit);
        QVERIFY(!p.review->rows(kMainBranch, kMainBranch));
    }

    void applyChangesExactlyTheApprovedUnitsAndUndoRestores()
    {
        ReviewProject p;
        Store &store = p.project.store();
        QVERIFY(p.review->decide(kMainBranch, kFeature, hashes({1, 3, 16, 11}), ReviewVerdict::Approved,
                                 QStringLiteral("ship it")));
        QVERIFY(p.review->decide(kMainBranch, kFeature, hashes({7, 4}), ReviewVerdict::Rejected));
        p.project.writeRowsOn(kMainBranch, 0, 11, 12, 5); // approval of 11 goes stale
        // 5, 9, 17, 18 stay undecided.

        const QHash<QString, QString> mainBefore = contentHashes(store, kMainBranch);
        const QHash<QString, QString> featureBefore = contentHashes(store, kFeature);
        const QStringList fingerprintBefore = branchFingerprint(store, kFeature);
        const QStringList mainFingerprint = branchFingerprint(store, kMainBranch);
        const int operationsBefore = int(store.operations()->size());

        const Result<ApplyReviewPlan> plan = p.review->planApply(kMainBranch, kFeature, 2);
        QVERIFY2(plan, qPrintable(plan.error()));
        QCOMPARE(sorted(plan->dataHashes), sorted(hashes({1, 3, 16})));
        QCOMPARE(plan->plan.toReplace, 2);
        QCOMPARE(plan->plan.toCreate, 1);
        QCOMPARE(plan->plan.toSkip, 0);
        QCOMPARE(plan->overwritesTargetEdits, 1); // unit 3 is a conflict
        QCOMPARE(plan->progress.approved, 3);
        QCOMPARE(plan->progress.rejected, 2);
        QCOMPARE(plan->progress.stale, 1);
        // The dry run wrote nothing.
        QCOMPARE(branchFingerprint(store, kFeature), fingerprintBefore);
        QCOMPARE(int(store.operations()->size()), operationsBefore);

        const Result<AppliedReview> applied = p.review->applyApproved(kMainBranch, kFeature, 2);
        QVERIFY2(applied, qPrintable(applied.error()));
        QCOMPARE(applied->units.count, 3);
        QCOMPARE(applied->units.created, 1);
        QCOMPARE(applied->units.replaced, 2);
        QCOMPARE(applied->units.batchesTotal, 2);
        QVERIFY(applied->units.operationId != 0);

        // Every target row: the approved ones now carry the source content, every other row is as it was.
        const QHash<QString, QString> featureAfter = contentHashes(store, kFeature);
        const QStringList approved = hashes({1, 3, 16});
        QCOMPARE(featureAfter.size(), featureBefore.size() + 1);
        for (auto it = featureAfter.cbegin(); it != featureAfter.cend(); ++it) {
            if (approved.contains(it.key()))
                QCOMPARE(it.value(), mainBefore.value(it.key()));
            else
                QCOMPARE(it.value(), featureBefore.value(it.key()));
        }
        for (const QString &untouched : hashes({4, 5, 7, 9, 11, 18}))
            QVERIFY(featureAfter.value(untouched) != mainBefore.value(untouched));
        QCOMPARE(branchFingerprint(store, kMainBranch), mainFingerprint);

        // Applied units are identical now and leave the review; the rest keep their decisions.
        const Result<ReviewListing> after = p.review->list(kMainBranch, kFeature);
        QVERIFY2(after, qPrintable(after.error()));
        const QHash<QString, ReviewItem> items = itemsByDataHash(after.value());
        for (const QString &hash : approved)
            QVERIFY(!items.contains(hash));
        QVERIFY(items.value(unitHash(7)).isRejected());
        QVERIFY(items.value(unitHash(11)).stale);
        QCOMPARE(after->progress.total, 7);

        // The audit entry names the reviewer, the counts and every data unit.
        const QList<AuditEntry> entries = auditWith(store, QStringLiteral("apply-review"));
        QCOMPARE(entries.size(), 1);
        const AuditEntry &entry = entries.first();
        QCOMPARE(entry.user, kReviewer);
        QVERIFY(entry.time.isValid());
        QCOMPARE(entry.operationId, applied->units.operationId);
        const nlohmann::json details = parseDetails(entry);
        QVERIFY(details.is_object());
        QCOMPARE(QString::fromStdString(details.at("reviewer").get<std::string>()), kReviewer);
        QCOMPARE(QString::fromStdString(details.at("source").get<std::string>()), kMainBranch);
        QCOMPARE(QString::fromStdString(details.at("target").get<std::string>()), kFeature);
        QCOMPARE(details.at("count").get<int>(), 3);
        QCOMPARE(details.at("created").get<int>(), 1);
        QCOMPARE(details.at("replaced").get<int>(), 2);
        QCOMPARE(sorted(jsonStrings(details.at("dataHashes"))), sorted(approved));
        QStringList listed;
        for (const auto &unit : details.at("dataUnits")) {
            listed.append(QString::fromStdString(unit.at("dataHash").get<std::string>()));
            QVERIFY(!unit.at("dataTitle").get<std::string>().empty());
        }
        QCOMPARE(sorted(listed), sorted(approved));
        QVERIFY(entry.summary.contains(QStringLiteral("3 approved data units")));

        // The operation is journaled as an apply-review and undo restores feature exactly.
        const Result<OperationRecord> last = p.engine->lastUndoable(kFeature);
        QVERIFY2(last, qPrintable(last.error()));
        QCOMPARE(last->id, applied->units.operationId);
        QCOMPARE(last->kind, OperationKind::ApplyReview);
        QCOMPARE(last->user, kReviewer);
        const Result<UndoResult> undone = p.engine->undoLast(kFeature);
        QVERIFY2(undone, qPrintable(undone.error()));
        QCOMPARE(undone->removed, 1);
        QCOMPARE(undone->restored, 2);
        QCOMPARE(contentHashes(store, kFeature), featureBefore);
        QCOMPARE(branchFingerprint(store, kFeature), fingerprintBefore);
        QCOMPARE(branchFingerprint(store, kMainBranch), mainFingerprint);
        // The decisions survive the undo, so the same approval can be applied again.
        const Result<ApplyReviewPlan> again = p.review->planApply(kMainBranch, kFeature);
        QCOMPARE(sorted(again->dataHashes), sorted(approved));
    }

    void applyOnDemoProjectChecksEveryTargetRow()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("demo.lbproj"));
        const Result<DemoReport> written = DemoGenerator(DemoGenerator::kSmallSize).writeProject(path);
        QVERIFY2(written, qPrintable(written.error()));
        Result<std::unique_ptr<SqliteStore>> opened = SqliteStore::open(path);
        QVERIFY2(opened, qPrintable(opened.error()));
        SqliteStore &store = *opened.value();
        Engine engine(store, kReviewer);
        ReviewEngine review(engine);
        const QString source = DemoGenerator::preLabelsBranch();

        const Result<ReviewListing> listing = review.list(source, kMainBranch);
        QVERIFY2(listing, qPrintable(listing.error()));
        QVERIFY(listing->items.size() > 10);
        QStringList approve, reject;
        for (const ReviewItem &item : listing->items) {
            if (item.diff.status == DiffStatus::OnlyInTarget)
                continue;
            if (approve.size() < 6)
                approve.append(item.diff.dataHash);
            else if (reject.size() < 4)
                reject.append(item.diff.dataHash);
        }
        QVERIFY(review.decide(source, kMainBranch, approve, ReviewVerdict::Approved));
        QVERIFY(review.decide(source, kMainBranch, reject, ReviewVerdict::Rejected));
        QCOMPARE(review.progress(source, kMainBranch)->text(), QStringLiteral("%1 of %2 decided")
                                                                   .arg(approve.size() + reject.size())
                                                                   .arg(listing->items.size()));

        const QHash<QString, QString> sourceRows = contentHashes(store, source);
        const QHash<QString, QString> before = contentHashes(store, kMainBranch);
        const QStringList fingerprint = branchFingerprint(store, kMainBranch);
        const Result<AppliedReview> applied = review.applyApproved(source, kMainBranch);
        QVERIFY2(applied, qPrintable(applied.error()));
        QCOMPARE(applied->units.count, approve.size());
        const QHash<QString, QString> after = contentHashes(store, kMainBranch);
        QStringList changed;
        for (auto it = after.cbegin(); it != after.cend(); ++it) {
            if (before.value(it.key()) != it.value())
                changed.append(it.key());
            if (approve.contains(it.key()))
                QCOMPARE(it.value(), sourceRows.value(it.key()));
        }
        for (const QString &hash : std::as_const(approve))
            QVERIFY(after.contains(hash));
        QCOMPARE(sorted(changed), sorted(approve));
        for (const QString &hash : std::as_const(reject))
            QCOMPARE(after.value(hash), before.value(hash));

        QVERIFY(engine.undoLast(kMainBranch));
        QCOMPARE(contentHashes(store, kMainBranch), before);
        QCOMPARE(branchFingerprint(store, kMainBranch), fingerprint);
    }

    void decisionsAreAudited()
    {
        ReviewProject p;
        QVERIFY(p.review->decide(kMainBranch, kFeature, unitHash(1), ReviewVerdict::Approved,
                                 QStringLiteral("ok")));
        QVERIFY(p.review->decide(kMainBranch, kFeature, hashes({4, 7}), ReviewVerdict::Rejected));
        Store &store = p.project.store();
        const QList<AuditEntry> approvals = auditWith(store, QStringLiteral("review-approve"));
        const QList<AuditEntry> rejections = auditWith(store, QStringLiteral("review-reject"));
        QCOMPARE(approvals.size(), 1);
        QCOMPARE(rejections.size(), 2);
        const AuditEntry &approval = approvals.first();
        QCOMPARE(approval.user, kReviewer);
        QVERIFY(approval.time.isValid());
        QCOMPARE(approval.operationId, qint64(0));
        QVERIFY(approval.summary.contains(unitTitle(1)));
        QVERIFY(approval.summary.contains(QStringLiteral("ok")));
        const nlohmann::json details = parseDetails(approval);
        QCOMPARE(QString::fromStdString(details.at("dataHash").get<std::string>()), unitHash(1));
        QCOMPARE(QString::fromStdString(details.at("decision").get<std::string>()),
                 QStringLiteral("approved"));
        QCOMPARE(QString::fromStdString(details.at("comment").get<std::string>()), QStringLiteral("ok"));
        QCOMPARE(QString::fromStdString(details.at("reviewer").get<std::string>()), kReviewer);
        QStringList rejected;
        for (const AuditEntry &entry : rejections)
            rejected.append(QString::fromStdString(parseDetails(entry).at("dataHash").get<std::string>()));
        QCOMPARE(sorted(rejected), sorted(hashes({4, 7})));

        // Clearing is audited too, and a clear that removes nothing is not.
        const Result<int> cleared = p.review->clear(kMainBranch, kFeature, {unitHash(4)});
        QVERIFY2(cleared, qPrintable(cleared.error()));
        QCOMPARE(cleared.value(), 1);
        QCOMPARE(p.review->clear(kMainBranch, kFeature, {unitHash(4)}).value(), 0);
        QCOMPARE(auditWith(store, QStringLiteral("review-clear")).size(), 1);
        QCOMPARE(store.reviewDecisions(kMainBranch, kFeature)->size(), 2);
        QCOMPARE(p.review->clear(kMainBranch, kFeature).value(), 2);
        QVERIFY(store.reviewDecisions(kMainBranch, kFeature)->isEmpty());
    }

    void badDecisionsAreRefusedAndSaveNothing()
    {
        ReviewProject p;
        Store &store = p.project.store();
        const int auditBefore = int(store.auditLog()->size());
        auto refused = [&](const Result<QList<ReviewDecision>> &result, const QString &fragment) {
            if (result)
                return false;
            if (!result.error().contains(fragment)) {
                qWarning("unexpected message: %s", qPrintable(result.error()));
                return false;
            }
            return true;
        };
        QVERIFY(refused(p.review->decide(kMainBranch, kMainBranch, hashes({1}), ReviewVerdict::Approved),
                        QStringLiteral("must be different")));
        QVERIFY(refused(
            p.review->decide(kMainBranch, QStringLiteral("nope"), hashes({1}), ReviewVerdict::Approved),
            QStringLiteral("\"nope\" does not exist")));
        QVERIFY(
            refused(p.review->decide(QStringLiteral("nope"), kFeature, hashes({1}), ReviewVerdict::Approved),
                    QStringLiteral("\"nope\" does not exist")));
        QVERIFY(refused(p.review->decide(kMainBranch, kFeature, QStringList(), ReviewVerdict::Approved),
                        QStringLiteral("no data unit")));
        // A valid unit together with an identical one, an unknown one, or one uninitialised on both: nothing
        // saved.
        QVERIFY(refused(p.review->decide(kMainBranch, kFeature, hashes({1, 0}), ReviewVerdict::Approved),
                        QStringLiteral("does not differ")));
        QVERIFY(refused(p.review->decide(kMainBranch, kFeature, hashes({1, 19}), ReviewVerdict::Approved),
                        QStringLiteral("does not differ")));
        QVERIFY(refused(p.review->decide(kMainBranch, kFeature, {unitHash(1), QStringLiteral("no-such-unit")},
                                         ReviewVerdict::Rejected),
                        QStringLiteral("not in this project")));
        QVERIFY(store.reviewDecisions(kMainBranch, kFeature)->isEmpty());
        QCOMPARE(int(store.auditLog()->size()), auditBefore);
        // A data unit without a row on the source can be decided on: the target's row is what differs.
        QVERIFY(p.review->decide(kMainBranch, kFeature, unitHash(18), ReviewVerdict::Rejected));
        QCOMPARE(store.reviewDecisions(kMainBranch, kFeature)->size(), 1);
        QVERIFY(p.review->clear(kMainBranch, kFeature));

        // Nothing approved: the plan is empty (not "every row") and applying is refused.
        const Result<ApplyReviewPlan> plan = p.review->planApply(kMainBranch, kFeature);
        QVERIFY2(plan, qPrintable(plan.error()));
        QVERIFY(plan->dataHashes.isEmpty());
        QVERIFY(plan->plan.items.isEmpty());
        QVERIFY(!p.review->applyApproved(kMainBranch, kFeature));
        QVERIFY(!p.engine->applyReview(CopyRequest{kMainBranch, kFeature, true, {}, {}, 50}));
        QVERIFY(!p.review->list(kMainBranch, kMainBranch));
    }

    void renameCarriesAndDeleteForgetsDecisions()
    {
        ReviewProject p;
        Store &store = p.project.store();
        QVERIFY(p.review->decide(kMainBranch, kFeature, hashes({1, 3}), ReviewVerdict::Approved));
        const QString renamed = QStringLiteral("feature-renamed");
        QVERIFY(p.engine->renameBranch(kFeature, renamed));
        QVERIFY(store.reviewDecisions(kMainBranch, kFeature)->isEmpty());
        QCOMPARE(store.reviewDecisions(kMainBranch, renamed)->size(), 2);
        // Provenance followed too: the three-way status is unchanged by the rename.
        const Result<ReviewListing> listing = p.review->list(kMainBranch, renamed);
        QVERIFY2(listing, qPrintable(listing.error()));
        const QHash<QString, ReviewItem> items = itemsByDataHash(listing.value());
        QVERIFY(items.value(unitHash(1)).isApproved());
        QCOMPARE(items.value(unitHash(3)).threeWay, ThreeWayStatus::Conflict);
        QCOMPARE(listing->progress.approved, 2);

        // As a source branch too.
        QVERIFY(p.review->decide(renamed, kMainBranch, unitHash(4), ReviewVerdict::Rejected));
        const QString again = QStringLiteral("candidate");
        QVERIFY(p.engine->renameBranch(renamed, again));
        QCOMPARE(store.reviewDecisions(again, kMainBranch)->size(), 1);
        QCOMPARE(store.reviewDecisions(kMainBranch, again)->size(), 2);

        p.reopen();
        QVERIFY(p.engine->deleteBranch(again));
        QVERIFY(p.engine->createBranch(again));
        QVERIFY(p.project.store().reviewDecisions(kMainBranch, again)->isEmpty());
        QVERIFY(p.project.store().reviewDecisions(again, kMainBranch)->isEmpty());
    }

    void listingReportsProgressAndCanBeCancelled()
    {
        ReviewProject p;
        QList<Progress> reports;
        JobControl control;
        control.onProgress = [&](const Progress &progress) { reports.append(progress); };
        const Result<ReviewListing> listing = p.review->list(kMainBranch, kFeature, control);
        QVERIFY2(listing, qPrintable(listing.error()));
        QVERIFY(reports.size() >= 2);
        for (qsizetype i = 1; i < reports.size(); ++i)
            QVERIFY(reports.at(i).done >= reports.at(i - 1).done);
        QCOMPARE(reports.last().done, reports.last().total);

        std::atomic_bool cancel{true};
        JobControl cancelled;
        cancelled.cancelFlag = &cancel;
        const Result<ReviewListing> stopped = p.review->list(kMainBranch, kFeature, cancelled);
        QVERIFY(!stopped);
        QVERIFY2(stopped.error().contains(QStringLiteral("cancelled")), qPrintable(stopped.error()));
        // A cancelled apply writes nothing.
        QVERIFY(p.review->decide(kMainBranch, kFeature, unitHash(1), ReviewVerdict::Approved));
        const QStringList before = branchFingerprint(p.project.store(), kFeature);
        const Result<AppliedReview> applied = p.review->applyApproved(kMainBranch, kFeature, 50, cancelled);
        QVERIFY2(applied, qPrintable(applied.error()));
        QVERIFY(applied->units.cancelled);
        QCOMPARE(applied->units.count, 0);
        QCOMPARE(branchFingerprint(p.project.store(), kFeature), before);
    }

    void versionOneProjectIsMigrated()
    {
        QTemporaryDir dir;
        // What a version 1 file looks like: the first schema step alone.
        QStringList versionOneSchema;
        {
            const QString reference = dir.filePath(QStringLiteral("reference.lbproj"));
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v1-reference"));
            db.setDatabaseName(reference);
            QVERIFY(db.open());
            const Result<int> migrated = SqliteSchema::migrate(db, {SqliteSchema::steps().first()});
            QVERIFY2(migrated, qPrintable(migrated.error()));
            QCOMPARE(migrated.value(), 1);
            versionOneSchema = schemaEntries(db);
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("v1-reference"));
        QVERIFY(!versionOneSchema.join(QLatin1Char('\n')).contains(QStringLiteral("review_decisions")));

        // The version 2 file of tests/data, once as it is and once taken back to version 1 by hand.
        const QString asVersionTwo = dir.filePath(QStringLiteral("v2.lbproj"));
        const QString asVersionOne = dir.filePath(QStringLiteral("v1.lbproj"));
        for (const QString &copy : {asVersionTwo, asVersionOne}) {
            QVERIFY(QFile::copy(QStringLiteral(LB_TEST_DATA_DIR "/project-v2.lbproj"), copy));
            QVERIFY(QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner));
        }
        {
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v1-downgrade"));
            db.setDatabaseName(asVersionOne);
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(QStringLiteral("DROP TABLE review_decisions")));
            QVERIFY(query.exec(QStringLiteral("UPDATE meta SET value = '1' WHERE key = 'schema_version'")));
            QVERIFY(query.exec(QStringLiteral("PRAGMA user_version = 1")));
            QCOMPARE(schemaEntries(db), versionOneSchema);
            query.finish();
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("v1-downgrade"));

        Result<std::unique_ptr<SqliteStore>> reference = SqliteStore::open(asVersionTwo);
        QVERIFY2(reference, qPrintable(reference.error()));
        Result<std::unique_ptr<SqliteStore>> opened = SqliteStore::open(asVersionOne);
        QVERIFY2(opened, qPrintable(opened.error()));
        SqliteStore &store = *opened.value();
        {
            QSqlDatabase db = store.database();
            QSqlQuery query(db);
            QVERIFY(query.exec(QStringLiteral("PRAGMA user_version")) && query.next());
            QCOMPARE(query.value(0).toInt(), SqliteStore::kSchemaVersion);
            QVERIFY(query.exec(QStringLiteral("SELECT value FROM meta WHERE key = 'schema_version'")) &&
                    query.next());
            QCOMPARE(query.value(0).toString(), QString::number(SqliteStore::kSchemaVersion));
            QVERIFY(tableNames(db).contains(QStringLiteral("review_decisions")));
        }
        const QList<BranchInfo> branches = *reference.value()->branches();
        QCOMPARE(branches.size(), 6);
        for (const BranchInfo &branch : branches) {
            const QStringList expected = branchFingerprint(*reference.value(), branch.name);
            QVERIFY(!expected.isEmpty());
            QCOMPARE(branchFingerprint(store, branch.name), expected);
        }
        QCOMPARE(reference.value()->reviewDecisions(QStringLiteral("review-alice"), kMainBranch)->size(), 2);
        QCOMPARE(store.reviewDecisions(QStringLiteral("review-alice"), kMainBranch)->size(), 0);

        ReviewDecision decision;
        decision.sourceBranch = kFeature;
        decision.targetBranch = kMainBranch;
        decision.dataHash = QStringLiteral("c56247aa-929f-47ac-9fd1-a1fd479346cf");
        decision.verdict = ReviewVerdict::Approved;
        decision.reviewer = kReviewer;
        decision.decidedAt = QDateTime::currentDateTimeUtc();
        QVERIFY(store.saveReviewDecision(decision));
        opened.value().reset();
        Result<std::unique_ptr<SqliteStore>> reopened = SqliteStore::open(asVersionOne);
        QVERIFY2(reopened, qPrintable(reopened.error()));
        QCOMPARE(reopened.value()->reviewDecisions(kFeature, kMainBranch)->size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestReviewEngine)
#include "tst_reviewengine.moc"
