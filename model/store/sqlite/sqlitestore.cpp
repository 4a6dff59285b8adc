#include "store/sqlite/sqlitestore.h"

#include "domain/branchname.h"
#include "domain/classcountsencoding.h"
#include "domain/ontologyjson.h"
#include "store/sqlite/sqlhelpers.h"
#include "store/sqlite/sqliteconnection.h"
#include "store/sqlite/sqliteprojectfile.h"
#include "store/sqlite/sqliteschema.h"
#include "store/sqlite/sqlitetransaction.h"

#include <atomic>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <QSqlDriver>
#include <QThread>
#include <QUrl>
#include <QUuid>
#include <utility>

namespace lb {

namespace {

const QString kNotLabelled = QStringLiteral("NOT_LABELLED");

QString displayPath(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

qint64 toMs(const QDateTime &time)
{
    return time.toMSecsSinceEpoch();
}

QVariant toMsOrNull(const QDateTime &time)
{
    return time.isValid() ? QVariant(time.toMSecsSinceEpoch()) : sql::nullOf(QMetaType::LongLong);
}

QDateTime fromMs(const QVariant &value)
{
    if (value.isNull())
        return QDateTime();
    return QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

// The store's own spelling of data types, independent of display or Encord naming.
QString dataTypeCode(DataType type)
{
    switch (type) {
    case DataType::Image:
        return QStringLiteral("image");
    case DataType::ImageGroup:
        return QStringLiteral("img_group");
    case DataType::Video:
        return QStringLiteral("video");
    }
    return QStringLiteral("image");
}

DataType dataTypeFromCode(const QString &code)
{
    if (code == QLatin1String("video"))
        return DataType::Video;
    if (code == QLatin1String("img_group"))
        return DataType::ImageGroup;
    return DataType::Image;
}

bool isUuid(const QString &text)
{
    static const QRegularExpression pattern(
        QStringLiteral("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"));
    return pattern.match(text).hasMatch();
}

QString freshLabelHash()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QString dataUnitLabel(const QString &dataHash, const QString &title)
{
    if (title.isEmpty())
        return dataHash;
    return QStringLiteral("'%1' (%2)").arg(title, dataHash);
}

// A JSON array as one bound parameter, expanded in SQL with json_each(): any number of hashes without
// running into SQLite's limit on bound variables, and without a temporary table.
QString jsonArray(const QStringList &values)
{
    nlohmann::json array = nlohmann::json::array();
    for (const QString &value : values)
        array.push_back(value.toStdString());
    return QString::fromStdString(array.dump());
}

OperationRecord operationFromQuery(const QSqlQuery &query)
{
    // Column order of kOperationColumns.
    OperationRecord record;
    record.id = query.value(0).toLongLong();
    OperationKind kind = OperationKind::Copy;
    if (parseOperationKind(query.value(1).toString(), &kind))
        record.kind = kind;
    record.sourceBranch = query.value(2).toString();
    record.targetBranch = query.value(3).toString();
    record.overwrite = query.value(4).toBool();
    record.createdTargetBranch = query.value(5).toBool();
    record.created = query.value(6).toInt();
    record.replaced = query.value(7).toInt();
    record.skipped = query.value(8).toInt();
    record.cancelled = query.value(9).toBool();
    record.undone = query.value(10).toBool();
    record.user = query.value(11).toString();
    record.startedAt = fromMs(query.value(12));
    record.finishedAt = fromMs(query.value(13));
    return record;
}

const QString kOperationColumns = QStringLiteral(
    "id, kind, source_branch, target_branch, overwrite, created_target_branch, created, replaced, skipped, "
    "cancelled, undone, user_name, started_at, finished_at");

// Every column of a label row but its id and location, in the order shared by label_rows and journal.
const QString kRowStateColumns = QStringLiteral(
    "label_hash, label_status, created_at, last_edited_at, object_count, classification_count, class_counts, "
    "content_hash, source_branch, source_content_hash, copied_at, content");

struct RowSql
{
    QString sql;
    QVariantList values;
};

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
    if (!store->m_readOnly) {
        auto migrated = SqliteSchema::migrate(store->m_db, SqliteSchema::steps());
        if (!migrated)
            return fail(QStringLiteral("cannot open '%1': %2").arg(shown, migrated.error()));
    }
    if (auto loaded = store->loadProjectInfo(); !loaded)
        return fail(QStringLiteral("'%1' is damaged: %2").arg(shown, loaded.error()));
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

        SqliteTransaction transaction(db);
        if (auto begun = transaction.begin(); !begun)
            return begun;
        auto meta =
            sql::prepare(db, QStringLiteral("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)"));
        if (!meta)
            return meta.takeError();
        const QString projectHash = info.projectHash.isEmpty()
                                        ? QUuid::createUuid().toString(QUuid::WithoutBraces)
                                        : info.projectHash;
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
        if (auto done = transaction.commit(); !done)
            return done;
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
    return {};
}

Result<std::unique_ptr<Store>> SqliteStore::openAnother() const
{
    std::unique_ptr<SqliteStore> store(new SqliteStore);
    store->m_path = m_path;
    store->m_readOnly = m_readOnly;
    store->m_info = m_info;
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
                            .arg(dataUnitLabel(unit.dataHash, unit.dataTitle)));
        }
        exists->finish();
        auto ran = sql::run(insert.value(),
                            {unit.dataHash, unit.dataTitle, dataTypeCode(unit.dataType), unit.datasetHash,
                             unit.datasetTitle, unit.width, unit.height, unit.frameCount, unit.fps});
        if (!ran) {
            return fail(QStringLiteral("cannot add data unit %1: %2")
                            .arg(dataUnitLabel(unit.dataHash, unit.dataTitle), ran.error()));
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
        unit.dataType = dataTypeFromCode(query.value(2).toString());
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

Result<qint64> SqliteStore::branchId(const QString &name)
{
    auto id = sql::scalar(m_db, QStringLiteral("SELECT id FROM branches WHERE name = ?"), {name});
    if (!id)
        return id.takeError();
    if (!id->isValid())
        return fail(QStringLiteral("branch '%1' does not exist").arg(name));
    return id->toLongLong();
}

Result<QList<BranchInfo>> SqliteStore::branches()
{
    if (auto ready = ensureConnected(); !ready)
        return ready.takeError();
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    const bool ran = query.exec(QStringLiteral(
        "SELECT b.name, b.created_at, b.created_from, b.is_snapshot, COUNT(r.id), "
        "COALESCE(SUM(r.object_count), 0), "
        "MAX(r.last_edited_at) FROM branches b LEFT JOIN label_rows r ON r.branch_id = b.id GROUP BY b.id "
        "ORDER BY b.name = 'main' DESC, b.name"));
    if (!ran)
        return fail(QStringLiteral("cannot list branches: %1").arg(sql::errorText(query.lastError())));
    QList<BranchInfo> list;
    while (query.next()) {
        BranchInfo info;
        info.name = query.value(0).toString();
        info.createdAt = fromMs(query.value(1));
        info.createdFrom = query.value(2).toString();
        info.isSnapshot = query.value(3).toBool();
        info.rowCount = query.value(4).toInt();
        info.objectCount = query.value(5).toInt();
        info.lastEditedAt = fromMs(query.value(6));
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
    auto id = branchId(from);
    if (!id)
        return id.takeError();
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
        QStringLiteral("UPDATE review_decisions SET source_branch = ? WHERE source_branch = ?"),
        QStringLiteral("UPDATE review_decisions SET target_branch = ? WHERE target_branch = ?"),
    };
    for (const QString &statement : statements) {
        auto query = sql::prepare(m_db, statement);
        if (!query)
            return fail(QStringLiteral("cannot rename branch '%1': %2").arg(from, query.error()));
        if (auto ran = sql::run(query.value(), {to, from}); !ran)
            return fail(QStringLiteral("cannot rename branch '%1': %2").arg(from, ran.error()));
    }
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
    auto id = branchId(name);
    if (!id)
        return id.takeError();
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
    auto forget = sql::prepare(
        m_db, QStringLiteral("DELETE FROM review_decisions WHERE source_branch = ? OR target_branch = ?"));
    if (!forget)
        return fail(QStringLiteral("cannot delete branch '%1': %2").arg(name, forget.error()));
    if (auto ran = sql::run(forget.value(), {name, name}); !ran)
        return fail(QStringLiteral("cannot delete branch '%1': %2").arg(name, ran.error()));
    if (auto ran = sql::run(remove.value(), {*id}); !ran)
        return fail(QStringLiteral("cannot delete branch '%1': %2").arg(name, ran.error()));
    if (auto committed = transaction.commit(); !committed)
        return fail(QStringLiteral("cannot delete branch '%1': %2").arg(name, committed.error()));
    return {};
}

// --- rows -------------------------------------------------------------------------------------------------

namespace {

Result<RowSql> rowQuerySql(const RowQuery &query, qint64 branchId, bool count)
{
    RowSql out;
    QStringList where;
    QString from;
    if (query.includeUninitialised) {
        // Every (branch, data unit) pair; the label row when there is one.
        from = QStringLiteral("FROM branches b CROSS JOIN data_units du "
                              "LEFT JOIN label_rows r ON r.branch_id = b.id AND r.data_unit_id = du.id");
    } else {
        from = QStringLiteral("FROM label_rows r JOIN data_units du ON du.id = r.data_unit_id "
                              "JOIN branches b ON b.id = r.branch_id");
    }
    if (!query.allBranches) {
        where << QStringLiteral("b.id = ?");
        out.values << branchId;
    }
    if (!query.dataHashes.isEmpty()) {
        where << QStringLiteral("du.data_hash IN (SELECT value FROM json_each(?))");
        out.values << jsonArray(query.dataHashes);
    }
    if (!query.labelHashes.isEmpty()) {
        where << QStringLiteral("r.label_hash IN (SELECT value FROM json_each(?))");
        out.values << jsonArray(query.labelHashes);
    }
    if (!query.titleEquals.isEmpty()) {
        where << QStringLiteral("du.data_title = ?");
        out.values << query.titleEquals;
    }
    if (!query.titleLike.isEmpty()) {
        where << QStringLiteral("du.data_title LIKE ?");
        out.values << query.titleLike;
    }
    if (!query.statuses.isEmpty()) {
        where << QStringLiteral("COALESCE(r.label_status, '%1') IN (SELECT value FROM json_each(?))")
                     .arg(kNotLabelled);
        out.values << jsonArray(query.statuses);
    }
    // Uninitialised rows have no edit time, so any time bound leaves them out.
    if (query.editedBefore.isValid()) {
        where << QStringLiteral("r.last_edited_at < ?");
        out.values << toMs(query.editedBefore);
    }
    if (query.editedAfter.isValid()) {
        where << QStringLiteral("r.last_edited_at > ?");
        out.values << toMs(query.editedAfter);
    }

    if (count) {
        out.sql = QStringLiteral("SELECT COUNT(*) ") + from;
    } else {
        out.sql =
            QStringLiteral(
                "SELECT du.data_hash, r.label_hash, b.name, du.data_title, du.data_type, r.label_status, "
                "r.created_at, r.last_edited_at, r.object_count, r.classification_count, r.class_counts, "
                "r.content_hash, r.source_branch, r.source_content_hash, r.copied_at ") +
            from;
    }
    if (!where.isEmpty())
        out.sql += QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
    if (count)
        return out;

    const QString direction = query.descending ? QStringLiteral(" DESC") : QString();
    QString order;
    switch (query.order) {
    case RowQuery::Order::Title:
        order = QStringLiteral("du.data_title") + direction + QStringLiteral(", du.data_hash") + direction;
        break;
    case RowQuery::Order::DataHash:
        order = QStringLiteral("du.data_hash") + direction;
        break;
    case RowQuery::Order::ObjectCount:
        order = QStringLiteral("COALESCE(r.object_count, 0)") + direction +
                QStringLiteral(", du.data_title, du.data_hash");
        break;
    case RowQuery::Order::LastEdited:
        order =
            QStringLiteral("r.last_edited_at") + direction + QStringLiteral(", du.data_title, du.data_hash");
        break;
    case RowQuery::Order::Status:
        // Workflow order rather than alphabetical (LABELLED would sort before LABEL_IN_PROGRESS).
        order = QStringLiteral(
                    "CASE COALESCE(r.label_status, '%1') WHEN 'NOT_LABELLED' THEN 0 "
                    "WHEN 'LABEL_IN_PROGRESS' THEN 1 WHEN 'LABELLED' THEN 2 WHEN 'REVIEW_IN_PROGRESS' THEN 3 "
                    "WHEN 'REVIEWED' THEN 4 WHEN 'REVIEWED_TWICE' THEN 5 ELSE 6 END")
                    .arg(kNotLabelled) +
                direction + QStringLiteral(", r.label_status") + direction +
                QStringLiteral(", du.data_title, du.data_hash");
        break;
    }
    out.sql += QStringLiteral(" ORDER BY ") + order + QStringLiteral(", b.name");
    if (query.limit >= 0 || query.offset > 0) {
        out.sql += QStringLiteral(" LIMIT ? OFFSET ?");
        out.values << (query.limit >= 0 ? query.limit : -1) << qMax(0, query.offset);
    }
    return out;
}

} // namespace

Result<QList<LabelRowSummary>> SqliteStore::listRows(const RowQuery &query)
{
    if (auto ready = ensureConnected(); !ready)
        return ready.takeError();
    if (query.allBranches && !query.branch.isEmpty())
        return fail(QStringLiteral("cannot list one branch and all branches at once"));
    if (!query.allBranches && query.branch.isEmpty())
        return fail(QStringLiteral("no branch given to list"));
    qint64 branch = 0;
    if (!query.allBranches) {
        auto id = branchId(query.branch);
        if (!id)
            return id.takeError();
        branch = *id;
    }
    auto statement = rowQuerySql(query, branch, false);
    if (!statement)
        return statement.takeError();
    QSqlQuery sqlQuery(m_db);
    sqlQuery.setForwardOnly(true);
    if (!sqlQuery.prepare(statement->sql))
        return fail(QStringLiteral("cannot list label rows: %1").arg(sql::errorText(sqlQuery.lastError())));
    for (int i = 0; i < statement->values.size(); ++i)
        sqlQuery.bindValue(i, sql::bindable(statement->values.at(i)));
    if (!sqlQuery.exec())
        return fail(QStringLiteral("cannot list label rows: %1").arg(sql::errorText(sqlQuery.lastError())));

    QList<LabelRowSummary> rows;
    QString lastBranch; // shared across rows, so 100,000 rows of one branch hold one string
    QString lastSource;
    while (sqlQuery.next()) {
        LabelRowSummary row;
        row.dataHash = sqlQuery.value(0).toString();
        row.labelHash = sqlQuery.value(1).toString();
        const QString branchName = sqlQuery.value(2).toString();
        if (branchName != lastBranch)
            lastBranch = branchName;
        row.branchName = lastBranch;
        row.dataTitle = sqlQuery.value(3).toString();
        row.dataType = dataTypeFromCode(sqlQuery.value(4).toString());
        if (row.labelHash.isEmpty()) {
            row.labelStatus = kNotLabelled;
        } else {
            row.labelStatus = sqlQuery.value(5).toString();
            row.createdAt = fromMs(sqlQuery.value(6));
            row.lastEditedAt = fromMs(sqlQuery.value(7));
            row.objectCount = sqlQuery.value(8).toInt();
            row.classificationCount = sqlQuery.value(9).toInt();
            row.classCounts = decodeClassCounts(sqlQuery.value(10).toString());
            row.contentHash = sqlQuery.value(11).toString();
            const QString source = sqlQuery.value(12).toString();
            if (!source.isEmpty()) {
                if (source != lastSource)
                    lastSource = source;
                row.provenance.sourceBranch = lastSource;
                row.provenance.sourceContentHash = sqlQuery.value(13).toString();
                row.provenance.copiedAt = fromMs(sqlQuery.value(14));
            }
        }
        rows.append(std::move(row));
    }
    if (sqlQuery.lastError().isValid())
        return fail(QStringLiteral("cannot list label rows: %1").arg(sql::errorText(sqlQuery.lastError())));
    return rows;
}

Result<int> SqliteStore::countRows(const RowQuery &query)
{
    if (auto ready = ensureConnected(); !ready)
        return ready.takeError();
    if (query.allBranches && !query.branch.isEmpty())
        return fail(QStringLiteral("cannot list one branch and all branches at once"));
    if (!query.allBranches && query.branch.isEmpty())
        return fail(QStringLiteral("no branch given to list"));
    qint64 branch = 0;
    if (!query.allBranches) {
        auto id = branchId(query.branch);
        if (!id)
            return id.takeError();
        branch = *id;
    }
    auto statement = rowQuerySql(query, branch, true);
    if (!statement)
        return statement.takeError();
    QSqlQuery sqlQuery(m_db);
    sqlQuery.setForwardOnly(true);
    if (!sqlQuery.prepare(statement->sql))
        return fail(QStringLiteral("cannot count label rows: %1").arg(sql::errorText(sqlQuery.lastError())));
    for (int i = 0; i < statement->values.size(); ++i)
        sqlQuery.bindValue(i, sql::bindable(statement->values.at(i)));
    if (!sqlQuery.exec() || !sqlQuery.next())
        return fail(QStringLiteral("cannot count label rows: %1").arg(sql::errorText(sqlQuery.lastError())));
    return sqlQuery.value(0).toInt();
}

Result<QList<LabelRowDocument>> SqliteStore::fetchContents(const QString &branch,
                                                           const QStringList &labelHashes)
{
    if (auto ready = ensureConnected(); !ready)
        return ready.takeError();
    auto id = branchId(branch);
    if (!id)
        return id.takeError();
    if (labelHashes.isEmpty())
        return QList<LabelRowDocument>();
    auto query = sql::prepare(
        m_db,
        QStringLiteral("SELECT label_hash, label_status, created_at, last_edited_at, content FROM label_rows "
                       "WHERE branch_id = ? AND label_hash IN (SELECT value FROM json_each(?))"));
    if (!query)
        return fail(QStringLiteral("cannot read label rows: %1").arg(query.error()));
    if (auto ran = sql::run(query.value(), {*id, jsonArray(labelHashes)}); !ran)
        return fail(QStringLiteral("cannot read label rows: %1").arg(ran.error()));

    QHash<QString, LabelRowDocument> byHash;
    while (query->next()) {
        const QString labelHash = query->value(0).toString();
        const QByteArray json = qUncompress(query->value(4).toByteArray());
        if (json.isEmpty())
            return fail(QStringLiteral("the content of label row %1 is damaged").arg(labelHash));
        auto document = LabelRowDocument::fromBytes(json, QStringLiteral("label row %1").arg(labelHash));
        if (!document)
            return fail(QStringLiteral("cannot read label row %1: %2").arg(labelHash, document.error()));
        LabelRowDocument doc = std::move(document).value();
        // The blob may carry another branch's identity (copies move it untouched); the columns decide.
        doc.setLabelHash(labelHash);
        doc.setBranchName(branch);
        doc.setLabelStatus(query->value(1).toString());
        doc.setTimestamps(fromMs(query->value(2)), fromMs(query->value(3)));
        byHash.insert(labelHash, std::move(doc));
    }
    QList<LabelRowDocument> documents;
    documents.reserve(labelHashes.size());
    for (const QString &labelHash : labelHashes) {
        const auto it = byHash.constFind(labelHash);
        if (it == byHash.constEnd())
            return fail(QStringLiteral("label row %1 is not on branch '%2'").arg(labelHash, branch));
        documents.append(it.value());
    }
    return documents;
}

// --- journaled writes -----------------------------------------------------------------------------------

Result<void> SqliteStore::checkWritableOperation(qint64 operationId)
{
    if (operationId == 0)
        return {};
    auto undone =
        sql::scalar(m_db, QStringLiteral("SELECT undone FROM operations WHERE id = ?"), {operationId});
    if (!undone)
        return undone.takeError();
    if (!undone->isValid())
        return fail(QStringLiteral("operation %1 does not exist").arg(operationId));
    if (undone->toBool())
        return fail(
            QStringLiteral("operation %1 has been undone and cannot write more rows").arg(operationId));
    return {};
}

Result<qint64> SqliteStore::beginOperation(const OperationRecord &record)
{
    if (auto writable = refuseIfReadOnly(); !writable)
        return writable.takeError();
    if (auto ready = ensureConnected(); !ready)
        return ready.takeError();
    auto insert =
        sql::prepare(m_db, QStringLiteral("INSERT INTO operations (kind, source_branch, target_branch, "
                                          "overwrite, created_target_branch, created, "
                                          "replaced, skipped, cancelled, user_name, started_at, finished_at) "
                                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    if (!insert)
        return fail(QStringLiteral("cannot record the operation: %1").arg(insert.error()));
    const QDateTime started = record.startedAt.isValid() ? record.startedAt : QDateTime::currentDateTimeUtc();
    auto ran =
        sql::run(insert.value(), {operationKindName(record.kind), record.sourceBranch, record.targetBranch,
                                  record.overwrite ? 1 : 0, record.createdTargetBranch ? 1 : 0,
                                  record.created, record.replaced, record.skipped, record.cancelled ? 1 : 0,
                                  record.user, toMs(started), toMsOrNull(record.finishedAt)});
    if (!ran)
        return fail(QStringLiteral("cannot record the operation: %1").arg(ran.error()));
    return insert->lastInsertId().toLongLong();
}

Result<void> SqliteStore::finishOperation(const OperationRecord &record)
{
    if (auto writable = refuseIfReadOnly(); !writable)
        return writable;
    if (auto ready = ensureConnected(); !ready)
        return ready;
    auto update = sql::prepare(m_db, QStringLiteral("UPDATE operations SET created_target_branch = ?, "
                                                    "created = ?, replaced = ?, skipped = ?, cancelled = ?, "
                                                    "finished_at = ? WHERE id = ?"));
    if (!update)
        return fail(
            QStringLiteral("cannot record the end of operation %1: %2").arg(record.id).arg(update.error()));
    const QDateTime finished =
        record.finishedAt.isValid() ? record.finishedAt : QDateTime::currentDateTimeUtc();
    auto ran =
        sql::run(update.value(), {record.createdTargetBranch ? 1 : 0, record.created, record.replaced,
                                  record.skipped, record.cancelled ? 1 : 0, toMs(finished), record.id});
    if (!ran)
        return fail(
            QStringLiteral("cannot record the end of operation %1: %2").arg(record.id).arg(ran.error()));
    if (update->numRowsAffected() != 1)
        return fail(QStringLiteral("operation %1 does not exist").arg(record.id));
    return {};
}

namespace {

// The statements every batch needs, prepared once per batch.
struct BatchStatements
{
    QSqlQuery hashInUse; // label_hash -> 1
    QSqlQuery journalCreated;
    QSqlQuery journalReplaced;
};

Result<BatchStatements> prepareBatch(QSqlDatabase &db)
{
    const QStringList texts = {
        QStringLiteral("SELECT 1 FROM label_rows WHERE label_hash = ?"),
        QStringLiteral(
            "INSERT INTO journal (operation_id, change, row_id, branch_id, data_unit_id, label_hash) "
            "VALUES (?, 'created', ?, ?, ?, ?)"),
        QStringLiteral("INSERT INTO journal (operation_id, change, row_id, branch_id, data_unit_id, %1) "
                       "SELECT ?, 'replaced', id, branch_id, data_unit_id, %1 FROM label_rows WHERE id = ?")
            .arg(kRowStateColumns),
    };
    QList<QSqlQuery> queries;
    for (const QString &text : texts) {
        auto query = sql::prepare(db, text);
        if (!query)
            return query.takeError();
        queries.append(std::move(query).value());
    }
    return BatchStatements{std::move(queries[0]), std::move(queries[1]), std::move(queries[2])};
}

// The id of the first column of the first row, or 0 when there is none.
Result<qint64> firstId(QSqlQuery &query, std::initializer_list<QVariant> values)
{
    if (auto ran = sql::run(query, values); !ran)
        return ran.takeError();
    const qint64 id = query.next() ? query.value(0).toLongLong() : 0;
    query.finish();
    return id;
}

} // namespace

Result<CopyBatchResult> SqliteStore::copyBatch(qint64 operationId, const QString &sourceBranch,
                                               const QString &targetBranch, const QList<CopyItem> &items)
{
    if (auto writable = refuseIfReadOnly(); !writable)
        return writable.takeError();
    if (auto ready = ensureConnected(); !ready)
        return ready.takeError();
    if (sourceBranch == targetBranch)
        return fail(QStringLiteral("source and target branch must be different"));
    const auto failed = [](const QString &reason) {
        return fail(QStringLiteral("copy batch failed, nothing of it was written: %1").arg(reason));
    };

    SqliteTransaction transaction(m_db);
    if (auto begun = transaction.begin(); !begun)
        return failed(begun.error());
    if (auto operation = checkWritableOperation(operationId); !operation)
        return failed(operation.error());
    auto sourceId = branchId(sourceBranch);
    if (!sourceId)
        return failed(QStringLiteral("source ") + sourceId.error());
    auto targetId = branchId(targetBranch);
    if (!targetId)
        return failed(QStringLiteral("target ") + targetId.error());
    auto statements = prepareBatch(m_db);
    if (!statements)
        return failed(statements.error());
    BatchStatements &st = statements.value();
    auto create = sql::prepare(
        m_db, QStringLiteral(
                  "INSERT INTO label_rows (branch_id, data_unit_id, label_hash, label_status, created_at, "
                  "last_edited_at, "
                  "object_count, classification_count, class_counts, content_hash, source_branch, "
                  "source_content_hash, "
                  "copied_at, content) SELECT ?, data_unit_id, ?, label_status, ?, ?, object_count, "
                  "classification_count, "
                  "class_counts, content_hash, ?, content_hash, ?, content FROM label_rows WHERE id = ?"));
    // The target keeps its identity (label hash, created_at, status); content and summary come from the
    // source.
    auto replace =
        sql::prepare(m_db, QStringLiteral("UPDATE label_rows SET (object_count, classification_count, "
                                          "class_counts, content_hash, source_content_hash, "
                                          "content) = (SELECT s.object_count, s.classification_count, "
                                          "s.class_counts, s.content_hash, s.content_hash, "
                                          "s.content FROM label_rows s WHERE s.id = ?), last_edited_at = ?, "
                                          "source_branch = ?, copied_at = ? "
                                          "WHERE id = ?"));
    auto resolve = sql::prepare(
        m_db,
        QStringLiteral(
            "SELECT du.id, s.id, s.data_unit_id, t.id, t.label_hash FROM data_units du "
            "LEFT JOIN label_rows s ON s.branch_id = ? AND s.label_hash = ? "
            "LEFT JOIN label_rows t ON t.branch_id = ? AND t.data_unit_id = du.id WHERE du.data_hash = ?"));
    if (!create || !replace || !resolve)
        return failed(!create ? create.error() : !replace ? replace.error() : resolve.error());

    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    CopyBatchResult result;
    QSet<QString> seen;
    for (const CopyItem &item : items) {
        if (seen.contains(item.dataHash))
            return failed(QStringLiteral("data unit %1 appears twice in the batch").arg(item.dataHash));
        seen.insert(item.dataHash);
        // One lookup per item: the data unit, the source row and the row the target already has for it.
        if (auto ran = sql::run(resolve.value(), {*sourceId, item.sourceLabelHash, *targetId, item.dataHash});
            !ran)
            return failed(ran.error());
        if (!resolve->next())
            return failed(QStringLiteral("data unit %1 is not in this project").arg(item.dataHash));
        const qint64 unit = resolve->value(0).toLongLong();
        const qint64 source = resolve->value(1).isNull() ? 0 : resolve->value(1).toLongLong();
        const qint64 sourceUnit = resolve->value(2).toLongLong();
        const qint64 existing = resolve->value(3).isNull() ? 0 : resolve->value(3).toLongLong();
        const QString existingHash = resolve->value(4).toString();
        resolve->finish();
        if (source == 0) {
            return failed(QStringLiteral("the source row %1 of data unit %2 is not on branch '%3'")
                              .arg(item.sourceLabelHash, item.dataHash, sourceBranch));
        }
        if (sourceUnit != unit) {
            return failed(QStringLiteral("the source row %1 does not belong to data unit %2")
                              .arg(item.sourceLabelHash, item.dataHash));
        }

        if (item.targetLabelHash.isEmpty()) {
            if (existing != 0) {
                return failed(QStringLiteral("data unit %1 already has a row (%2) on branch '%3'")
                                  .arg(item.dataHash, existingHash, targetBranch));
            }
            QString labelHash = freshLabelHash();
            auto ran = sql::run(create.value(), {*targetId, labelHash, now, now, sourceBranch, now, source});
            if (!ran)
                return failed(ran.error());
            const qint64 rowId = create->lastInsertId().toLongLong();
            if (operationId != 0) {
                auto journaled =
                    sql::run(st.journalCreated, {operationId, rowId, *targetId, unit, labelHash});
                if (!journaled)
                    return failed(journaled.error());
            }
            ++result.created;
        } else {
            if (existing == 0 || existingHash != item.targetLabelHash) {
                return failed(QStringLiteral("the target row %1 of data unit %2 is not on branch '%3'")
                                  .arg(item.targetLabelHash, item.dataHash, targetBranch));
            }
            if (operationId != 0) {
                if (auto journaled = sql::run(st.journalReplaced, {operationId, existing}); !journaled)
                    return failed(journaled.error());
            }
            if (auto ran = sql::run(replace.value(), {source, now, sourceBranch, now, existing}); !ran)
                return failed(ran.error());
            ++result.replaced;
        }
    }
    if (auto committed = transaction.commit(); !committed)
        return failed(committed.error());
    return result;
}

Result<CopyBatchResult> SqliteStore::writeRows(qint64 operationId, const QString &branch,
                                               const QList<LabelRowDocument> &rows, bool overwrite)
{
    if (auto writable = refuseIfReadOnly(); !writable)
        return writable.takeError();
    if (auto ready = ensureConnected(); !ready)
        return ready.takeError();
    const auto failed = [](const QString &reason) {
        return fail(QStringLiteral("writing label rows failed, nothing was written: %1").arg(reason));
    };

    SqliteTransaction transaction(m_db);
    if (auto begun = transaction.begin(); !begun)
        return failed(begun.error());
    if (auto operation = checkWritableOperation(operationId); !operation)
        return failed(operation.error());
    auto target = branchId(branch);
    if (!target)
        return failed(target.error());
    auto statements = prepareBatch(m_db);
    if (!statements)
        return failed(statements.error());
    BatchStatements &st = statements.value();

    // Resolve every data unit first, so one message names all the unknown ones.
    auto resolve =
        sql::prepare(m_db, QStringLiteral("SELECT du.id, t.id FROM data_units du LEFT JOIN label_rows t ON "
                                          "t.branch_id = ? AND t.data_unit_id = du.id "
                                          "WHERE du.data_hash = ?"));
    if (!resolve)
        return failed(resolve.error());
    struct Resolved
    {
        qint64 id = 0;
        qint64 existing = 0;
    };
    QList<Resolved> units;
    units.reserve(rows.size());
    QStringList unknown;
    QSet<QString> seen;
    for (const LabelRowDocument &row : rows) {
        const QString label = dataUnitLabel(row.dataHash(), row.dataTitle());
        if (row.dataHash().isEmpty())
            return failed(QStringLiteral("a label row has no data hash"));
        if (seen.contains(row.dataHash()))
            return failed(QStringLiteral("data unit %1 appears twice").arg(label));
        seen.insert(row.dataHash());
        if (auto ran = sql::run(resolve.value(), {*target, row.dataHash()}); !ran)
            return failed(ran.error());
        Resolved unit;
        if (resolve->next()) {
            unit.id = resolve->value(0).toLongLong();
            unit.existing = resolve->value(1).isNull() ? 0 : resolve->value(1).toLongLong();
        } else {
            unknown << label;
        }
        resolve->finish();
        units.append(unit);
    }
    if (!unknown.isEmpty()) {
        return failed((unknown.size() == 1 ? QStringLiteral("data unit %1 is not in this project")
                                           : QStringLiteral("data units %1 are not in this project"))
                          .arg(unknown.join(QStringLiteral(", "))));
    }

    auto insert = sql::prepare(
        m_db, QStringLiteral("INSERT INTO label_rows (branch_id, data_unit_id, label_hash, label_status, "
                             "created_at, last_edited_at, "
                             "object_count, classification_count, class_counts, content_hash, content) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    // Replacing keeps the row's label hash, creation time and provenance: a copied row edited afterwards is
    // what the three-way view calls "changed on the target since the copy", which it can only tell while the
    // copy's source content hash is still there (the Encord store keeps it the same way).
    auto update = sql::prepare(m_db, QStringLiteral("UPDATE label_rows SET label_status = ?, last_edited_at "
                                                    "= ?, object_count = ?, classification_count = ?, "
                                                    "class_counts = ?, content_hash = ?, content = ? "
                                                    "WHERE id = ?"));
    if (!insert || !update)
        return failed(insert ? update.error() : insert.error());

    const QDateTime now = QDateTime::currentDateTimeUtc();
    CopyBatchResult result;
    for (int i = 0; i < rows.size(); ++i) {
        const LabelRowDocument &row = rows.at(i);
        const QString label = dataUnitLabel(row.dataHash(), row.dataTitle());
        const qint64 existing = units.at(i).existing;
        const QByteArray content = qCompress(row.toBytes());
        const QString classCounts = encodeClassCounts(row.classCounts());

        if (existing != 0) {
            if (!overwrite)
                return failed(
                    QStringLiteral("data unit %1 already has a label row on branch '%2'").arg(label, branch));
            if (operationId != 0) {
                if (auto journaled = sql::run(st.journalReplaced, {operationId, existing}); !journaled)
                    return failed(journaled.error());
            }
            auto status = row.labelStatus();
            if (status.isEmpty()) {
                auto kept = sql::scalar(
                    m_db, QStringLiteral("SELECT label_status FROM label_rows WHERE id = ?"), {existing});
                if (!kept)
                    return failed(kept.error());
                status = kept->toString();
            }
            auto ran = sql::run(update.value(),
                                {status, toMs(now), row.objectInstanceCount(), row.classificationCount(),
                                 classCounts, row.contentHash(), content, existing});
            if (!ran)
                return failed(QStringLiteral("data unit %1: %2").arg(label, ran.error()));
            ++result.replaced;
            continue;
        }

        QString labelHash = row.labelHash();
        bool usable = isUuid(labelHash);
        if (usable) {
            auto used = firstId(st.hashInUse, {labelHash});
            if (!used)
                return failed(used.error());
            usable = *used == 0;
        }
        if (!usable)
            labelHash = freshLabelHash();
        const QDateTime created = row.createdAt().isValid() ? row.createdAt() : now;
        const QDateTime edited = row.lastEditedAt().isValid() ? row.lastEditedAt() : created;
        const QString status = row.labelStatus().isEmpty() ? kNotLabelled : row.labelStatus();
        auto ran =
            sql::run(insert.value(), {*target, units.at(i).id, labelHash, status, toMs(created), toMs(edited),
                                      row.objectInstanceCount(), row.classificationCount(), classCounts,
                                      row.contentHash(), content});
        if (!ran)
            return failed(QStringLiteral("data unit %1: %2").arg(label, ran.error()));
        if (operationId != 0) {
            const qint64 rowId = insert->lastInsertId().toLongLong();
            auto journaled =
                sql::run(st.journalCreated, {operationId, rowId, *target, units.at(i).id, labelHash});
            if (!journaled)
                return failed(journaled.error());
        }
        ++result.created;
    }
    if (auto committed = transaction.commit(); !committed)
        return failed(committed.error());
    return result;
}

Result<OperationRecord> SqliteStore::lastUndoableOperation(const QString &targetBranch)
{
    if (auto ready = ensureConnected(); !ready)
        return ready.takeError();
    // Operations that changed nothing (everything skipped, or cancelled before the first batch) are passed
    // over: "undo" should undo the last change the user can see, not a no-op recorded after it.
    QString text =
        QStringLiteral("SELECT %1 FROM operations o WHERE undone = 0 AND target_deleted = 0 AND kind <> '%2' "
                       "AND (created_target_branch = 1 OR EXISTS (SELECT 1 FROM journal j "
                       "WHERE j.operation_id = o.id))")
            .arg(kOperationColumns, operationKindName(OperationKind::Undo));
    if (!targetBranch.isEmpty())
        text += QStringLiteral(" AND target_branch = ?");
    text += QStringLiteral(" ORDER BY id DESC LIMIT 1");
    auto query = sql::prepare(m_db, text);
    if (!query)
        return fail(QStringLiteral("cannot read the operation history: %1").arg(query.error()));
    auto ran = targetBranch.isEmpty() ? sql::run(query.value()) : sql::run(query.value(), {targetBranch});
    if (!ran)
        return fail(QStringLiteral("cannot read the operation history: %1").arg(ran.error()));
    if (!query->next())
        return OperationRecord{};
    return operationFromQuery(query.value());
}

Result<QList<OperationRecord>> SqliteStore::operations()
{
    if (auto ready = ensureConnected(); !ready)
        return ready.takeError();
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT %1 FROM operations ORDER BY id DESC").arg(kOperationColumns)))
        return fail(
            QStringLiteral("cannot read the operation history: %1").arg(sql::errorText(query.lastError())));
    QList<OperationRecord> list;
    while (query.next())
        list.append(operationFromQuery(query));
    return list;
}

Result<UndoResult> SqliteStore::undoOperation(qint64 operationId)
{
    if (auto writable = refuseIfReadOnly(); !writable)
        return writable.takeError();
    if (auto ready = ensureConnected(); !ready)
        return ready.takeError();
    const auto failed = [operationId](const QString &reason) {
        return fail(QStringLiteral("cannot undo operation %1: %2").arg(operationId).arg(reason));
    };

    SqliteTransaction transaction(m_db);
    if (auto begun = transaction.begin(); !begun)
        return failed(begun.error());
    auto recordQuery = sql::prepare(
        m_db,
        QStringLiteral("SELECT %1, target_deleted FROM operations WHERE id = ?").arg(kOperationColumns));
    if (!recordQuery)
        return failed(recordQuery.error());
    if (auto ran = sql::run(recordQuery.value(), {operationId}); !ran)
        return failed(ran.error());
    if (!recordQuery->next())
        return fail(QStringLiteral("operation %1 does not exist").arg(operationId));
    const OperationRecord record = operationFromQuery(recordQuery.value());
    const bool targetDeleted = recordQuery->value(14).toBool();
    recordQuery->finish();
    if (record.undone)
        return fail(QStringLiteral("operation %1 has already been undone").arg(operationId));
    if (record.kind == OperationKind::Undo)
        return failed(QStringLiteral("it is itself an undo"));
    if (targetDeleted)
        return failed(QStringLiteral("its target branch '%1' has been deleted").arg(record.targetBranch));

    // Undoing out of order would put back rows that a newer operation has since replaced.
    auto newer = sql::scalar(
        m_db,
        QStringLiteral(
            "SELECT o.id FROM operations o WHERE o.id > ? AND o.undone = 0 AND o.target_deleted = 0 AND "
            "o.kind <> ? "
            "AND o.target_branch = ? AND EXISTS (SELECT 1 FROM journal j WHERE j.operation_id = o.id) "
            "ORDER BY o.id DESC LIMIT 1"),
        {operationId, operationKindName(OperationKind::Undo), record.targetBranch});
    if (!newer)
        return failed(newer.error());
    if (newer->isValid()) {
        return failed(QStringLiteral("the newer operation %1 on branch '%2' must be undone first")
                          .arg(newer->toLongLong())
                          .arg(record.targetBranch));
    }

    auto entries = sql::prepare(m_db, QStringLiteral("SELECT id, change, row_id, branch_id, data_unit_id, "
                                                     "label_hash FROM journal WHERE operation_id = ? "
                                                     "ORDER BY id DESC"));
    auto removeCreated =
        sql::prepare(m_db, QStringLiteral("DELETE FROM label_rows WHERE branch_id = ? AND label_hash = ?"));
    auto removeCurrent =
        sql::prepare(m_db, QStringLiteral("DELETE FROM label_rows WHERE branch_id = ? AND data_unit_id = ?"));
    // The old row comes back under its old id too when that id is free, so it is the same row in every
    // column.
    auto restore = sql::prepare(m_db, QStringLiteral("INSERT INTO label_rows (id, branch_id, data_unit_id, "
                                                     "%1) SELECT CASE WHEN EXISTS (SELECT 1 FROM label_rows "
                                                     "WHERE id = j.row_id) THEN NULL ELSE j.row_id END, "
                                                     "j.branch_id, j.data_unit_id, %1 FROM journal j "
                                                     "WHERE j.id = ?")
                                          .arg(kRowStateColumns));
    for (const Result<QSqlQuery> *query : {&entries, &removeCreated, &removeCurrent, &restore}) {
        if (!query->ok())
            return failed(query->error());
    }
    if (auto ran = sql::run(entries.value(), {operationId}); !ran)
        return failed(ran.error());
    struct Entry
    {
        qint64 id;
        bool created;
        qint64 branchId;
        qint64 dataUnitId;
        QString labelHash;
    };
    QList<Entry> journal;
    while (entries->next()) {
        journal.append(
            {entries->value(0).toLongLong(), entries->value(1).toString() == QLatin1String("created"),
             entries->value(3).toLongLong(), entries->value(4).toLongLong(), entries->value(5).toString()});
    }
    entries->finish();

    UndoResult result;
    result.undoneOperationId = operationId;
    result.targetBranch = record.targetBranch;
    for (const Entry &entry : journal) {
        if (entry.created) {
            if (auto ran = sql::run(removeCreated.value(), {entry.branchId, entry.labelHash}); !ran)
                return failed(ran.error());
            result.removed += removeCreated->numRowsAffected() > 0 ? 1 : 0;
        } else {
            if (auto ran = sql::run(removeCurrent.value(), {entry.branchId, entry.dataUnitId}); !ran)
                return failed(ran.error());
            if (auto ran = sql::run(restore.value(), {entry.id}); !ran)
                return failed(ran.error());
            ++result.restored;
        }
    }

    if (record.createdTargetBranch && record.targetBranch != kMainBranch) {
        auto left = sql::scalar(m_db,
                                QStringLiteral("SELECT COUNT(r.id) FROM branches b LEFT JOIN label_rows r ON "
                                               "r.branch_id = b.id WHERE b.name = ? "
                                               "GROUP BY b.id"),
                                {record.targetBranch});
        if (!left)
            return failed(left.error());
        if (left->isValid() && left->toLongLong() == 0) {
            auto remove = sql::prepare(m_db, QStringLiteral("DELETE FROM branches WHERE name = ?"));
            if (!remove)
                return failed(remove.error());
            if (auto ran = sql::run(remove.value(), {record.targetBranch}); !ran)
                return failed(ran.error());
            auto orphan =
                sql::prepare(m_db, QStringLiteral("UPDATE operations SET target_deleted = 1 WHERE "
                                                  "target_branch = ? AND id <> ? AND target_deleted = 0"));
            if (!orphan)
                return failed(orphan.error());
            if (auto ran = sql::run(orphan.value(), {record.targetBranch, operationId}); !ran)
                return failed(ran.error());
            result.branchRemoved = true;
        }
    }

    auto mark = sql::prepare(m_db, QStringLiteral("UPDATE operations SET undone = 1 WHERE id = ?"));
    if (!mark)
        return failed(mark.error());
    if (auto ran = sql::run(mark.value(), {operationId}); !ran)
        return failed(ran.error());
    if (auto committed = transaction.commit(); !committed)
        return failed(committed.error());
    return result;
}

// --- audit ----------------------------------------------------------------------------------------------

Result<void> SqliteStore::appendAudit(const AuditEntry &entry)
{
    if (auto writable = refuseIfReadOnly(); !writable)
        return writable;
    if (auto ready = ensureConnected(); !ready)
        return ready;
    auto insert =
        sql::prepare(m_db, QStringLiteral("INSERT INTO audit_log (time, user_name, action, summary, details, "
                                          "operation_id) VALUES (?, ?, ?, ?, ?, ?)"));
    if (!insert)
        return fail(QStringLiteral("cannot write the audit log: %1").arg(insert.error()));
    const QDateTime time = entry.time.isValid() ? entry.time : QDateTime::currentDateTimeUtc();
    const QVariant operation =
        entry.operationId != 0 ? QVariant(entry.operationId) : sql::nullOf(QMetaType::LongLong);
    auto ran = sql::run(insert.value(),
                        {toMs(time), entry.user, entry.action, entry.summary, entry.details, operation});
    if (!ran)
        return fail(QStringLiteral("cannot write the audit log: %1").arg(ran.error()));
    return {};
}

Result<QList<AuditEntry>> SqliteStore::auditLog()
{
    if (auto ready = ensureConnected(); !ready)
        return ready.takeError();
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT id, time, user_name, action, summary, details, operation_id FROM "
                                   "audit_log ORDER BY id DESC")))
        return fail(QStringLiteral("cannot read the audit log: %1").arg(sql::errorText(query.lastError())));
    QList<AuditEntry> entries;
    while (query.next()) {
        AuditEntry entry;
        entry.id = query.value(0).toLongLong();
        entry.time = fromMs(query.value(1));
        entry.user = query.value(2).toString();
        entry.action = query.value(3).toString();
        entry.summary = query.value(4).toString();
        entry.details = query.value(5).toString();
        entry.operationId = query.value(6).isNull() ? 0 : query.value(6).toLongLong();
        entries.append(entry);
    }
    return entries;
}

// --- review decisions ------------------------------------------------------------------------------------

Result<QList<ReviewDecision>> SqliteStore::reviewDecisions(const QString &sourceBranch,
                                                           const QString &targetBranch)
{
    if (auto ready = ensureConnected(); !ready)
        return ready.takeError();
    auto query =
        sql::prepare(m_db, QStringLiteral("SELECT data_hash, verdict, comment, reviewer, decided_at, "
                                          "source_content_hash FROM review_decisions WHERE "
                                          "source_branch = ? AND target_branch = ? ORDER BY data_hash"));
    if (!query)
        return fail(QStringLiteral("cannot read the review decisions: %1").arg(query.error()));
    if (auto ran = sql::run(query.value(), {sourceBranch, targetBranch}); !ran)
        return fail(QStringLiteral("cannot read the review decisions: %1").arg(ran.error()));
    QList<ReviewDecision> decisions;
    QSqlQuery &rows = query.value();
    while (rows.next()) {
        ReviewDecision decision;
        decision.sourceBranch = sourceBranch;
        decision.targetBranch = targetBranch;
        decision.dataHash = rows.value(0).toString();
        if (!parseReviewVerdict(rows.value(1).toString(), &decision.verdict))
            return fail(QStringLiteral("the review decision on %1 is damaged: unknown verdict '%2'")
                            .arg(decision.dataHash, rows.value(1).toString()));
        decision.comment = rows.value(2).toString();
        decision.reviewer = rows.value(3).toString();
        decision.decidedAt = fromMs(rows.value(4));
        decision.sourceContentHash = rows.value(5).toString();
        decisions.append(decision);
    }
    return decisions;
}

Result<void> SqliteStore::saveReviewDecision(const ReviewDecision &decision)
{
    if (auto writable = refuseIfReadOnly(); !writable)
        return writable;
    if (auto ready = ensureConnected(); !ready)
        return ready;
    if (decision.sourceBranch.isEmpty() || decision.targetBranch.isEmpty() || decision.dataHash.isEmpty())
        return fail(
            QStringLiteral("a review decision needs a source branch, a target branch and a data unit"));
    auto query = sql::prepare(
        m_db,
        QStringLiteral("INSERT OR REPLACE INTO review_decisions (source_branch, target_branch, data_hash, "
                       "verdict, comment, reviewer, decided_at, source_content_hash) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    if (!query)
        return fail(QStringLiteral("cannot save the review decision: %1").arg(query.error()));
    const QDateTime time =
        decision.decidedAt.isValid() ? decision.decidedAt : QDateTime::currentDateTimeUtc();
    if (auto ran = sql::run(query.value(), {decision.sourceBranch, decision.targetBranch, decision.dataHash,
                                            reviewVerdictName(decision.verdict), decision.comment,
                                            decision.reviewer, toMs(time), decision.sourceContentHash});
        !ran)
        return fail(QStringLiteral("cannot save the review decision: %1").arg(ran.error()));
    return {};
}

Result<int> SqliteStore::clearReviewDecisions(const QString &sourceBranch, const QString &targetBranch,
                                              const QStringList &dataHashes)
{
    if (auto writable = refuseIfReadOnly(); !writable)
        return writable.takeError();
    if (auto ready = ensureConnected(); !ready)
        return ready.takeError();
    QString statement =
        QStringLiteral("DELETE FROM review_decisions WHERE source_branch = ? AND target_branch = ?");
    if (!dataHashes.isEmpty())
        statement += QStringLiteral(" AND data_hash IN (SELECT value FROM json_each(?))");
    auto query = sql::prepare(m_db, statement);
    if (!query)
        return fail(QStringLiteral("cannot clear the review decisions: %1").arg(query.error()));
    const auto ran = dataHashes.isEmpty()
                         ? sql::run(query.value(), {sourceBranch, targetBranch})
                         : sql::run(query.value(), {sourceBranch, targetBranch, jsonArray(dataHashes)});
    if (!ran)
        return fail(QStringLiteral("cannot clear the review decisions: %1").arg(ran.error()));
    return query->numRowsAffected();
}

} // namespace lb
