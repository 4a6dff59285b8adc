#include "encord/encordservercopy.h"

#include "encord/api/copybranchcall.h"
#include "encord/encordcache.h"
#include "encord/encordrowlisting.h"
#include "encord/encordrowwriter.h"
#include "encord/encordthreadclient.h"

#include <QDateTime>

namespace lb {

EncordServerCopy::EncordServerCopy(EncordThreadClient &client, EncordCache &cache, EncordRowListing &listing,
                                   EncordRowWriter &writer)
    : m_client(client), m_cache(cache), m_listing(listing), m_writer(writer)
{
}

Result<std::optional<CopyBatchResult>> EncordServerCopy::copy(const Batch &batch)
{
    if (m_missing || batch.items.isEmpty())
        return std::optional<CopyBatchResult>();
    // Before the request, so undo can put the replaced rows back however the request ends.
    if (Result<void> journaled = journalReplaced(batch); !journaled)
        return journaled.takeError();

    CopyBranchCall call{batch.sourceBranch, batch.targetBranch, batch.overwrite, {}};
    for (const CopyItem &item : batch.items)
        call.labelHashes.append(item.sourceLabelHash);
    const Result<CopyBranchAnswer> answer = sendCopyBranch(m_client.get(), call);
    if (!answer)
        return answer.takeError();
    if (answer->endpointMissing) {
        if (m_worked) // the endpoint is there: what it did not find is the source rows
            return fail(ErrorKind::NotFound,
                        QStringLiteral("Encord's copy endpoint did not find some of these label rows on %1; "
                                       "list the branch again and repeat the copy")
                            .arg(batch.sourceBranch));
        m_missing = true;
        return std::optional<CopyBatchResult>();
    }
    m_worked = true;
    const CopyBatchResult result = resultOf(batch, answer->copiedCount);
    if (result.unidentified == 0) {
        if (Result<void> journaled = journalCreated(batch); !journaled)
            return journaled.takeError();
    }
    remember(batch);
    return std::optional<CopyBatchResult>(result);
}

Result<void> EncordServerCopy::journalReplaced(const Batch &batch)
{
    QStringList labelHashes;
    QList<EncordRowWriter::RowKey> replaced;
    for (const CopyItem &item : batch.items) {
        if (!item.targetLabelHash.isEmpty()) {
            labelHashes.append(item.targetLabelHash);
            replaced.append(qMakePair(item.dataHash, item.targetLabelHash));
        }
    }
    if (replaced.isEmpty())
        return {};
    const auto dicts = m_writer.fetchAll(labelHashes, batch.targetBranch);
    if (!dicts)
        return dicts.takeError();
    return m_writer.journalReplaced(batch.operationId, batch.targetBranch, replaced, dicts.value());
}

// The rows the copy created have label hashes only Encord knows yet: the journal names their data units,
// and undo lists the target to find them.
Result<void> EncordServerCopy::journalCreated(const Batch &batch)
{
    QList<JournalEntry> journal;
    for (const CopyItem &item : batch.items) {
        if (item.targetLabelHash.isEmpty())
            journal.append(JournalEntry{batch.targetBranch, item.dataHash, QString(), true, QByteArray()});
    }
    if (journal.isEmpty())
        return {};
    return m_cache.addJournal(batch.operationId, journal);
}

// Encord says how many rows it wrote. When that is every row of the batch, the plan was right; when fewer,
// the target had rows the plan did not know of, and which of the written rows are new cannot be told.
CopyBatchResult EncordServerCopy::resultOf(const Batch &batch, int copiedCount) const
{
    CopyBatchResult result;
    result.method = CopyMethod::Server;
    int creates = 0;
    for (const CopyItem &item : batch.items)
        creates += item.targetLabelHash.isEmpty() ? 1 : 0;
    const int replaces = int(batch.items.size()) - creates;
    if (copiedCount >= int(batch.items.size())) {
        result.created = creates;
        result.replaced = replaces;
        return result;
    }
    result.replaced = qMin(replaces, copiedCount);
    result.created = copiedCount - result.replaced;
    result.skipped = int(batch.items.size()) - copiedCount;
    result.unidentified = result.created;
    return result;
}

// A copied row has its source row's content: the cache takes the source's figures for it (when it has them)
// and the provenance, so counts after the copy need no download.
void EncordServerCopy::remember(const Batch &batch)
{
    const Result<QHash<QString, CachedRow>> sources = m_cache.rows(batch.sourceBranch, false);
    QHash<QString, CachedRow> copied;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const CopyItem &item : batch.items) {
        m_listing.unconfirm(item.targetLabelHash);
        const CachedRow source = sources ? sources->value(item.dataHash) : CachedRow();
        const bool known =
            source.labelHash == item.sourceLabelHash && m_listing.isConfirmed(item.sourceLabelHash);
        (void)m_cache.setProvenance(
            batch.targetBranch, item.dataHash,
            Provenance{batch.sourceBranch, known ? source.contentHash : QString(), now});
        if (!known) { // the next listing fetches it
            (void)m_cache.forgetRow(batch.targetBranch, item.dataHash);
            continue;
        }
        CachedRow row = source;
        row.labelHash = item.targetLabelHash; // empty for a created row
        row.editedSecs = CachedRow::kCopiedPending;
        row.content.clear();
        copied.insert(item.dataHash, row);
    }
    if (!copied.isEmpty())
        (void)m_cache.putRows(batch.targetBranch, copied); // a failure only costs a download
}

} // namespace lb
