#pragma once

// Shared by the engine tests: a small real project on a temporary SqliteStore, hand-written Encord rows,
// and a Store wrapper that counts calls (and can fail on demand) while forwarding to the real store.

#include "domain/branchname.h"
#include "engine/engine.h"
#include "forwardingstore.h"
#include "store/sqlite/sqlitestore.h"

#include <atomic>
#include <memory>
#include <nlohmann/json.hpp>
#include <QTemporaryDir>
#include <QtTest>

namespace lb::test {

inline const QString kAppleHash = QStringLiteral("qWm5E3j4");
inline const QString kPearHash = QStringLiteral("no8RyWRY");

inline Ontology smallOntology()
{
    Ontology ontology;
    ontology.ontologyHash = QStringLiteral("0b1e5a2c-0000-4000-8000-000000000001");
    ontology.title = QStringLiteral("Fruit");
    ontology.objects = {
        OntologyObject{kAppleHash, QStringLiteral("Apple"), QStringLiteral("bounding_box"),
                       QStringLiteral("#D33115")},
        OntologyObject{kPearHash, QStringLiteral("Pear"), QStringLiteral("bounding_box"),
                       QStringLiteral("#E27300")},
    };
    return ontology;
}

inline QString unitHash(int i)
{
    return QStringLiteral("00000000-0000-4000-8000-%1").arg(i, 12, 10, QLatin1Char('0'));
}

inline QString unitTitle(int i)
{
    return QStringLiteral("img-%1.jpg").arg(i, 4, 10, QLatin1Char('0'));
}

inline QList<DataUnit> imageUnits(int count)
{
    QList<DataUnit> units;
    for (int i = 0; i < count; ++i) {
        DataUnit unit;
        unit.dataHash = unitHash(i);
        unit.dataTitle = unitTitle(i);
        unit.dataType = DataType::Image;
        unit.datasetHash = QStringLiteral("dddddddd-0000-4000-8000-00000000000d");
        unit.datasetTitle = QStringLiteral("DS");
        unit.width = 640;
        unit.height = 480;
        units.append(unit);
    }
    return units;
}

// An Encord image label row (docs/encord-api.md §4.7) for unit i with `objects` boxes. `variant` moves the
// boxes, so rows with the same object count but a different variant have different content.
inline nlohmann::json imageRowJson(int i, const QString &branch, const QString &labelHash, int objects,
                                   int variant)
{
    const std::string dataHash = unitHash(i).toStdString();
    nlohmann::json list = nlohmann::json::array();
    nlohmann::json answers = nlohmann::json::object();
    for (int k = 0; k < objects; ++k) {
        const bool apple = k % 2 == 0;
        const std::string objectHash = QStringLiteral("o%1k%2").arg(i).arg(k).toStdString();
        list.push_back({
            {"name", apple ? "Apple" : "Pear"},
            {"color", apple ? "#D33115" : "#E27300"},
            {"shape", "bounding_box"},
            {"value", apple ? "apple" : "pear"},
            {"createdAt", "Wed, 01 Jan 2025 10:05:00 UTC"},
            {"createdBy", "ann@example.com"},
            {"confidence", 1.0},
            {"objectHash", objectHash},
            {"featureHash", apple ? kAppleHash.toStdString() : kPearHash.toStdString()},
            {"manualAnnotation", true},
            {"boundingBox", {{"h", 0.1}, {"w", 0.1}, {"x", 0.01 * (k + 1) + 0.001 * variant}, {"y", 0.2}}},
        });
        answers[objectHash] = {{"objectHash", objectHash}, {"classifications", nlohmann::json::array()}};
    }
    nlohmann::json unit = {
        {"data_hash", dataHash},
        {"data_title", unitTitle(i).toStdString()},
        {"data_type", "image/jpeg"},
        {"data_sequence", 0},
        {"data_link", nullptr},
        {"width", 640},
        {"height", 480},
        {"labels", {{"objects", list}, {"classifications", nlohmann::json::array()}}},
    };
    return {
        {"label_hash", labelHash.toStdString()},
        {"branch_name", branch.toStdString()},
        {"created_at", "2025-01-01 10:00:00"},
        {"last_edited_at", "2025-01-02 11:00:00"},
        {"dataset_hash", "dddddddd-0000-4000-8000-00000000000d"},
        {"dataset_title", "DS"},
        {"data_title", unitTitle(i).toStdString()},
        {"data_hash", dataHash},
        {"data_type", "image"},
        {"label_status", "LABELLED"},
        {"annotation_task_status", nullptr},
        {"spaces", nlohmann::json::object()},
        {"data_units", {{dataHash, unit}}},
        {"object_answers", answers},
        {"classification_answers", nlohmann::json::object()},
        {"object_actions", nlohmann::json::object()},
    };
}

inline QString labelHashFor(int branchNumber, int i)
{
    return QStringLiteral("%1-1111-4111-8111-%2")
        .arg(branchNumber, 8, 10, QLatin1Char('0'))
        .arg(i, 12, 10, QLatin1Char('0'));
}

inline LabelRowDocument imageRow(int i, const QString &branch, int branchNumber, int objects, int variant)
{
    Result<LabelRowDocument> doc =
        LabelRowDocument::fromJson(imageRowJson(i, branch, labelHashFor(branchNumber, i), objects, variant));
    if (!doc)
        qFatal("test row %d does not parse: %s", i, qPrintable(doc.error()));
    return std::move(doc).value();
}

// Forwards everything to a real store and counts the calls, so a test can see that an argument error
// was raised before the store was touched. Can also make copyBatch fail on its n-th call.
class CountingStore final : public test::ForwardingStore
{
public:
    explicit CountingStore(Store &inner) : ForwardingStore(inner) {}

    int calls = 0;
    int copyBatchCalls = 0;
    int writeRowsCalls = 0;
    int fetchContentsCalls = 0;
    QList<int> copyBatchSizes;
    int failCopyBatchAtCall = 0; // 1-based; 0: never

    Result<QList<LabelRowDocument>> fetchContents(const QString &branch,
                                                  const QStringList &labelHashes) override
    {
        ++fetchContentsCalls;
        return ForwardingStore::fetchContents(branch, labelHashes);
    }
    Result<CopyBatchResult> copyBatch(qint64 operationId, const QString &sourceBranch,
                                      const QString &targetBranch, const QList<CopyItem> &items) override
    {
        ++copyBatchCalls;
        copyBatchSizes.append(int(items.size()));
        if (failCopyBatchAtCall == copyBatchCalls) {
            ++calls;
            return fail(QStringLiteral("simulated storage failure"));
        }
        return ForwardingStore::copyBatch(operationId, sourceBranch, targetBranch, items);
    }
    Result<CopyBatchResult> writeRows(qint64 operationId, const QString &branch,
                                      const QList<LabelRowDocument> &rows, bool overwrite) override
    {
        ++writeRowsCalls;
        return ForwardingStore::writeRows(operationId, branch, rows, overwrite);
    }

protected:
    void beforeCall() override { ++calls; }
};

// A project with `unitCount` image units. Units [0, initialised) have a row on main; unit i has (i % 3) + 1
// objects.
class Project
{
public:
    explicit Project(int unitCount = 10, int initialised = 6)
    {
        if (!m_dir.isValid())
            qFatal("no temporary directory");
        m_path = m_dir.filePath(QStringLiteral("project.labelbranch"));
        ProjectInfo info;
        info.projectHash = QStringLiteral("aaaaaaaa-0000-4000-8000-0000000000aa");
        info.title = QStringLiteral("Engine test");
        Result<std::unique_ptr<SqliteStore>> created =
            SqliteStore::create(m_path, info, smallOntology(), imageUnits(unitCount));
        if (!created)
            qFatal("cannot create the test project: %s", qPrintable(created.error()));
        m_store = std::move(created).value();
        if (initialised > 0)
            writeMainRows(0, initialised);
    }

    SqliteStore &store() { return *m_store; }
    QString path() const { return m_path; }

    void writeMainRows(int from, int to, int variant = 0) { writeRowsOn(kMainBranch, 0, from, to, variant); }

    // Rows for units [from, to) on `branch` (created when missing), written outside any journaled operation.
    void writeRowsOn(const QString &branch, int branchNumber, int from, int to, int variant, int objects = -1)
    {
        if (!m_store->branchExists(branch).value()) {
            const Result<void> created = m_store->createBranch(branch, QString(), false);
            if (!created)
                qFatal("cannot create branch: %s", qPrintable(created.error()));
        }
        QList<LabelRowDocument> rows;
        for (int i = from; i < to; ++i)
            rows.append(imageRow(i, branch, branchNumber, objects < 0 ? (i % 3) + 1 : objects, variant));
        const Result<CopyBatchResult> written = m_store->writeRows(0, branch, rows, true);
        if (!written)
            qFatal("cannot write test rows: %s", qPrintable(written.error()));
    }

    void close() { m_store.reset(); }
    void reopen()
    {
        m_store.reset();
        Result<std::unique_ptr<SqliteStore>> opened = SqliteStore::open(m_path);
        if (!opened)
            qFatal("cannot reopen the test project: %s", qPrintable(opened.error()));
        m_store = std::move(opened).value();
    }

private:
    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<SqliteStore> m_store;
};

inline QList<LabelRowSummary> rowsOn(Store &store, const QString &branch)
{
    RowQuery query;
    query.branch = branch;
    query.order = RowQuery::Order::DataHash;
    const Result<QList<LabelRowSummary>> rows = store.listRows(query);
    if (!rows)
        qFatal("listing %s failed: %s", qPrintable(branch), qPrintable(rows.error()));
    return rows.value();
}

inline QHash<QString, LabelRowSummary> rowsByDataHash(Store &store, const QString &branch)
{
    QHash<QString, LabelRowSummary> map;
    for (const LabelRowSummary &row : rowsOn(store, branch))
        map.insert(row.dataHash, row);
    return map;
}

inline bool hasBranch(Store &store, const QString &name)
{
    const Result<bool> exists = store.branchExists(name);
    return exists.ok() && exists.value();
}

inline BranchInfo branchInfo(Store &store, const QString &name)
{
    const Result<QList<BranchInfo>> branches = store.branches();
    if (branches) {
        for (const BranchInfo &info : branches.value()) {
            if (info.name == name)
                return info;
        }
    }
    return BranchInfo{};
}

inline nlohmann::json parseDetails(const AuditEntry &entry)
{
    return nlohmann::json::parse(entry.details.toStdString(), nullptr, false);
}

// Everything observable about a branch's rows, content bytes included, for "restored exactly" checks.
inline QStringList branchFingerprint(Store &store, const QString &branch)
{
    QStringList lines;
    const QList<LabelRowSummary> rows = rowsOn(store, branch);
    QStringList labelHashes;
    for (const LabelRowSummary &row : rows) {
        QStringList classes;
        for (auto it = row.classCounts.cbegin(); it != row.classCounts.cend(); ++it)
            classes << it.key() + QLatin1Char('=') + QString::number(it.value());
        classes.sort();
        lines << QStringList{row.dataHash,
                             row.labelHash,
                             row.labelStatus,
                             row.createdAt.toString(Qt::ISODateWithMs),
                             row.lastEditedAt.toString(Qt::ISODateWithMs),
                             QString::number(row.objectCount),
                             QString::number(row.classificationCount),
                             classes.join(QLatin1Char(',')),
                             row.contentHash,
                             row.provenance.sourceBranch,
                             row.provenance.sourceContentHash}
                     .join(QLatin1Char('|'));
        labelHashes << row.labelHash;
    }
    if (!labelHashes.isEmpty()) {
        const Result<QList<LabelRowDocument>> docs = store.fetchContents(branch, labelHashes);
        if (!docs)
            qFatal("fetching %s failed: %s", qPrintable(branch), qPrintable(docs.error()));
        for (const LabelRowDocument &doc : docs.value())
            lines << QString::fromUtf8(doc.toBytes());
    }
    return lines;
}

} // namespace lb::test
