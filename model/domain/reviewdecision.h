#pragma once

#include <QDateTime>
#include <QString>

namespace lb {

enum class ReviewVerdict
{
    Approved,
    Rejected
};
QString reviewVerdictName(ReviewVerdict verdict); // "approved", "rejected": stored and shown in JSON
bool parseReviewVerdict(const QString &name, ReviewVerdict *verdict);

// A reviewer's decision on one data unit of a compare (source branch -> target branch), or on one object of
// it (docs/product.md §3.5): a data unit is decided either as a whole or object by object, never both. It
// remembers the source row's content hash at decision time: when the source row changes afterwards, the
// decision no longer says anything about what would be applied, so it is shown as stale and not applied.
struct ReviewDecision
{
    QString sourceBranch;
    QString targetBranch;
    QString dataHash;
    QString objectHash; // empty: the decision is on the whole data unit
    ReviewVerdict verdict = ReviewVerdict::Approved;
    QString comment;
    QString reviewer;
    QDateTime decidedAt;       // UTC
    QString sourceContentHash; // empty when the data unit was uninitialised on the source

    bool isOnObject() const { return !objectHash.isEmpty(); }
};

} // namespace lb
