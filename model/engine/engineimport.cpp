#include "domain/branchname.h"
#include "domain/wording.h"
#include "engine/auditentrybuilder.h"
#include "engine/branchchecks.h"
#include "engine/engine.h"
#include "engine/journaledwrite.h"

#include <nlohmann/json.hpp>
#include <QSet>

namespace lb {

// Import and export of the engine: Encord rows in as one journaled operation, a branch's rows out in
// bundles.

namespace {

Result<void> checkImportable(Store &store, const QString &branch, bool branchExists,
                             const QList<LabelRowDocument> &rows, bool overwrite)
{
    const Result<QList<DataUnit>> units = store.dataUnits();
    if (!units)
        return units.takeError();
    QSet<QString> known;
    known.reserve(units->size());
    for (const DataUnit &unit : units.value())
        known.insert(unit.dataHash);

    QHash<QString, QString> existing; // data hash -> label hash on the branch
    if (branchExists && !overwrite) {
        RowQuery query;
        query.branch = branch;
        const Result<QList<LabelRowSummary>> onBranch = store.listRows(query);
        if (!onBranch)
            return onBranch.takeError();
        for (const LabelRowSummary &row : onBranch.value())
            existing.insert(row.dataHash, row.labelHash);
    }

    for (qsizetype i = 0; i < rows.size(); ++i) {
        const LabelRowDocument &row = rows.at(i);
        const QString where = QStringLiteral("row %1 (%2)").arg(i + 1).arg(quoted(row.dataTitle()));
        if (!known.contains(row.dataHash()))
            return fail(ErrorKind::NotFound,
                        QStringLiteral("%1: data unit %2 is not in this project; nothing was imported")
                            .arg(where, row.dataHash()));
        if (existing.contains(row.dataHash()))
            return fail(
                ErrorKind::Conflict,
                QStringLiteral("%1: branch %2 already has a row for data unit %3; import with overwrite to "
                               "replace it; nothing was imported")
                    .arg(where, quoted(branch), row.dataHash()));
    }
    return {};
}

// Two rows for one data unit cannot both land: refuse before writing rather than let the order decide.
Result<void> refuseDuplicateUnits(const QList<LabelRowDocument> &rows)
{
    QSet<QString> seen;
    seen.reserve(rows.size());
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const LabelRowDocument &row = rows.at(i);
        if (seen.contains(row.dataHash()))
            return fail(ErrorKind::Usage,
                        QStringLiteral("the import has more than one row for data unit %1 (%2), row %3")
                            .arg(quoted(row.dataTitle()), row.dataHash())
                            .arg(i + 1));
        seen.insert(row.dataHash());
    }
    return {};
}

AuditEntryBuilder importAudit(const QString &user, const QString &branch, qsizetype rows, bool overwrite,
                              const CopyResult &result)
{
    QString summary = QStringLiteral("Imported %1 into %2: %3 created, %4 replaced")
                          .arg(plural(result.count, QStringLiteral("label row")), quoted(branch))
                          .arg(result.created)
                          .arg(result.replaced);
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
        });
}

} // namespace

Result<CopyResult> Engine::importRows(const QString &branch, const QList<LabelRowDocument> &rows,
                                      bool overwrite, const JobControl &control)
{
    if (const QString nameError = branchNameError(branch); !nameError.isEmpty())
        return fail(ErrorKind::Usage, nameError);
    if (Result<void> distinct = refuseDuplicateUnits(rows); !distinct)
        return distinct.takeError();

    CopyResult result;
    if (rows.isEmpty())
        return result;
    if (control.isCancelled()) {
        result.cancelled = true;
        return result;
    }

    const Result<bool> exists = m_store.branchExists(branch);
    if (!exists)
        return exists.takeError();
    // Refuse what the store would refuse before anything is created, so a bad import leaves no trace at all
    // (no branch, no operation record).
    if (Result<void> importable = checkImportable(m_store, branch, exists.value(), rows, overwrite);
        !importable)
        return importable.takeError();
    if (!exists.value()) {
        if (Result<void> created = m_store.createBranch(branch, QString(), false); !created)
            return created.takeError();
        result.targetCreated = true;
    }

    OperationRecord record;
    record.kind = OperationKind::Import;
    record.targetBranch = branch;
    record.overwrite = overwrite;
    record.createdTargetBranch = result.targetCreated;
    record.user = m_user;
    const JournaledWrite::Wording wording{QStringLiteral("importing"), QStringLiteral("imported"),
                                          QStringLiteral(" (removing the new branch also failed: %1)")};
    JournaledWrite journal(m_store, record, wording, [&](const CopyResult &done) {
        return importAudit(m_user, branch, rows.size(), overwrite, done);
    });
    if (Result<void> begun = journal.begin(result); !begun)
        return begun.takeError();

    // One store batch, so a bad row leaves the branch exactly as it was.
    result.batchesTotal = 1;
    const auto writeAll = [&](qint64 operationId, int) {
        return m_store.writeRows(operationId, branch, rows, overwrite);
    };
    const auto failureText = [&](int, const QString &error) {
        return QStringLiteral("import into %1 failed, nothing was written: %2").arg(quoted(branch), error);
    };
    if (Result<void> written =
            journal.writeBatches(result, rows.size(), int(rows.size()), writeAll, failureText, control);
        !written)
        return written.takeError();
    if (Result<void> finished = journal.finish(result); !finished)
        return finished.takeError();
    return result;
}

Result<QList<LabelRowDocument>> Engine::exportRows(const QString &branch, int bundleSize,
                                                   const JobControl &control)
{
    if (bundleSize < kMinBatchSize || bundleSize > kMaxBatchSize)
        return fail(ErrorKind::Usage, QStringLiteral("bundle size must be between %1 and %2, got %3")
                                          .arg(kMinBatchSize)
                                          .arg(kMaxBatchSize)
                                          .arg(bundleSize));
    if (Result<void> exists = BranchChecks::requireBranch(m_store, branch, QStringLiteral("branch")); !exists)
        return exists.takeError();

    RowQuery query;
    query.branch = branch;
    const Result<QList<LabelRowSummary>> listed = m_store.listRows(query);
    if (!listed)
        return listed.takeError();
    QStringList labelHashes;
    labelHashes.reserve(listed->size());
    for (const LabelRowSummary &row : listed.value()) {
        if (row.isInitialised())
            labelHashes.append(row.labelHash);
    }

    QList<LabelRowDocument> documents;
    documents.reserve(labelHashes.size());
    const int bundles = int((labelHashes.size() + bundleSize - 1) / bundleSize);
    for (int bundle = 0; bundle < bundles; ++bundle) {
        if (bundle > 0 && control.isCancelled())
            return fail(ErrorKind::Cancelled, QStringLiteral("export cancelled"));
        const QStringList hashes = labelHashes.mid(qsizetype(bundle) * bundleSize, bundleSize);
        Result<QList<LabelRowDocument>> fetched = m_store.fetchContents(branch, hashes);
        if (!fetched)
            return fail(QStringLiteral("reading bundle %1 of %2 of branch %3 failed: %4")
                            .arg(bundle + 1)
                            .arg(bundles)
                            .arg(quoted(branch), fetched.error()));
        documents.append(std::move(fetched.value()));

        Progress progress;
        progress.done = documents.size();
        progress.total = labelHashes.size();
        progress.batchesDone = bundle + 1;
        progress.batchesTotal = bundles;
        progress.stage = QStringLiteral("fetching labels");
        control.report(progress);
    }
    return documents;
}

} // namespace lb
