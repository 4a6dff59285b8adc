#include "encord/encordundo.h"

#include "encord/encordcache.h"
#include "encord/encordjsonfields.h"
#include "encord/encordrowlisting.h"
#include "encord/encordrowwriter.h"
#include "encord/encordsavedict.h"
#include "store/store.h"

#include <map>
#include <QSet>

namespace lb {

using json = nlohmann::json;

EncordUndo::EncordUndo(EncordCache &cache, EncordRowListing &listing, EncordRowWriter &writer)
    : m_cache(cache), m_listing(listing), m_writer(writer)
{
}

Result<UndoResult> EncordUndo::undo(qint64 operationId)
{
    auto operation = m_cache.operation(operationId);
    if (!operation)
        return operation.takeError();
    if (operation->undone)
        return fail(ErrorKind::Conflict, QStringLiteral("operation %1 was already undone").arg(operationId));
    auto journal = m_cache.journal(operationId);
    if (!journal)
        return journal.takeError();

    UndoResult result;
    result.undoneOperationId = operationId;
    result.targetBranch = operation->targetBranch;

    // A journal covers one target branch; grouped anyway so a save never mixes branches. The first entry of
    // a data unit holds it as it was before the operation (a batch retried another way journals it again).
    std::map<QString, QList<const JournalEntry *>> byBranch;
    QSet<QPair<QString, QString>> seen;
    int journaledCreated = 0;
    for (const JournalEntry &entry : journal.value()) {
        if (seen.contains({entry.branch, entry.dataHash}))
            continue;
        seen.insert({entry.branch, entry.dataHash});
        byBranch[entry.branch].append(&entry);
        journaledCreated += entry.created ? 1 : 0;
    }
    for (const auto &[branch, entries] : byBranch) {
        if (auto undone = undoOnBranch(operationId, branch, entries, result); !undone)
            return undone.takeError();
    }
    // Rows Encord's copy wrote into a target the plan had not listed, where it also skipped some: the
    // journal could not name them (CopyResult::unidentified).
    result.leftAlone = qMax(0, operation->created - journaledCreated);
    if (operation->createdTargetBranch)
        (void)m_cache.removeLocalBranch(operation->targetBranch);
    if (auto marked = m_cache.markUndone(operationId); !marked)
        return marked.takeError();
    return result;
}

Result<void> EncordUndo::undoOnBranch(qint64 operationId, const QString &branch,
                                      const QList<const JournalEntry *> &entries, UndoResult &result)
{
    auto createdHashes = createdLabelHashes(branch, entries);
    if (!createdHashes)
        return createdHashes.takeError();
    auto current = m_listing.rowDicts(createdHashes->values(), false, branch, true);
    if (!current)
        return current.takeError();

    QList<QPair<json, json>> writes;
    QStringList touched;
    for (const JournalEntry *entry : entries) {
        touched.append(entry->dataHash);
        if (entry->created) {
            // Encord has no call that deletes a label row; emptying it is the nearest undo.
            const auto it = current->constFind(createdHashes->value(entry->dataHash));
            if (it == current->cend())
                continue;
            writes.append(std::make_pair(EncordSaveDict::emptied(it.value()), it.value()));
            ++result.removed;
            ++result.emptied;
        } else {
            const json old = encordjson::parseBytes(entry->oldContent);
            if (!old.is_object())
                return fail(QStringLiteral("the journal of operation %1 is damaged (data unit %2)")
                                .arg(operationId)
                                .arg(entry->dataHash));
            writes.append(std::make_pair(old, old));
            ++result.restored;
        }
    }
    m_writer.forgetWritten(branch, touched);
    if (auto saved = m_writer.saveRows(branch, writes); !saved)
        return withContext(
            saved.takeError(),
            QStringLiteral("undo of operation %1 failed: %2").arg(operationId).arg(saved.error()));
    for (const JournalEntry *entry : entries) {
        (void)m_cache.setProvenance(branch, entry->dataHash, Provenance());
        m_listing.unconfirm(createdHashes->value(entry->dataHash, entry->labelHash));
    }
    return {};
}

// Label hash by data hash of the rows the operation created. Rows Encord's copy endpoint created were
// journaled by data unit alone: the branch is listed for them.
Result<QHash<QString, QString>> EncordUndo::createdLabelHashes(const QString &branch,
                                                               const QList<const JournalEntry *> &entries)
{
    QHash<QString, QString> byData;
    QStringList unnamed;
    for (const JournalEntry *entry : entries) {
        if (entry->created && entry->labelHash.isEmpty())
            unnamed.append(entry->dataHash);
        else if (entry->created)
            byData.insert(entry->dataHash, entry->labelHash);
    }
    for (qsizetype from = 0; from < unnamed.size(); from += Store::kMaxFilterHashes) {
        RowQuery query;
        query.branch = branch;
        query.dataHashes = unnamed.mid(from, Store::kMaxFilterHashes);
        const auto listed = m_listing.summaries(query);
        if (!listed)
            return listed.takeError();
        for (const LabelRowSummary &row : listed.value()) {
            if (row.isInitialised())
                byData.insert(row.dataHash, row.labelHash);
        }
    }
    return byData;
}

} // namespace lb
