#pragma once

#include "domain/copyrequest.h"
#include "domain/result.h"

#include <QHash>
#include <QList>
#include <QString>

namespace lb {

class EncordCache;
class EncordRowListing;
class EncordRowWriter;
struct JournalEntry;

// Takes an operation of the Encord store back from its journal. Encord cannot delete label rows, so rows the
// operation created are emptied (not removed); rows it replaced get their journaled contents back.
class EncordUndo
{
public:
    EncordUndo(EncordCache &cache, EncordRowListing &listing, EncordRowWriter &writer);

    Result<UndoResult> undo(qint64 operationId);

private:
    Result<void> undoOnBranch(qint64 operationId, const QString &branch,
                              const QList<const JournalEntry *> &entries, UndoResult &result);
    Result<QHash<QString, QString>> createdLabelHashes(const QString &branch,
                                                       const QList<const JournalEntry *> &entries);

    EncordCache &m_cache;
    EncordRowListing &m_listing;
    EncordRowWriter &m_writer;
};

} // namespace lb
