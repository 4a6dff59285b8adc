#include "encord/encordrowlisting.h"

#include "domain/wording.h"
#include "encord/encordcache.h"
#include "encord/encordjsonfields.h"
#include "encord/encordthreadclient.h"

#include <algorithm>
#include <map>

namespace lb {

namespace {

using json = nlohmann::json;
using encordjson::field;
using encordjson::str;
using encordjson::timeField;

qint64 wholeSeconds(const QDateTime &time)
{
    return time.isValid() ? time.toSecsSinceEpoch() : 0;
}

// A listing element (docs/encord-api.md §4.6) as a summary without counts.
LabelRowSummary summaryFromMetadata(const json &m)
{
    LabelRowSummary s;
    s.dataHash = str(field(m, "data_hash"));
    s.labelHash = str(field(m, "label_hash"));
    // The SDK's docstring allows the key to be missing; main is meant then (gap 10).
    s.branchName = str(field(m, "branch_name"));
    if (s.branchName.isEmpty())
        s.branchName = QStringLiteral("main");
    s.dataTitle = str(field(m, "data_title"));
    DataType type = DataType::Image;
    if (parseDataType(str(field(m, "data_type")), &type))
        s.dataType = type;
    s.labelStatus = str(field(m, "label_status"));
    if (s.labelStatus.isEmpty())
        s.labelStatus =
            s.labelHash.isEmpty() ? QStringLiteral("NOT_LABELLED") : QStringLiteral("LABEL_IN_PROGRESS");
    s.createdAt = timeField(m, "created_at");
    s.lastEditedAt = timeField(m, "last_edited_at");
    return s;
}

CachedRow cachedFrom(const LabelRowDocument &doc, const json &dict, qint64 editedSecs)
{
    CachedRow row;
    row.labelHash = doc.labelHash();
    row.editedSecs = editedSecs;
    row.objectCount = doc.objectInstanceCount();
    row.classificationCount = doc.classificationCount();
    row.classCounts = doc.classCounts();
    row.contentHash = doc.contentHash();
    row.content = encordjson::compactBytes(dict);
    return row;
}

// A cached row written by Encord's copy endpoint that this listing now shows: same row (a replaced one keeps
// its label hash) or the row the copy created on a data unit that had none.
bool isCopyOf(const CachedRow &cached, const LabelRowSummary &listed)
{
    return cached.editedSecs == CachedRow::kCopiedPending &&
           (cached.labelHash.isEmpty() || cached.labelHash == listed.labelHash);
}

void applyCounts(LabelRowSummary &summary, const CachedRow &row)
{
    summary.objectCount = row.objectCount;
    summary.classificationCount = row.classificationCount;
    summary.classCounts = row.classCounts;
    summary.contentHash = row.contentHash;
}

bool lessBy(RowQuery::Order order, const LabelRowSummary &a, const LabelRowSummary &b)
{
    switch (order) {
    case RowQuery::Order::DataHash:
        return a.dataHash < b.dataHash;
    case RowQuery::Order::ObjectCount:
        if (a.objectCount != b.objectCount)
            return a.objectCount < b.objectCount;
        break;
    case RowQuery::Order::LastEdited:
        if (a.lastEditedAt != b.lastEditedAt)
            return a.lastEditedAt < b.lastEditedAt;
        break;
    case RowQuery::Order::Status:
        if (a.labelStatus != b.labelStatus)
            return a.labelStatus < b.labelStatus;
        break;
    case RowQuery::Order::Title:
        break;
    }
    if (a.dataTitle != b.dataTitle)
        return a.dataTitle < b.dataTitle;
    if (a.dataHash != b.dataHash)
        return a.dataHash < b.dataHash;
    return a.branchName < b.branchName;
}

LabelRowListFilter listFilterOf(const RowQuery &query)
{
    LabelRowListFilter filter;
    filter.includeAllLabelBranches = query.allBranches;
    filter.branchName = query.allBranches ? QString() : query.branch;
    if (!query.dataHashes.isEmpty())
        filter.dataHashes = query.dataHashes;
    if (!query.labelHashes.isEmpty())
        filter.labelHashes = query.labelHashes;
    filter.dataTitleEq = query.titleEquals;
    filter.dataTitleLike = query.titleLike;
    filter.editedBefore = query.editedBefore;
    filter.editedAfter = query.editedAfter;
    return filter;
}

// The query's filters applied again to what Encord listed: what the store promises must not depend on the
// server's care.
class SummaryFilter
{
public:
    explicit SummaryFilter(const RowQuery &query)
        : m_query(query), m_data(query.dataHashes.cbegin(), query.dataHashes.cend()),
          m_labels(query.labelHashes.cbegin(), query.labelHashes.cend()),
          m_statuses(query.statuses.cbegin(), query.statuses.cend())
    {
    }

    // The summary as the query shows it, or false when the query does not take it.
    bool take(LabelRowSummary &s) const
    {
        if (s.dataHash.isEmpty())
            return false;
        if (!s.isInitialised() && !m_query.includeUninitialised)
            return false;
        if (!m_query.allBranches && s.branchName != m_query.branch && s.isInitialised())
            return false;
        if (!m_query.allBranches)
            s.branchName = m_query.branch;
        if (!m_data.isEmpty() && !m_data.contains(s.dataHash))
            return false;
        if (!m_labels.isEmpty() && !m_labels.contains(s.labelHash))
            return false;
        if (!m_statuses.isEmpty() && !m_statuses.contains(s.labelStatus))
            return false;
        return m_query.titleEquals.isEmpty() || s.dataTitle == m_query.titleEquals;
    }

private:
    const RowQuery &m_query;
    const QSet<QString> m_data;
    const QSet<QString> m_labels;
    const QSet<QString> m_statuses;
};

void sortAndPage(QList<LabelRowSummary> &rows, const RowQuery &query)
{
    std::stable_sort(rows.begin(), rows.end(), [&query](const LabelRowSummary &a, const LabelRowSummary &b) {
        return query.descending ? lessBy(query.order, b, a) : lessBy(query.order, a, b);
    });
    if (query.hasAfter() && query.order == RowQuery::Order::Title) {
        LabelRowSummary key;
        key.dataTitle = query.afterTitle;
        key.dataHash = query.afterDataHash;
        key.branchName = query.allBranches ? query.afterBranch : query.branch;
        const auto after = [&](const LabelRowSummary &row) {
            return query.descending ? lessBy(query.order, row, key) : lessBy(query.order, key, row);
        };
        rows.erase(
            std::remove_if(rows.begin(), rows.end(), [&](const LabelRowSummary &row) { return !after(row); }),
            rows.end());
    }
    const qsizetype offset = std::clamp<qsizetype>(query.offset, 0, rows.size());
    const qsizetype end =
        query.limit < 0 ? rows.size() : std::min<qsizetype>(rows.size(), offset + query.limit);
    rows = rows.mid(offset, end - offset);
}

} // namespace

EncordRowListing::EncordRowListing(EncordThreadClient &client, EncordCache &cache, int bundleSize)
    : m_client(client), m_cache(cache), m_bundleSize(bundleSize)
{
}

// --- listing
// -------------------------------------------------------------------------------------------------

Result<QList<LabelRowSummary>> EncordRowListing::summaries(const RowQuery &query)
{
    if (query.allBranches && !query.branch.isEmpty())
        return fail(QStringLiteral("list the rows of one branch or of all branches, not both"));
    if (!query.allBranches && query.branch.isEmpty())
        return fail(QStringLiteral("no branch given"));

    auto listed = m_client.get().listLabelRows(listFilterOf(query));
    if (!listed)
        return listed.takeError();
    const SummaryFilter filter(query);
    QList<LabelRowSummary> rows;
    rows.reserve(qsizetype(listed->size()));
    for (const json &m : listed.value()) {
        LabelRowSummary s = summaryFromMetadata(m);
        if (filter.take(s))
            rows.append(s);
    }
    return rows;
}

Result<QList<LabelRowSummary>> EncordRowListing::listRows(const RowQuery &query)
{
    auto listed = summaries(query);
    if (!listed)
        return listed;
    QList<LabelRowSummary> rows = std::move(listed).value();

    if (!query.withCounts) {
        // Figures the cache has are free; nothing is fetched for the rest.
        if (auto cached = applyCachedCounts(rows); !cached)
            return cached.takeError();
        sortAndPage(rows, query);
        if (auto added = addProvenance(rows); !added)
            return added.takeError();
        return rows;
    }
    // Sorting by object count needs every count; otherwise only the page asked for is counted.
    if (query.order == RowQuery::Order::ObjectCount) {
        if (auto counted = fillCounts(rows); !counted)
            return counted.takeError();
    }
    sortAndPage(rows, query);
    if (query.order != RowQuery::Order::ObjectCount) {
        if (auto counted = fillCounts(rows); !counted)
            return counted.takeError();
    }
    if (auto added = addProvenance(rows); !added)
        return added.takeError();
    return rows;
}

Result<void> EncordRowListing::addProvenance(QList<LabelRowSummary> &rows)
{
    QHash<QString, QHash<QString, Provenance>> provenanceByBranch;
    for (LabelRowSummary &s : rows) {
        if (!s.isInitialised())
            continue;
        if (!provenanceByBranch.contains(s.branchName)) {
            auto provenance = m_cache.provenance(s.branchName);
            if (!provenance)
                return provenance.takeError();
            provenanceByBranch.insert(s.branchName, provenance.value());
        }
        s.provenance = provenanceByBranch[s.branchName].value(s.dataHash);
    }
    return {};
}

// --- counts
// --------------------------------------------------------------------------------------------------

Result<void> EncordRowListing::fillCounts(QList<LabelRowSummary> &rows)
{
    auto toFetch = applyCachedCounts(rows);
    if (!toFetch)
        return toFetch.takeError();
    if (toFetch->labelHashes.isEmpty())
        return {};
    if (auto fetched = fetchCounts(rows, toFetch.value()); !fetched)
        return fetched;
    for (const QString &labelHash : std::as_const(toFetch->labelHashes)) {
        if (!m_confirmed.contains(labelHash))
            return fail(ErrorKind::Remote,
                        QStringLiteral("Encord did not return the contents of label row %1 (data unit %2)")
                            .arg(labelHash, rows[toFetch->indexOfLabel.value(labelHash)].dataTitle));
    }
    return {};
}

Result<EncordRowListing::CountsToFetch> EncordRowListing::applyCachedCounts(QList<LabelRowSummary> &rows)
{
    std::map<QString, QList<qsizetype>> byBranch;
    for (qsizetype i = 0; i < rows.size(); ++i) {
        if (rows[i].isInitialised())
            byBranch[rows[i].branchName].append(i);
    }
    CountsToFetch toFetch;
    for (const auto &[branch, indexes] : byBranch) {
        auto cached = m_cache.rows(branch, false);
        if (!cached)
            return cached.takeError();
        QHash<QString, CachedRow> copied; // pending copies this listing now names
        for (const qsizetype i : indexes) {
            LabelRowSummary &s = rows[i];
            // The listing's time is the freshness key: a cached row edited at another time is stale.
            const auto hit = cached->constFind(s.dataHash);
            if (hit != cached->cend() && hit->labelHash == s.labelHash &&
                hit->editedSecs == wholeSeconds(s.lastEditedAt)) {
                applyCounts(s, hit.value());
                m_confirmed.insert(s.labelHash);
            } else if (hit != cached->cend() && isCopyOf(hit.value(), s)) {
                applyCounts(s, hit.value());
                CachedRow named = hit.value();
                named.labelHash = s.labelHash;
                named.editedSecs = wholeSeconds(s.lastEditedAt);
                copied.insert(s.dataHash, named);
            } else if (!toFetch.indexOfLabel.contains(s.labelHash)) {
                toFetch.indexOfLabel.insert(s.labelHash, i);
                toFetch.labelHashes.append(s.labelHash);
            }
        }
        if (!copied.isEmpty()) {
            if (auto stored = m_cache.putRows(branch, copied); !stored)
                return stored.takeError();
        }
    }
    return toFetch;
}

Result<void> EncordRowListing::fetchCounts(QList<LabelRowSummary> &rows, const CountsToFetch &toFetch)
{
    // One request per bundle, a few in flight at once (issue 5: bundled initialisation).
    QList<QStringList> bundles;
    for (qsizetype i = 0; i < toFetch.labelHashes.size(); i += m_bundleSize)
        bundles.append(toFetch.labelHashes.mid(i, m_bundleSize));
    auto fetched = m_client.get().getLabelRowBundles(bundles, LabelRowGetOptions(), m_bundleProgress);
    if (!fetched)
        return fetched.takeError();

    std::map<QString, QHash<QString, CachedRow>> toCache;
    for (const json &bundle : fetched.value()) {
        for (const json &dict : bundle) {
            const QString labelHash = str(field(dict, "label_hash"));
            const auto index = toFetch.indexOfLabel.constFind(labelHash);
            if (index == toFetch.indexOfLabel.cend())
                continue;
            LabelRowSummary &s = rows[index.value()];
            auto doc = LabelRowDocument::fromJson(dict, s.dataTitle.isEmpty() ? s.dataHash : s.dataTitle);
            if (!doc)
                return fail(
                    QStringLiteral("cannot read label row %1 from Encord: %2").arg(labelHash, doc.error()));
            // The listing's time is the freshness key: the next listing compares against it.
            const CachedRow cached = cachedFrom(doc.value(), dict, wholeSeconds(s.lastEditedAt));
            applyCounts(s, cached);
            toCache[s.branchName].insert(s.dataHash, cached);
            m_confirmed.insert(labelHash);
        }
    }
    for (const auto &[branch, entries] : toCache) {
        if (auto stored = m_cache.putRows(branch, entries); !stored)
            return stored;
    }
    return {};
}

// --- contents
// ------------------------------------------------------------------------------------------------

Result<QHash<QString, json>> EncordRowListing::rowDicts(const QStringList &labelHashes, bool allowCache,
                                                        const QString &branch, bool includeArchived)
{
    QHash<QString, json> dicts;
    QStringList remaining = labelHashes;
    if (allowCache) {
        auto uncached = takeConfirmedFromCache(labelHashes, branch, dicts);
        if (!uncached)
            return uncached.takeError();
        remaining = std::move(uncached).value();
    }
    if (remaining.isEmpty())
        return dicts;
    LabelRowGetOptions options;
    options.includeArchived = includeArchived;
    auto fetched = m_client.get().getLabelRows(remaining, options);
    if (!fetched)
        return fetched.takeError();
    for (const json &dict : fetched.value()) {
        const QString hash = str(field(dict, "label_hash"));
        if (hash.isEmpty())
            continue;
        if (!branch.isEmpty() && str(field(dict, "branch_name")) != branch &&
            !str(field(dict, "branch_name")).isEmpty())
            return fail(QStringLiteral("label row %1 is on branch %2, not on %3")
                            .arg(hash, quoted(str(field(dict, "branch_name"))), quoted(branch)));
        dicts.insert(hash, dict);
    }
    return dicts;
}

Result<QStringList> EncordRowListing::takeConfirmedFromCache(const QStringList &labelHashes,
                                                             const QString &branch,
                                                             QHash<QString, json> &dicts)
{
    auto cached = m_cache.rows(branch, true);
    if (!cached)
        return cached.takeError();
    QHash<QString, const CachedRow *> byLabel;
    for (auto it = cached->cbegin(); it != cached->cend(); ++it)
        byLabel.insert(it->labelHash, &it.value());
    QStringList remaining;
    for (const QString &hash : labelHashes) {
        const CachedRow *row = byLabel.value(hash);
        if (row && m_confirmed.contains(hash) && !row->content.isEmpty()) {
            json dict = encordjson::parseBytes(row->content);
            if (dict.is_object()) {
                dicts.insert(hash, std::move(dict));
                continue;
            }
        }
        remaining.append(hash);
    }
    return remaining;
}

Result<QList<LabelRowDocument>> EncordRowListing::contents(const QString &branch,
                                                           const QStringList &labelHashes)
{
    auto dicts = rowDicts(labelHashes, true, branch);
    if (!dicts)
        return dicts.takeError();
    QList<LabelRowDocument> docs;
    docs.reserve(labelHashes.size());
    QHash<QString, CachedRow> toCache;
    for (const QString &hash : labelHashes) {
        const auto it = dicts->constFind(hash);
        if (it == dicts->cend())
            return fail(
                ErrorKind::NotFound,
                QStringLiteral("label row %1 is not on branch %2 on Encord").arg(hash, quoted(branch)));
        auto doc = LabelRowDocument::fromJson(it.value(), hash);
        if (!doc)
            return fail(QStringLiteral("cannot read label row %1 from Encord: %2").arg(hash, doc.error()));
        if (!m_confirmed.contains(hash))
            toCache.insert(doc->dataHash(),
                           cachedFrom(doc.value(), it.value(), wholeSeconds(doc->lastEditedAt())));
        docs.append(std::move(doc).value());
    }
    if (!toCache.isEmpty()) {
        if (auto stored = m_cache.putRows(branch, toCache); !stored)
            return stored.takeError();
    }
    return docs;
}

} // namespace lb
