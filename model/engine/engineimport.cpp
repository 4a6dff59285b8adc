#include "domain/branchname.h"
#include "domain/wording.h"
#include "engine/auditentrybuilder.h"
#include "engine/branchchecks.h"
#include "engine/datahashindex.h"
#include "engine/engine.h"
#include "engine/journaledwrite.h"
#include "engine/rowpages.h"
#include "engine/writerlock.h"

#include <nlohmann/json.hpp>
#include <QDateTime>
#include <QScopeGuard>
#include <vector>

namespace lb {

// Import of the engine: Encord rows in as one journaled operation, checked whole before the first batch.

namespace {

// A list held in memory, read as a stream.
class ListSource : public LabelRowSource
{
public:
    explicit ListSource(const QList<LabelRowDocument> &rows) : m_rows(rows) {}
    Result<void> rewind() override
    {
        m_next = 0;
        return {};
    }
    Result<std::optional<LabelRowDocument>> next() override
    {
        if (m_next >= m_rows.size())
            return std::optional<LabelRowDocument>();
        return std::optional<LabelRowDocument>(m_rows.at(m_next++));
    }

private:
    const QList<LabelRowDocument> &m_rows;
    qsizetype m_next = 0;
};

// What every row of an import is checked against before anything is written: the project's data units, the
// units already on the target branch (when they would clash) and the units seen so far in the import. A
// compact index of the data hashes and two bits per data unit: memory grows by about 8 bytes per data unit of
// the project, never with the label rows, and the heap is not filled with 500,000 strings.
class ImportCheck
{
public:
    ImportCheck(Store &store, QString branch, bool addUnits)
        : m_store(store), m_branch(std::move(branch)), m_addUnits(addUnits)
    {
    }

    Result<void> load(bool branchExists, bool overwrite)
    {
        if (Result<void> built = m_known.build([this](const std::function<void(const QString &)> &visit) {
                return m_store.forEachDataHash(visit);
            });
            !built)
            return built;
        m_seen.assign(std::size_t(m_known.size()), false);
        m_existing.assign(std::size_t(m_known.size()), false);
        if (!branchExists || overwrite)
            return {};
        RowQuery query;
        query.branch = m_branch;
        query.withCounts = false;
        return RowPages::forEach(m_store, query, RowPages::kDefaultPageSize,
                                 [this](const QList<LabelRowSummary> &page) -> Result<void> {
                                     for (const LabelRowSummary &row : page) {
                                         if (const qsizetype unit = m_known.indexOf(row.dataHash); unit >= 0)
                                             m_existing[std::size_t(unit)] = true;
                                     }
                                     return {};
                                 });
    }

    // Row `index` (from 1) of the import.
    Result<void> check(const LabelRowDocument &row, qint64 index)
    {
        const QString where = QStringLiteral("row %1 (%2)").arg(index).arg(quoted(row.dataTitle()));
        const qsizetype unit = m_known.indexOf(row.dataHash());
        if (unit < 0 && m_addUnits)
            return checkNewUnit(row, index);
        if (unit < 0)
            return fail(ErrorKind::NotFound,
                        QStringLiteral("%1: data unit %2 is not in this project (an import that adds data "
                                       "units takes it); nothing was imported")
                            .arg(where, row.dataHash()));
        if (m_seen[std::size_t(unit)])
            return fail(ErrorKind::Usage,
                        QStringLiteral("the import has more than one row for data unit %1 (%2), row %3")
                            .arg(quoted(row.dataTitle()), row.dataHash())
                            .arg(index));
        m_seen[std::size_t(unit)] = true;
        if (m_existing[std::size_t(unit)])
            return fail(
                ErrorKind::Conflict,
                QStringLiteral("%1: branch %2 already has a row for data unit %3; import with overwrite to "
                               "replace it; nothing was imported")
                    .arg(where, quoted(m_branch), row.dataHash()));
        return {};
    }

    // The data hashes of the units the import adds: only these are held as strings.
    QSet<QString> &newUnits() { return m_newUnits; }

private:
    Result<void> checkNewUnit(const LabelRowDocument &row, qint64 index)
    {
        if (m_newUnits.contains(row.dataHash()))
            return fail(ErrorKind::Usage,
                        QStringLiteral("the import has more than one row for data unit %1 (%2), row %3")
                            .arg(quoted(row.dataTitle()), row.dataHash())
                            .arg(index));
        m_newUnits.insert(row.dataHash());
        return {};
    }

    Store &m_store;
    QString m_branch;
    bool m_addUnits = false;
    DataHashIndex m_known;
    std::vector<bool> m_seen, m_existing;
    QSet<QString> m_newUnits;
};

// The first reading: every row parsed and checked, nothing kept but the data hashes. Returns the row count.
Result<qint64> checkRows(ImportCheck &check, bool branchExists, LabelRowSource &rows, bool overwrite,
                         const JobControl &control, bool *cancelled)
{
    if (Result<void> loaded = check.load(branchExists, overwrite); !loaded)
        return loaded.takeError();
    qint64 count = 0;
    for (;;) {
        const Result<QList<LabelRowDocument>> batch =
            rows.nextBatch(Engine::kImportBatchSize, RowReading::Checked);
        if (!batch)
            return batch.takeError();
        if (batch->isEmpty())
            return count;
        for (const LabelRowDocument &row : batch.value()) {
            if (Result<void> checked = check.check(row, ++count); !checked)
                return checked.takeError();
        }
        if (control.isCancelled()) {
            *cancelled = true;
            return count;
        }
        Progress progress;
        progress.done = count;
        progress.stage = QStringLiteral("checking rows");
        control.report(progress);
    }
}

AuditEntryBuilder importAudit(const QString &user, const QString &branch, qsizetype rows, bool overwrite,
                              const CopyResult &result)
{
    QString summary = QStringLiteral("Imported %1 into %2: %3 created, %4 replaced")
                          .arg(plural(result.count, QStringLiteral("label row")), quoted(branch))
                          .arg(result.created)
                          .arg(result.replaced);
    if (result.dataUnitsAdded > 0)
        summary +=
            QStringLiteral("; added %1").arg(plural(result.dataUnitsAdded, QStringLiteral("data unit")));
    if (result.targetCreated)
        summary += QStringLiteral("; created branch %1").arg(quoted(branch));
    return AuditEntryBuilder(user, QStringLiteral("import"))
        .summary(summary)
        .details(nlohmann::json{
            {"branch", branch.toStdString()},
            {"overwrite", overwrite},
            {"rows", rows},
            {"count", result.count},
            {"created", result.created},
            {"replaced", result.replaced},
            {"targetCreated", result.targetCreated},
            {"dataUnitsAdded", result.dataUnitsAdded},
        });
}

// The data units of a batch's rows that the import adds, added before the rows are written.
Result<void> addNewUnits(Store &store, const QList<LabelRowDocument> &rows, QSet<QString> &newUnits,
                         CopyResult &result)
{
    if (newUnits.isEmpty())
        return {};
    QList<DataUnit> units;
    for (const LabelRowDocument &row : rows) {
        if (newUnits.remove(row.dataHash()))
            units.append(row.dataUnit());
    }
    if (Result<void> added = store.addDataUnits(units); !added)
        return added;
    result.dataUnitsAdded += int(units.size());
    return {};
}

} // namespace

Result<CopyResult> Engine::importRows(const QString &branch, const QList<LabelRowDocument> &rows,
                                      bool overwrite, const JobControl &control)
{
    ListSource source(rows);
    return importRows(branch, source, overwrite, control);
}

Result<CopyResult> Engine::importRows(const QString &branch, LabelRowSource &rows, bool overwrite,
                                      const JobControl &control)
{
    return importRows(branch, rows, ImportOptions{overwrite, false}, control);
}

Result<CopyResult> Engine::importRows(const QString &branch, LabelRowSource &rows,
                                      const ImportOptions &options, const JobControl &control)
{
    const bool overwrite = options.overwrite;
    if (const QString nameError = branchNameError(branch); !nameError.isEmpty())
        return fail(ErrorKind::Usage, nameError);
    CopyResult result;
    if (control.isCancelled()) {
        result.cancelled = true;
        return result;
    }
    const Result<bool> checkedExists = m_store.branchExists(branch);
    if (!checkedExists)
        return checkedExists.takeError();
    // Refuse what the store would refuse before anything is created, so a bad import leaves no trace at all
    // (no branch, no operation record).
    ImportCheck check(m_store, branch, options.addDataUnits);
    const Result<qint64> count = options.checkedRows ? Result<qint64>(*options.checkedRows)
                                                     : checkRows(check, checkedExists.value(), rows,
                                                                 overwrite, control, &result.cancelled);
    if (!count)
        return count.takeError();
    if (count.value() == 0 || result.cancelled)
        return result;
    if (!check.newUnits().isEmpty() && !m_store.takesNewDataUnits())
        return m_store.addDataUnits({DataUnit{*check.newUnits().cbegin()}}).takeError();
    if (Result<void> rewound = rows.rewind(); !rewound)
        return rewound.takeError();

    // Written under the branch's lock. A row another writer gave the branch since the check fails its batch
    // (without overwrite), and the import is taken back.
    OperationRecord record;
    record.kind = OperationKind::Import;
    record.targetBranch = branch;
    record.overwrite = overwrite;
    record.user = m_user;
    WriterLock lock(m_store, record);
    if (Result<void> acquired = lock.acquire(control); !acquired)
        return acquired.takeError();
    const Result<bool> exists = m_store.branchExists(branch);
    if (!exists)
        return exists.takeError();
    if (!exists.value()) {
        if (Result<void> created = lock.createTargetBranch(QString(), false); !created)
            return created.takeError();
        result.targetCreated = true;
    }

    const JournaledWrite::Wording wording{QStringLiteral("importing"), QStringLiteral("imported"),
                                          QStringLiteral(" (removing the new branch also failed: %1)")};
    JournaledWrite journal(m_store, lock, wording, [&](const CopyResult &done) {
        return importAudit(m_user, branch, count.value(), overwrite, done);
    });
    result.batchesTotal = int((count.value() + kImportBatchSize - 1) / kImportBatchSize);
    if (Result<void> begun = journal.begin(result); !begun)
        return begun.takeError();
    if (Result<void> written =
            writeImportBatches(branch, rows, overwrite, count.value(), check.newUnits(), result, control);
        !written)
        return takeBackImport(lock.record(), result, written.takeError());
    if (Result<void> finished = journal.finish(result); !finished)
        return finished.takeError();
    return result;
}

Result<void> Engine::writeImportBatches(const QString &branch, LabelRowSource &rows, bool overwrite,
                                        qint64 count, QSet<QString> &newUnits, CopyResult &result,
                                        const JobControl &control)
{
    // Each row's data unit is looked up by hash and its content by digest.
    const RowReading reading = m_store.writesStoredForms() ? RowReading::ForStoring : RowReading::Parsed;
    m_store.setBulkWriting(true);
    const auto bulkOver = qScopeGuard([this] { m_store.setBulkWriting(false); });
    qint64 done = 0;
    for (int batch = 0; batch < result.batchesTotal; ++batch) {
        if (batch > 0 && control.isCancelled())
            return fail(ErrorKind::Cancelled, QStringLiteral("import into %1 cancelled").arg(quoted(branch)));
        Result<QList<LabelRowDocument>> read = rows.nextBatch(kImportBatchSize, reading);
        if (!read)
            return read.takeError();
        if (read->isEmpty())
            return fail(QStringLiteral("the input ended early; it changed while it was imported"));
        if (Result<void> added = addNewUnits(m_store, read.value(), newUnits, result); !added)
            return added;
        const Result<CopyBatchResult> written =
            m_store.writeRows(result.operationId, branch, read.value(), overwrite);
        if (!written)
            return written.takeError();
        result.created += written->created;
        result.replaced += written->replaced;
        result.count = result.created + result.replaced;
        ++result.batchesDone;
        done += read->size();

        Progress progress;
        progress.done = done;
        progress.total = count;
        progress.batchesDone = result.batchesDone;
        progress.batchesTotal = result.batchesTotal;
        progress.stage = QStringLiteral("importing");
        control.report(progress);
    }
    if (done != count) { // a short batch: the second reading failed or ended early
        Result<QList<LabelRowDocument>> failed = rows.nextBatch(1, reading);
        return failed ? fail(QStringLiteral("the input ended early; it changed while it was imported"))
                      : Result<void>(failed.takeError());
    }
    return {};
}

Error Engine::takeBackImport(OperationRecord record, const CopyResult &result, Error error)
{
    // The batches already written go again through undo, which also removes a branch the import created.
    record.created = result.created;
    record.replaced = result.replaced;
    record.cancelled = error.kind == ErrorKind::Cancelled;
    record.finishedAt = QDateTime::currentDateTimeUtc();
    record.state = OperationState::Failed;
    const QString rollbackFailed = JournaledWrite::rollBack(m_store, record);
    const QString branch = quoted(record.targetBranch);
    if (error.kind == ErrorKind::Cancelled)
        error.message = QStringLiteral("import into %1 cancelled, nothing was imported").arg(branch);
    else
        error.message =
            QStringLiteral("import into %1 failed, nothing was written: %2").arg(branch, error.message);
    if (!rollbackFailed.isEmpty())
        error.message += QStringLiteral(" (taking back the %1 already written also failed: %2)")
                             .arg(plural(result.count, QStringLiteral("row")), rollbackFailed);
    return error;
}

} // namespace lb
