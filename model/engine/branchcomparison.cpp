#include "engine/branchcomparison.h"

#include "diff/difforder.h"
#include "engine/branchchecks.h"

#include <QHash>
#include <QSet>

namespace lb {

namespace {

const Error kCancelled = fail(ErrorKind::Cancelled, QStringLiteral("comparison cancelled"));

void reportStage(const JobControl &control, qint64 done, qint64 total, const QString &stage)
{
    Progress progress;
    progress.done = done;
    progress.total = total;
    progress.stage = stage;
    control.report(progress);
}

} // namespace

Result<void> BranchComparison::checkBranches(const QString &sourceBranch, const QString &targetBranch)
{
    if (Result<void> source =
            BranchChecks::requireBranch(m_store, sourceBranch, QStringLiteral("source branch"));
        !source)
        return source;
    return BranchChecks::requireBranch(m_store, targetBranch, QStringLiteral("target branch"));
}

Result<DiffSummary> BranchComparison::summary(const QString &sourceBranch, const QString &targetBranch,
                                              const JobControl &control, const QList<qint64> *onlyUnits)
{
    if (Result<void> valid = checkBranches(sourceBranch, targetBranch); !valid)
        return valid.takeError();
    reportStage(control, 0, 0, QStringLiteral("counting"));
    Result<DiffSummary> totals = [&]() -> Result<DiffSummary> {
        if (m_store.comparesBranches())
            return m_store.diffSummary(sourceBranch, targetBranch, onlyUnits);
        Result<Listed> listed = compareListings(sourceBranch, targetBranch, onlyUnits, control);
        if (!listed)
            return listed.takeError();
        return listed->diff.summary;
    }();
    if (totals)
        reportStage(control, totals->total, totals->total, QStringLiteral("counted"));
    return totals;
}

Result<QList<DiffRowKey>> BranchComparison::rows(const DiffQuery &query, const JobControl &control)
{
    if (Result<void> valid = checkBranches(query.sourceBranch, query.targetBranch); !valid)
        return valid.takeError();
    reportStage(control, 0, 0, QStringLiteral("comparing"));
    Result<QList<DiffRowKey>> rows = [&]() -> Result<QList<DiffRowKey>> {
        if (m_store.comparesBranches())
            return m_store.diffRows(query);
        Result<Listed> listed = compareListings(query.sourceBranch, query.targetBranch, nullptr, control);
        if (!listed)
            return listed.takeError();
        QList<DiffRowKey> ordered;
        for (int position : orderDiffEntries(listed->diff.entries, query))
            ordered.append(DiffRowKey{listed->keys.at(position), listed->diff.entries.at(position).status});
        return ordered;
    }();
    if (rows)
        reportStage(control, rows->size(), rows->size(), QStringLiteral("compared"));
    return rows;
}

Result<QList<DiffEntry>> BranchComparison::entries(const QString &sourceBranch, const QString &targetBranch,
                                                   const QList<qint64> &units)
{
    if (m_store.comparesBranches())
        return m_store.diffEntries(sourceBranch, targetBranch, units);
    Result<Listed> listed = compareListings(sourceBranch, targetBranch, &units, {});
    if (!listed)
        return listed.takeError();
    QHash<qint64, int> positionOfKey;
    for (int i = 0; i < listed->keys.size(); ++i)
        positionOfKey.insert(listed->keys.at(i), i);
    QList<DiffEntry> entries;
    entries.reserve(units.size());
    for (qint64 unit : units) {
        const auto found = positionOfKey.constFind(unit);
        if (found == positionOfKey.cend())
            return fail(QStringLiteral("the compared data units changed; compare again"));
        entries.append(listed->diff.entries.at(found.value()));
    }
    return entries;
}

Result<qint64> BranchComparison::forEach(const DiffQuery &query, const EntrySink &sink,
                                         const JobControl &control, int pageSize)
{
    if (m_store.comparesBranches()) {
        if (Result<void> valid = checkBranches(query.sourceBranch, query.targetBranch); !valid)
            return valid.takeError();
        // One pass of the store's query, its length unknown until the end; progress and cancelling every
        // page of entries.
        if (control.isCancelled())
            return kCancelled;
        reportStage(control, 0, 0, QStringLiteral("comparing"));
        qint64 done = 0;
        const Result<qint64> read = m_store.diffEach(query, [&](const DiffEntry &entry) -> Result<void> {
            if (++done % pageSize == 0) {
                if (control.isCancelled())
                    return kCancelled;
                reportStage(control, done, 0, QStringLiteral("reading"));
            }
            return sink(entry);
        });
        if (read)
            reportStage(control, read.value(), read.value(), QStringLiteral("read"));
        return read;
    }
    const Result<QList<DiffRowKey>> keys = rows(query, control);
    if (!keys)
        return keys.takeError();
    qint64 done = 0;
    for (qsizetype from = 0; from < keys->size(); from += pageSize) {
        if (control.isCancelled())
            return kCancelled;
        QList<qint64> units;
        for (qsizetype i = from; i < qMin(keys->size(), from + pageSize); ++i)
            units.append(keys->at(i).unit);
        const Result<QList<DiffEntry>> page = entries(query.sourceBranch, query.targetBranch, units);
        if (!page)
            return page.takeError();
        for (const DiffEntry &entry : page.value()) {
            if (Result<void> taken = sink(entry); !taken)
                return taken.takeError();
        }
        done += page->size();
        reportStage(control, done, keys->size(), QStringLiteral("reading"));
    }
    return done;
}

Result<BranchDiff> BranchComparison::diff(const QString &sourceBranch, const QString &targetBranch,
                                          const JobControl &control)
{
    BranchDiff diff;
    diff.sourceBranch = sourceBranch;
    diff.targetBranch = targetBranch;
    Result<DiffSummary> totals = summary(sourceBranch, targetBranch, control);
    if (!totals)
        return totals.takeError();
    diff.summary = totals.value();
    DiffQuery query;
    query.sourceBranch = sourceBranch;
    query.targetBranch = targetBranch;
    const Result<qint64> read = forEach(
        query,
        [&diff](const DiffEntry &entry) -> Result<void> {
            diff.entries.append(entry);
            return {};
        },
        control);
    if (!read)
        return read.takeError();
    return diff;
}

Result<BranchComparison::Listed> BranchComparison::compareListings(const QString &sourceBranch,
                                                                   const QString &targetBranch,
                                                                   const QList<qint64> *positions,
                                                                   const JobControl &control)
{
    Result<QList<DataUnit>> units = m_store.dataUnits();
    if (!units)
        return units.takeError();
    // Keys are positions in the store's list of data units; a repeated data unit keeps its first one.
    QHash<QString, qint64> keyOfHash;
    QList<DataUnit> chosen;
    const QSet<qint64> wanted =
        positions ? QSet<qint64>(positions->cbegin(), positions->cend()) : QSet<qint64>();
    for (qsizetype i = 0; i < units->size(); ++i) {
        const DataUnit &unit = units->at(i);
        if (keyOfHash.contains(unit.dataHash) || (positions && !wanted.contains(i)))
            continue;
        keyOfHash.insert(unit.dataHash, i);
        chosen.append(unit);
    }
    if (control.isCancelled())
        return kCancelled;
    RowQuery query;
    query.branch = sourceBranch;
    if (positions && chosen.size() <= Store::kMaxFilterHashes) {
        for (const DataUnit &unit : std::as_const(chosen))
            query.dataHashes.append(unit.dataHash);
    }
    const Result<QList<LabelRowSummary>> sourceRows = m_store.listRows(query);
    if (!sourceRows)
        return sourceRows.takeError();
    if (control.isCancelled())
        return kCancelled;
    query.branch = targetBranch;
    const Result<QList<LabelRowSummary>> targetRows = m_store.listRows(query);
    if (!targetRows)
        return targetRows.takeError();
    Listed listed;
    listed.diff =
        computeBranchDiff(sourceBranch, sourceRows.value(), targetBranch, targetRows.value(), chosen);
    for (DiffEntry &entry : listed.diff.entries) {
        entry.unit = keyOfHash.value(entry.dataHash);
        listed.keys.append(entry.unit);
    }
    return listed;
}

} // namespace lb
