#include "encord/encordundo.h"

#include "encord/encordcache.h"
#include "encord/encordjsonfields.h"
#include "encord/encordrowlisting.h"
#include "encord/encordrowwriter.h"
#include "encord/encordsavedict.h"

#include <map>

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

    // A journal covers one target branch; grouped anyway so a save never mixes branches.
    std::map<QString, QList<const JournalEntry *>> byBranch;
    for (const JournalEntry &entry : journal.value())
        byBranch[entry.branch].append(&entry);
    for (const auto &[branch, entries] : byBranch) {
        if (auto undone = undoOnBranch(operationId, branch, entries, result); !undone)
            return undone.takeError();
    }
    if (operation->createdTargetBranch)
        (void)m_cache.removeLocalBranch(operation->targetBranch);
    if (auto marked = m_cache.markUndone(operationId); !marked)
        return marked.takeError();
    return result;
}

Result<void> EncordUndo::undoOnBranch(qint64 operationId, const QString &branch,
                                      const QList<const JournalEntry *> &entries, UndoResult &result)
{
    QStringList createdHashes;
    for (const JournalEntry *entry : entries) {
        if (entry->created)
            createdHashes.append(entry->labelHash);
    }
    auto current = m_listing.rowDicts(createdHashes, false, branch, true);
    if (!current)
        return current.takeError();

    QList<QPair<json, json>> writes;
    QStringList touched;
    for (const JournalEntry *entry : entries) {
        touched.append(entry->dataHash);
        if (entry->created) {
            // Encord has no call that deletes a label row; emptying it is the nearest undo.
            const auto it = current->constFind(entry->labelHash);
            if (it == current->cend())
                continue;
            writes.append(std::make_pair(EncordSaveDict::emptied(it.value()), it.value()));
            ++result.removed;
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
        m_listing.unconfirm(entry->labelHash);
    }
    return {};
}

} // namespace lb
