#pragma once

#include "domain/labelrowdocument.h"
#include "domain/labelrowsummary.h"
#include "domain/result.h"
#include "domain/rowquery.h"

#include <functional>
#include <nlohmann/json.hpp>
#include <QHash>
#include <QSet>
#include <QString>
#include <QStringList>

namespace lb {

class EncordCache;
class EncordThreadClient;

// The label rows of an Encord project as the store shows them. Listings come from Encord; object counts and
// content hashes are taken from the local cache while a row is unchanged and fetched in bundles when not, so
// reopening is instant. Contents a listing of this session confirmed as current are served from the cache.
class EncordRowListing
{
public:
    EncordRowListing(EncordThreadClient &client, EncordCache &cache, int bundleSize);

    // Called after each bundle of contents fetched for a listing: (bundles done, bundles total).
    void setBundleProgress(std::function<void(int, int)> progress) { m_bundleProgress = std::move(progress); }

    // The rows the query matches, without counts and unsorted.
    Result<QList<LabelRowSummary>> summaries(const RowQuery &query);
    // Sorted, paged, with counts and provenance: what Store::listRows() promises.
    Result<QList<LabelRowSummary>> listRows(const RowQuery &query);
    // Object counts and content hashes for every initialised row.
    Result<void> fillCounts(QList<LabelRowSummary> &rows);
    // Label hash -> row dict. allowCache takes contents a listing confirmed as current; includeArchived also
    // fetches labels of archived features (copies must not lose them).
    Result<QHash<QString, nlohmann::json>> rowDicts(const QStringList &labelHashes, bool allowCache,
                                                    const QString &branch, bool includeArchived = false);
    Result<QList<LabelRowDocument>> contents(const QString &branch, const QStringList &labelHashes);
    // The row was written: its cached content is no longer known to be current.
    void unconfirm(const QString &labelHash) { m_confirmed.remove(labelHash); }
    // A listing of this session found the cached figures of this row current.
    bool isConfirmed(const QString &labelHash) const { return m_confirmed.contains(labelHash); }

private:
    // Rows to fetch, by label hash, with the index of the summary each one fills.
    struct CountsToFetch
    {
        QStringList labelHashes;
        QHash<QString, qsizetype> indexOfLabel;
    };

    Result<CountsToFetch> applyCachedCounts(QList<LabelRowSummary> &rows);
    Result<void> fetchCounts(QList<LabelRowSummary> &rows, const CountsToFetch &toFetch);
    Result<void> addProvenance(QList<LabelRowSummary> &rows);
    Result<QStringList> takeConfirmedFromCache(const QStringList &labelHashes, const QString &branch,
                                               QHash<QString, nlohmann::json> &dicts);

    EncordThreadClient &m_client;
    EncordCache &m_cache;
    int m_bundleSize;
    std::function<void(int, int)> m_bundleProgress;
    // Label hashes whose cached content a listing in this session confirmed as current.
    QSet<QString> m_confirmed;
};

} // namespace lb
