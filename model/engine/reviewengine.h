#pragma once

#include "engine/engine.h"
#include "engine/reviewitem.h"

#include <functional>
#include <QString>
#include <QStringList>

namespace lb {

// The review workflow of docs/product.md §3.5 and §4.5 over any Store: decisions per differing data unit of a
// compare (source -> target), kept in the project and audited, and "apply approved" as one journaled,
// undoable sync of exactly the approved data units whose source row is unchanged since the decision. The
// reviewer is the engine's user.
class ReviewEngine
{
public:
    explicit ReviewEngine(Engine &engine) : m_engine(engine) {}

    // Every differing data unit of the compare with its decision, conflicts first (one pass, no list);
    // returns the review's progress. A failed sink stops the pass with its error.
    using ItemSink = std::function<Result<void>(const ReviewItem &item)>;
    Result<ReviewProgress> forEach(const QString &sourceBranch, const QString &targetBranch,
                                   const ItemSink &sink, const JobControl &control = {});
    // The rows of the same items in the given order (conflicts first by default), without their texts, for a
    // list that reads the rows it shows (ReviewRowSet).
    Result<ReviewRowSet> rows(const QString &sourceBranch, const QString &targetBranch,
                              DiffQuery::Order order = DiffQuery::Order::ThreeWay, bool descending = false,
                              const JobControl &control = {});
    // The same items, kept.
    Result<ReviewListing> list(const QString &sourceBranch, const QString &targetBranch,
                               const JobControl &control = {});
    Result<ReviewProgress> progress(const QString &sourceBranch, const QString &targetBranch);

    // Records (or replaces) the decision on one differing data unit, with the source row's current content
    // hash, and writes "review-approve" / "review-reject" to the audit log.
    Result<ReviewDecision> decide(const QString &sourceBranch, const QString &targetBranch,
                                  const QString &dataHash, ReviewVerdict verdict,
                                  const QString &comment = QString());
    // The same verdict and comment on several data units. Every data unit is checked (known, differing)
    // before the first decision is saved, so a bad one leaves the review as it was.
    Result<QList<ReviewDecision>> decide(const QString &sourceBranch, const QString &targetBranch,
                                         const QStringList &dataHashes, ReviewVerdict verdict,
                                         const QString &comment = QString());
    // Records (or replaces) the decision on single objects of one differing data unit, named by their hash on
    // either side (an object paired by shape has two); it replaces a decision on the whole unit. Every
    // object is checked (on either row, differing) before anything is saved. Audited as one entry.
    Result<QList<ReviewDecision>> decideObjects(const QString &sourceBranch, const QString &targetBranch,
                                                const QString &dataHash, const QStringList &objectHashes,
                                                ReviewVerdict verdict, const QString &comment = QString());
    // Forgets the decisions on the given data units and their objects (all of the compare when empty);
    // audited when any went.
    Result<int> clear(const QString &sourceBranch, const QString &targetBranch,
                      const QStringList &dataHashes = QStringList());

    // The dry run of applyApproved(); writes nothing.
    Result<ApplyReviewPlan> planApply(const QString &sourceBranch, const QString &targetBranch,
                                      int batchSize = 50);
    // Syncs the data units approved as a whole and up to date onto the target as one ApplyReview operation,
    // then merges the approved objects of the units decided object by object as one Merge operation (each
    // approved object taken from the source, every other object and the classifications kept as on the
    // target). Rejected, undecided and stale decisions are untouched. Refused when nothing is approved.
    Result<AppliedReview> applyApproved(const QString &sourceBranch, const QString &targetBranch,
                                        int batchSize = 50, const JobControl &control = {});

private:
    // A data unit to decide on, with its line of the compare.
    struct ReviewTarget
    {
        DataUnit unit;
        DiffEntry entry;
    };

    Result<void> checkBranches(const QString &sourceBranch, const QString &targetBranch);
    Result<ReviewProgress> each(const DiffQuery &query, const ItemSink &sink, const JobControl &control);
    // The hashes in order without repeats; none or an empty one is a usage error.
    static Result<QStringList> distinctHashes(const QStringList &dataHashes);
    // Each wanted data unit with its compare line; fails when one is unknown or does not differ.
    Result<QList<ReviewTarget>> differingUnits(const QString &sourceBranch, const QString &targetBranch,
                                               const QStringList &wanted);
    // Saves the decision and its audit entry.
    Result<void> record(const ReviewDecision &decision, const ReviewTarget &target);
    // Audits decisions on objects of one data unit as one entry.
    Result<void> recordObjects(const QList<ReviewDecision> &decisions, const ReviewTarget &target);
    // The canonical hash (the target's, else the source's) of each named object that differs; fails naming
    // the first object neither row has or that is alike on both.
    Result<QStringList> differingObjects(const QString &sourceBranch, const QString &targetBranch,
                                         const QString &dataHash, const QStringList &objectHashes);
    Result<ApplyReviewPlan> approvedScope(const QString &sourceBranch, const QString &targetBranch,
                                          int batchSize);
    Result<void> planObjects(ApplyReviewPlan &plan);
    // Merges the approved objects after the units approved whole were synced (applied.units).
    Result<void> applyObjects(const MergeRequest &request, AppliedReview &applied, const JobControl &control);

    Engine &m_engine;
};

} // namespace lb
