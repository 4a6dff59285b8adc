#include "encord/encordstore.h"

#include "domain/encordontology.h"
#include "encord/encordbranches.h"
#include "encord/encordcache.h"
#include "encord/encordjsonfields.h"
#include "encord/encordrowlisting.h"
#include "encord/encordrowwriter.h"
#include "encord/encordservercopy.h"
#include "encord/encordthreadclient.h"
#include "encord/encordundo.h"

#include <algorithm>
#include <QCryptographicHash>
#include <QDir>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>

namespace lb {

namespace {

using json = nlohmann::json;
using encordjson::doubleField;
using encordjson::field;
using encordjson::intField;
using encordjson::str;

Result<void> checkSettings(const SshKey &key, const EncordStoreSettings &settings)
{
    if (key.isNull())
        return fail(QStringLiteral("no SSH key given for Encord"));
    if (settings.client.projectHash.trimmed().isEmpty())
        return fail(QStringLiteral("no Encord project ID given"));
    if (settings.bundleSize < 1 || settings.bundleSize > 1000)
        return fail(
            QStringLiteral("the bundle size must be between 1 and 1000, got %1").arg(settings.bundleSize));
    return EncordClient::checkDomain(settings.client.domain);
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

} // namespace

// --- opening
// -------------------------------------------------------------------------------------------------

EncordStore::EncordStore(SshKey key, EncordStoreSettings settings)
    : m_key(std::move(key)), m_settings(std::move(settings)),
      m_client(std::make_unique<EncordThreadClient>(m_key, m_settings.client))
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
    if (auto checked = checkSettings(key, settings); !checked)
        return checked.takeError();
    std::unique_ptr<EncordStore> store(new EncordStore(std::move(key), std::move(settings)));
    if (auto read = store->readProject(); !read)
        return read.takeError();

    const QString dir = store->m_settings.cacheDir.isEmpty() ? defaultCacheDir() : store->m_settings.cacheDir;
    const QString projectHash = store->m_settings.client.projectHash;
    auto cache = EncordCache::open(
        QDir(dir).filePath(cacheFileName(store->m_settings.client.domain, projectHash)), projectHash);
    if (!cache)
        return cache.takeError();
    // Operations a killed process left running are shown as interrupted (undo or a rerun finishes them).
    if (auto marked = cache.value()->interruptRunningWithoutProcess(); !marked)
        return marked.takeError();
    store->useCache(std::move(cache).value());
    return store;
}

Result<void> EncordStore::readProject()
{
    const QString projectHash = m_settings.client.projectHash;
    auto project = m_client->get().getProject();
    if (!project)
        return project.takeError();
    const json &p = project.value();
    const QString ontologyHash = str(field(p, "ontologyHash")).isEmpty() ? str(field(p, "ontology_hash"))
                                                                         : str(field(p, "ontologyHash"));
    json editor = field(p, "editorOntology");
    if (!ontologyHash.isEmpty()) {
        auto ontology = m_client->get().getOntology(ontologyHash);
        if (!ontology)
            return ontology.takeError();
        if (field(ontology.value(), "editor").is_object())
            editor = field(ontology.value(), "editor");
        m_ontology = ontologyFromEditor(editor);
        m_ontology.title = str(field(ontology.value(), "title"));
    } else {
        m_ontology = ontologyFromEditor(editor);
    }
    m_ontology.ontologyHash = ontologyHash;

    m_info.projectHash = projectHash;
    m_info.title = str(field(p, "title"));
    m_info.description = str(field(p, "description"));
    QString base = m_settings.client.domain.toString(QUrl::StripTrailingSlash);
    m_info.location = base + QStringLiteral("/projects/") + projectHash;
    m_info.remote = true;
    return {};
}

void EncordStore::useCache(std::unique_ptr<EncordCache> cache)
{
    m_cache = std::move(cache);
    m_listing = std::make_unique<EncordRowListing>(*m_client, *m_cache, m_settings.bundleSize);
    m_writer = std::make_unique<EncordRowWriter>(*m_client, *m_cache, *m_listing);
    m_serverCopy = std::make_unique<EncordServerCopy>(*m_client, *m_cache, *m_listing, *m_writer);
    m_undo = std::make_unique<EncordUndo>(*m_cache, *m_listing, *m_writer);
    m_branches = std::make_unique<EncordBranches>(*m_cache, *m_listing);
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
    other->useCache(std::move(cache).value());
    return std::unique_ptr<Store>(std::move(other));
}

void EncordStore::setCancelFlag(const std::atomic_bool *flag)
{
    m_client->setCancelFlag(flag);
}

void EncordStore::setBundleProgress(std::function<void(int, int)> progress)
{
    m_listing->setBundleProgress(std::move(progress));
}

Ontology EncordStore::ontologyFromEditor(const json &editor)
{
    return ontologyFromEncordStructure(editor);
}

// --- rows
// ----------------------------------------------------------------------------------------------------

Result<QList<DataUnit>> EncordStore::dataUnits()
{
    if (!m_dataUnits.isEmpty())
        return m_dataUnits;
    LabelRowListFilter filter;
    filter.branchName = QStringLiteral("main");
    auto listed = m_client->get().listLabelRows(filter);
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

Result<QList<LabelRowSummary>> EncordStore::listRows(const RowQuery &query)
{
    return m_listing->listRows(query);
}

Result<int> EncordStore::countRows(const RowQuery &query)
{
    auto listed = m_listing->summaries(query);
    if (!listed)
        return listed.takeError();
    return int(listed->size());
}

Result<QList<LabelRowDocument>> EncordStore::fetchContents(const QString &branch,
                                                           const QStringList &labelHashes)
{
    return m_listing->contents(branch, labelHashes);
}

// --- branches
// ------------------------------------------------------------------------------------------------

Result<QList<BranchInfo>> EncordStore::branches()
{
    return m_branches->list();
}

Result<QList<BranchInfo>> EncordStore::branchesWithoutTotals()
{
    return m_branches->known();
}

Result<QDateTime> EncordStore::totalsListedAt()
{
    return m_cache->listedAt();
}

Result<bool> EncordStore::branchExists(const QString &name)
{
    return m_branches->exists(name);
}

Result<Store::Presence> EncordStore::knownPresence(const QString &name)
{
    return m_branches->knownPresence(name);
}

Result<void> EncordStore::createBranch(const QString &name, const QString &createdFrom, bool isSnapshot)
{
    return m_branches->create(name, createdFrom, isSnapshot);
}

Result<void> EncordStore::renameBranch(const QString &from, const QString &to)
{
    return m_branches->rename(from, to);
}

Result<void> EncordStore::deleteBranch(const QString &name)
{
    return m_branches->remove(name);
}

// --- writes and the journal
// ----------------------------------------------------------------------------------

Result<qint64> EncordStore::beginOperation(const OperationRecord &record)
{
    return m_cache->beginOperation(record);
}

Result<void> EncordStore::finishOperation(const OperationRecord &record)
{
    return m_cache->finishOperation(record);
}

Result<void> EncordStore::dropOperation(qint64 operationId)
{
    return m_cache->dropOperation(operationId);
}

Result<CopyBatchResult> EncordStore::copyBatch(qint64 operationId, const QString &sourceBranch,
                                               const QString &targetBranch, const QList<CopyItem> &items)
{
    Result<CopyBatchResult> written = copyOneBatch(operationId, sourceBranch, targetBranch, items);
    if (written)
        (void)m_cache->countBatch(operationId); // the rows are on Encord; the count only informs
    return written;
}

Result<CopyBatchResult> EncordStore::copyOneBatch(qint64 operationId, const QString &sourceBranch,
                                                  const QString &targetBranch, const QList<CopyItem> &items)
{
    if (sourceBranch == targetBranch)
        return fail(QStringLiteral("source and target branch must be different"));
    const Result<OperationRecord> operation = m_cache->operation(operationId);
    if (!operation)
        return operation.takeError();
    if (!m_targetListed.contains(operationId)) {
        // Asked before the operation's first write: what the plan saw.
        const Result<Presence> presence = knownPresence(targetBranch);
        if (!presence)
            return presence.takeError();
        m_targetListed.insert(operationId, presence.value() != Presence::Unknown);
    }
    const bool targetListed = m_targetListed.value(operationId);
    const Result<std::optional<CopyBatchResult>> copied = m_serverCopy->copy(
        {operationId, sourceBranch, targetBranch, operation->overwrite, targetListed, items});
    if (!copied)
        return copied.takeError();
    if (copied->has_value())
        return **copied;
    return copyClientSide(operationId, sourceBranch, targetBranch, items, targetListed);
}

Result<CopyBatchResult> EncordStore::copyClientSide(qint64 operationId, const QString &sourceBranch,
                                                    const QString &targetBranch, QList<CopyItem> items,
                                                    bool targetListed)
{
    int skipped = 0;
    if (!targetListed) {
        QStringList dataHashes;
        for (const CopyItem &item : std::as_const(items))
            dataHashes.append(item.dataHash);
        const auto existing = m_writer->existingRows(targetBranch, dataHashes);
        if (!existing)
            return existing.takeError();
        // Only a copy that overwrites nothing leaves the target unlisted: a row it has stays.
        const qsizetype before = items.size();
        items.removeIf([&](const CopyItem &item) { return existing->value(item.dataHash).isInitialised(); });
        skipped = int(before - items.size());
    }
    Result<CopyBatchResult> written = m_writer->copyBatch(operationId, sourceBranch, targetBranch, items);
    if (!written)
        return written;
    written->method = CopyMethod::Client;
    written->skipped += skipped;
    return written;
}

Result<CopyBatchResult> EncordStore::writeRows(qint64 operationId, const QString &branch,
                                               const QList<LabelRowDocument> &rows, bool overwrite)
{
    Result<CopyBatchResult> written = m_writer->writeRows(operationId, branch, rows, overwrite);
    if (written)
        (void)m_cache->countBatch(operationId);
    return written;
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
    return m_undo->undo(operationId);
}

// --- local records: audit log and review decisions
// -----------------------------------------------------------

Result<void> EncordStore::appendAudit(const AuditEntry &entry)
{
    return m_cache->appendAudit(entry);
}

Result<void> EncordStore::replaceOperationAudit(const AuditEntry &entry)
{
    return m_cache->replaceOperationAudit(entry);
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
