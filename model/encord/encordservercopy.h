#pragma once

#include "domain/copyrequest.h"
#include "domain/result.h"

#include <optional>
#include <QHash>
#include <QList>
#include <QString>

namespace lb {

class EncordCache;
class EncordRowListing;
class EncordRowWriter;
class EncordThreadClient;

// Copies label rows with Encord's own copy endpoint (docs/encord-api.md §3.8): one request per batch names
// the source rows, and Encord writes them onto the target; no label content passes through labelbranch.
// Around that request it keeps undo honest: the contents of target rows an overwriting copy replaces are
// fetched (bundled) and journaled before the request, the data units it gives new rows are journaled after
// it (their label hashes are looked up when undone), and the cache learns the copied rows' figures from the
// source rows', so counts after a copy need no download.
//
// A deployment without the endpoint (404 or 405 to the first request) is remembered for the session; the
// caller then copies client-side.
class EncordServerCopy
{
public:
    EncordServerCopy(EncordThreadClient &client, EncordCache &cache, EncordRowListing &listing,
                     EncordRowWriter &writer);

    struct Batch
    {
        qint64 operationId = 0;
        QString sourceBranch;
        QString targetBranch;
        bool overwrite = false;
        // The plan listed the target: an item without a target row is a row the copy creates. Otherwise
        // Encord alone knows which data units the target had rows for.
        bool targetListed = true;
        QList<CopyItem> items;
    };

    bool endpointMissing() const { return m_missing; }
    // Nothing (and nothing written) when the endpoint is missing.
    Result<std::optional<CopyBatchResult>> copy(const Batch &batch);

private:
    Result<void> journalReplaced(const Batch &batch);
    Result<void> journalCreated(const Batch &batch);
    CopyBatchResult resultOf(const Batch &batch, int copiedCount) const;
    void remember(const Batch &batch);

    EncordThreadClient &m_client;
    EncordCache &m_cache;
    EncordRowListing &m_listing;
    EncordRowWriter &m_writer;
    bool m_missing = false; // the deployment has no copy endpoint
    bool m_worked = false;  // a request went through it
};

} // namespace lb
