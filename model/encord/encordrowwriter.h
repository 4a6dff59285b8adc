#pragma once

#include "domain/copyrequest.h"
#include "domain/labelrowdocument.h"
#include "domain/labelrowsummary.h"
#include "domain/result.h"

#include <nlohmann/json.hpp>
#include <QHash>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace lb {

class EncordCache;
class EncordRowListing;
class EncordThreadClient;

// Writes label rows onto Encord, client-side: the target rows a copy or an import is missing are created,
// then the labels are saved onto them. Whatever a batch replaces or creates is journaled before anything is
// written, so undo works however the batch ends; Encord's batches are not atomic, so a failure says what was
// left.
class EncordRowWriter
{
public:
    EncordRowWriter(EncordThreadClient &client, EncordCache &cache, EncordRowListing &listing);

    Result<CopyBatchResult> copyBatch(qint64 operationId, const QString &sourceBranch,
                                      const QString &targetBranch, const QList<CopyItem> &items);
    Result<CopyBatchResult> writeRows(qint64 operationId, const QString &branch,
                                      const QList<LabelRowDocument> &rows, bool overwrite);
    // Each content saved under its identity: the row dict, as Encord returned it, of the row it goes to.
    Result<void> saveRows(const QString &branch,
                          const QList<QPair<nlohmann::json, nlohmann::json>> &contentAndIdentity);
    // The next listing fetches these rows again instead of trusting the cache.
    void forgetWritten(const QString &branch, const QStringList &dataHashes);

    // (data hash, label hash) of a row about to be replaced.
    using RowKey = QPair<QString, QString>;
    // Fresh row dicts, archived features included, so nothing a row has is lost; a missing one is an error.
    Result<QHash<QString, nlohmann::json>> fetchAll(const QStringList &labelHashes, const QString &branch);
    Result<void> journalReplaced(qint64 operationId, const QString &branch, const QList<RowKey> &replaced,
                                 const QHash<QString, nlohmann::json> &dicts);
    // The rows `branch` has for these data units, uninitialised ones included, by data hash.
    Result<QHash<QString, LabelRowSummary>> existingRows(const QString &branch,
                                                         const QStringList &dataHashes);

private:
    Result<QHash<QString, nlohmann::json>> createJournaled(qint64 operationId, const QString &branch,
                                                           const QStringList &dataHashes);
    Result<QHash<QString, nlohmann::json>> createRows(const QString &branch, const QStringList &dataHashes);
    void recordCopied(const QString &sourceBranch, const QString &targetBranch, const QList<CopyItem> &items,
                      const QHash<QString, nlohmann::json> &sources);

    EncordThreadClient &m_client;
    EncordCache &m_cache;
    EncordRowListing &m_listing;
};

} // namespace lb
