#include "encord/encordrowwriter.h"

#include "domain/rowquery.h"
#include "domain/wording.h"
#include "encord/encordcache.h"
#include "encord/encordjsonfields.h"
#include "encord/encordrowlisting.h"
#include "encord/encordsavedict.h"
#include "encord/encordthreadclient.h"

#include <QSet>

namespace lb {

namespace {

using json = nlohmann::json;
using encordjson::field;
using encordjson::str;

// The label hashes a copy batch reads and replaces, and the data units it creates rows for.
struct CopyBatchPlan
{
    QStringList sourceHashes;
    QStringList replaceHashes;
    QList<QPair<QString, QString>> replaced; // (data hash, target label hash)
    QStringList createDataHashes;
    QStringList touchedDataHashes;
};

CopyBatchPlan batchPlanOf(const QList<CopyItem> &items)
{
    CopyBatchPlan plan;
    for (const CopyItem &item : items) {
        plan.sourceHashes.append(item.sourceLabelHash);
        plan.touchedDataHashes.append(item.dataHash);
        if (item.targetLabelHash.isEmpty()) {
            plan.createDataHashes.append(item.dataHash);
        } else {
            plan.replaceHashes.append(item.targetLabelHash);
            plan.replaced.append(qMakePair(item.dataHash, item.targetLabelHash));
        }
    }
    return plan;
}

// The label hashes rows to write replace, and the data units they create rows for.
struct WritePlan
{
    QStringList replaceHashes;
    QStringList createDataHashes;
};

Result<QStringList> distinctDataHashes(const QList<LabelRowDocument> &rows)
{
    QStringList dataHashes;
    QSet<QString> seen;
    for (const LabelRowDocument &row : rows) {
        if (seen.contains(row.dataHash()))
            return fail(
                QStringLiteral("data unit %1 appears twice in the rows to write").arg(row.dataHash()));
        seen.insert(row.dataHash());
        dataHashes.append(row.dataHash());
    }
    return dataHashes;
}

Result<WritePlan> writePlanOf(const QList<LabelRowDocument> &rows,
                              const QHash<QString, LabelRowSummary> &existing, const QString &branch,
                              bool overwrite)
{
    WritePlan plan;
    for (const LabelRowDocument &row : rows) {
        const auto it = existing.constFind(row.dataHash());
        if (it == existing.cend())
            return fail(ErrorKind::NotFound, QStringLiteral("data unit %1 (%2) is not in the Encord project")
                                                 .arg(row.dataHash(), row.dataTitle()));
        if (it->isInitialised()) {
            if (!overwrite)
                return fail(
                    ErrorKind::Conflict,
                    QStringLiteral("data unit %1 already has a label row on %2")
                        .arg(it->dataTitle.isEmpty() ? row.dataHash() : it->dataTitle, quoted(branch)));
            plan.replaceHashes.append(it->labelHash);
        } else {
            plan.createDataHashes.append(row.dataHash());
        }
    }
    return plan;
}

} // namespace

EncordRowWriter::EncordRowWriter(EncordThreadClient &client, EncordCache &cache, EncordRowListing &listing)
    : m_client(client), m_cache(cache), m_listing(listing)
{
}

// --- copy
// ----------------------------------------------------------------------------------------------------

Result<CopyBatchResult> EncordRowWriter::copyBatch(qint64 operationId, const QString &sourceBranch,
                                                   const QString &targetBranch, const QList<CopyItem> &items)
{
    CopyBatchResult result;
    if (items.isEmpty())
        return result;
    if (sourceBranch == targetBranch)
        return fail(QStringLiteral("source and target branch must be different"));
    const CopyBatchPlan plan = batchPlanOf(items);

    // Fresh source contents, archived features included, so nothing the source has is lost on the target.
    auto sources = fetchAll(plan.sourceHashes, sourceBranch);
    if (!sources)
        return sources.takeError();
    auto targets = fetchAll(plan.replaceHashes, targetBranch);
    if (!targets)
        return targets.takeError();

    // The replaced contents are journaled before anything is written, so undo works whatever fails later.
    if (auto journaled = journalReplaced(operationId, targetBranch, plan.replaced, targets.value());
        !journaled)
        return journaled.takeError();
    auto created = createJournaled(operationId, targetBranch, plan.createDataHashes);
    if (!created)
        return created.takeError();

    QList<QPair<json, json>> writes;
    for (const CopyItem &item : items) {
        const json &content = sources->value(item.sourceLabelHash);
        const json identity = item.targetLabelHash.isEmpty() ? created->value(item.dataHash)
                                                             : targets->value(item.targetLabelHash);
        writes.append(std::make_pair(content, identity));
    }
    forgetWritten(targetBranch, plan.touchedDataHashes);
    if (auto saved = saveRows(targetBranch, writes); !saved) {
        if (!plan.createDataHashes.isEmpty())
            return withContext(
                saved.takeError(),
                QStringLiteral("%1; %2 label rows were already created on %3 without labels (undo empties "
                               "them, a new copy with overwrite fills them)")
                    .arg(saved.error())
                    .arg(plan.createDataHashes.size())
                    .arg(quoted(targetBranch)));
        return saved.takeError();
    }
    recordCopied(sourceBranch, targetBranch, items, sources.value());
    result.created = int(plan.createDataHashes.size());
    result.replaced = int(plan.replaceHashes.size());
    return result;
}

void EncordRowWriter::recordCopied(const QString &sourceBranch, const QString &targetBranch,
                                   const QList<CopyItem> &items, const QHash<QString, json> &sources)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const CopyItem &item : items) {
        auto doc = LabelRowDocument::fromJson(sources.value(item.sourceLabelHash), item.dataHash);
        const QString contentHash = doc ? doc->contentHash() : QString();
        (void)m_cache.setProvenance(targetBranch, item.dataHash, Provenance{sourceBranch, contentHash, now});
        m_listing.unconfirm(item.targetLabelHash);
    }
}

// --- import
// --------------------------------------------------------------------------------------------------

Result<CopyBatchResult> EncordRowWriter::writeRows(qint64 operationId, const QString &branch,
                                                   const QList<LabelRowDocument> &rows, bool overwrite)
{
    CopyBatchResult result;
    if (rows.isEmpty())
        return result;
    auto dataHashes = distinctDataHashes(rows);
    if (!dataHashes)
        return dataHashes.takeError();
    auto existing = existingRows(branch, dataHashes.value());
    if (!existing)
        return existing.takeError();
    auto plan = writePlanOf(rows, existing.value(), branch, overwrite);
    if (!plan)
        return plan.takeError();

    auto targets = fetchAll(plan->replaceHashes, branch);
    if (!targets)
        return targets.takeError();
    QList<RowKey> replaced;
    for (const QString &hash : std::as_const(plan->replaceHashes))
        replaced.append(qMakePair(str(field(targets->value(hash), "data_hash")), hash));
    if (auto journaled = journalReplaced(operationId, branch, replaced, targets.value()); !journaled)
        return journaled.takeError();
    auto created = createJournaled(operationId, branch, plan->createDataHashes);
    if (!created)
        return created.takeError();

    QList<QPair<json, json>> writes;
    for (const LabelRowDocument &row : rows) {
        const LabelRowSummary &target = existing->value(row.dataHash());
        const json identity =
            target.isInitialised() ? targets->value(target.labelHash) : created->value(row.dataHash());
        writes.append(std::make_pair(row.json(), identity));
    }
    forgetWritten(branch, dataHashes.value());
    if (auto saved = saveRows(branch, writes); !saved)
        return saved.takeError();
    for (const QString &hash : std::as_const(plan->replaceHashes))
        m_listing.unconfirm(hash);
    result.created = int(plan->createDataHashes.size());
    result.replaced = int(plan->replaceHashes.size());
    return result;
}

Result<QHash<QString, LabelRowSummary>> EncordRowWriter::existingRows(const QString &branch,
                                                                      const QStringList &dataHashes)
{
    RowQuery query;
    query.branch = branch;
    query.includeUninitialised = true;
    query.dataHashes = dataHashes;
    auto listed = m_listing.summaries(query);
    if (!listed)
        return listed.takeError();
    QHash<QString, LabelRowSummary> existing;
    for (const LabelRowSummary &s : listed.value())
        existing.insert(s.dataHash, s);
    return existing;
}

// --- journaled writes
// ----------------------------------------------------------------------------------------

Result<QHash<QString, json>> EncordRowWriter::fetchAll(const QStringList &labelHashes, const QString &branch)
{
    auto dicts = m_listing.rowDicts(labelHashes, false, branch, true);
    if (!dicts)
        return dicts;
    for (const QString &hash : labelHashes) {
        if (!dicts->contains(hash))
            return fail(
                ErrorKind::NotFound,
                QStringLiteral("label row %1 is not on branch %2 on Encord").arg(hash, quoted(branch)));
    }
    return dicts;
}

Result<void> EncordRowWriter::journalReplaced(qint64 operationId, const QString &branch,
                                              const QList<RowKey> &replaced,
                                              const QHash<QString, json> &dicts)
{
    QList<JournalEntry> journal;
    for (const auto &[dataHash, labelHash] : replaced)
        journal.append(JournalEntry{branch, dataHash, labelHash, false,
                                    encordjson::compactBytes(dicts.value(labelHash))});
    return m_cache.addJournal(operationId, journal);
}

Result<QHash<QString, json>> EncordRowWriter::createJournaled(qint64 operationId, const QString &branch,
                                                              const QStringList &dataHashes)
{
    auto created = createRows(branch, dataHashes);
    if (!created)
        return created;
    QList<JournalEntry> journal;
    for (const QString &dataHash : dataHashes)
        journal.append(JournalEntry{branch, dataHash, str(field(created->value(dataHash), "label_hash")),
                                    true, QByteArray()});
    if (auto journaled = m_cache.addJournal(operationId, journal); !journaled)
        return journaled.takeError();
    return created;
}

Result<QHash<QString, json>> EncordRowWriter::createRows(const QString &branch, const QStringList &dataHashes)
{
    QHash<QString, json> byData;
    if (dataHashes.isEmpty())
        return byData;
    auto created = m_client.get().createLabelRows(dataHashes, branch);
    if (!created)
        return created.takeError();
    for (const json &dict : created.value())
        byData.insert(str(field(dict, "data_hash")), dict);
    for (const QString &hash : dataHashes) {
        if (!byData.contains(hash) || str(field(byData[hash], "label_hash")).isEmpty())
            return fail(ErrorKind::Remote,
                        QStringLiteral("Encord did not create a label row for data unit %1 on %2")
                            .arg(hash, quoted(branch)));
    }
    return byData;
}

Result<void> EncordRowWriter::saveRows(const QString &branch,
                                       const QList<QPair<json, json>> &contentAndIdentity)
{
    if (contentAndIdentity.isEmpty())
        return {};
    QStringList hashes;
    QList<nlohmann::ordered_json> dicts;
    for (const auto &[content, identity] : contentAndIdentity) {
        nlohmann::ordered_json dict = EncordSaveDict::build(content, identity, branch);
        hashes.append(str(field(identity, "label_hash")));
        dicts.append(std::move(dict));
    }
    return m_client.get().saveLabelRows(hashes, dicts);
}

void EncordRowWriter::forgetWritten(const QString &branch, const QStringList &dataHashes)
{
    // A failure to forget only costs a refetch.
    for (const QString &hash : dataHashes)
        (void)m_cache.forgetRow(branch, hash);
}

} // namespace lb
