#include "encord/encordstore.h"

#include "domain/wording.h"
#include "encord/encordsavedict.h"

#include <algorithm>
#include <map>
#include <QCryptographicHash>
#include <QDir>
#include <QRegularExpression>
#include <QStandardPaths>

namespace lb {

namespace {

using json = nlohmann::json;

QString str(const json &value)
{
    return value.is_string() ? QString::fromStdString(value.get<std::string>()) : QString();
}

json field(const json &object, const char *key)
{
    if (!object.is_object())
        return nullptr;
    const auto it = object.find(key);
    return it == object.end() ? json() : *it;
}

int intField(const json &object, const char *key, int fallback = 0)
{
    const json value = field(object, key);
    if (value.is_number())
        return value.get<int>();
    // Encord fixtures carry numbers as strings now and then ("None" too).
    if (value.is_string()) {
        bool ok = false;
        const int parsed = str(value).toInt(&ok);
        return ok ? parsed : fallback;
    }
    return fallback;
}

double doubleField(const json &object, const char *key)
{
    const json value = field(object, key);
    if (value.is_number())
        return value.get<double>();
    if (value.is_string())
        return str(value).toDouble();
    return 0.0;
}

QDateTime timeField(const json &object, const char *key)
{
    const QString text = str(field(object, key));
    return text.isEmpty() ? QDateTime() : parseEncordTimestamp(text);
}

qint64 wholeSeconds(const QDateTime &time)
{
    return time.isValid() ? time.toSecsSinceEpoch() : 0;
}

// A listing element (encord-protocol §4.6) as a summary without counts.
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

DataUnit unitFromMetadata(const json &m)
{
    DataUnit u;
    u.dataHash = str(field(m, "data_hash"));
    u.dataTitle = str(field(m, "data_title"));
    DataType type = DataType::Image;
    if (parseDataType(str(field(m, "data_type")), &type))
        u.dataType = type;
    u.datasetHash = str(field(m, "dataset_hash"));
    u.datasetTitle = str(field(m, "dataset_title"));
    u.width = intField(m, "width");
    u.height = intField(m, "height");
    u.frameCount = std::max(1, intField(m, "number_of_frames", 1));
    u.fps = doubleField(m, "frames_per_second");
    return u;
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
    const std::string text = dict.dump(-1, ' ', false, json::error_handler_t::replace);
    row.content = QByteArray(text.data(), qsizetype(text.size()));
    return row;
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

QStringList chunkOf(const QStringList &list, qsizetype from, qsizetype size)
{
    return list.mid(from, size);
}

} // namespace

// --- opening
// -------------------------------------------------------------------------------------------------

EncordStore::EncordStore(SshKey key, EncordStoreSettings settings)
    : m_key(std::move(key)), m_settings(std::move(settings))
{
}

EncordStore::~EncordStore() = default;

QString EncordStore::defaultCacheDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation) +
           QStringLiteral("/labelbranch/encord");
}

QString EncordStore::cacheFileName(const QUrl &domain, const QString &projectHash)
{
    // The same project hash on two Encord deployments (EU, US, private) is two different projects.
    const QByteArray domainKey =
        QCryptographicHash::hash(
            domain.toString(QUrl::NormalizePathSegments | QUrl::StripTrailingSlash).toUtf8(),
            QCryptographicHash::Sha256)
            .toHex()
            .left(10);
    QString safeProject = projectHash;
    safeProject.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_-]")), QStringLiteral("_"));
    return safeProject + QLatin1Char('-') + QString::fromLatin1(domainKey) + QStringLiteral(".lbcache");
}

QString EncordStore::cachePath() const
{
    return m_cache ? m_cache->path() : QString();
}

Result<std::unique_ptr<EncordStore>> EncordStore::open(SshKey key, EncordStoreSettings settings)
{
    if (key.isNull())
        return fail(QStringLiteral("no SSH key given for Encord"));
    if (settings.client.projectHash.trimmed().isEmpty())
        return fail(QStringLiteral("no Encord project ID given"));
    if (settings.bundleSize < 1 || settings.bundleSize > 1000)
        return fail(
            QStringLiteral("the bundle size must be between 1 and 1000, got %1").arg(settings.bundleSize));
    if (auto domain = EncordClient::checkDomain(settings.client.domain); !domain)
        return domain.takeError();

    std::unique_ptr<EncordStore> store(new EncordStore(std::move(key), std::move(settings)));
    const QString projectHash = store->m_settings.client.projectHash;
    auto project = store->client().getProject();
    if (!project)
        return project.takeError();
    const json &p = project.value();
    const QString ontologyHash = str(field(p, "ontologyHash")).isEmpty() ? str(field(p, "ontology_hash"))
                                                                         : str(field(p, "ontologyHash"));
    json editor = field(p, "editorOntology");
    if (!ontologyHash.isEmpty()) {
        auto ontology = store->client().getOntology(ontologyHash);
        if (!ontology)
            return ontology.takeError();
        if (field(ontology.value(), "editor").is_object())
            editor = field(ontology.value(), "editor");
        store->m_ontology = ontologyFromEditor(editor);
        store->m_ontology.title = str(field(ontology.value(), "title"));
    } else {
        store->m_ontology = ontologyFromEditor(editor);
    }
    store->m_ontology.ontologyHash = ontologyHash;

    store->m_info.projectHash = projectHash;
    store->m_info.title = str(field(p, "title"));
    store->m_info.description = str(field(p, "description"));
    QString base = store->m_settings.client.domain.toString(QUrl::StripTrailingSlash);
    store->m_info.location = base + QStringLiteral("/projects/") + projectHash;
    store->m_info.remote = true;

    const QString dir = store->m_settings.cacheDir.isEmpty() ? defaultCacheDir() : store->m_settings.cacheDir;
    auto cache = EncordCache::open(
        QDir(dir).filePath(cacheFileName(store->m_settings.client.domain, projectHash)), projectHash);
    if (!cache)
        return cache.takeError();
    store->m_cache = std::move(cache).value();
    return store;
}

Result<std::unique_ptr<Store>> EncordStore::openAnother() const
{
    std::unique_ptr<EncordStore> other(new EncordStore(m_key, m_settings));
    other->m_info = m_info;
    other->m_ontology = m_ontology;
    other->m_dataUnits = m_dataUnits;
    auto cache = EncordCache::open(m_cache->path(), m_info.projectHash);
    if (!cache)
        return cache.takeError();
    other->m_cache = std::move(cache).value();
    return std::unique_ptr<Store>(std::move(other));
}

EncordClient &EncordStore::client()
{
    // The network manager belongs to the thread that made it; a store used from another thread gets its own.
    if (!m_client || m_clientThread != QThread::currentThread()) {
        m_client = std::make_unique<EncordClient>(m_key, m_settings.client);
        m_client->setCancelFlag(m_cancelFlag);
        m_clientThread = QThread::currentThread();
    }
    return *m_client;
}

void EncordStore::setCancelFlag(const std::atomic_bool *flag)
{
    m_cancelFlag = flag;
    if (m_client)
        m_client->setCancelFlag(flag);
}

Ontology EncordStore::ontologyFromEditor(const json &editor)
{
    Ontology ontology;
    const json objects = field(editor, "objects");
    if (objects.is_array()) {
        for (const json &o : objects) {
            OntologyObject object;
            object.featureHash = str(field(o, "featureNodeHash"));
            object.name = str(field(o, "name"));
            object.shape = str(field(o, "shape"));
            object.color = str(field(o, "color"));
            ontology.objects.append(object);
        }
    }
    const json classifications = field(editor, "classifications");
    if (classifications.is_array()) {
        for (const json &c : classifications) {
            OntologyClassification classification;
            classification.featureHash = str(field(c, "featureNodeHash"));
            const json attributes = field(c, "attributes");
            if (attributes.is_array() && !attributes.empty()) {
                const json &first = attributes.front();
                classification.name = str(field(first, "name"));
                classification.attributeHash = str(field(first, "featureNodeHash"));
                const json options = field(first, "options");
                if (options.is_array()) {
                    for (const json &option : options) {
                        classification.optionLabels.append(str(field(option, "label")));
                        classification.optionHashes.append(str(field(option, "featureNodeHash")));
                    }
                }
            }
            ontology.classifications.append(classification);
        }
    }
    return ontology;
}

// --- listings
// ------------------------------------------------------------------------------------------------

Result<QList<DataUnit>> EncordStore::dataUnits()
{
    if (!m_dataUnits.isEmpty())
        return m_dataUnits;
    LabelRowListFilter filter;
    filter.branchName = QStringLiteral("main");
    auto listed = client().listLabelRows(filter);
    if (!listed)
        return listed.takeError();
    QList<DataUnit> units;
    QSet<QString> seen;
    for (const json &m : listed.value()) {
        DataUnit unit = unitFromMetadata(m);
        if (unit.dataHash.isEmpty() || seen.contains(unit.dataHash))
            continue;
        seen.insert(unit.dataHash);
        units.append(unit);
    }
    m_dataUnits = units;
    return units;
}

Result<QList<LabelRowSummary>> EncordStore::listSummaries(const RowQuery &query)
{
    if (query.allBranches && !query.branch.isEmpty())
        return fail(QStringLiteral("list the rows of one branch or of all branches, not both"));
    if (!query.allBranches && query.branch.isEmpty())
        return fail(QStringLiteral("no branch given"));

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
    auto listed = client().listLabelRows(filter);
    if (!listed)
        return listed.takeError();

    // The filters are applied here again: what the store promises must not depend on the server's care.
    const QSet<QString> dataFilter(query.dataHashes.cbegin(), query.dataHashes.cend());
    const QSet<QString> labelFilter(query.labelHashes.cbegin(), query.labelHashes.cend());
    const QSet<QString> statusFilter(query.statuses.cbegin(), query.statuses.cend());
    QList<LabelRowSummary> rows;
    rows.reserve(qsizetype(listed->size()));
    for (const json &m : listed.value()) {
        LabelRowSummary s = summaryFromMetadata(m);
        if (s.dataHash.isEmpty())
            continue;
        if (!s.isInitialised() && !query.includeUninitialised)
            continue;
        if (!query.allBranches && s.branchName != query.branch && s.isInitialised())
            continue;
        if (!query.allBranches)
            s.branchName = query.branch;
        if (!dataFilter.isEmpty() && !dataFilter.contains(s.dataHash))
            continue;
        if (!labelFilter.isEmpty() && !labelFilter.contains(s.labelHash))
            continue;
        if (!statusFilter.isEmpty() && !statusFilter.contains(s.labelStatus))
            continue;
        if (!query.titleEquals.isEmpty() && s.dataTitle != query.titleEquals)
            continue;
        rows.append(s);
    }
    return rows;
}

Result<void> EncordStore::fillCounts(QList<LabelRowSummary> &rows, qsizetype from, qsizetype to)
{
    std::map<QString, QList<qsizetype>> byBranch;
    for (qsizetype i = from; i < to && i < rows.size(); ++i) {
        if (rows[i].isInitialised())
            byBranch[rows[i].branchName].append(i);
    }
    QStringList toFetch;
    QHash<QString, qsizetype> indexOfLabel;
    for (const auto &[branch, indexes] : byBranch) {
        auto cached = m_cache->rows(branch, false);
        if (!cached)
            return cached.takeError();
        for (const qsizetype i : indexes) {
            LabelRowSummary &s = rows[i];
            const auto hit = cached->constFind(s.dataHash);
            if (hit != cached->cend() && hit->labelHash == s.labelHash &&
                hit->editedSecs == wholeSeconds(s.lastEditedAt)) {
                applyCounts(s, hit.value());
                m_confirmed.insert(s.labelHash);
            } else if (!indexOfLabel.contains(s.labelHash)) {
                indexOfLabel.insert(s.labelHash, i);
                toFetch.append(s.labelHash);
            }
        }
    }
    if (toFetch.isEmpty())
        return {};

    // One request per bundle, a few in flight at once (issue 5: bundled initialisation).
    QList<QStringList> bundles;
    for (qsizetype i = 0; i < toFetch.size(); i += m_settings.bundleSize)
        bundles.append(chunkOf(toFetch, i, m_settings.bundleSize));
    auto fetched = client().getLabelRowBundles(bundles, LabelRowGetOptions(), m_bundleProgress);
    if (!fetched)
        return fetched.takeError();

    std::map<QString, QHash<QString, CachedRow>> toCache;
    for (const json &bundle : fetched.value()) {
        for (const json &dict : bundle) {
            const QString labelHash = str(field(dict, "label_hash"));
            const auto index = indexOfLabel.constFind(labelHash);
            if (index == indexOfLabel.cend())
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
        if (auto stored = m_cache->putRows(branch, entries); !stored)
            return stored;
    }
    for (const QString &labelHash : std::as_const(toFetch)) {
        if (!m_confirmed.contains(labelHash))
            return fail(QStringLiteral("Encord did not return the contents of label row %1 (data unit %2)")
                            .arg(labelHash, rows[indexOfLabel.value(labelHash)].dataTitle));
    }
    return {};
}

Result<QList<LabelRowSummary>> EncordStore::listRows(const RowQuery &query)
{
    auto listed = listSummaries(query);
    if (!listed)
        return listed;
    QList<LabelRowSummary> rows = std::move(listed).value();

    // Sorting by object count needs every count; otherwise only the page asked for is counted.
    if (query.order == RowQuery::Order::ObjectCount) {
        if (auto counted = fillCounts(rows, 0, rows.size()); !counted)
            return counted.takeError();
    }
    std::stable_sort(rows.begin(), rows.end(), [&query](const LabelRowSummary &a, const LabelRowSummary &b) {
        return query.descending ? lessBy(query.order, b, a) : lessBy(query.order, a, b);
    });
    const qsizetype offset = std::clamp<qsizetype>(query.offset, 0, rows.size());
    const qsizetype end =
        query.limit < 0 ? rows.size() : std::min<qsizetype>(rows.size(), offset + query.limit);
    rows = rows.mid(offset, end - offset);
    if (query.order != RowQuery::Order::ObjectCount) {
        if (auto counted = fillCounts(rows, 0, rows.size()); !counted)
            return counted.takeError();
    }

    QHash<QString, QHash<QString, Provenance>> provenanceByBranch;
    for (LabelRowSummary &s : rows) {
        if (!s.isInitialised())
            continue;
        if (!provenanceByBranch.contains(s.branchName)) {
            auto provenance = m_cache->provenance(s.branchName);
            if (!provenance)
                return provenance.takeError();
            provenanceByBranch.insert(s.branchName, provenance.value());
        }
        s.provenance = provenanceByBranch[s.branchName].value(s.dataHash);
    }
    return rows;
}

Result<int> EncordStore::countRows(const RowQuery &query)
{
    auto listed = listSummaries(query);
    if (!listed)
        return listed.takeError();
    return int(listed->size());
}

Result<QHash<QString, json>> EncordStore::fetchRowDicts(const QStringList &labelHashes, bool allowCache,
                                                        const QString &branch, bool includeArchived)
{
    QHash<QString, json> dicts;
    QStringList remaining;
    if (allowCache) {
        auto cached = m_cache->rows(branch, true);
        if (!cached)
            return cached.takeError();
        QHash<QString, const CachedRow *> byLabel;
        for (auto it = cached->cbegin(); it != cached->cend(); ++it)
            byLabel.insert(it->labelHash, &it.value());
        for (const QString &hash : labelHashes) {
            const CachedRow *row = byLabel.value(hash);
            if (row && m_confirmed.contains(hash) && !row->content.isEmpty()) {
                json dict = json::parse(row->content.constData(),
                                        row->content.constData() + row->content.size(), nullptr, false);
                if (dict.is_object()) {
                    dicts.insert(hash, std::move(dict));
                    continue;
                }
            }
            remaining.append(hash);
        }
    } else {
        remaining = labelHashes;
    }
    if (remaining.isEmpty())
        return dicts;
    LabelRowGetOptions options;
    options.includeArchived = includeArchived;
    auto fetched = client().getLabelRows(remaining, options);
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

Result<QList<LabelRowDocument>> EncordStore::fetchContents(const QString &branch,
                                                           const QStringList &labelHashes)
{
    auto dicts = fetchRowDicts(labelHashes, true, branch);
    if (!dicts)
        return dicts.takeError();
    QList<LabelRowDocument> docs;
    docs.reserve(labelHashes.size());
    QHash<QString, CachedRow> toCache;
    for (const QString &hash : labelHashes) {
        const auto it = dicts->constFind(hash);
        if (it == dicts->cend())
            return fail(
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
        if (auto stored = m_cache->putRows(branch, toCache); !stored)
            return stored.takeError();
    }
    return docs;
}

// --- branches
// ------------------------------------------------------------------------------------------------

Result<QList<BranchInfo>> EncordStore::branches()
{
    RowQuery query;
    query.branch.clear();
    query.allBranches = true;
    auto listed = listSummaries(query);
    if (!listed)
        return listed.takeError();
    QList<LabelRowSummary> rows = std::move(listed).value();
    if (auto counted = fillCounts(rows, 0, rows.size()); !counted)
        return counted.takeError();

    std::map<QString, BranchInfo> byName;
    for (const LabelRowSummary &s : std::as_const(rows)) {
        BranchInfo &info = byName[s.branchName];
        info.name = s.branchName;
        ++info.rowCount;
        info.objectCount += s.objectCount;
        if (s.createdAt.isValid() && (!info.createdAt.isValid() || s.createdAt < info.createdAt))
            info.createdAt = s.createdAt;
        if (s.lastEditedAt.isValid() && (!info.lastEditedAt.isValid() || s.lastEditedAt > info.lastEditedAt))
            info.lastEditedAt = s.lastEditedAt;
    }
    auto local = m_cache->localBranches();
    if (!local)
        return local.takeError();
    for (const LocalBranch &branch : local.value()) {
        BranchInfo &info = byName[branch.name];
        info.name = branch.name;
        info.createdFrom = branch.createdFrom;
        info.isSnapshot = branch.isSnapshot;
        if (branch.createdAt.isValid() && (!info.createdAt.isValid() || branch.createdAt < info.createdAt))
            info.createdAt = branch.createdAt;
    }
    byName[QStringLiteral("main")].name = QStringLiteral("main");

    QList<BranchInfo> out;
    out.append(byName[QStringLiteral("main")]);
    for (const auto &[name, info] : byName) {
        if (name != QLatin1String("main"))
            out.append(info);
    }
    return out;
}

Result<bool> EncordStore::branchExists(const QString &name)
{
    if (name == QLatin1String("main"))
        return true;
    auto local = m_cache->localBranches();
    if (!local)
        return local.takeError();
    for (const LocalBranch &branch : local.value()) {
        if (branch.name == name)
            return true;
    }
    RowQuery query;
    query.branch = name;
    auto count = countRows(query);
    if (!count)
        return count.takeError();
    return count.value() > 0;
}

Result<void> EncordStore::createBranch(const QString &name, const QString &createdFrom, bool isSnapshot)
{
    auto exists = branchExists(name);
    if (!exists)
        return exists.takeError();
    if (exists.value())
        return fail(QStringLiteral("branch %1 already exists").arg(quoted(name)));
    return m_cache->addLocalBranch(
        LocalBranch{name, createdFrom, isSnapshot, QDateTime::currentDateTimeUtc()});
}

Result<void> EncordStore::renameBranch(const QString &from, const QString &to)
{
    if (from == QLatin1String("main") || to == QLatin1String("main"))
        return fail(QStringLiteral("the main branch cannot be renamed"));
    RowQuery query;
    query.branch = from;
    auto remote = countRows(query);
    if (!remote)
        return remote.takeError();
    if (remote.value() > 0)
        return fail(QStringLiteral("Encord has no way to rename a branch: %1 has %2 label rows there")
                        .arg(quoted(from))
                        .arg(remote.value()));
    auto local = m_cache->localBranches();
    if (!local)
        return local.takeError();
    for (const LocalBranch &branch : local.value()) {
        if (branch.name != from)
            continue;
        auto taken = branchExists(to);
        if (!taken)
            return taken.takeError();
        if (taken.value())
            return fail(QStringLiteral("branch %1 already exists").arg(quoted(to)));
        LocalBranch renamed = branch;
        renamed.name = to;
        if (auto added = m_cache->addLocalBranch(renamed); !added)
            return added;
        if (auto removed = m_cache->removeLocalBranch(from); !removed)
            return removed;
        return m_cache->renameBranchInReviewDecisions(from, to);
    }
    return fail(QStringLiteral("branch %1 does not exist").arg(quoted(from)));
}

Result<void> EncordStore::deleteBranch(const QString &name)
{
    if (name == QLatin1String("main"))
        return fail(QStringLiteral("the main branch cannot be deleted"));
    RowQuery query;
    query.branch = name;
    auto remote = countRows(query);
    if (!remote)
        return remote.takeError();
    if (remote.value() > 0)
        return fail(
            QStringLiteral("Encord has no way to delete a branch: the %1 label rows of %2 stay on Encord")
                .arg(remote.value())
                .arg(quoted(name)));
    auto local = m_cache->localBranches();
    if (!local)
        return local.takeError();
    for (const LocalBranch &branch : local.value()) {
        if (branch.name != name)
            continue;
        if (auto removed = m_cache->removeLocalBranch(name); !removed)
            return removed;
        // Decisions about a deleted branch must not come back if a branch of the same name is made later.
        return m_cache->forgetReviewDecisionsOf(name);
    }
    return fail(QStringLiteral("branch %1 does not exist").arg(quoted(name)));
}

// --- writes
// --------------------------------------------------------------------------------------------------

Result<QHash<QString, json>> EncordStore::createRows(const QString &branch, const QStringList &dataHashes)
{
    QHash<QString, json> byData;
    if (dataHashes.isEmpty())
        return byData;
    auto created = client().createLabelRows(dataHashes, branch);
    if (!created)
        return created.takeError();
    for (const json &dict : created.value())
        byData.insert(str(field(dict, "data_hash")), dict);
    for (const QString &hash : dataHashes) {
        if (!byData.contains(hash) || str(field(byData[hash], "label_hash")).isEmpty())
            return fail(QStringLiteral("Encord did not create a label row for data unit %1 on %2")
                            .arg(hash, quoted(branch)));
    }
    return byData;
}

Result<void> EncordStore::saveRows(const QString &branch, const QList<QPair<json, json>> &contentAndIdentity)
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
    return client().saveLabelRows(hashes, dicts);
}

void EncordStore::forgetWritten(const QString &branch, const QStringList &dataHashes)
{
    // The next listing fetches these rows again; a failure to forget only costs that refetch.
    for (const QString &hash : dataHashes)
        (void)m_cache->forgetRow(branch, hash);
}

Result<qint64> EncordStore::beginOperation(const OperationRecord &record)
{
    return m_cache->beginOperation(record);
}

Result<void> EncordStore::finishOperation(const OperationRecord &record)
{
    return m_cache->finishOperation(record);
}

Result<CopyBatchResult> EncordStore::copyBatch(qint64 operationId, const QString &sourceBranch,
                                               const QString &targetBranch, const QList<CopyItem> &items)
{
    CopyBatchResult result;
    if (items.isEmpty())
        return result;
    if (sourceBranch == targetBranch)
        return fail(QStringLiteral("source and target branch must be different"));

    QStringList sourceHashes;
    QStringList replaceHashes;
    QStringList createDataHashes;
    QStringList touchedDataHashes;
    for (const CopyItem &item : items) {
        sourceHashes.append(item.sourceLabelHash);
        touchedDataHashes.append(item.dataHash);
        if (item.targetLabelHash.isEmpty())
            createDataHashes.append(item.dataHash);
        else
            replaceHashes.append(item.targetLabelHash);
    }

    // Fresh source contents, archived features included, so nothing the source has is lost on the target.
    auto sources = fetchRowDicts(sourceHashes, false, sourceBranch, true);
    if (!sources)
        return sources.takeError();
    for (const CopyItem &item : items) {
        if (!sources->contains(item.sourceLabelHash))
            return fail(QStringLiteral("label row %1 is not on branch %2 on Encord")
                            .arg(item.sourceLabelHash, quoted(sourceBranch)));
    }
    auto targets = fetchRowDicts(replaceHashes, false, targetBranch, true);
    if (!targets)
        return targets.takeError();
    for (const QString &hash : std::as_const(replaceHashes)) {
        if (!targets->contains(hash))
            return fail(
                QStringLiteral("label row %1 is not on branch %2 on Encord").arg(hash, quoted(targetBranch)));
    }

    // The replaced contents are journaled before anything is written, so undo works whatever fails later.
    QList<JournalEntry> journal;
    for (const CopyItem &item : items) {
        if (item.targetLabelHash.isEmpty())
            continue;
        const std::string old =
            targets->value(item.targetLabelHash).dump(-1, ' ', false, json::error_handler_t::replace);
        journal.append(JournalEntry{targetBranch, item.dataHash, item.targetLabelHash, false,
                                    QByteArray(old.data(), qsizetype(old.size()))});
    }
    if (auto journaled = m_cache->addJournal(operationId, journal); !journaled)
        return journaled.takeError();

    auto created = createRows(targetBranch, createDataHashes);
    if (!created)
        return created.takeError();
    QList<JournalEntry> createdJournal;
    for (const QString &dataHash : std::as_const(createDataHashes))
        createdJournal.append(JournalEntry{
            targetBranch, dataHash, str(field(created->value(dataHash), "label_hash")), true, QByteArray()});
    if (auto journaled = m_cache->addJournal(operationId, createdJournal); !journaled)
        return journaled.takeError();
    if (!createdJournal.isEmpty()) // the branch now exists on Encord itself
        (void)m_cache->removeLocalBranch(targetBranch);

    QList<QPair<json, json>> writes;
    for (const CopyItem &item : items) {
        const json &content = sources->value(item.sourceLabelHash);
        const json identity = item.targetLabelHash.isEmpty() ? created->value(item.dataHash)
                                                             : targets->value(item.targetLabelHash);
        writes.append(std::make_pair(content, identity));
    }
    forgetWritten(targetBranch, touchedDataHashes);
    if (auto saved = saveRows(targetBranch, writes); !saved) {
        if (!createDataHashes.isEmpty())
            return fail(
                QStringLiteral("%1; %2 label rows were already created on %3 without labels (undo empties "
                               "them, a new copy with overwrite fills them)")
                    .arg(saved.error())
                    .arg(createDataHashes.size())
                    .arg(quoted(targetBranch)));
        return saved.takeError();
    }

    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const CopyItem &item : items) {
        auto doc = LabelRowDocument::fromJson(sources->value(item.sourceLabelHash), item.dataHash);
        const QString contentHash = doc ? doc->contentHash() : QString();
        (void)m_cache->setProvenance(targetBranch, item.dataHash, Provenance{sourceBranch, contentHash, now});
        m_confirmed.remove(item.targetLabelHash);
    }
    result.created = int(createDataHashes.size());
    result.replaced = int(replaceHashes.size());
    return result;
}

Result<CopyBatchResult> EncordStore::writeRows(qint64 operationId, const QString &branch,
                                               const QList<LabelRowDocument> &rows, bool overwrite)
{
    CopyBatchResult result;
    if (rows.isEmpty())
        return result;
    QStringList dataHashes;
    QSet<QString> seen;
    for (const LabelRowDocument &row : rows) {
        if (seen.contains(row.dataHash()))
            return fail(
                QStringLiteral("data unit %1 appears twice in the rows to write").arg(row.dataHash()));
        seen.insert(row.dataHash());
        dataHashes.append(row.dataHash());
    }

    RowQuery query;
    query.branch = branch;
    query.includeUninitialised = true;
    query.dataHashes = dataHashes;
    auto listed = listSummaries(query);
    if (!listed)
        return listed.takeError();
    QHash<QString, LabelRowSummary> existing;
    for (const LabelRowSummary &s : listed.value())
        existing.insert(s.dataHash, s);

    QStringList replaceHashes;
    QStringList createDataHashes;
    for (const LabelRowDocument &row : rows) {
        const auto it = existing.constFind(row.dataHash());
        if (it == existing.cend())
            return fail(QStringLiteral("data unit %1 (%2) is not in the Encord project")
                            .arg(row.dataHash(), row.dataTitle()));
        if (it->isInitialised()) {
            if (!overwrite)
                return fail(
                    QStringLiteral("data unit %1 already has a label row on %2")
                        .arg(it->dataTitle.isEmpty() ? row.dataHash() : it->dataTitle, quoted(branch)));
            replaceHashes.append(it->labelHash);
        } else {
            createDataHashes.append(row.dataHash());
        }
    }

    auto targets = fetchRowDicts(replaceHashes, false, branch, true);
    if (!targets)
        return targets.takeError();
    QList<JournalEntry> journal;
    for (const QString &hash : std::as_const(replaceHashes)) {
        if (!targets->contains(hash))
            return fail(
                QStringLiteral("label row %1 is not on branch %2 on Encord").arg(hash, quoted(branch)));
        const std::string old = targets->value(hash).dump(-1, ' ', false, json::error_handler_t::replace);
        journal.append(JournalEntry{branch, str(field(targets->value(hash), "data_hash")), hash, false,
                                    QByteArray(old.data(), qsizetype(old.size()))});
    }
    if (auto journaled = m_cache->addJournal(operationId, journal); !journaled)
        return journaled.takeError();

    auto created = createRows(branch, createDataHashes);
    if (!created)
        return created.takeError();
    QList<JournalEntry> createdJournal;
    for (const QString &dataHash : std::as_const(createDataHashes))
        createdJournal.append(JournalEntry{
            branch, dataHash, str(field(created->value(dataHash), "label_hash")), true, QByteArray()});
    if (auto journaled = m_cache->addJournal(operationId, createdJournal); !journaled)
        return journaled.takeError();
    if (!createdJournal.isEmpty())
        (void)m_cache->removeLocalBranch(branch);

    QList<QPair<json, json>> writes;
    for (const LabelRowDocument &row : rows) {
        const LabelRowSummary &target = existing[row.dataHash()];
        const json identity =
            target.isInitialised() ? targets->value(target.labelHash) : created->value(row.dataHash());
        writes.append(std::make_pair(row.json(), identity));
    }
    forgetWritten(branch, dataHashes);
    if (auto saved = saveRows(branch, writes); !saved)
        return saved.takeError();
    for (const QString &hash : std::as_const(replaceHashes))
        m_confirmed.remove(hash);
    result.created = int(createDataHashes.size());
    result.replaced = int(replaceHashes.size());
    return result;
}

Result<OperationRecord> EncordStore::lastUndoableOperation(const QString &targetBranch)
{
    return m_cache->lastUndoableOperation(targetBranch);
}

Result<QList<OperationRecord>> EncordStore::operations()
{
    return m_cache->operations();
}

Result<UndoResult> EncordStore::undoOperation(qint64 operationId)
{
    auto operation = m_cache->operation(operationId);
    if (!operation)
        return operation.takeError();
    if (operation->undone)
        return fail(QStringLiteral("operation %1 was already undone").arg(operationId));
    auto journal = m_cache->journal(operationId);
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
        QStringList createdHashes;
        for (const JournalEntry *entry : entries) {
            if (entry->created)
                createdHashes.append(entry->labelHash);
        }
        auto current = fetchRowDicts(createdHashes, false, branch, true);
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
                const json old =
                    json::parse(entry->oldContent.constData(),
                                entry->oldContent.constData() + entry->oldContent.size(), nullptr, false);
                if (!old.is_object())
                    return fail(QStringLiteral("the journal of operation %1 is damaged (data unit %2)")
                                    .arg(operationId)
                                    .arg(entry->dataHash));
                writes.append(std::make_pair(old, old));
                ++result.restored;
            }
        }
        forgetWritten(branch, touched);
        if (auto saved = saveRows(branch, writes); !saved)
            return fail(
                QStringLiteral("undo of operation %1 failed: %2").arg(operationId).arg(saved.error()));
        for (const JournalEntry *entry : entries) {
            (void)m_cache->setProvenance(branch, entry->dataHash, Provenance());
            m_confirmed.remove(entry->labelHash);
        }
    }
    if (operation->createdTargetBranch)
        (void)m_cache->removeLocalBranch(operation->targetBranch);
    if (auto marked = m_cache->markUndone(operationId); !marked)
        return marked.takeError();
    return result;
}

Result<void> EncordStore::appendAudit(const AuditEntry &entry)
{
    return m_cache->appendAudit(entry);
}

Result<QList<AuditEntry>> EncordStore::auditLog()
{
    return m_cache->auditLog();
}

Result<QList<ReviewDecision>> EncordStore::reviewDecisions(const QString &sourceBranch,
                                                           const QString &targetBranch)
{
    return m_cache->reviewDecisions(sourceBranch, targetBranch);
}

Result<void> EncordStore::saveReviewDecision(const ReviewDecision &decision)
{
    return m_cache->saveReviewDecision(decision);
}

Result<int> EncordStore::clearReviewDecisions(const QString &sourceBranch, const QString &targetBranch,
                                              const QStringList &dataHashes)
{
    return m_cache->clearReviewDecisions(sourceBranch, targetBranch, dataHashes);
}

} // namespace lb
