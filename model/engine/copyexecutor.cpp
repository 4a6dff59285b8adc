#include "engine/copyexecutor.h"

#include "domain/wording.h"
#include "engine/auditentrybuilder.h"
#include "engine/copyplanstream.h"
#include "engine/journaledwrite.h"

#include <nlohmann/json.hpp>

namespace lb {

namespace {

// Rows per part of a whole-branch copy: large enough that the set operations dominate, small enough for
// progress and cancelling every fraction of a second.
constexpr int kRowsPerPart = 25000;

std::string utf8(const QString &text)
{
    return text.toStdString();
}

nlohmann::json jsonList(const QStringList &items)
{
    nlohmann::json list = nlohmann::json::array();
    for (const QString &item : items)
        list.push_back(utf8(item));
    return list;
}

nlohmann::json copyDetails(const CopyRequest &request, const CopyResult &result)
{
    return nlohmann::json{
        {"source", utf8(request.sourceBranch)},
        {"target", utf8(request.targetBranch)},
        {"overwrite", request.overwrite},
        {"dataHashes", jsonList(request.dataHashes)},
        {"labelHashes", jsonList(request.labelHashes)},
        {"batchSize", request.batchSize},
        {"count", result.count},
        {"created", result.created},
        {"replaced", result.replaced - result.unchanged},
        {"unchanged", result.unchanged},
        {"skipped", result.skipped},
        {"batchesDone", result.batchesDone},
        {"batchesTotal", result.batchesTotal},
        {"cancelled", result.cancelled},
        {"targetCreated", result.targetCreated},
        {"method", utf8(copyMethodName(result.method))},
        {"unidentified", result.unidentified},
    };
}

// The log must answer "who approved what went in" without the review decisions, which can be changed or
// cleared later.
void addReviewDetails(nlohmann::json &details, const QString &user, const CopyPlan &plan)
{
    details["reviewer"] = utf8(user);
    nlohmann::json units = nlohmann::json::array();
    for (const CopyPlanItem &item : plan.items)
        units.push_back({{"dataHash", utf8(item.dataHash)},
                         {"dataTitle", utf8(item.dataTitle)},
                         {"action", utf8(planActionName(item.action))}});
    details["dataUnits"] = std::move(units);
}

// "5 replaced" or "5 replaced, 3 unchanged (identical content)".
QString replacedText(const CopyResult &result)
{
    const QString replaced = QStringLiteral("%1 replaced").arg(result.replaced - result.unchanged);
    return result.unchanged == 0
               ? replaced
               : replaced + QStringLiteral(", %1 unchanged (identical content)").arg(result.unchanged);
}

QString countsText(const QString &pattern, const CopyRequest &request, const CopyResult &result)
{
    return pattern
        .arg(plural(result.count, QStringLiteral("label row")), quoted(request.sourceBranch),
             quoted(request.targetBranch))
        .arg(result.created)
        .arg(replacedText(result))
        .arg(result.skipped);
}

QString kindSummary(OperationKind kind, const CopyRequest &request, const CopyResult &result)
{
    switch (kind) {
    case OperationKind::Snapshot:
        return QStringLiteral("Snapshot %1 of %2: %3")
            .arg(quoted(request.targetBranch), quoted(request.sourceBranch),
                 plural(result.count, QStringLiteral("label row")));
    case OperationKind::Sync:
        return countsText(QStringLiteral("Synced %1 from %2 to %3: %4 created, %5, %6 skipped"), request,
                          result);
    case OperationKind::ApplyReview:
        return QStringLiteral("Applied the approved review of %1 to %2: %3 of %4 synced, %5 created, %6, %7 "
                              "skipped")
            .arg(quoted(request.sourceBranch), quoted(request.targetBranch))
            .arg(result.count)
            .arg(plural(int(request.dataHashes.size()), QStringLiteral("approved data unit")))
            .arg(result.created)
            .arg(replacedText(result))
            .arg(result.skipped);
    default:
        return countsText(QStringLiteral("Copied %1 from %2 to %3: %4 created, %5, %6 skipped"), request,
                          result);
    }
}

QString copySummary(OperationKind kind, const CopyRequest &request, const CopyResult &result)
{
    QString text = kindSummary(kind, request, result);
    if (result.targetCreated && kind != OperationKind::Snapshot)
        text += QStringLiteral("; created branch %1").arg(quoted(request.targetBranch));
    if (result.cancelled)
        text += QStringLiteral("; cancelled after %1 of %2 batches")
                    .arg(result.batchesDone)
                    .arg(result.batchesTotal);
    if (const QString method = copyMethodText(result); !method.isEmpty())
        text += QStringLiteral("; ") + method;
    return text;
}

// The rows of a streamed copy (PreparedCopy::streamed), planned again a page at a time as batches ask for
// them. The plan was counted under the same lock, so the rows come out as counted unless another writer
// changed the source branch meanwhile: then the batch that notices fails rather than write a different copy.
class StreamedWrites
{
public:
    StreamedWrites(Store &store, const PreparedCopy &prepared)
        : m_stream(store, prepared.plan, Store::kMaxFilterHashes), m_counted(prepared.plan.writeCount())
    {
    }

    Result<QList<CopyItem>> batch(int index, int batchSize)
    {
        const qint64 first = qint64(index) * batchSize;
        const qint64 expected = std::min<qint64>(batchSize, m_counted - first);
        if (Result<void> filled = fill(expected); !filled)
            return filled.takeError();
        const bool last = first + expected >= m_counted;
        if (last) {
            if (Result<void> rest = fill(expected + 1); !rest)
                return rest.takeError();
        }
        if (m_pending.size() < expected || (last && m_pending.size() > expected))
            return fail(ErrorKind::Conflict, QStringLiteral("the source branch changed while it was copied"));
        QList<CopyItem> items = m_pending.mid(0, expected);
        m_pending.remove(0, expected);
        return items;
    }

private:
    // Plans pages until `rows` rows wait to be written or the source is listed to its end.
    Result<void> fill(qint64 rows)
    {
        while (m_pending.size() < rows && !m_listed) {
            const Result<QList<CopyPlanItem>> page = m_stream.nextPage();
            if (!page)
                return page.takeError();
            m_listed = page->isEmpty();
            for (const CopyPlanItem &item : page.value()) {
                if (const std::optional<CopyItem> write = CopyPlanStream::writeOf(item))
                    m_pending.append(*write);
            }
        }
        return {};
    }

    CopyPlanStream m_stream;
    qint64 m_counted;
    QList<CopyItem> m_pending;
    bool m_listed = false;
};

} // namespace

bool CopyExecutor::writesSomething(const PreparedCopy &prepared, const Options &options)
{
    const qsizetype rowCount = prepared.wholeBranch ? prepared.plan.toCreate
                               : prepared.streamed  ? prepared.plan.writeCount()
                                                    : prepared.writes.size();
    const bool needsBranch = !prepared.plan.targetExists && prepared.plan.targetKnown;
    return rowCount > 0 || (needsBranch && options.createBranchWhenEmpty);
}

Result<CopyResult> CopyExecutor::execute(const PreparedCopy &prepared, const Options &options,
                                         const JobControl &control, WriterLock &lock)
{
    const CopyRequest &request = prepared.plan.request;
    const QList<CopyItem> &writes = prepared.writes;
    const qsizetype rowCount = prepared.wholeBranch ? prepared.plan.toCreate
                               : prepared.streamed  ? prepared.plan.writeCount()
                                                    : writes.size();

    CopyResult result;
    result.skipped = prepared.plan.toSkip;
    result.unknown = prepared.plan.unknown;
    // A target the plan could not see is Encord's to create, with the first row it copies.
    const bool needsBranch = !prepared.plan.targetExists && prepared.plan.targetKnown;
    if (!writesSomething(prepared, options))
        return result;
    if (control.isCancelled()) {
        result.cancelled = true;
        return result;
    }

    const int batchSize = prepared.wholeBranch ? kRowsPerPart : request.batchSize;
    result.batchesTotal = int((rowCount + batchSize - 1) / batchSize);

    if (needsBranch) {
        // A snapshot's branch becomes one when its operation is done (Store::finishOperation).
        const bool snapshotNow = options.snapshotBranch && !m_store.marksSnapshotsWhenDone();
        if (Result<void> created = lock.createTargetBranch(request.sourceBranch, snapshotNow); !created)
            return created.takeError();
        result.targetCreated = true;
    }

    const auto audit = [&](const CopyResult &done) {
        nlohmann::json details = copyDetails(request, done);
        if (options.kind == OperationKind::ApplyReview)
            addReviewDetails(details, m_user, prepared.plan);
        return AuditEntryBuilder(m_user, operationKindName(options.kind))
            .summary(copySummary(options.kind, request, done))
            .details(details);
    };
    const JournaledWrite::Wording wording{
        options.kind == OperationKind::Snapshot ? QStringLiteral("snapshot") : QStringLiteral("copying"),
        QStringLiteral("written"), QStringLiteral(" (rolling back what was written also failed: %1)")};
    JournaledWrite journal(m_store, lock, wording, audit);
    if (Result<void> begun = journal.begin(result); !begun)
        return begun.takeError();

    std::optional<StreamedWrites> streamed;
    if (prepared.streamed)
        streamed.emplace(m_store, prepared);
    const auto writeBatch = [&](qint64 operationId, int batch) -> Result<CopyBatchResult> {
        if (prepared.wholeBranch) {
            return m_store.copyRowsPart(operationId, request.sourceBranch, request.targetBranch, batch,
                                        result.batchesTotal);
        }
        Result<QList<CopyItem>> planned =
            streamed ? streamed->batch(batch, batchSize)
                     : Result<QList<CopyItem>>(writes.mid(qsizetype(batch) * batchSize, batchSize));
        if (!planned)
            return planned.takeError();
        const QList<CopyItem> &items = planned.value();
        Result<CopyBatchResult> written =
            m_store.copyBatch(operationId, request.sourceBranch, request.targetBranch, items);
        if (written)
            result.unchanged += int(std::count_if(items.cbegin(), items.cend(),
                                                  [](const CopyItem &item) { return item.identical; }));
        return written;
    };
    if (Result<void> written =
            journal.writeBatches(result, rowCount, batchSize, writeBatch,
                                 QStringLiteral("copy to %1").arg(quoted(request.targetBranch)), control);
        !written)
        return written.takeError();
    if (Result<void> finished = journal.finish(result); !finished)
        return finished.takeError();
    return result;
}

} // namespace lb
