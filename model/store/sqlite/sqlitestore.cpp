#include "store/sqlite/sqlitestore.h"

#include "domain/branchname.h"
#include "domain/ontologyjson.h"
#include "store/sqlite/sqlhelpers.h"
#include "store/sqlite/sqlitecolumns.h"
#include "store/sqlite/sqliteconnection.h"
#include "store/sqlite/sqlitecontents.h"
#include "store/sqlite/sqliteledger.h"
#include "store/sqlite/sqliteprojectfile.h"
#include "store/sqlite/sqliterowreader.h"
#include "store/sqlite/sqliterowwriter.h"
#include "store/sqlite/sqliteschema.h"
#include "store/sqlite/sqlitetransaction.h"
#include "store/sqlite/sqliteundo.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDriver>
#include <QThread>
#include <QUuid>
#include <utility>

namespace lb {

namespace {

QString displayPath(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

// The project's own values in `meta`, written once when the file is created.
Result<void> writeProjectHeader(QSqlDatabase &db, const ProjectInfo &info, const Ontology &ontology)
{
    SqliteTransaction transaction(db);
    if (auto begun = transaction.begin(); !begun)
        return begun;
    auto meta = sql::prepare(db, QStringLiteral("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)"));
    if (!meta)
        return meta.takeError();
    const QString projectHash =
        info.projectHash.isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces) : info.projectHash;
    const QList<std::pair<QString, QString>> values = {
        {QStringLiteral("project_hash"), projectHash},
        {QStringLiteral("title"), info.title},
        {QStringLiteral("description"), info.description},
        {QStringLiteral("ontology"), ontologyToJson(ontology)},
    };
    for (const auto &[key, value] : values) {
        if (auto done = sql::run(meta.value(), {key, value}); !done)
            return done;
    }
    return transaction.commit();
}

} // namespace

// --- lifetime -------------------------------------------------------------------------------------

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const QString &path)
{
    auto version = SqliteProjectFile::validate(path);
    if (!version)
        return version.takeError();

    std::unique_ptr<SqliteStore> store(new SqliteStore);
    store->m_path = QFileInfo(path).absoluteFilePath();
    store->m_readOnly = !SqliteProjectFile::isWritable(path);
    const QString shown = displayPath(path);
    if (store->m_readOnly && *version < kSchemaVersion) {
        return fail(QStringLiteral("'%1' uses an older project format (version %2) and is read-only, so it "
                                   "cannot be upgraded; open it once with write access")
                        .arg(shown)
                        .arg(*version));
    }
    if (auto connected = store->connect(); !connected)
        return fail(QStringLiteral("cannot open '%1': %2").arg(shown, connected.error()));
    if (!store->m_readOnly && *version < kSchemaVersion) {
        if (auto upgraded = store->upgrade(*version); !upgraded)
            return fail(QStringLiteral("cannot open '%1': %2").arg(shown, upgraded.error()));
    }
    if (auto loaded = store->loadProjectInfo(); !loaded)
        return fail(QStringLiteral("'%1' is damaged: %2").arg(shown, loaded.error()));
    if (!store->m_readOnly) {
        if (auto recovered = store->recoverInterrupted(); !recovered)
            return fail(QStringLiteral("cannot open '%1': %2").arg(shown, recovered.error()));
    }
    return store;
}

Result<std::unique_ptr<SqliteStore>> SqliteStore::create(const QString &path, const ProjectInfo &info,
                                                         const Ontology &ontology,
                                                         const QList<DataUnit> &units)
{
    const QString shown = displayPath(path);
    const QFileInfo file(path);
    if (path.isEmpty())
        return fail(QStringLiteral("no project file name given"));
    if (file.exists())
        return fail(QStringLiteral("'%1' already exists; choose a new file name").arg(shown));
    if (!QFileInfo(file.absolutePath()).isDir())
        return fail(QStringLiteral("the folder '%1' does not exist").arg(displayPath(file.absolutePath())));

    std::unique_ptr<SqliteStore> store(new SqliteStore);
    store->m_path = file.absoluteFilePath();
    auto build = [&]() -> Result<void> {
        if (auto connected = store->connect(); !connected)
            return connected;
        QSqlDatabase &db = store->m_db;
        if (auto done =
                sql::exec(db, QStringLiteral("PRAGMA application_id = %1").arg(SqliteSchema::kApplicationId));
            !done)
            return done;
        if (auto migrated = SqliteSchema::migrate(db, SqliteSchema::steps()); !migrated)
            return migrated.takeError();

        if (auto written = writeProjectHeader(db, info, ontology); !written)
            return written;
        if (auto added = store->addDataUnits(units); !added)
            return added;
        return store->loadProjectInfo();
    }();
    if (!build) {
        store.reset();
        SqliteProjectFile::remove(file.absoluteFilePath());
        return fail(QStringLiteral("cannot create '%1': %2").arg(shown, build.error()));
    }
    return store;
}

Result<void> SqliteStore::upgrade(int fromVersion)
{
    // From format 3 on the steps add columns and tables in one transaction: nothing to keep a copy for.
    if (fromVersion >= 3) {
        auto migrated = SqliteSchema::migrate(m_db, SqliteSchema::steps());
        return migrated ? Result<void>() : Result<void>(migrated.takeError());
    }
    auto backup = SqliteProjectFile::backUpBeforeUpgrade(m_db, m_path, fromVersion);
    if (!backup)
        return backup.takeError();
    auto migrated = SqliteSchema::migrate(m_db, SqliteSchema::steps());
    // Committed or rolled back, the file is whole: the copy has done its job either way.
    QFile::remove(*backup);
    if (!migrated)
        return migrated.takeError();
    // The upgrade leaves the old layout's pages free; giving them back is worth a one-time rewrite, and
    // skipping it (another program reading the file) costs only space.
    static_cast<void>(sql::exec(m_db, QStringLiteral("VACUUM")));
    return {};
}

SqliteStore::~SqliteStore()
{
    disconnect();
}

Result<void> SqliteStore::connect()
{
    disconnect();
    const auto access =
        m_readOnly ? SqliteConnection::readOnlyAccess(m_path) : SqliteConnection::Access::ReadWrite;
    m_connectionName = SqliteConnection::uniqueName();
    if (auto opened = SqliteConnection::open(m_connectionName, m_path, access, m_db); !opened) {
        m_connectionName.clear();
        return opened;
    }
    return {};
}

Result<void> SqliteStore::ensureConnected()
{
    if (m_db.isValid() && m_db.isOpen() && m_db.driver() &&
        m_db.driver()->thread() == QThread::currentThread())
        return {};
    if (auto connected = connect(); !connected)
        return fail(QStringLiteral("cannot open '%1': %2").arg(displayPath(m_path), connected.error()));
    return {};
}

void SqliteStore::disconnect()
{
    SqliteConnection::close(m_db, m_connectionName);
    m_connectionName.clear();
}

Result<void> SqliteStore::refuseIfReadOnly() const
{
    if (m_readOnly)
        return fail(QStringLiteral("the project file '%1' is read-only").arg(displayPath(m_path)));
    return {};
}

Result<void> SqliteStore::loadProjectInfo()
{
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("SELECT key, value FROM meta")))
        return fail(sql::errorText(query.lastError()));
    ProjectInfo info;
    while (query.next()) {
        const QString key = query.value(0).toString();
        const QString value = query.value(1).toString();
        if (key == QLatin1String("project_hash"))
            info.projectHash = value;
        else if (key == QLatin1String("title"))
            info.title = value;
        else if (key == QLatin1String("description"))
            info.description = value;
    }
    info.location = m_path;
    info.remote = false;
    if (info.title.isEmpty())
        info.title = QFileInfo(m_path).completeBaseName();
    m_info = info;
    m_labelHashes = LabelHashCodec(info.projectHash);
    return {};
}

Result<std::unique_ptr<Store>> SqliteStore::openAnother() const
{
    std::unique_ptr<SqliteStore> store(new SqliteStore);
    store->m_path = m_path;
    store->m_readOnly = m_readOnly;
    store->m_info = m_info;
    store->m_labelHashes = m_labelHashes;
    if (auto connected = store->connect(); !connected)
        return fail(QStringLiteral("cannot open '%1' again: %2").arg(displayPath(m_path), connected.error()));
    return std::unique_ptr<Store>(std::move(store));
}

ProjectInfo SqliteStore::projectInfo() const
{
    return m_info;
}

Result<Ontology> SqliteStore::ontology()
{
    if (auto ready = ensureConnected(); !ready)
        return ready.takeError();
    auto text = sql::scalar(m_db, QStringLiteral("SELECT value FROM meta WHERE key = 'ontology'"));
    if (!text)
        return fail(QStringLiteral("cannot read the ontology: %1").arg(text.error()));
    if (!text->isValid())
        return Ontology();
    return ontologyFromJson(text->toString());
}

// --- data units ---------------------------------------------------------------------------------------

Result<void> SqliteStore::addDataUnits(const QList<DataUnit> &units)
{
    if (auto writable = refuseIfReadOnly(); !writable)
        return writable;
    if (auto ready = ensureConnected(); !ready)
        return ready;
    if (units.isEmpty())
        return {};
    SqliteTransaction transaction(m_db);
    if (auto begun = transaction.begin(); !begun)
        return fail(QStringLiteral("cannot add data units: %1").arg(begun.error()));
    auto exists = sql::prepare(m_db, QStringLiteral("SELECT 1 FROM data_units WHERE data_hash = ?"));
    auto insert = sql::prepare(m_db, QStringLiteral("INSERT INTO data_units (data_hash, data_title, "
                                                    "data_type, dataset_hash, dataset_title, width, height, "
                                                    "frame_count, fps) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    if (!exists || !insert)
        return fail(
            QStringLiteral("cannot add data units: %1").arg(exists ? insert.error() : exists.error()));
    for (const DataUnit &unit : units) {
        if (unit.dataHash.isEmpty())
            return fail(QStringLiteral("cannot add data unit %1: it has no data hash").arg(unit.dataTitle));
        if (auto ran = sql::run(exists.value(), {unit.dataHash}); !ran)
            return fail(QStringLiteral("cannot add data units: %1").arg(ran.error()));
        if (exists->next()) {
            return fail(QStringLiteral("data unit %1 is already in the project")
                            .arg(sql::dataUnitLabel(unit.dataHash, unit.dataTitle)));
        }
        exists->finish();
        auto ran = sql::run(insert.value(), {unit.dataHash, unit.dataTitle, sql::dataTypeCode(unit.dataType),
                                             unit.datasetHash, unit.datasetTitle, unit.width, unit.height,
                                             unit.frameCount, unit.fps});
        if (!ran) {
            return fail(QStringLiteral("cannot add data unit %1: %2")
                            .arg(sql::dataUnitLabel(unit.dataHash, unit.dataTitle), ran.error()));
        }
    }
    if (auto committed = transaction.commit(); !committed)
        return fail(QStringLiteral("cannot add data units: %1").arg(committed.error()));
    return {};
}

Result<QList<DataUnit>> SqliteStore::dataUnits()
{
    if (auto ready = ensureConnected(); !ready)
        return ready.takeError();
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!query.exec(
            QStringLiteral("SELECT data_hash, data_title, data_type, dataset_hash, dataset_title, width, "
                           "height, frame_count, fps FROM data_units ORDER BY data_title, data_hash"))) {
        return fail(QStringLiteral("cannot list data units: %1").arg(sql::errorText(query.lastError())));
    }
    QList<DataUnit> units;
    while (query.next()) {
        DataUnit unit;
        unit.dataHash = query.value(0).toString();
        unit.dataTitle = query.value(1).toString();
        unit.dataType = sql::dataTypeFromCode(query.value(2).toString());
        unit.datasetHash = query.value(3).toString();
        unit.datasetTitle = query.value(4).toString();
        unit.width = query.value(5).toInt();
        unit.height = query.value(6).toInt();
        unit.frameCount = query.value(7).toInt();
        unit.fps = query.value(8).toDouble();
        units.append(unit);
    }
    return units;
}

// --- branches -------------------------------------------------------------------------------------------

namespace {

// A branch from columns name, created_at, created_from, is_snapshot (0..3) of `query`.
BranchInfo branchFrom(const QSqlQuery &query)
{
    BranchInfo info;
    info.name = query.value(0).toString();
    info.createdAt = sql::dateTimeFromMs(query.value(1));
    info.createdFrom = query.value(2).toString();
    info.isSnapshot = query.value(3).toBool();
    return info;
}

} // namespace

Result<QList<BranchInfo>> SqliteStore::branches()
{
    if (auto ready = ensureConnected(); !ready)
        return ready.takeError();
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    const bool ran = query.exec(QStringLiteral(
        "SELECT b.name, b.created_at, b.created_from, b.is_snapshot, COUNT(r.data_unit_id), "
        "COALESCE(SUM(c.object_count), 0), MAX(r.last_edited_at) FROM branches b "
        "LEFT JOIN label_rows r ON r.branch_id = b.id LEFT JOIN label_contents c ON c.id = r.content_id "
        "GROUP BY b.id ORDER BY b.name = 'main' DESC, b.name"));
    if (!ran)
        return fail(QStringLiteral("cannot list branches: %1").arg(sql::errorText(query.lastError())));
    QList<BranchInfo> list;
    while (query.next()) {
        BranchInfo info = branchFrom(query);
        info.rowCount = query.value(4).toInt();
        info.objectCount = query.value(5).toInt();
        info.lastEditedAt = sql::dateTimeFromMs(query.value(6));
        list.append(info);
    }
    return list;
}

Result<QList<BranchInfo>> SqliteStore::branchesWithoutTotals()
{
    if (auto ready = ensureConnected(); !ready)
        return ready.takeError();
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT name, created_at, created_from, is_snapshot FROM branches "
                                   "ORDER BY name = 'main' DESC, name")))
        return fail(QStringLiteral("cannot list branches: %1").arg(sql::errorText(query.lastError())));
    QList<BranchInfo> list;
    while (query.next()) {
        BranchInfo info = branchFrom(query);
        info.totalsKnown = false;
        list.append(info);
    }
    return list;
}

Result<bool> SqliteStore::branchExists(const QString &name)
{
    if (auto ready = ensureConnected(); !ready)
        return ready.takeError();
    auto found = sql::scalar(m_db, QStringLiteral("SELECT 1 FROM branches WHERE name = ?"), {name});
    if (!found)
        return fail(QStringLiteral("cannot look up branch '%1': %2").arg(name, found.error()));
    return found->isValid();
}

Result<void> SqliteStore::createBranch(const QString &name, const QString &createdFrom, bool isSnapshot)
{
    if (auto writable = refuseIfReadOnly(); !writable)
        return writable;
    if (auto ready = ensureConnected(); !ready)
        return ready;
    if (name.isEmpty())
        return fail(QStringLiteral("branch name must not be empty"));
    SqliteTransaction transaction(m_db);
    if (auto begun = transaction.begin(); !begun)
        return fail(QStringLiteral("cannot create branch '%1': %2").arg(name, begun.error()));
    auto exists = sql::scalar(m_db, QStringLiteral("SELECT 1 FROM branches WHERE name = ?"), {name});
    if (!exists)
        return fail(QStringLiteral("cannot create branch '%1': %2").arg(name, exists.error()));
    if (exists->isValid())
        return fail(QStringLiteral("branch '%1' already exists").arg(name));
    auto insert = sql::prepare(
        m_db, QStringLiteral(
                  "INSERT INTO branches (name, created_at, created_from, is_snapshot) VALUES (?, ?, ?, ?)"));
    if (!insert)
        return fail(QStringLiteral("cannot create branch '%1': %2").arg(name, insert.error()));
    if (auto ran = sql::run(insert.value(),
                            {name, QDateTime::currentMSecsSinceEpoch(), createdFrom, isSnapshot ? 1 : 0});
        !ran)
        return fail(QStringLiteral("cannot create branch '%1': %2").arg(name, ran.error()));
    if (auto committed = transaction.commit(); !committed)
        return fail(QStringLiteral("cannot create branch '%1': %2").arg(name, committed.error()));
    return {};
}

Result<void> SqliteStore::renameBranch(const QString &from, const QString &to)
{
    if (auto writable = refuseIfReadOnly(); !writable)
        return writable;
    if (auto ready = ensureConnected(); !ready)
        return ready;
    if (from == kMainBranch)
        return fail(QStringLiteral("the main branch cannot be renamed"));
    if (to.isEmpty())
        return fail(QStringLiteral("branch name must not be empty"));
    if (from == to)
        return {};
    SqliteTransaction transaction(m_db);
    if (auto begun = transaction.begin(); !begun)
        return fail(QStringLiteral("cannot rename branch '%1': %2").arg(from, begun.error()));
    auto id = SqliteRowReader(m_db, m_labelHashes).branchId(from);
    if (!id)
        return id.takeError();
    if (auto free = SqliteLedger(m_db).refuseIfBranchInUse(from); !free)
        return free;
    auto taken = sql::scalar(m_db, QStringLiteral("SELECT 1 FROM branches WHERE name = ?"), {to});
    if (!taken)
        return fail(QStringLiteral("cannot rename branch '%1': %2").arg(from, taken.error()));
    if (taken->isValid())
        return fail(QStringLiteral("branch '%1' already exists").arg(to));
    // Branch names are references elsewhere too (provenance, creation origin, operation targets); they follow
    // the rename so three-way compares and undo keep finding the branch.
    const QStringList statements = {
        QStringLiteral("UPDATE branches SET name = ? WHERE name = ?"),
        QStringLiteral("UPDATE branches SET created_from = ? WHERE created_from = ?"),
        QStringLiteral("UPDATE label_rows SET source_branch = ? WHERE source_branch = ?"),
        QStringLiteral("UPDATE journal SET source_branch = ? WHERE source_branch = ?"),
        QStringLiteral("UPDATE operations SET source_branch = ? WHERE source_branch = ?"),
        QStringLiteral(
            "UPDATE operations SET target_branch = ? WHERE target_branch = ? AND target_deleted = 0"),
    };
    for (const QString &statement : statements) {
        auto query = sql::prepare(m_db, statement);
        if (!query)
            return fail(QStringLiteral("cannot rename branch '%1': %2").arg(from, query.error()));
        if (auto ran = sql::run(query.value(), {to, from}); !ran)
            return fail(QStringLiteral("cannot rename branch '%1': %2").arg(from, ran.error()));
    }
    if (auto renamed = SqliteLedger(m_db).renameBranchInReviewDecisions(from, to); !renamed)
        return fail(QStringLiteral("cannot rename branch '%1': %2").arg(from, renamed.error()));
    if (auto committed = transaction.commit(); !committed)
        return fail(QStringLiteral("cannot rename branch '%1': %2").arg(from, committed.error()));
    return {};
}

Result<void> SqliteStore::deleteBranch(const QString &name)
{
    if (auto writable = refuseIfReadOnly(); !writable)
        return writable;
    if (auto ready = ensureConnected(); !ready)
        return ready;
    if (name == kMainBranch)
        return fail(QStringLiteral("the main branch cannot be deleted"));
    SqliteTransaction transaction(m_db);
    if (auto begun = transaction.begin(); !begun)
        return fail(QStringLiteral("cannot delete branch '%1': %2").arg(name, begun.error()));
    auto id = SqliteRowReader(m_db, m_labelHashes).branchId(name);
    if (!id)
        return id.takeError();
    if (auto free = SqliteLedger(m_db).refuseIfBranchInUse(name); !free)
        return free;
    // Rows and their journal entries go with the branch (ON DELETE CASCADE); the operations that wrote it
    // stay in the history but can no longer be undone.
    auto orphan = sql::prepare(
        m_db, QStringLiteral(
                  "UPDATE operations SET target_deleted = 1 WHERE target_branch = ? AND target_deleted = 0"));
    auto remove = sql::prepare(m_db, QStringLiteral("DELETE FROM branches WHERE id = ?"));
    if (!orphan || !remove)
        return fail(QStringLiteral("cannot delete branch '%1': %2")
                        .arg(name, orphan ? remove.error() : orphan.error()));
    if (auto ran = sql::run(orphan.value(), {name}); !ran)
        return fail(QStringLiteral("cannot delete branch '%1': %2").arg(name, ran.error()));
    // Decisions about a deleted branch must not come back if a branch of the same name is made later.
    if (auto forgot = SqliteLedger(m_db).forgetReviewDecisionsOf(name); !forgot)
        return fail(QStringLiteral("cannot delete branch '%1': %2").arg(name, forgot.error()));
    SqliteContents contents(m_db);
    if (auto noted = contents.addBranchCandidates(*id); !noted)
        return fail(QStringLiteral("cannot delete branch '%1': %2").arg(name, noted.error()));
    if (auto ran = sql::run(remove.value(), {*id}); !ran)
        return fail(QStringLiteral("cannot delete branch '%1': %2").arg(name, ran.error()));
    if (auto collected = contents.collectCandidates(); !collected)
        return fail(QStringLiteral("cannot delete branch '%1': %2").arg(name, collected.error()));
    if (auto committed = transaction.commit(); !committed)
        return fail(QStringLiteral("cannot delete branch '%1': %2").arg(name, committed.error()));
    return {};
}

// --- journaled writes and undo
// ------------------------------------------------------------------------------

Result<CopyBatchResult> SqliteStore::copyBatch(qint64 operationId, const QString &sourceBranch,
                                               const QString &targetBranch, const QList<CopyItem> &items)
{
    if (auto writable = refuseIfReadOnly(); !writable)
        return writable.takeError();
    if (auto ready = ensureConnected(); !ready)
        return ready.takeError();
    return SqliteRowWriter(m_db, m_labelHashes).copyBatch(operationId, sourceBranch, targetBranch, items);
}

Result<CopyBatchResult> SqliteStore::copyRowsPart(qint64 operationId, const QString &sourceBranch,
                                                  const QString &targetBranch, int part, int parts)
{
    if (auto writable = refuseIfReadOnly(); !writable)
        return writable.takeError();
    if (auto ready = ensureConnected(); !ready)
        return ready.takeError();
    return SqliteRowWriter(m_db, m_labelHashes)
        .copyRowsPart(operationId, sourceBranch, targetBranch, part, parts);
}

Result<CopyBatchResult> SqliteStore::writeRows(qint64 operationId, const QString &branch,
                                               const QList<LabelRowDocument> &rows, bool overwrite)
{
    if (auto writable = refuseIfReadOnly(); !writable)
        return writable.takeError();
    if (auto ready = ensureConnected(); !ready)
        return ready.takeError();
    return SqliteRowWriter(m_db, m_labelHashes).writeRows(operationId, branch, rows, overwrite);
}

Result<OperationRecord> SqliteStore::lastUndoableOperation(const QString &targetBranch)
{
    if (auto ready = ensureConnected(); !ready)
        return ready.takeError();
    return SqliteUndo(m_db).lastUndoableOperation(targetBranch);
}

Result<UndoResult> SqliteStore::undoOperation(qint64 operationId)
{
    if (auto writable = refuseIfReadOnly(); !writable)
        return writable.takeError();
    if (auto ready = ensureConnected(); !ready)
        return ready.takeError();
    return SqliteUndo(m_db).undoOperation(operationId);
}

void SqliteStore::setBulkWriting(bool on)
{
    // Only a hint: a write goes on with the usual cache when this fails.
    if (m_db.isOpen())
        (void)SqliteConnection::setCacheKiB(m_db, on ? SqliteConnection::kBulkCacheKiB
                                                     : SqliteConnection::kCacheKiB);
}

Result<int> SqliteStore::collectGarbage()
{
    if (auto writable = refuseIfReadOnly(); !writable)
        return writable.takeError();
    if (auto ready = ensureConnected(); !ready)
        return ready.takeError();
    const auto failed = [](const QString &reason) {
        return fail(QStringLiteral("cannot remove unused label content: %1").arg(reason));
    };
    SqliteTransaction transaction(m_db);
    if (auto begun = transaction.begin(); !begun)
        return failed(begun.error());
    auto removed = SqliteContents(m_db).collectGarbage();
    if (!removed)
        return failed(removed.error());
    if (auto committed = transaction.commit(); !committed)
        return failed(committed.error());
    return removed;
}

} // namespace lb
